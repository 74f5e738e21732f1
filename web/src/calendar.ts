// Calendar arithmetic for the date controls: YYYY-MM-DD strings and month indexes, on the server's date module
// (src/common/dates.ts), so the web counts days as the engine does and never leaves years 0001-9999. Date.UTC
// read years 0-99 as 1900-1999.
import { daysInMonth } from '../../src/common/dates.ts';

export {
  addDays,
  daysInMonth as lastDayOfMonth,
  fromDayNumber,
  // Days since 1970-01-01 of a YYYY-MM-DD date: positions on a time axis.
  toDayNumber as dayNumber,
} from '../../src/common/dates.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Months since January of year 0 for "YYYY-MM-…" (a slider position). */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** The last day of the month at `index`, but never after `cap` (today). */
export function monthEnd(index: number, cap: string): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(daysInMonth(year, month))}`;
  return date > cap ? cap : date;
}
