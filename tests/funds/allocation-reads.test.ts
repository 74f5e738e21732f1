// Allocations are listed with their balances read for all of them at once (the report's section IV lists
// every allocation): the number of queries does not grow with the number of allocations, and each
// allocation's figures are its own — allocation 1's accounts are not confused with allocation 10's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPayment } from '../../src/funds/services/payments.ts';
import { allocationViews, getAllocation } from '../../src/funds/services/queries.ts';
import { allocate, spend } from '../../src/funds/services/uses.ts';
import { countingQueries } from '../helpers/query-counter.ts';
import { createTestStore, STORE_KIND, type TestStore } from '../helpers/store.ts';
import { inWrite, setUpFund } from './support.ts';

let t: TestStore;
beforeAll(async () => {
  t = await createTestStore();
  await setUpFund(t.ctx(), { donors: [{ id: 'READS' }] });
  const ctx = t.ctx();
  await inWrite(ctx, (db) =>
    recordPayment(ctx, db, {
      donorId: 'READS',
      receivedOn: '2026-03-01',
      currency: 'USD',
      amount: '100000.00',
      earmarkId: 'GENERAL',
    }),
  );
}, 120_000);
afterAll(async () => t?.close());

/** Allocates `count` more times from the payment: allocation n of 100·n USD, 13% support costs. */
async function allocateMore(count: number, from: number): Promise<void> {
  const ctx = t.ctx();
  for (let n = from; n < from + count; n++)
    await inWrite(ctx, (db) =>
      allocate(ctx, db, {
        donorId: 'READS',
        earmarkId: 'GENERAL',
        amount: `${100 * n}.00`,
        bookedOn: '2026-03-02',
        purpose: { kind: 'other', ref: `READS-${n}` },
        pscPercent: '13',
      }),
    );
}

async function counted() {
  const counting = countingQueries(t.store.db);
  const views = await allocationViews(counting.db);
  return { views, queries: counting.count() };
}

describe(`allocations and their balances (${STORE_KIND})`, () => {
  it('reads 3 allocations and 12 with the same number of queries', async () => {
    await allocateMore(3, 1);
    const few = await counted();
    await allocateMore(9, 4);
    const many = await counted();
    expect(few.views).toHaveLength(3);
    expect(many.views).toHaveLength(12);
    expect(many.queries).toBe(few.queries);
  });

  it('gives each allocation its own figures', async () => {
    const views = await allocationViews(t.store.db);
    const ten = views.find((v) => v.purpose.ref === 'READS-10');
    const one = views.find((v) => v.purpose.ref === 'READS-1');
    expect(ten?.allocated).toEqual({ amount: '1000.00', currency: 'USD' });
    expect(one?.allocated).toEqual({ amount: '100.00', currency: 'USD' });
    const ctx = t.ctx();
    await inWrite(ctx, (db) =>
      spend(ctx, db, one?.id as number, { amount: '50.00', bookedOn: '2026-03-03' }),
    );
    const after = await getAllocation(t.store.db, one?.id as number);
    expect(after.spent).toEqual({ amount: '50.00', currency: 'USD' });
    expect(after.supportCosts).toEqual({ amount: '6.50', currency: 'USD' });
    expect(after.balance).toEqual({ amount: '43.50', currency: 'USD' });
    expect((await getAllocation(t.store.db, ten?.id as number)).spent).toEqual({
      amount: '0.00',
      currency: 'USD',
    });
  });
});
