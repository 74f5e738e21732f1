import { fromDayNumber, MAX_DAY, toDayNumber } from '../../common/dates.ts';
import { censoredOn, consentedOn, kaplanMeierOfCodes } from './follow-up-curve.ts';
import {
  firstFrom,
  headerOf,
  observe,
  type ActionIndex,
  type Dated,
  type PairHistory,
} from './follow-up-index.ts';
import type {
  AttendanceFollowUp,
  FollowUpEvent,
  GroupCurves,
  InstrumentFollowUp,
  StateFollowUp,
} from './follow-up-types.ts';

/** What one event contributes to a group's curves: subjects and exclusions per instrument. */
export interface Cohort {
  /** Subjects by instrument, each as its `subjectCode`. */
  subjects: Map<string, number[]>;
  excluded: Map<string, number>;
}

export interface AttendanceContext {
  index: ActionIndex;
  requests: Map<string, Dated[]>;
  asOfDay: number;
  windowDays: number;
}

export const emptyCohort = (): Cohort => ({ subjects: new Map(), excluded: new Map() });

type Span = { startDay: number; endDay: number; windowDays: number; observedDays: number };

// The two functions below run once per State and instrument of every event (about 130,000 times for
// 300 events × 193 States): plain loops, no closures, one object per answer.

function pairFollowUp(
  history: PairHistory | undefined,
  instrumentId: string,
  span: Span,
): InstrumentFollowUp {
  const firstConsent = history?.consents[0];
  const firstSignature = history?.signatures[0];
  // Nothing dated before the event's first day counts: a party before it is no subject at all.
  const partyBefore = firstConsent !== undefined && firstConsent.day < span.startDay;
  const signedBefore = firstSignature !== undefined && firstSignature.day < span.startDay;
  const signature = partyBefore || signedBefore ? null : firstFrom(history?.signatures, span.startDay);
  const consent = partyBefore ? null : firstFrom(history?.consents, span.startDay);
  return {
    instrumentId,
    standingBefore: partyBefore ? 'party' : signedBefore ? 'signatory' : 'none',
    atRisk: !partyBefore,
    excludedBecause: partyBefore
      ? `already a party before the event began (consent on ${firstConsent.date})`
      : null,
    signature: signature && observe(signature, span.endDay, span.windowDays),
    consent: consent && observe(consent, span.endDay, span.windowDays),
  };
}

/** Each State of the group on each agenda instrument, and the group's cohort for the curves. */
function followGroup(
  states: readonly string[],
  instruments: readonly string[],
  ctx: AttendanceContext,
  span: Span,
): { rows: StateFollowUp[]; cohort: Cohort } {
  const cohort = emptyCohort();
  const subjects: number[][] = instruments.map((id) => {
    const list: number[] = [];
    cohort.subjects.set(id, list);
    return list;
  });
  const excluded = instruments.map(() => 0);
  const rows: StateFollowUp[] = [];
  for (const participantId of states) {
    const byInstrument = ctx.index.get(participantId);
    const request = firstFrom(ctx.requests.get(participantId), span.startDay);
    const pairs: InstrumentFollowUp[] = [];
    for (let i = 0; i < instruments.length; i++) {
      const pair = pairFollowUp(byInstrument?.get(instruments[i] as string), instruments[i] as string, span);
      pairs.push(pair);
      if (!pair.atRisk) excluded[i] = (excluded[i] as number) + 1;
      else if (pair.consent?.withinWindow)
        (subjects[i] as number[]).push(consentedOn(pair.consent.daysAfterEnd));
      else (subjects[i] as number[]).push(censoredOn(span.observedDays));
    }
    rows.push({
      participantId,
      assistanceRequest: request && observe(request, span.endDay, ctx.windowDays),
      instruments: pairs,
    });
  }
  instruments.forEach((id, i) => cohort.excluded.set(id, excluded[i] as number));
  return { rows, cohort };
}

/** Curves of a cohort: every instrument pooled, and each instrument alone (in the order given). */
export function curvesOf(cohort: Cohort, instruments: readonly string[]): GroupCurves {
  const all: number[] = [];
  let excludedAll = 0;
  const byInstrument = instruments.map((instrumentId) => {
    const subjects = cohort.subjects.get(instrumentId) ?? [];
    const excluded = cohort.excluded.get(instrumentId) ?? 0;
    for (const s of subjects) all.push(s);
    excludedAll += excluded;
    return { instrumentId, curve: kaplanMeierOfCodes(subjects, excluded) };
  });
  return { all: kaplanMeierOfCodes(all, excludedAll), byInstrument };
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
  const span: Span = {
    startDay,
    endDay,
    windowDays: ctx.windowDays,
    observedDays: Math.max(0, observedUntilDay - endDay),
  };
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
      `dates: it does not show that the event led to the consent.` +
      (ctx.asOfDay < endDay
        ? " The event ends after the data's as-at day: nothing after it is known yet."
        : ''),
    attendees: attendees.rows,
    comparison: comparison.rows,
    curves: {
      attendees: curvesOf(attendees.cohort, instruments.ids),
      comparison: curvesOf(comparison.cohort, instruments.ids),
    },
  };
  return { view, attendees: attendees.cohort, comparison: comparison.cohort };
}
