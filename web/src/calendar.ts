// Calendar arithmetic for the date controls: YYYY-MM-DD strings and month indexes, never JavaScript Date
// for the calendar fact itself (Date.UTC is used only to count days, in UTC, where no time zone can shift them).

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months since January of year 0 for "YYYY-MM-…" (a slider position). */
export function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** The last day of the month at `index`, but never after `cap` (today). */
export function monthEnd(index: number, cap: string): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`;
  return date > cap ? cap : date;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date; for positions on a time axis. */
export function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

export function fromDayNumber(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}
