import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would read as a formula (starting with = + - @, TAB or CR) is prefixed with an
 * apostrophe, so an exported file can never run anything when opened (OWASP CSV injection).
 */
export function neutralise(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A plain signed number ("-1250.00") is data, not a formula: it is left as it is so sums still work.
  if (/^-\d+(\.\d+)?$/.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return stringify([header as string[], ...rows.map((r) => r.map(neutralise))], { record_delimiter: '\r\n' });
}
