// Dates and lists written out as a formal letter writes them, in English and French. Calendar dates are
// read from their `YYYY-MM-DD` text, never through `Date` (src/common/dates.ts explains why).
import { assertIsoDate, type IsoDate } from '../../common/dates.ts';
import { MONTH_NAMES as MONTHS } from '../../common/month-names.ts';

export type DocumentLanguage = 'en' | 'fr';

interface Parts {
  year: number;
  month: string;
  day: string;
}

function parts(date: IsoDate, language: DocumentLanguage): Parts {
  assertIsoDate(date);
  const day = Number(date.slice(8, 10));
  return {
    year: Number(date.slice(0, 4)),
    month: MONTHS[language][Number(date.slice(5, 7)) - 1] as string,
    // French writes the first day of a month as an ordinal: « le 1er juillet ».
    day: language === 'fr' && day === 1 ? '1er' : String(day),
  };
}

/** "7 December 2026" / "7 décembre 2026" (UN editorial style: day, month, year, no comma). */
export function longDate(date: IsoDate, language: DocumentLanguage): string {
  const p = parts(date, language);
  return `${p.day} ${p.month} ${p.year}`;
}

/**
 * When an event takes place, as a phrase that follows its venue: "from 1 to 3 July 2003", "on 1 July 2003" /
 * « du 1er au 3 juillet 2003 », « le 1er juillet 2003 ». The month and year are said once when shared.
 */
export function datesPhrase(startOn: IsoDate, endOn: IsoDate, language: DocumentLanguage): string {
  const a = parts(startOn, language);
  const b = parts(endOn, language);
  const [on, from, to] = language === 'fr' ? ['le', 'du', 'au'] : ['on', 'from', 'to'];
  if (startOn === endOn) return `${on} ${longDate(startOn, language)}`;
  const first =
    a.year !== b.year ? longDate(startOn, language) : a.month !== b.month ? `${a.day} ${a.month}` : a.day;
  return `${from} ${first} ${to} ${longDate(endOn, language)}`;
}

/** "A, B and C" / « A, B et C ». */
export function listPhrase(items: readonly string[], language: DocumentLanguage): string {
  const and = language === 'fr' ? 'et' : 'and';
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
