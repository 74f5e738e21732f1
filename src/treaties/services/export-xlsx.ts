// XLSX export of the status as at a date: the same columns as the CSV, one sheet per instrument. Cells are
// written as plain strings and numbers (never formulas), and dates stay YYYY-MM-DD text: a calendar date
// must not become a time-zone-dependent spreadsheet serial.
import { STATUS_CSV_HEADER, statusRows } from './export-status.ts';
import type { StatusView } from './queries.ts';

export async function statusXlsx(statuses: StatusView[]): Promise<Buffer> {
  // Loaded at the first spreadsheet, not at start-up: the library is the heaviest Palermo uses.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Palermo';
  for (const status of statuses) {
    const sheet = workbook.addWorksheet(`${status.instrumentId} ${status.asOf}`.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow([...STATUS_CSV_HEADER]);
    sheet.getRow(1).font = { bold: true };
    for (const row of statusRows([status]))
      sheet.addRow(row.map((v) => (v === null || v === undefined ? '' : v)));
    sheet.columns.forEach((column, i) => {
      column.width = i === 3 ? 36 : i === 12 ? 60 : 16;
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}
