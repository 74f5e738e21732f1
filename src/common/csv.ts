import { stringify } from 'csv-stringify/sync';

/** What a spreadsheet reads as the start of a formula: = + - @, TAB or CR (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain signed number ("-1250.00") is data, not a formula: it is left as it is so sums still work. */
const SIGNED_NUMBER = /^-\d+(\.\d+)?$/;

/**
 * A cell a spreadsheet would read as a formula is prefixed with an apostrophe, so an exported file can never
 * run anything when opened. Every line of a multi-line value is checked: a spreadsheet that splits the cell
 * (or a reader that loses the quotes) would otherwise start a row with the text after the line break.
 */
export function neutralise(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (SIGNED_NUMBER.test(text)) return text;
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 0 && FORMULA_START.test(part) ? `'${part}` : part))
    .join('');
}

/**
 * CSV with CRLF rows. Besides the delimiter and quotes, any value holding a line break (CR or LF alone
 * included, not only CRLF) or a ";" is quoted: unquoted, a line break starts a new row with the rest of the
 * value, and spreadsheets in European locales split rows on ";".
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return stringify([header as string[], ...rows.map((r) => r.map(neutralise))], {
    record_delimiter: '\r\n',
    quoted_match: /[\r\n;",]/,
  });
}
