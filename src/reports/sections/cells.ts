// Small builders of the document's cells and blocks, shared by the sections the data draws.
import type { IsoDate } from '../../common/dates.ts';
import type { Block, Cell, Run } from '../domain/document.ts';
import { formatDate, formatValue, type ReportLocale } from '../domain/format.ts';

export const textCell = (text: string): Cell => ({ runs: [{ type: 'text', text }] });

/** A count from the data: a figure run pointing at its source, aligned as numbers are. */
export const countCell = (value: number, source: number, locale: ReportLocale): Cell => ({
  runs: [{ type: 'figure', text: formatValue({ kind: 'count', value }, locale, null), source }],
  align: 'end',
});

/** A sum of money from the data, to the cent, pointing at its source. */
export const moneyCell = (
  value: { minor: bigint; currency: string; minorUnits: number },
  source: number,
  locale: ReportLocale,
): Cell => ({
  runs: [{ type: 'figure', text: formatValue({ kind: 'money', value }, locale, null), source }],
  align: 'end',
});

export const dateCell = (date: IsoDate | null, locale: ReportLocale): Cell =>
  textCell(date === null ? '—' : formatDate(date, locale));

export const header = (names: readonly string[]): Cell[][] => [names.map(textCell)];

/** An unnumbered line of text (under a table, or where a list is empty). */
export const note = (text: string): Run[] => [{ type: 'text', text }];

/** A numbered paragraph; compose numbers it. */
export const paragraph = (runs: readonly Run[]): Block => ({ type: 'paragraph', number: 0, runs });
