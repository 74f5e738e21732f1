// Calendar dates are `YYYY-MM-DD` strings, never JavaScript `Date`: a treaty date is a day in the
// depositary's calendar, not a moment, and `Date` shifts days across time zones. All calendar
// arithmetic of the project lives here, on whole days counted from 1970-01-01 (proleptic Gregorian),
// using the integer civil-date algorithm (H. Hinnant, "chrono-compatible low-level date algorithms").

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar day written `YYYY-MM-DD` (2003-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function assertIsoDate(text: string, what = 'date'): IsoDate {
  if (!isIsoDate(text))
    throw new RangeError(`${what} must be a real calendar day written YYYY-MM-DD, got "${text}"`);
  return text;
}

/**
 * The calendar the project works in: years 0001 to 9999, the years `YYYY-MM-DD` can write. Every function
 * here either returns a date inside it or throws a RangeError; none produces a five-digit or zero year,
 * which would sort wrongly as text ("10000-01-01" < "2026-01-01") and be misread by fixed slicing.
 */
export const MIN_DATE: IsoDate = '0001-01-01';
export const MAX_DATE: IsoDate = '9999-12-31';

function civilToDays(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Day numbers of MIN_DATE and MAX_DATE (-719162 and 2932896). */
export const MIN_DAY = civilToDays(1, 1, 1);
export const MAX_DAY = civilToDays(9999, 12, 31);

/** Days since 1970-01-01 of a real calendar day; anything else (a 5-digit year, 2003-02-30) is a RangeError. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar day written YYYY-MM-DD: "${date}"`);
  return civilToDays(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function assertDayInRange(days: number): void {
  if (!Number.isSafeInteger(days) || days < MIN_DAY || days > MAX_DAY)
    throw new RangeError(`day ${days} is outside the calendar (${MIN_DATE} to ${MAX_DATE})`);
}

export function fromDayNumber(days: number): IsoDate {
  assertDayInRange(days);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * "Xth day after D" in the final clauses = D + X calendar days (2003-07-01 + 90 = 2003-09-29). A result
 * outside the calendar is a RangeError; use `addDaysWithin` where such a result has a meaning.
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** D + X days, or null when that day lies outside 0001-01-01..9999-12-31. */
export function addDaysWithin(date: IsoDate, days: number): IsoDate | null {
  const n = toDayNumber(date) + days;
  return Number.isSafeInteger(n) && n >= MIN_DAY && n <= MAX_DAY ? fromDayNumber(n) : null;
}

/** Same day N months later, or null outside the calendar; a day the month lacks falls back to the month's last day. */
export function addMonthsWithin(date: IsoDate, months: number): IsoDate | null {
  toDayNumber(date);
  if (!Number.isSafeInteger(months)) throw new RangeError(`not a whole number of months: ${months}`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  if (ny < 1 || ny > 9999) return null;
  const nm = total - ny * 12 + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** Same day N months later (31 Jan + 1 month = 28/29 Feb); a result outside the calendar is a RangeError. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const result = addMonthsWithin(date, months);
  if (result === null)
    throw new RangeError(`${date} + ${months} months is outside the calendar (${MIN_DATE} to ${MAX_DATE})`);
  return result;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The precision a source gives for a date: the day, only the month, only the year, or nothing. */
export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';

/**
 * A date as a source gives it. Reduced precision is kept as given and never filled in: the engine works
 * with the interval [earliest, latest] it stands for, and says so when that is too wide to answer.
 */
export interface PartialDate {
  text: string | null;
  precision: DatePrecision;
  earliest: IsoDate | null;
  latest: IsoDate | null;
}

const YEAR = /^(\d{4})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or empty; returns null when the text is none of those. */
export function parsePartialDate(text: string | null | undefined): PartialDate | null {
  const t = (text ?? '').trim();
  if (t === '') return { text: null, precision: 'unknown', earliest: null, latest: null };
  if (isIsoDate(t)) return { text: t, precision: 'day', earliest: t, latest: t };
  let m = YEAR_MONTH.exec(t);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12 || y < 1) return null;
    return {
      text: t,
      precision: 'month',
      earliest: `${t}-01`,
      latest: `${t}-${String(daysInMonth(y, mo)).padStart(2, '0')}`,
    };
  }
  m = YEAR.exec(t);
  if (m && Number(m[1]) >= 1)
    return { text: t, precision: 'year', earliest: `${t}-01-01`, latest: `${t}-12-31` };
  return null;
}

/** Narrows a partial date by outside bounds (e.g. "not a party in the 2014 snapshot", "a party by 2020-01"). */
export function boundPartialDate(
  date: PartialDate,
  notBefore: IsoDate | null,
  notAfter: IsoDate | null,
): PartialDate {
  let earliest = date.earliest;
  let latest = date.latest;
  if (notBefore && (earliest === null || notBefore > earliest)) earliest = notBefore;
  if (notAfter && (latest === null || notAfter < latest)) latest = notAfter;
  return { ...date, earliest, latest };
}

/** The latest date a partial-date bound can stand for: `2016-06` → 2016-06-30, `2017` → 2017-12-31. */
export function latestDayOf(text: string | null | undefined): IsoDate | null {
  return parsePartialDate(text)?.latest ?? null;
}
