// What happened after an event (issue 14, item 7): which States signed or consented to be bound to the
// instruments on its agenda afterwards, how many days later, and which asked for technical assistance;
// attending States against invited States that stayed away, as Kaplan–Meier curves with their tables; or,
// where attendance is not known, the target States' consents in the months before and after. Pure: no I/O,
// calendar days as `YYYY-MM-DD` strings (src/common/dates.ts). The wording says "after", never that an
// event caused a consent: dates alone cannot show that.
import { attendanceFollowUp, curvesOf, emptyCohort, pool, type Cohort } from './follow-up-attendance.ts';
import { indexActions, indexRequests } from './follow-up-index.ts';
import { checkFollowUpInput } from './follow-up-input.ts';
import { regionFollowUp } from './follow-up-region.ts';
import type {
  EventFollowUp,
  FollowUpEvent,
  FollowUpInput,
  FollowUpReport,
  KindFollowUp,
} from './follow-up-types.ts';

export type * from './follow-up-types.ts';
export { DEFAULT_MONTHS_AROUND, DEFAULT_WINDOW_DAYS, FOLLOW_UP_LIMITS } from './follow-up-input.ts';

type InstrumentsFrom = 'agenda' | 'all instruments (agenda not recorded)';

/** The agenda in the registry's order (instruments the registry does not list come last, sorted). */
function agendaOf(e: FollowUpEvent, registry: readonly string[]): { ids: string[]; from: InstrumentsFrom } {
  if (e.instruments.length === 0)
    return { ids: [...registry], from: 'all instruments (agenda not recorded)' };
  const rank = (id: string) => {
    const i = registry.indexOf(id);
    return i < 0 ? registry.length : i;
  };
  const ids = [...new Set(e.instruments)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { ids, from: 'agenda' };
}

type KindTotals = { before: number; during: number; after: number };

interface KindAccumulator {
  events: number;
  attendanceEvents: number;
  regionEvents: number;
  attendees: Cohort;
  comparison: Cohort;
  region: Map<string, KindTotals>;
}

function kindSummary(kind: string, acc: KindAccumulator, registry: readonly string[], months: number) {
  const followed = new Set<string>();
  for (const c of [acc.attendees, acc.comparison])
    for (const id of [...c.subjects.keys(), ...c.excluded.keys()]) followed.add(id);
  const instruments = [...registry];
  for (const id of [...followed, ...acc.region.keys()]) if (!instruments.includes(id)) instruments.push(id);
  const curveInstruments = instruments.filter((id) => followed.has(id));
  const byInstrument = instruments
    .filter((id) => acc.region.has(id))
    .map((instrumentId) => ({ instrumentId, ...(acc.region.get(instrumentId) as KindTotals) }));
  const sum = (key: keyof KindTotals) => byInstrument.reduce((n, r) => n + r[key], 0);
  const summary: KindFollowUp = {
    kind,
    events: acc.events,
    attendanceEvents: acc.attendanceEvents,
    regionEvents: acc.regionEvents,
    shown:
      `${acc.events} events of this kind pooled. ${acc.attendanceEvents} with attendance recorded: attending ` +
      `States against invited States that did not attend, each State–instrument pair once per event, each ` +
      `event observed over its own window. ${acc.regionEvents} without: consents in the target States in the ` +
      `${months} months before and the ${months} months after each event, summed over the events. "After" is ` +
      `a matter of dates, not a finding that the events led to the consents.`,
    curves: {
      attendees: curvesOf(acc.attendees, curveInstruments),
      comparison: curvesOf(acc.comparison, curveInstruments),
    },
    region: { byInstrument, totals: { before: sum('before'), during: sum('during'), after: sum('after') } },
  };
  return summary;
}

const byStartThenId = (a: FollowUpEvent, b: FollowUpEvent) =>
  a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The follow-up of each event and of each kind of event, as at `input.asOf`.
 *
 * Rules: an action dated before an event's first day never counts for it (a State already a party then is
 * left out of the denominator, and the row says so); the event's own days count as day 0; each
 * State–instrument pair is counted once per event, at its first signature and its first consent; the
 * curves count consents within `windowDays` of the last day and censor at that window or at `asOf`,
 * whichever comes first; nothing dated after `asOf` is used (it is counted in `ignoredAfterAsOf`).
 * Actions carry exact days: callers leave out dates given only to the month or year (and may say how
 * many). Denunciations are not input: a State with a consent before the event counts as a party then.
 * The input order never changes the result. Bad or oversized input is a DomainError 'validation'
 * naming its field (limits: FOLLOW_UP_LIMITS).
 */
export function computeFollowUp(input: FollowUpInput): FollowUpReport {
  const options = checkFollowUpInput(input);
  const { registry, asOf, asOfDay, windowDays, monthsAround } = options;
  const actions = indexActions(input.actions, asOfDay);
  const requests = indexRequests(input.assistanceRequests ?? [], asOfDay);
  const ctx = { index: actions.index, requests: requests.index, asOfDay, windowDays };
  const kinds = new Map<string, KindAccumulator>();
  const events: EventFollowUp[] = [...input.events].sort(byStartThenId).map((e) => {
    let acc = kinds.get(e.kind);
    if (!acc) {
      acc = {
        events: 0,
        attendanceEvents: 0,
        regionEvents: 0,
        attendees: emptyCohort(),
        comparison: emptyCohort(),
        region: new Map(),
      };
      kinds.set(e.kind, acc);
    }
    acc.events++;
    const agenda = agendaOf(e, registry);
    if (e.attended !== null) {
      acc.attendanceEvents++;
      const result = attendanceFollowUp({ ...e, attended: e.attended }, agenda, ctx);
      pool(acc.attendees, result.attendees);
      pool(acc.comparison, result.comparison);
      return result.view;
    }
    acc.regionEvents++;
    const view = regionFollowUp(e, agenda, actions.index, { months: monthsAround, asOf });
    for (const row of view.byInstrument) {
      const t = acc.region.get(row.instrumentId) ?? { before: 0, during: 0, after: 0 };
      t.before += row.before.length;
      t.during += row.during.length;
      t.after += row.after.length;
      acc.region.set(row.instrumentId, t);
    }
    return view;
  });
  const byKind = [...kinds.keys()]
    .sort()
    .map((kind) => kindSummary(kind, kinds.get(kind) as KindAccumulator, registry, monthsAround));
  return {
    asOf,
    windowDays,
    monthsAround,
    events,
    byKind,
    ignoredAfterAsOf: { actions: actions.ignored, assistanceRequests: requests.ignored },
  };
}
