// The report's statistical annex as XLSX (issue 15, item 6), with exceljs: a first sheet naming the report
// (title, symbol, as-at date, period, fingerprint, marks, the tables that follow), one sheet for each table
// that has a key (its header rows bold and frozen), and the sources.
//
// Counts are numbers (a cell's `value`, or a text that is a whole number grouped by the locale's rule), so
// the annex can be summed. Dates are text `YYYY-MM-DD`: they sort as text, read the same in every
// spreadsheet and time zone, and give the same bytes (an Excel date is a serial number in local time).
// Dates the document has only as formatted text stay as the report writes them. Every other text goes
// through `neutralise`, so no cell is ever read as a formula. The package is written again with the
// document's date (zip.ts): same document, same bytes.
import { neutralise } from '../../common/csv.ts';
import type { Block, Cell, ReportDocument } from '../domain/document.ts';
import type { ReportLocale } from '../domain/format.ts';
import { pageMarks, plainText, RENDER_WORDS, sourceText, symbolText, usedByText } from './common.ts';
import { fixedZip } from './zip.ts';

type Table = Extract<Block, { type: 'table' }>;
type Value = string | number;

const GROUPED: Record<ReportLocale, RegExp> = {
  en: /^\d{1,3}(,\d{3})*$/,
  fr: /^\d{1,3}(\u202F\d{3})*$/,
};

/** A cell as the spreadsheet holds it: a count as a number, anything else as (neutralised) text. */
export function cellValue(cell: Cell, locale: ReportLocale): Value {
  if (cell.value?.kind === 'count') return cell.value.value;
  if (cell.value?.kind === 'date') return cell.value.value;
  const text = plainText(cell.runs);
  if (GROUPED[locale].test(text)) {
    const n = Number(text.replace(/\D/g, ''));
    if (Number.isSafeInteger(n)) return n;
  }
  return neutralise(text);
}

/** A sheet name Excel accepts, unique in the workbook: ≤ 31 characters, none of \ / ? * [ ] :. */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[\\/?*[\]:]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .slice(0, 28)
      .replace(/[\uD800-\uDBFF]$/, '') || 'Table';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; i++)
    name = `${base} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function keyedTables(doc: ReportDocument): Table[] {
  return [...doc.sections, ...doc.annexes].flatMap((p) =>
    p.blocks.filter((b): b is Table => b.type === 'table' && b.key !== ''),
  );
}

/** The annex as XLSX; equal documents give equal bytes. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  // Loaded at the first spreadsheet, not at start-up: the library is the heaviest Palermo uses.
  const { default: ExcelJS } = await import('exceljs');
  const words = RENDER_WORDS[doc.locale];
  const workbook = new ExcelJS.Workbook();
  // The core properties' moment (zip.ts writes the same again): the document's date, never the clock.
  const stamp = new Date(`${doc.front.date}T00:00:00Z`);
  workbook.creator = 'Palermo';
  workbook.lastModifiedBy = 'Palermo';
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.title = doc.front.title;
  const taken = new Set<string>();
  const tables = keyedTables(doc).map((t) => ({ table: t, name: uniqueSheetName(t.key, taken) }));
  const sourcesName = uniqueSheetName(doc.labels.sourcesAndMethod, taken);

  const first = workbook.addWorksheet(uniqueSheetName(words.report, taken));
  const pairs: Value[][] = [
    [words.title, neutralise(doc.front.title)],
    [words.symbol, neutralise(symbolText(doc))],
    [doc.labels.asAt, doc.asAt],
    [words.period, doc.period.from, doc.period.to],
    [doc.labels.fingerprint, doc.fingerprint],
    ...(pageMarks(doc).length > 0 ? [[words.status, pageMarks(doc).join(' — ')]] : []),
    [],
    [words.sheet, words.table],
    ...tables.map((t) => [t.name, neutralise(t.table.caption)]),
    [sourcesName, neutralise(doc.labels.sourcesAndMethod)],
  ];
  for (const row of pairs) first.addRow(row);
  first.getColumn(1).font = { bold: true };
  first.getColumn(1).width = 36;
  first.getColumn(2).width = 70;
  first.getColumn(3).width = 14;

  for (const { table, name } of tables) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: table.header.length }] });
    for (const row of table.header)
      sheet.addRow(row.map((c) => neutralise(plainText(c.runs)))).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((c) => cellValue(c, doc.locale)));
    for (const note of table.notes) sheet.addRow([neutralise(plainText(note))]);
    sheet.columns.forEach((column) => {
      column.width = 22;
    });
  }

  const sources = workbook.addWorksheet(sourcesName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sources.addRow([words.number, doc.labels.source, doc.labels.asAt, words.usedBy]).font = { bold: true };
  for (const s of doc.sources)
    sources.addRow([s.number, neutralise(sourceText(s.source)), s.asAt, neutralise(usedByText(s.usedBy))]);
  [6, 50, 12, 70].forEach((width, i) => {
    sources.getColumn(i + 1).width = width;
  });

  return fixedZip(Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer), doc.front.date);
}
