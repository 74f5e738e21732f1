// An instrument's statements as a file: CSV (formula cells neutralised, src/common/csv.ts) or XLSX (cells
// neutralised the same way, dates as YYYY-MM-DD text). One row per recorded statement, then one per
// participant known to have made a statement whose text is not recorded here, so a download says as much as
// the page: the summary is marked as a paraphrase in its column name, the XLSX starts with the coverage line.
import { neutralise, toCsv } from '../../common/csv.ts';
import type { InstrumentStatements } from './statements.ts';

export const STATEMENTS_CSV_HEADER = [
  'instrument',
  'participant_id',
  'participant',
  'recorded',
  'kind',
  'article',
  'date',
  'dispute_opt_out',
  'summary_paraphrase_not_official_text',
  'confidence',
  'objects_to_action',
  'objects_to_participant',
  'objections',
  'territories_covered',
  'territories_excluded',
  'source',
  'notes',
] as const;

export function statementRows(s: InstrumentStatements): unknown[][] {
  const rows: unknown[][] = s.statements.map((v) => [
    v.instrumentId,
    v.participantId,
    v.participantName,
    'recorded',
    v.kind,
    v.article,
    v.date ?? 'date not known',
    v.disputeOptOut ? 'yes' : 'no',
    v.summary,
    v.confidence,
    v.target?.actionId ?? (v.target ? 'not recorded here' : null),
    v.target?.participantId,
    v.objectionIds.join(' '),
    v.territories?.covered.join('; '),
    v.territories?.excluded.join('; '),
    v.source,
    v.notes,
  ]);
  for (const e of s.textNotRecorded) {
    rows.push([
      e.instrumentId,
      e.participantId,
      e.participantName,
      'text not recorded here',
      e.listedAs,
      null,
      e.date,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      e.source,
      e.notes,
    ]);
  }
  return rows;
}

/** One table, header first, so analysts can read it as is (the coverage line is in the JSON and the XLSX). */
export function statementsCsv(s: InstrumentStatements): string {
  return toCsv(STATEMENTS_CSV_HEADER, statementRows(s));
}

export async function statementsXlsx(s: InstrumentStatements): Promise<Buffer> {
  // Loaded at the first spreadsheet, not at start-up: the library is the heaviest Palermo uses.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Palermo';
  const sheet = workbook.addWorksheet(`${s.instrumentId} statements`.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.addRow([neutralise(s.coverage.line)]);
  sheet.addRow([...STATEMENTS_CSV_HEADER]);
  sheet.getRow(2).font = { bold: true };
  for (const row of statementRows(s)) sheet.addRow(row.map((v) => neutralise(v)));
  sheet.columns.forEach((column, i) => {
    column.width = i === 8 || i === 15 || i === 16 ? 60 : 16;
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
