// How a figure is written in the report's prose, in English and French. Written by hand rather than with
// `Intl`: the report must come out byte for byte the same on every host (issue 15, item 7), and the ICU data
// behind `Intl` differs between Node builds (French grouping has been a space, a no-break space and a narrow
// no-break space in turn). The rules, after the United Nations editorial manuals:
// - whole numbers: digits grouped by three from four digits up, with a comma in English ("1,234") and a
//   narrow no-break space U+202F in French ("1 234"); a minus sign is "-";
// - numbers in words (format `words`): zero to nine are spelled out, 10 and above stay in figures;
// - money: the amount with exactly the currency's decimals (decimal point in English, comma in French)
//   and its ISO 4217 code, before it in English ("USD 1,234.50"), after it in French ("1 234,50 USD");
// - dates: day, month, year without a comma ("8 March 2005", "8 mars 2005"; French writes "1er" for the
//   first day of a month);
// - lists: "A, B and C" / « A, B et C » (no comma before the conjunction, as both manuals have it).
import { isIsoDate, type IsoDate } from '../../common/dates.ts';
import { formatAmount, MAX_MINOR } from '../../funds/domain/money.ts';
import type { ValueKind } from './figures.ts';

export const REPORT_LOCALES = ['en', 'fr'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

/** A figure's value, tagged with its kind (a date and a text are both strings: the tag tells them apart). */
export type FigureValue =
  | { kind: 'count'; value: number }
  | { kind: 'money'; value: { minor: bigint; currency: string; minorUnits: number } }
  | { kind: 'date'; value: IsoDate }
  | { kind: 'list'; value: readonly string[] }
  | { kind: 'text'; value: string };

/** How a placeholder asks for its figure to be written (`{{parties UNTOC | words}}`). */
export const FORMATS = {
  number: 'a number in figures, grouped by thousands (the default for counts and money)',
  words: 'zero to nine in words, 10 and above in figures',
  date: 'a date written out, "8 March 2005" (the default for dates)',
} as const;
export type Format = keyof typeof FORMATS;

/** The formats each kind of value accepts; the first is the default. Lists and texts take none. */
export const FORMATS_OF: Record<ValueKind, readonly Format[]> = {
  count: ['number', 'words'],
  money: ['number'],
  date: ['date'],
  list: [],
  text: [],
};

const MONTHS: Record<ReportLocale, readonly string[]> = {
  en: 'January February March April May June July August September October November December'.split(' '),
  fr: 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre'.split(' '),
};

const WORDS: Record<ReportLocale, readonly string[]> = {
  en: 'zero one two three four five six seven eight nine'.split(' '),
  fr: 'zéro un deux trois quatre cinq six sept huit neuf'.split(' '),
};

const GROUP: Record<ReportLocale, string> = { en: ',', fr: '\u202F' };
const DECIMAL: Record<ReportLocale, string> = { en: '.', fr: ',' };
const AND: Record<ReportLocale, string> = { en: 'and', fr: 'et' };
/** What an empty list reads as. */
const NONE: Record<ReportLocale, string> = { en: 'none', fr: 'aucun' };

/** Digits (optionally after a "-") grouped by three from four digits up. */
function groupDigits(digits: string, locale: ReportLocale): string {
  const sign = digits.startsWith('-') ? '-' : '';
  const whole = sign ? digits.slice(1) : digits;
  if (whole.length < 4) return digits;
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  return sign + groups.join(GROUP[locale]);
}

export function formatCount(n: number, locale: ReportLocale, format: Format = 'number'): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a count must be a whole number ≥ 0, got ${n}`);
  if (format === 'words' && n < 10) return WORDS[locale][n] as string;
  return groupDigits(String(n), locale);
}

export function formatMoney(
  money: { minor: bigint; currency: string; minorUnits: number },
  locale: ReportLocale,
): string {
  const { minor, currency, minorUnits } = money;
  if (minor > MAX_MINOR || minor < -MAX_MINOR) throw new RangeError(`${minor} is too large an amount`);
  if (!/^[A-Z]{3}$/.test(currency)) throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  if (!Number.isInteger(minorUnits) || minorUnits < 0 || minorUnits > 4)
    throw new RangeError(`a currency has 0 to 4 decimals, not ${minorUnits}`);
  const [whole, fraction] = formatAmount(minor, minorUnits).split('.') as [string, string | undefined];
  const amount = groupDigits(whole, locale) + (fraction === undefined ? '' : DECIMAL[locale] + fraction);
  return locale === 'en' ? `${currency} ${amount}` : `${amount}\u00A0${currency}`;
}

export function formatDate(date: IsoDate, locale: ReportLocale): string {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar day written YYYY-MM-DD: "${date}"`);
  const day = Number(date.slice(8, 10));
  const month = MONTHS[locale][Number(date.slice(5, 7)) - 1] as string;
  return `${locale === 'fr' && day === 1 ? '1er' : day} ${month} ${Number(date.slice(0, 4))}`;
}

export function formatList(items: readonly string[], locale: ReportLocale): string {
  if (items.length === 0) return NONE[locale];
  if (items.length === 1) return items[0] as string;
  return `${items.slice(0, -1).join(', ')} ${AND[locale]} ${items.at(-1) as string}`;
}

/** A value written as the report writes it; a value the format does not apply to is a RangeError. */
export function formatValue(value: FigureValue, locale: ReportLocale, format: Format | null): string {
  const allowed = FORMATS_OF[value.kind];
  if (format !== null && !allowed.includes(format))
    throw new RangeError(`the format ${format} does not apply to a ${value.kind}`);
  switch (value.kind) {
    case 'count':
      return formatCount(value.value, locale, format ?? 'number');
    case 'money':
      return formatMoney(value.value, locale);
    case 'date':
      return formatDate(value.value, locale);
    case 'list':
      return formatList(value.value, locale);
    case 'text':
      return value.value;
  }
}
