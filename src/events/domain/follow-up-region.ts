import {
  addDaysWithin,
  addMonthsWithin,
  MAX_DATE,
  MIN_DATE,
  toDayNumber,
  type IsoDate,
} from '../../common/dates.ts';
import { anyBetween, headerOf, type ActionIndex } from './follow-up-index.ts';
import type {
  FollowUpEvent,
  PeriodWindow,
  RegionFollowUp,
  RegionInstrumentCounts,
} from './follow-up-types.ts';

const EMPTY: PeriodWindow = { from: null, to: null, cutAtAsOf: false };

/** A period from..to (either null: the period is outside the calendar), cut at the "as at" day. */
function period(from: IsoDate | null, to: IsoDate | null, asOf: IsoDate): PeriodWindow {
  if (from === null || to === null || to < from) return EMPTY;
  if (from > asOf) return { from: null, to: null, cutAtAsOf: true };
  return to > asOf ? { from, to: asOf, cutAtAsOf: true } : { from, to, cutAtAsOf: false };
}

/**
 * The three periods compared: the `months` calendar months before the first day (start − N months up to
 * the day before the start), the event's own days, and the N months after the last day (the day after the
 * end up to end + N months). A month is a calendar month (`addMonthsWithin`: 31 Jan + 1 = 28/29 Feb).
 */
export function regionPeriods(
  start: IsoDate,
  end: IsoDate,
  months: number,
  asOf: IsoDate,
): RegionFollowUp['periods'] {
  return {
    before: period(addMonthsWithin(start, -months) ?? MIN_DATE, addDaysWithin(start, -1), asOf),
    during: period(start, end, asOf),
    after: period(addDaysWithin(end, 1), addMonthsWithin(end, months) ?? MAX_DATE, asOf),
  };
}

const statesWithConsent = (
  states: readonly string[],
  instrumentId: string,
  index: ActionIndex,
  w: PeriodWindow,
): string[] => {
  if (w.from === null || w.to === null) return [];
  const from = toDayNumber(w.from);
  const to = toDayNumber(w.to);
  return states.filter((s) => anyBetween(index.get(s)?.get(instrumentId)?.consents, from, to));
};

/**
 * Mode (b), attendance not known (the historical events name no attendees): the target States' consents to
 * be bound in the months before the event and in the months after it, by instrument, each State–instrument
 * pair counted once a period. This compares two periods for the whole target group, nothing more.
 */
export function regionFollowUp(
  e: FollowUpEvent,
  instruments: { ids: string[]; from: RegionFollowUp['instrumentsFrom'] },
  index: ActionIndex,
  options: { months: number; asOf: IsoDate },
): RegionFollowUp {
  const states = [...new Set(e.targetStates)].sort();
  const periods = regionPeriods(e.start, e.end, options.months, options.asOf);
  const byInstrument: RegionInstrumentCounts[] = instruments.ids.map((instrumentId) => ({
    instrumentId,
    before: statesWithConsent(states, instrumentId, index, periods.before),
    during: statesWithConsent(states, instrumentId, index, periods.during),
    after: statesWithConsent(states, instrumentId, index, periods.after),
  }));
  const total = (key: 'before' | 'during' | 'after') =>
    byInstrument.reduce((n, row) => n + row[key].length, 0);
  const m = options.months;
  return {
    mode: 'region',
    ...headerOf(e, instruments),
    targetStates: states.length,
    monthsAround: m,
    shown:
      `Consents to be bound (ratification, acceptance, approval, accession, succession) by the ${states.length} ` +
      `target States in the ${m} months before the event and in the ${m} months after it. Attendance is not ` +
      `recorded for this event, so this compares two periods for the whole target group, not attending States ` +
      `with others; a consent after the event is not shown to be its result.`,
    periods,
    byInstrument,
    totals: { before: total('before'), during: total('during'), after: total('after') },
  };
}
