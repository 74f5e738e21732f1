// The dashboard's figures: for each instrument its counts today, its entry into force, the newest actions,
// and the parties over time (one point at every date on which a count changes). Computed from the
// in-memory registry and memoised per version; no SQL.
import type { ServiceContext } from '../../context.ts';
import type { IsoDate } from '../../common/dates.ts';
import { statusAsAt, type StatusCounts } from '../domain/status.ts';
import type { ComputedDate, InstrumentComputation } from '../domain/types.ts';
import { memo, type RegistrySnapshot } from '../registry-state.ts';

export interface TimelinePoint {
  on: IsoDate;
  parties: number;
  contractingParties: number;
  signatories: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every day on which some participant's state may change: a state changes only where a date (exact or a
 * range) begins or ends, because `reached()` compares with the bounds alone.
 */
function changeDays(computation: InstrumentComputation, today: IsoDate): IsoDate[] {
  const days = new Set<IsoDate>();
  const add = (d: { earliest: string | null; latest: string | null } | null | undefined) => {
    for (const x of [d?.earliest, d?.latest]) if (x && DAY.test(x) && x <= today) days.add(x);
  };
  add(computation.entry.eif);
  for (const record of computation.parties.values()) {
    add(record.signature?.date);
    for (const p of record.participations) {
      add(p.consent);
      add(p.eif as ComputedDate);
      add(p.denunciation?.notified);
      add(p.denunciation?.effective);
    }
  }
  return [...days].sort();
}

export function partiesOverTime(computation: InstrumentComputation, today: IsoDate): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  for (const on of changeDays(computation, today)) {
    const c: StatusCounts = statusAsAt(computation, on).counts;
    const last = points[points.length - 1];
    if (
      last &&
      last.parties === c.partiesInForce &&
      last.contractingParties === c.contractingParties &&
      last.signatories === c.signatories
    )
      continue;
    points.push({
      on,
      parties: c.partiesInForce,
      contractingParties: c.contractingParties,
      signatories: c.signatories,
    });
  }
  return points;
}

/** The newest recorded actions on an instrument, by the date of the action (undated ones last). */
function newestActions(snapshot: RegistrySnapshot, instrumentId: string, limit: number) {
  return snapshot.actions
    .filter((a) => a.instrumentId === instrumentId && a.date.text)
    .sort((a, b) => (b.date.text ?? '').localeCompare(a.date.text ?? '') || b.id - a.id)
    .slice(0, limit)
    .map((a) => ({
      actionId: a.id,
      participantId: a.participantId,
      name: snapshot.participantsById.get(a.participantId)?.name ?? a.participantId,
      kind: a.kind,
      date: a.date.text,
    }));
}

export async function getDashboard(ctx: ServiceContext) {
  const snapshot = await ctx.registry.snapshot();
  const today = ctx.clock.today();
  return memo(snapshot, `dashboard:${today}`, () => ({
    asOf: today,
    instruments: snapshot.instruments.map((i) => {
      const computation = snapshot.computations.get(i.id) as InstrumentComputation;
      const status = statusAsAt(computation, today);
      return {
        instrumentId: i.id,
        mtdsgNo: i.mtdsgNo,
        instrumentInForce: status.instrumentInForce,
        entryIntoForce: computation.entry.eif,
        counts: status.counts,
        newest: newestActions(snapshot, i.id, 5),
        timeline: partiesOverTime(computation, today),
      };
    }),
  }));
}
