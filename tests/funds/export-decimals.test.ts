// The XLSX statement writes every amount as a number with its currency's decimals: pledges in yen (none) and
// Kuwaiti dinars (three) as well as dollars (two); before, only amounts with exactly two decimals became numbers
// and the others stayed text that a spreadsheet does not add up. The CSV keeps the exact decimal strings.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { getter, poster, setUpFund } from './support.ts';

let t: TestApp;
let get: ReturnType<typeof getter>;
beforeAll(async () => {
  t = await createTestApp();
  get = getter(t);
  const post = poster(t);
  await setUpFund(t.ctx(), { donors: [{ id: 'STA' }], months: ['2026-03'] });
  const ok = async (url: string, body: Record<string, unknown>) => {
    const res = await post(url, body);
    if (res.statusCode !== 201) throw new Error(`setup ${url}: ${res.body}`);
    return res.json() as { id: number };
  };
  const pledge = (currency: string, amount: string) =>
    ok('/api/fund/pledges', {
      donorId: 'STA',
      pledgedOn: '2026-03-01',
      currency,
      amount,
      earmarkId: 'GENERAL',
    });
  const jpy = await pledge('JPY', '15125000');
  const kwd = await pledge('KWD', '61500.250');
  await pledge('USD', '1000.00');
  const pay = (pledgeId: number, currency: string, amount: string) =>
    ok('/api/fund/payments', { donorId: 'STA', pledgeId, receivedOn: '2026-03-10', currency, amount });
  await pay(jpy.id, 'JPY', '5000000');
  await pay(kwd.id, 'KWD', '30750.125');
});
afterAll(async () => {
  await t.close();
});

it('pledges in JPY and KWD are numbers in the XLSX, shown with the currency’s decimals', async () => {
  const res = await get('/api/fund/donors/STA/statement?asOf=2026-06-30&format=xlsx');
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Pledges');
  const cells = new Map<string, Array<{ value: unknown; numFmt: string }>>();
  sheet?.eachRow((row, n) => {
    if (n === 1) return;
    const values: Array<{ value: unknown; numFmt: string }> = [];
    for (let c = 2; c <= 7; c++) values.push({ value: row.getCell(c).value, numFmt: row.getCell(c).numFmt });
    cells.set(String(row.getCell(1).value), values);
  });
  const jpy = cells.get('JPY') ?? [];
  expect(jpy.map((c) => c.value)).toEqual([15125000, 0, 5000000, 0, 10125000, 0]);
  expect(new Set(jpy.map((c) => c.numFmt))).toEqual(new Set(['#,##0']));
  const kwd = cells.get('KWD') ?? [];
  expect(kwd.map((c) => (c.value as number).toFixed(3))).toEqual([
    '61500.250',
    '0.000',
    '30750.125',
    '0.000',
    '30750.125',
    '0.000',
  ]);
  expect(new Set(kwd.map((c) => c.numFmt))).toEqual(new Set(['#,##0.000']));
  expect(cells.get('USD')?.map((c) => c.value)).toEqual([1000, 0, 0, 0, 1000, 0]);
  expect(cells.get('USD')?.[0]?.numFmt).toBe('#,##0.00');
  // The summary's dollar figures stay numbers with two decimals.
  const summary = book.getWorksheet('Summary');
  const header = (summary?.getRow(1).values as unknown[]).slice(1);
  const contributions = summary?.getRow(2).getCell(header.indexOf('contributions_usd') + 1);
  expect(typeof contributions?.value).toBe('number');
  expect(contributions?.numFmt).toBe('#,##0.00');
});

it('the CSV keeps the exact decimal strings', async () => {
  const res = await get('/api/fund/donors/STA/statement?asOf=2026-06-30&format=csv');
  const lines = res.body.split(/\r\n/);
  expect(lines).toContain('JPY,15125000,0,5000000,0,10125000,0');
  expect(lines).toContain('KWD,61500.250,0.000,30750.125,0.000,30750.125,0.000');
});
