// How long a project may run. Its budget is reported in periods of at most a year (IATI), so its length
// bounds that work; an "open-ended" end date such as 9999-12-31 is not a plan but a placeholder, and once
// made the IATI export loop for eight thousand years. Fifty years is longer than any programme of the Fund
// (the longest-running global programmes date from 1999) and keeps every sum over the period small.
import { addMonthsWithin, type IsoDate } from '../../common/dates.ts';

export const MAX_PROJECT_YEARS = 50;

/** Why a project's period is not one, or null when it is. */
export function projectPeriodProblem(startsOn: IsoDate, endsOn: IsoDate): string | null {
  if (endsOn < startsOn) return 'the project ends before it starts';
  const limit = addMonthsWithin(startsOn, 12 * MAX_PROJECT_YEARS);
  if (limit !== null && endsOn >= limit)
    return `a project runs at most ${MAX_PROJECT_YEARS} years: it must end before ${limit}`;
  return null;
}
