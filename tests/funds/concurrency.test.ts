// Concurrency, on both stores: 50 simultaneous requests each taking 1/10 of a balance — exactly 10 succeed,
// 40 are refused with 422 saying what is left, the balance ends at 0 and never goes below, and the books
// reconcile. On SQLite the one connection serialises the transactions; on PostgreSQL the requests really run
// at once over a pool of several connections, and the row locks of post() must hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPayment } from '../../src/funds/services/payments.ts';
import { allocate } from '../../src/funds/services/uses.ts';
import { cachedBalances } from '../../src/funds/repository.ts';
import type { Problem } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { getter, inWrite, poster, setUpFund } from './support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await setUpFund(t.ctx(), { donors: [{ id: 'RACE' }] });
});
afterAll(async () => t?.close());

/** A payment of `amount` USD from `donorId` into GENERAL; its transaction id. */
async function payIn(donorId: string, amount: string): Promise<number> {
  const ctx = t.ctx();
  return inWrite(ctx, (db) =>
    recordPayment(ctx, db, {
      donorId,
      receivedOn: '2026-03-01',
      currency: 'USD',
      amount,
      earmarkId: 'GENERAL',
    }),
  );
}

/** A payment into GENERAL and an allocation of all of it (support costs as given). */
async function fund(amount: string, psc: string): Promise<number> {
  await payIn('RACE', amount);
  const ctx = t.ctx();
  const out = await inWrite(ctx, (db) =>
    allocate(ctx, db, {
      donorId: 'RACE',
      earmarkId: 'GENERAL',
      amount,
      bookedOn: '2026-03-02',
      purpose: { kind: 'other', ref: `RACE-${Math.random()}`.slice(0, 20) },
      pscPercent: psc,
    }),
  );
  return out.allocationId;
}

/** Sends the 50 requests at once (one event-loop turn), each with its own Idempotency-Key. */
async function burst(url: string, body: Record<string, unknown>) {
  const post = poster(t);
  const answers = await Promise.all(Array.from({ length: 50 }, () => post(url, body)));
  return {
    created: answers.filter((r) => r.statusCode === 201),
    refused: answers.filter((r) => r.statusCode === 422),
    other: answers.filter((r) => r.statusCode !== 201 && r.statusCode !== 422).map((r) => r.body),
  };
}

async function expectReconciled() {
  const rec = await getter(t)('/api/fund/reconciliation');
  expect(rec.json()).toMatchObject({ ok: true, problems: [] });
  const negative = (await cachedBalances(t.store.db)).filter(
    (b) => /^(available|allocated)\//.test(b.account) && b.balance < 0n,
  );
  expect(negative).toEqual([]);
}

describe(`50 simultaneous spends of 1/10 of a balance (${STORE_KIND})`, () => {
  it.each([
    ['no support costs', '1000.00', '0', '100.00'],
    ['13% support costs on top', '1130.00', '13', '100.00'],
  ])('%s: exactly 10 succeed, 40 are refused, the allocation ends at 0', async (_n, allocated, psc, each) => {
    const id = await fund(allocated, psc);
    const pool = t.store.pgPool;
    const { created, refused, other } = await burst(`/api/fund/allocations/${id}/expenditures`, {
      amount: each,
      bookedOn: '2026-04-01',
    });
    expect(other).toEqual([]);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      const p = r.json() as Problem;
      expect(p.detail).toMatch(
        new RegExp(
          `^allocation ${id} holds 0\\.00 USD; this needs ${psc === '0' ? '100.00' : '113.00'} USD$`,
        ),
      );
      expect(p.errors?.[0]?.field).toBe('amount');
    }
    const view = (await getter(t)(`/api/fund/allocations/${id}`)).json();
    expect(view).toMatchObject({
      allocated: { amount: allocated },
      spent: { amount: '1000.00' },
      supportCosts: { amount: psc === '0' ? '0.00' : '130.00' },
      balance: { amount: '0.00' },
    });
    const txs = (await getter(t)(`/api/fund/transactions?allocationId=${id}&limit=500`)).json().transactions;
    expect(txs.filter((x: { kind: string }) => x.kind === 'expenditure')).toHaveLength(10);
    await expectReconciled();
    // PostgreSQL: the pool opened more than one connection, so transactions really overlapped.
    if (pool) {
      expect(pool.options.max).toBeGreaterThan(1);
      expect(pool.totalCount).toBeGreaterThan(1);
    }
  });

  it('50 simultaneous allocations of 1/10 of a free balance: exactly 10', async () => {
    await setUpFund(t.ctx(), { donors: [{ id: 'RACE2' }] });
    await payIn('RACE2', '500.00');
    const { created, refused, other } = await burst('/api/fund/allocations', {
      donorId: 'RACE2',
      earmarkId: 'GENERAL',
      amount: '50.00',
      bookedOn: '2026-03-05',
      purpose: { kind: 'other', ref: 'RACE2' },
    });
    expect(other).toEqual([]);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused)
      expect(r.json().detail).toBe(
        'the free balance of donor RACE2 under earmark GENERAL holds 0.00 USD; this needs 50.00 USD',
      );
    await expectReconciled();
  });

  it('20 simultaneous payments of 1/10 of a pledge: exactly 10, the rest refused', async () => {
    const pledge = await poster(t)('/api/fund/pledges', {
      donorId: 'RACE',
      pledgedOn: '2026-01-05',
      currency: 'USD',
      amount: '1000.00',
      earmarkId: 'GENERAL',
    });
    const id = pledge.json().id as number;
    const post = poster(t);
    const body = {
      donorId: 'RACE',
      pledgeId: id,
      receivedOn: '2026-03-01',
      currency: 'USD',
      amount: '100.00',
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/api/fund/payments', body)));
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(10);
    // Refused as over the outstanding amount (422) or, once paid in full, as a paid pledge (409).
    expect(answers.filter((r) => r.statusCode === 422 || r.statusCode === 409)).toHaveLength(10);
    expect((await getter(t)(`/api/fund/pledges/${id}`)).json()).toMatchObject({
      status: 'paid',
      paid: { amount: '1000.00' },
      outstanding: { amount: '0.00' },
    });
    await expectReconciled();
  });

  it('10 simultaneous reversals of one transaction: exactly one', async () => {
    const txId = await payIn('RACE', '9.00');
    const post = poster(t);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post(`/api/fund/transactions/${txId}/reversal`, { bookedOn: '2026-03-02', reason: 'race' }),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    await expectReconciled();
  });
});
