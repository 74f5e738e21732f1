// The follow-up as text, for the command line: what it shows, then one line per instrument.
import type { EventFollowUpView, KindFollowUpView } from '../follow-up-contract.ts';

const list = (ids: readonly string[]): string => (ids.length > 0 ? ids.join(' ') : '—');

export function followUpTable(view: EventFollowUpView | KindFollowUpView): string {
  const lines = [`as at ${view.asOf}`];
  if ('followUp' in view) {
    const f = view.followUp;
    lines.push(`event ${f.eventId} (${f.kind.replace(/_/g, ' ')}), ${f.start} to ${f.end}`, f.shown);
    if (f.mode === 'region') {
      lines.push(
        `before ${f.periods.before.from ?? '—'} to ${f.periods.before.to ?? '—'}; after ${f.periods.after.from ?? '—'} to ${f.periods.after.to ?? '—'}`,
        'instrument  before  during  after  States before | States after',
      );
      for (const i of f.byInstrument) {
        lines.push(
          `${i.instrumentId.padEnd(10)} ${String(i.before.length).padStart(7)} ${String(i.during.length).padStart(7)} ${String(i.after.length).padStart(6)}  ${list(i.before)} | ${list(i.after)}`,
        );
      }
      lines.push(
        `${'all'.padEnd(10)} ${String(f.totals.before).padStart(7)} ${String(f.totals.during).padStart(7)} ${String(f.totals.after).padStart(6)}`,
      );
    } else {
      const a = f.curves.attendees.all;
      const c = f.curves.comparison.all;
      lines.push(
        `attending: ${a.consented} of ${a.atRiskAtStart} State–instrument pairs consented (share ${a.finalShare.toFixed(3)})`,
        `comparison (${f.comparisonFrom}): ${c.consented} of ${c.atRiskAtStart} (share ${c.finalShare.toFixed(3)})`,
      );
    }
    return lines.join('\n');
  }
  lines.push(`${view.events} held event(s) of kind ${view.kind.replace(/_/g, ' ')}`, view.shown);
  lines.push('instrument  before  during  after');
  for (const i of view.region.byInstrument) {
    lines.push(
      `${i.instrumentId.padEnd(10)} ${String(i.before).padStart(7)} ${String(i.during).padStart(7)} ${String(i.after).padStart(6)}`,
    );
  }
  const t = view.region.totals;
  lines.push(
    `${'all'.padEnd(10)} ${String(t.before).padStart(7)} ${String(t.during).padStart(7)} ${String(t.after).padStart(6)}`,
  );
  return lines.join('\n');
}
