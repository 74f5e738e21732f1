// Dates and numbers for display, by locale, with Intl. Dates from the API are ISO text that may be partial
// ("2017-06", "2017") when the source gives only a month or a year; they are calendar dates, so they are
// formatted in UTC to avoid any shift by the browser's time zone.
import type { TFunction } from 'i18next';
import type { ComputedDate } from './api.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string, precision: 'day' | 'month' | 'year'): Intl.DateTimeFormat {
  const key = `${locale}|${precision}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      precision === 'day'
        ? { day: 'numeric', month: 'long', year: 'numeric' }
        : precision === 'month'
          ? { month: 'long', year: 'numeric' }
          : { year: 'numeric' };
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** "2003-09-29" → "29 September 2003" (en-GB) or "29 septembre 2003" (fr-FR); partial dates keep their precision. */
export function formatDate(text: string, locale: string): string {
  const m = ISO_DATE.exec(text);
  if (!m) return text;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(2000, mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  // Set apart: Date.UTC reads years 0-99 as 1900-1999.
  date.setUTCFullYear(Number(y));
  if (Number.isNaN(date.getTime())) return text;
  return dateFormatter(locale, d ? 'day' : mo ? 'month' : 'year').format(date);
}

/** A computed date: exact, a range, an open bound or unknown. */
export function formatComputedDate(d: ComputedDate, locale: string, t: TFunction): string {
  if (d.on) return formatDate(d.on, locale);
  const earliest = d.earliest ? formatDate(d.earliest, locale) : null;
  const latest = d.latest ? formatDate(d.latest, locale) : null;
  if (earliest && latest) return t('common.between', { earliest, latest });
  if (earliest) return t('common.onOrAfter', { date: earliest });
  if (latest) return t('common.onOrBefore', { date: latest });
  return t('common.unknownDate');
}

const numberFormatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number, locale: string): string {
  let f = numberFormatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormatters.set(locale, f);
  }
  return f.format(n);
}

/** Today's date in the browser's time zone, as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether text has the shape YYYY-MM-DD (whether it is a real date is the server's to say). */
export function looksLikeIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/** Lower-case, accents removed: "Côte d’Ivoire" matches "cote". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * A formatted value set apart from the text around it (Unicode FIRST STRONG ISOLATE … POP DIRECTIONAL
 * ISOLATE, as <bdi> does) in a right-to-left page, so "12 345", "2003-09-29" or "USD 1,000.00" inside an
 * Arabic sentence keeps its own order and does not take the punctuation next to it along. Left-to-right pages
 * get the text as it is.
 */
export function isolated(text: string, rtl: boolean): string {
  return rtl ? `\u2068${text}\u2069` : text;
}
