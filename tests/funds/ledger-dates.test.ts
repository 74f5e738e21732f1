// Ledger dates: money cannot move before it exists, nor after today. A posting dated 0001-01-01 or
// 9999-12-31 is refused at `bookedOn`; so is one that takes money from a Fund account before it held it
// (the balance as at the booking date, and at every later date, must cover it — not only the balance now).
// Reconciliation walks each Fund account in date order and names the first day it was below zero.
//
//   2025-03-01  DA pays 1,000.00 (GENERAL)        2025-03-10  800.00 allocated     2025-04-01  DA pays 1,000.00
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../src/funds/services/reconcile.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { poster, setUpFund, tipAfrica } from './support.ts';

let t: TestApp;
let post: ReturnType<typeof poster>;
let allocationId: number;
let paymentId: number;

const ok = async (url: string, body: Record<string, unknown>) => {
  const res = await post(url, body);
  if (res.statusCode !== 201) throw new Error(`setup ${url}: ${res.body}`);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  post = poster(t);
  await setUpFund(t.ctx(), { donors: [{ id: 'DA' }], earmarks: [tipAfrica('TIP-DATES')] });
  const pay = (receivedOn: string) =>
    ok('/api/fund/payments', {
      donorId: 'DA',
      receivedOn,
      currency: 'USD',
      amount: '1000.00',
      earmarkId: 'GENERAL',
    });
  paymentId = (await pay('2025-03-01')).id;
  allocationId = (await ok('/api/fund/allocations', allocation('2025-03-10', '800.00'))).id;
  await pay('2025-04-01');
});
afterAll(async () => t?.close());

function allocation(bookedOn: string, amount: string) {
  return {
    donorId: 'DA',
    earmarkId: 'GENERAL',
    amount,
    bookedOn,
    purpose: { kind: 'project', ref: `PRJ-${bookedOn}` },
  };
}

const transactions = async () =>
  Number(
    (await sql<{ n: number | string }>`select count(*) as n from ledger_transactions`.execute(t.store.db))
      .rows[0]?.n,
  );

async function refusedAtBookedOn(url: string, body: Record<string, unknown>): Promise<string> {
  const before = await transactions();
  const res = await post(url, body);
  expect(res.statusCode, res.body).toBe(422);
  const problem = res.json() as { detail: string; errors: Array<{ field: string }> };
  expect(problem.errors.map((e) => e.field)).toEqual(['bookedOn']);
  expect(await transactions()).toBe(before);
  return problem.detail;
}

describe(`ledger dates (${STORE_KIND})`, () => {
  it.each(['0001-01-01', '1999-12-31', '2026-07-01', '9999-12-31'])(
    'every kind of posting dated %s is refused at bookedOn',
    async (day) => {
      const move = { amount: '1.00', bookedOn: day };
      await refusedAtBookedOn('/api/fund/interest', { bookedOn: day, amount: '1.00' });
      await refusedAtBookedOn('/api/fund/allocations', allocation(day, '1.00'));
      await refusedAtBookedOn(`/api/fund/allocations/${allocationId}/releases`, move);
      await refusedAtBookedOn(`/api/fund/allocations/${allocationId}/expenditures`, move);
      await refusedAtBookedOn('/api/fund/refunds', { donorId: 'DA', earmarkId: 'GENERAL', ...move });
      await refusedAtBookedOn('/api/fund/transfers', {
        donorId: 'DA',
        fromEarmarkId: 'GENERAL',
        toEarmarkId: 'TIP-DATES',
        agreementRef: 'AGR-1',
        ...move,
      });
      if (day > '2025-03-01')
        await refusedAtBookedOn(`/api/fund/transactions/${paymentId}/reversal`, {
          bookedOn: day,
          reason: 'test',
        });
    },
  );

  it('money cannot be allocated, spent or refunded before it was received or allocated', async () => {
    // Before the first payment: the free balance held nothing.
    expect(await refusedAtBookedOn('/api/fund/allocations', allocation('2025-02-01', '500.00'))).toContain(
      '2025-02-01',
    );
    await refusedAtBookedOn('/api/fund/refunds', {
      donorId: 'DA',
      earmarkId: 'GENERAL',
      amount: '10.00',
      bookedOn: '2025-02-15',
    });
    // Spending or releasing an allocation the day before it was made.
    const early = { amount: '10.00', bookedOn: '2025-03-09' };
    await refusedAtBookedOn(`/api/fund/allocations/${allocationId}/expenditures`, early);
    await refusedAtBookedOn(`/api/fund/allocations/${allocationId}/releases`, early);
  });

  it('a back-dated posting is refused when a later day would fall below zero, though the balance now covers it', async () => {
    // Now: 1,200.00 free. On 2025-03-05, 1,000.00; but on 2025-03-10 the 800.00 allocation left 200.00.
    const detail = await refusedAtBookedOn('/api/fund/allocations', allocation('2025-03-05', '300.00'));
    expect(detail).toContain('2025-03-10');
    // The same amount after the second payment is taken, and so is a back-dated one that every day covers.
    await ok('/api/fund/allocations', allocation('2025-04-01', '300.00'));
    await ok('/api/fund/allocations', allocation('2025-03-05', '100.00'));
    expect(await reconcile(t.store.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('reconciliation names a Fund account that was below zero on some day, and the first such day', async () => {
    // A ledger written before these rules (or by hand): 150.00 allocated on 2025-01-15, before any money.
    const db = t.store.db;
    const row = await sql<{ id: number }>`insert into ledger_transactions
        (kind, booked_on, donor_id, earmark_id, allocation_id, recorded_at, recorded_by)
      values ('allocation', '2025-01-15', 'DA', 'GENERAL', ${allocationId}, '2026-06-30T12:00:00.000Z', 'test')
      returning id`.execute(db);
    const id = row.rows[0]!.id;
    for (const [account, amount] of [
      ['available/GENERAL/DA', -15000],
      [`allocated/${allocationId}`, 15000],
    ] as const) {
      await sql`insert into ledger_entries
          (transaction_id, account, currency, amount, booked_on, kind, donor_id, earmark_id, allocation_id)
        values (${id}, ${account}, 'USD', ${amount}, '2025-01-15', 'allocation', 'DA', 'GENERAL', ${allocationId})`.execute(
        db,
      );
    }
    const check = await reconcile(db);
    expect(check.ok).toBe(false);
    expect(check.problems).toContain('available/GENERAL/DA USD was below zero on 2025-01-15: -150.00');
  });
});
