// Statements as files: CSV (formula-like cells neutralised) and XLSX. Amounts are written from their decimal
// strings: in CSV as the exact text; in XLSX as numbers with the currency's decimals shown (none for JPY,
// three for KWD), since analysts sum them (a spreadsheet number is the display end of the chain, after all
// arithmetic was done in integers).
import { toCsv } from '../../common/csv.ts';
import type { DonorStatement, FundStatement, LineView } from './statements.ts';

export type ExportFormat = 'csv' | 'xlsx';

/** An amount: its decimal string, as many decimals as its currency has. */
type Amount = { amount: string };
type Cell = string | null | Amount;
type Table = { title: string; header: string[]; rows: Cell[][] };

const amount = (text: string): Amount => ({ amount: text });

const LINE_COLUMNS: Array<[keyof LineView, string]> = [
  ['contributions', 'contributions_usd'],
  ['interest', 'interest_usd'],
  ['transfersIn', 'transfers_in_usd'],
  ['transfersOut', 'transfers_out_usd'],
  ['refunds', 'refunds_usd'],
  ['allocated', 'allocated_usd'],
  ['expenditure', 'expenditure_usd'],
  ['supportCosts', 'support_costs_usd'],
  ['available', 'available_usd'],
  ['allocatedUnspent', 'allocated_unspent_usd'],
  ['balance', 'balance_usd'],
];

/** Lines side by side; a figure a line does not give (a published earmark's balance) is an empty cell. */
function lineTable(title: string, key: string, lines: ReadonlyArray<Record<string, string | null>>): Table {
  return {
    title,
    header: [key, ...LINE_COLUMNS.map(([, h]) => h)],
    rows: lines.map((l) => [
      l[key] ?? '',
      ...LINE_COLUMNS.map(([k]) => {
        const v = l[k];
        return v == null ? null : amount(v);
      }),
    ]),
  };
}

function donorTables(s: DonorStatement): Table[] {
  return [
    {
      title: 'Summary',
      header: ['donor_id', 'donor', 'as_of', 'illustrative', ...LINE_COLUMNS.map(([, h]) => h)],
      rows: [
        [
          s.donor.id,
          s.donor.name,
          s.asOf,
          s.donor.illustrative ? 'yes' : 'no',
          ...LINE_COLUMNS.map(([k]) => amount(s.totals[k])),
        ],
      ],
    },
    {
      title: 'Pledges',
      header: ['currency', 'pledged', 'committed', 'paid', 'written_off', 'outstanding', 'overdue'],
      rows: s.pledges.map((p) => [
        p.currency,
        ...[p.pledged, p.committed, p.paid, p.writtenOff, p.outstanding, p.overdue].map(amount),
      ]),
    },
    lineTable('By earmark', 'earmarkId', s.byEarmark),
    lineTable('By year', 'year', s.byYear),
  ];
}

function fundTables(s: FundStatement): Table[] {
  const label = s.illustrative ? 'ILLUSTRATIVE DATA — not real contributions' : 'Fund statement';
  return [
    {
      title: 'Statement',
      header: ['line', 'amount_usd'],
      rows: [
        [label, null],
        [`Period ${s.from} to ${s.to}`, null],
        ...(s.published
          ? [['Published figures: earmarks of fewer than three donors are under "other"', null] as Cell[]]
          : []),
        ['Opening balance', amount(s.openingBalance)],
        ['Sources: contributions', amount(s.sources.contributions)],
        ['Sources: interest', amount(s.sources.interest)],
        ['Total sources', amount(s.sources.total)],
        ['Uses: expenditure', amount(s.uses.expenditure)],
        ['Uses: programme support costs', amount(s.uses.supportCosts)],
        ['Uses: refunds to donors', amount(s.uses.refunds)],
        ['Total uses', amount(s.uses.total)],
        ['Transfers between earmarks (within the Fund)', amount(s.transfersBetweenEarmarks)],
        ['Net change', amount(s.netChange)],
        ['Closing balance', amount(s.closingBalance)],
        ['of which free to allocate', amount(s.closing.available)],
        ['of which allocated, not yet spent', amount(s.closing.allocatedUnspent)],
      ],
    },
    lineTable('By earmark', 'earmarkId', s.byEarmark),
  ];
}

async function xlsx(tables: Table[]): Promise<Buffer> {
  // Loaded at the first spreadsheet, not at start-up: the library is the heaviest Palermo uses.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Palermo';
  for (const t of tables) {
    const sheet = workbook.addWorksheet(t.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(t.header);
    sheet.getRow(1).font = { bold: true };
    for (const row of t.rows) {
      const added = sheet.addRow(
        row.map((v) => (v !== null && typeof v === 'object' ? Number(v.amount) : (v ?? ''))),
      );
      row.forEach((v, i) => {
        if (v === null || typeof v !== 'object') return;
        const decimals = v.amount.split('.')[1]?.length ?? 0;
        added.getCell(i + 1).numFmt = decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
      });
    }
    sheet.columns.forEach((c, i) => {
      c.width = i === 0 ? 40 : 18;
    });
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

function csv(tables: Table[]): string {
  // One CSV holds one table: the first (the statement or summary) followed by the others under their titles.
  const text = (v: Cell) => (v !== null && typeof v === 'object' ? v.amount : v);
  return tables
    .map(
      (t) =>
        `${t.title}\r\n${toCsv(
          t.header,
          t.rows.map((r) => r.map(text)),
        )}`,
    )
    .join('\r\n');
}

export async function statementFile(
  input: { kind: 'donor'; statement: DonorStatement } | { kind: 'fund'; statement: FundStatement },
  format: ExportFormat,
): Promise<{ name: string; type: string; body: Buffer | string }> {
  const tables = input.kind === 'donor' ? donorTables(input.statement) : fundTables(input.statement);
  const base =
    input.kind === 'donor'
      ? `donor-statement-${input.statement.donor.id}-${input.statement.asOf}`
      : `fund-statement-${input.statement.from}-${input.statement.to}${input.statement.illustrative ? '-illustrative' : ''}`;
  if (format === 'csv') return { name: `${base}.csv`, type: 'text/csv; charset=utf-8', body: csv(tables) };
  return {
    name: `${base}.xlsx`,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await xlsx(tables),
  };
}
