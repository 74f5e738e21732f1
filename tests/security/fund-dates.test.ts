// Dates the fund cannot hold: a payment received on 0001-01-01 (or after today), a rate for month 0000-01 or
// 1999-12 (by form and by file), or for a month after the coming one. Each is refused with 422 naming the
// field, as problem+json, and nothing is written (no payment, no rate, no audit row).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { poster, setUpFund } from '../funds/support.ts';
import { auditCount, isProblem } from './support.ts';

let t: TestApp;
let post: ReturnType<typeof poster>;

beforeAll(async () => {
  t = await createTestApp();
  post = poster(t);
  await setUpFund(t.ctx(), { donors: [{ id: 'OLD' }], months: ['2026-03'] });
});
afterAll(async () => t?.close());

const count = async (table: 'ledger_transactions' | 'exchange_rates') =>
  Number(
    (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.store.db))
      .rows[0]?.n,
  );

async function refused(url: string, payload: unknown, field: string, table: Parameters<typeof count>[0]) {
  const [before, audits] = [await count(table), await auditCount(t.store)];
  const res = await post(url, payload);
  expect(res.statusCode, res.body).toBe(422);
  expect(isProblem(res)).toBe(true);
  const fields = ((res.json() as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
  expect(fields, res.body).toContain(field);
  expect(await count(table)).toBe(before);
  expect(await auditCount(t.store)).toBe(audits);
}

describe(`fund dates out of range (${STORE_KIND})`, () => {
  const payment = (receivedOn: string) => ({
    donorId: 'OLD',
    receivedOn,
    currency: 'USD',
    amount: '100.00',
    earmarkId: 'GENERAL',
  });

  it.each(['0001-01-01', '1999-12-31', '2026-07-01', '9999-12-31'])(
    'a payment received on %s is refused at receivedOn',
    async (day) => refused('/api/fund/payments', payment(day), 'receivedOn', 'ledger_transactions'),
  );

  it('a payment received on the first day the ledger takes (2000-01-01) is taken', async () => {
    const res = await post('/api/fund/payments', payment('2000-01-01'));
    expect(res.statusCode, res.body).toBe(201);
  });

  const rate = (month: string) => ({ currency: 'EUR', month, rate: '0.9', source: 'test' });

  it.each(['0000-01', '0001-01', '1999-12', '2026-08', '9999-12'])(
    'a rate for month %s is refused at month',
    async (month) => refused('/api/fund/rates', rate(month), 'month', 'exchange_rates'),
  );

  it('a rate file with a month 0000-01 is refused at its line', async () => {
    const before = await count('exchange_rates');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/fund/rates/import',
      headers: { ...t.auth, 'content-type': 'text/csv', 'idempotency-key': `test-${Date.now()}` },
      payload: 'currency,month,rate,source\nEUR,2026-04,0.91,test\nEUR,0000-01,0.9,test\n',
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.body).toContain('line 3');
    expect(res.body).toContain('month');
    expect(await count('exchange_rates')).toBe(before);
  });

  it('rates for 2000-01 and for the coming month (2026-07) are taken', async () => {
    for (const month of ['2000-01', '2026-07']) {
      const res = await post('/api/fund/rates', rate(month));
      expect(res.statusCode, res.body).toBe(201);
    }
  });
});
