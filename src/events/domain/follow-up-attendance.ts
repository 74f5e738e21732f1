import { fromDayNumber, MAX_DAY, toDayNumber } from '../../common/dates.ts';
import { kaplanMeier, type Subject } from './follow-up-curve.ts';
import { firstFrom, headerOf, observe, type ActionIndex, type Dated } from './follow-up-index.ts';
import type {
  AttendanceFollowUp,
  FollowUpEvent,
  GroupCurves,
  InstrumentFollowUp,
  StateFollowUp,
} from './follow-up-types.ts';

/** What one event contributes to a group's curves: subjects and exclusions per instrument. */
export interface Cohort {
  subjects: Map<string, Subject[]>;
  excluded: Map<string, number>;
}

export interface AttendanceContext {
  index: ActionIndex;
  requests: Map<string, Dated[]>;
  asOfDay: number;
  windowDays: number;
}

export const emptyCohort = (): Cohort => ({ subjects: new Map(), excluded: new Map() });

function pairFollowUp(
  history: { signatures: Dated[]; consents: Dated[] } | undefined,
  instrumentId: string,
  span: { startDay: number; endDay: number; windowDays: number },
): InstrumentFollowUp {
  const consentBefore = history?.consents[0]?.day !== undefined && history.consents[0].day < span.startDay;
  const signedBefore = history?.signatures[0]?.day !== undefined && history.signatures[0].day < span.startDay;
  const seen = (d: Dated | null) => (d ? observe(d, span.endDay, span.windowDays) : null);
  return {
    instrumentId,
    standingBefore: consentBefore ? 'party' : signedBefore ? 'signatory' : 'none',
    atRisk: !consentBefore,
    excludedBecause: consentBefore
      ? `already a party before the event began (consent on ${history?.consents[0]?.date})`
      : null,
    signature: consentBefore || signedBefore ? null : seen(firstFrom(history?.signatures, span.startDay)),
    // Nothing dated before the event's first day counts: a party before it is no subject at all.
    consent: consentBefore ? null : seen(firstFrom(history?.consents, span.startDay)),
  };
}

/** Each State of the group on each agenda instrument, and the group's cohort for the curves. */
function followGroup(
  states: readonly string[],
  instruments: readonly string[],
  ctx: AttendanceContext,
  span: { startDay: number; endDay: number; observedDays: number },
): { rows: StateFollowUp[]; cohort: Cohort } {
  const cohort = emptyCohort();
  const pairSpan = { ...span, windowDays: ctx.windowDays };
  const rows = states.map((participantId) => {
    const byInstrument = ctx.index.get(participantId);
    const request = firstFrom(ctx.requests.get(participantId), span.startDay);
    const pairs = instruments.map((instrumentId) => {
      const pair = pairFollowUp(byInstrument?.get(instrumentId), instrumentId, pairSpan);
      if (!pair.atRisk) {
        cohort.excluded.set(instrumentId, (cohort.excluded.get(instrumentId) ?? 0) + 1);
      } else {
        let list = cohort.subjects.get(instrumentId);
        if (!list) cohort.subjects.set(instrumentId, (list = []));
        const counted = pair.consent?.withinWindow === true;
        list.push({
          day: counted ? (pair.consent?.daysAfterEnd ?? 0) : span.observedDays,
          consented: counted,
        });
      }
      return pair;
    });
    return {
      participantId,
      assistanceRequest: request ? observe(request, span.endDay, ctx.windowDays) : null,
      instruments: pairs,
    };
  });
  return { rows, cohort };
}

/** Curves of a cohort: every instrument pooled, and each instrument alone (in the order given). */
export function curvesOf(cohort: Cohort, instruments: readonly string[]): GroupCurves {
  const all: Subject[] = [];
  let excludedAll = 0;
  const byInstrument = instruments.map((instrumentId) => {
    const subjects = cohort.subjects.get(instrumentId) ?? [];
    const excluded = cohort.excluded.get(instrumentId) ?? 0;
    for (const s of subjects) all.push(s);
    excludedAll += excluded;
    return { instrumentId, curve: kaplanMeier(subjects, excluded) };
  });
  return { all: kaplanMeier(all, excludedAll), byInstrument };
}

/** Adds one event's cohort to a pooled one: each State–instrument pair of each event is one subject. */
export function pool(into: Cohort, from: Cohort): void {
  for (const [id, list] of from.subjects) {
    const target = into.subjects.get(id);
    if (target) for (const s of list) target.push(s);
    else into.subjects.set(id, [...list]);
  }
  for (const [id, n] of from.excluded) into.excluded.set(id, (into.excluded.get(id) ?? 0) + n);
}

const sortedUnique = (ids: readonly string[]) => [...new Set(ids)].sort();

/**
 * Mode (a), attendance known. Attending States against the States invited (or, when invitations are not
 * recorded, the target States) that did not attend, over the same window: the event's last day plus
 * `windowDays`, cut at the data's "as at" day.
 */
export function attendanceFollowUp(
  e: FollowUpEvent & { attended: readonly string[] },
  instruments: { ids: string[]; from: AttendanceFollowUp['instrumentsFrom'] },
  ctx: AttendanceContext,
): { view: AttendanceFollowUp; attendees: Cohort; comparison: Cohort } {
  const startDay = toDayNumber(e.start);
  const endDay = toDayNumber(e.end);
  const windowEnd = Math.min(endDay + ctx.windowDays, MAX_DAY);
  const observedUntilDay = Math.min(windowEnd, ctx.asOfDay);
  const span = { startDay, endDay, observedDays: Math.max(0, observedUntilDay - endDay) };
  const attendeeIds = sortedUnique(e.attended);
  const attending = new Set(attendeeIds);
  const comparisonIds = sortedUnique(e.invited ?? e.targetStates).filter((id) => !attending.has(id));
  const attendees = followGroup(attendeeIds, instruments.ids, ctx, span);
  const comparison = followGroup(comparisonIds, instruments.ids, ctx, span);
  const comparisonFrom = e.invited ? 'invited' : 'target States (invitations not recorded)';
  const view: AttendanceFollowUp = {
    mode: 'attendance',
    ...headerOf(e, instruments),
    comparisonFrom,
    observedUntil: fromDayNumber(observedUntilDay),
    observedDays: span.observedDays,
    censoredBy: ctx.asOfDay < windowEnd ? 'as-of date' : 'window',
    shown:
      `Of the attending States that were not yet parties when the event began, the share that consented to be bound ` +
      `within ${ctx.windowDays} days after it ended (observed to ${fromDayNumber(observedUntilDay)}), against the ` +
      `${e.invited ? 'invited' : 'target'} States that did not attend, over the same days. "After" is a matter of ` +
      `dates: it does not show that the event led to the consent.`,
    attendees: attendees.rows,
    comparison: comparison.rows,
    curves: {
      attendees: curvesOf(attendees.cohort, instruments.ids),
      comparison: curvesOf(comparison.cohort, instruments.ids),
    },
  };
  return { view, attendees: attendees.cohort, comparison: comparison.cohort };
}
