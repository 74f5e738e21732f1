// Statements to the cent on a hand-computed example, on both stores, today and as at past dates; the CSV and
// XLSX downloads carry the same figures (the XLSX opened with exceljs and read back); illustrative donors are
// a dataset of their own, never mixed into dataset=real.
//
// The example (USD unless said):
//   2026-02-10  A pays EUR 10,000.00 at 0.926        = 10,799.14   (10,000 / 0.926 = 10,799.1360…)
//   2026-03-01  DEMO (illustrative) pays 7,000.00
//   2026-03-05  A pays 5,000.00
//   2026-03-10  A's 12,000.00 allocated, support costs 13%
//   2026-03-31  interest 123.45 to the Fund's own general line
//   2026-04-01  8,000.00 spent + 1,040.00 support costs (13%) → 2,960.00 left in the allocation
//   2026-05-01  500.00 refunded to A
// Donor A at 2026-06-30: contributions 15,799.14, allocated 12,000.00, spent 8,000.00, support 1,040.00,
// refunds 500.00, free 3,299.14 (15,799.14 − 12,000 − 500), allocated unspent 2,960.00, balance 6,259.14.
// Fund (real) 2026-01-01 to 2026-06-30: sources 15,799.14 + 123.45 = 15,922.59; uses 8,000 + 1,040 + 500 =
// 9,540.00; closing 6,382.59 = free 3,422.59 + allocated 2,960.00.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { donorStatement, donorStatements } from '../../src/funds/services/statements.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { LINE_KEYS } from './model/invariants.ts';
import { getter, poster, setUpFund } from './support.ts';

let t: TestApp;
let get: ReturnType<typeof getter>;
beforeAll(async () => {
  t = await createTestApp();
  get = getter(t);
  const post = poster(t);
  await setUpFund(t.ctx(), {
    donors: [{ id: 'STA' }, { id: 'DEMO', illustrative: true }],
    months: ['2026-02'],
  });
  const ok = async (url: string, body: Record<string, unknown>) => {
    const res = await post(url, body);
    if (res.statusCode !== 201) throw new Error(`setup ${url}: ${res.body}`);
    return res.json();
  };
  const pay = (donorId: string, receivedOn: string, currency: string, amount: string) =>
    ok('/api/fund/payments', { donorId, receivedOn, currency, amount, earmarkId: 'GENERAL' });
  await pay('STA', '2026-02-10', 'EUR', '10000.00');
  await pay('DEMO', '2026-03-01', 'USD', '7000.00');
  await pay('STA', '2026-03-05', 'USD', '5000.00');
  const a = await ok('/api/fund/allocations', {
    donorId: 'STA',
    earmarkId: 'GENERAL',
    amount: '12000.00',
    bookedOn: '2026-03-10',
    purpose: { kind: 'project', ref: 'PRJ-STA' },
  });
  await ok('/api/fund/interest', { bookedOn: '2026-03-31', amount: '123.45' });
  await ok(`/api/fund/allocations/${a.id}/expenditures`, { amount: '8000.00', bookedOn: '2026-04-01' });
  await ok('/api/fund/refunds', {
    donorId: 'STA',
    earmarkId: 'GENERAL',
    amount: '500.00',
    bookedOn: '2026-05-01',
  });
});
afterAll(async () => t?.close());

/** The figures of a statement line the example checks (all but interest and transfers), in this order. */
const KEYS = LINE_KEYS.filter((k) => !['interest', 'transfersIn', 'transfersOut'].includes(k));
const line = (l: Record<string, string>) => KEYS.map((k) => l[k]);

describe(`statements to the cent (${STORE_KIND})`, () => {
  it.each([
    ['2026-06-30', ['15799.14', '500.00', '12000.00', '8000.00', '1040.00', '3299.14', '2960.00', '6259.14']],
    ['2026-04-01', ['15799.14', '0.00', '12000.00', '8000.00', '1040.00', '3799.14', '2960.00', '6759.14']],
    ['2026-03-31', ['15799.14', '0.00', '12000.00', '0.00', '0.00', '3799.14', '12000.00', '15799.14']],
    ['2026-02-28', ['10799.14', '0.00', '0.00', '0.00', '0.00', '10799.14', '0.00', '10799.14']],
    ['2026-01-31', ['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00']],
  ])('donor statement as at %s', async (asOf, figures) => {
    const s = (await get(`/api/fund/donors/STA/statement?asOf=${asOf}`)).json();
    expect(line(s.totals)).toEqual(figures);
    if (asOf >= '2026-02-10')
      expect(s.paidInOriginalCurrencies).toContainEqual({ currency: 'EUR', amount: '10000.00' });
  });

  it.each([
    // from, to, opening, contributions, interest, uses, closing, free, allocated unspent
    ['2026-01-01', '2026-06-30', '0.00', '15799.14', '123.45', '9540.00', '6382.59', '3422.59', '2960.00'],
    ['2026-04-01', '2026-06-30', '15922.59', '0.00', '0.00', '9540.00', '6382.59', '3422.59', '2960.00'],
    ['2026-01-01', '2026-03-31', '0.00', '15799.14', '123.45', '0.00', '15922.59', '3922.59', '12000.00'],
    ['2026-03-01', '2026-03-09', '10799.14', '5000.00', '0.00', '0.00', '15799.14', '15799.14', '0.00'],
  ])(
    'fund statement %s to %s',
    async (from, to, opening, contributions, interest, uses, closing, free, unspent) => {
      const s = (await get(`/api/fund/statement?from=${from}&to=${to}`)).json();
      expect(s).toMatchObject({
        illustrative: false,
        openingBalance: opening,
        sources: { contributions, interest },
        uses: { total: uses },
        closingBalance: closing,
        closing: { available: free, allocatedUnspent: unspent },
      });
    },
  );

  it('illustrative donors are a dataset of their own, never mixed into dataset=real', async () => {
    const demo = (await get('/api/fund/statement?from=2026-01-01&to=2026-06-30&dataset=illustrative')).json();
    expect(demo).toMatchObject({
      illustrative: true,
      sources: { contributions: '7000.00', interest: '0.00' },
      closingBalance: '7000.00',
    });
    const real = (await get('/api/fund/contributions?to=2026-06-30')).json();
    expect(real.rows).toEqual([{ year: '2026', donorId: 'STA', donorName: 'Donor STA', amount: '15799.14' }]);
    const shown = (await get('/api/fund/contributions?to=2026-06-30&dataset=illustrative')).json();
    expect(shown.rows.map((r: { donorId: string }) => r.donorId)).toEqual(['DEMO']);
    const file = await get(
      '/api/fund/statement?from=2026-01-01&to=2026-06-30&dataset=illustrative&format=csv',
    );
    expect(file.body).toContain('ILLUSTRATIVE DATA');
    expect(file.headers['content-disposition']).toMatch(/-illustrative\.csv/);
  });

  it('the CSV download carries the same figures', async () => {
    const res = await get('/api/fund/donors/STA/statement?asOf=2026-06-30&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="donor-statement-STA-2026-06-30.csv"',
    );
    const summary = res.body.split('\r\n\r\n')[0]?.split('\r\n').slice(1).join('\r\n') as string;
    const [row] = parse(summary, { columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject({
      donor_id: 'STA',
      contributions_usd: '15799.14',
      expenditure_usd: '8000.00',
      support_costs_usd: '1040.00',
      refunds_usd: '500.00',
      balance_usd: '6259.14',
    });
  });

  it('the XLSX download, opened with exceljs, reads back the same figures', async () => {
    const res = await get('/api/fund/statement?from=2026-01-01&to=2026-06-30&format=xlsx');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Statement');
    const figures = new Map<string, unknown>();
    sheet?.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(Object.fromEntries(figures)).toMatchObject({
      'Opening balance': 0,
      'Sources: contributions': 15799.14,
      'Sources: interest': 123.45,
      'Total sources': 15922.59,
      'Uses: expenditure': 8000,
      'Uses: programme support costs': 1040,
      'Uses: refunds to donors': 500,
      'Total uses': 9540,
      'Closing balance': 6382.59,
      'of which free to allocate': 3422.59,
      'of which allocated, not yet spent': 2960,
    });
    let format = '';
    sheet?.eachRow((row) => {
      if (row.getCell(1).value === 'Closing balance') format = row.getCell(2).numFmt;
    });
    expect(format).toBe('#,##0.00');
    const donor = await get('/api/fund/donors/STA/statement?asOf=2026-06-30&format=xlsx');
    const dbook = new ExcelJS.Workbook();
    await dbook.xlsx.load(donor.rawPayload as unknown as ArrayBuffer);
    const summary = dbook.getWorksheet('Summary');
    const header = (summary?.getRow(1).values as unknown[]).slice(1);
    const values = (summary?.getRow(2).values as unknown[]).slice(1);
    expect(values[header.indexOf('balance_usd')]).toBe(6259.14);
    expect(values[header.indexOf('contributions_usd')]).toBe(15799.14);
  });

  it('several donors at once give each donor its own statement, the same as one by one', async () => {
    const ctx = t.ctx();
    const db = t.store.db;
    const [one, two] = await Promise.all([
      donorStatement(ctx, db, 'STA', '2026-06-30'),
      donorStatement(ctx, db, 'DEMO', '2026-06-30'),
    ]);
    const both = await donorStatements(ctx, db, ['STA', 'DEMO', 'NOBODY'], '2026-06-30');
    expect(both.map((s) => s.donor.id).sort()).toEqual(['DEMO', 'STA']);
    expect(both.find((s) => s.donor.id === 'STA')).toEqual(one);
    expect(both.find((s) => s.donor.id === 'DEMO')).toEqual(two);
    expect(one.totals.contributions).toBe('15799.14');
    expect(two.totals.contributions).toBe('7000.00');
    await expect(donorStatement(ctx, db, 'NOBODY', '2026-06-30')).rejects.toThrow(/NOBODY/);
  });
});
