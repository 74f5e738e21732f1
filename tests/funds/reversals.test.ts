// Reversals, on both stores: a correction is a new transaction with the opposite entries, linked to what it
// reverses. A transaction is reversed at most once (409), a reversal is never reversed (409), a reversal that
// would take money the Fund has already allocated back out of the free balance is refused (422), and the
// paid amount of a pledge drops when a payment against it is reversed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { getter, poster, setUpFund } from './support.ts';

let t: TestApp;
let post: ReturnType<typeof poster>;
let get: ReturnType<typeof getter>;
beforeAll(async () => {
  t = await createTestApp();
  post = poster(t);
  get = getter(t);
  await setUpFund(t.ctx(), { donors: [{ id: 'REV' }], months: ['2026-03'] });
});
afterAll(async () => t?.close());

const pay = async (amount: string, currency = 'USD', extra: Record<string, unknown> = {}) => {
  const res = await post('/api/fund/payments', {
    donorId: 'REV',
    receivedOn: '2026-03-10',
    currency,
    amount,
    earmarkId: 'GENERAL',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; entries: Array<{ account: string; currency: string; amount: string }> };
};
const reverse = (id: number, bookedOn = '2026-03-20') =>
  post(`/api/fund/transactions/${id}/reversal`, { bookedOn, reason: 'test correction' });
const available = async () =>
  ((await get('/api/fund/donors/REV/statement'))
    .json()
    .byEarmark.find((e: { earmarkId: string }) => e.earmarkId === 'GENERAL')?.available ?? '0.00') as string;

describe(`reversals (${STORE_KIND})`, () => {
  it('reverses an FX payment entry by entry, both currencies, and links the two', async () => {
    const before = await available();
    const original = await pay('1000.00', 'EUR');
    const rev = await reverse(original.id);
    expect(rev.statusCode, rev.body).toBe(201);
    const r = rev.json();
    expect(r).toMatchObject({ kind: 'reversal', reversesId: original.id, memo: 'test correction' });
    expect(r.entries).toEqual(
      original.entries.map((e) => ({
        ...e,
        amount: e.amount.startsWith('-') ? e.amount.slice(1) : `-${e.amount}`,
      })),
    );
    expect((await get(`/api/fund/transactions/${original.id}`)).json().reversedById).toBe(r.id);
    expect(await available()).toBe(before);
  });

  it('refuses a second reversal and the reversal of a reversal (409), writing nothing', async () => {
    const original = await pay('10.00');
    const first = await reverse(original.id);
    expect(first.statusCode).toBe(201);
    const twice = await reverse(original.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe(
      `transaction ${original.id} was already reversed by transaction ${first.json().id}`,
    );
    const ofReversal = await reverse(first.json().id);
    expect(ofReversal.statusCode).toBe(409);
    expect(ofReversal.json().detail).toMatch(/is itself a reversal/);
    const all = (await get('/api/fund/transactions?donorId=REV&limit=500')).json().transactions;
    expect(all.filter((x: { reversesId: number | null }) => x.reversesId === original.id)).toHaveLength(1);
  });

  it('refuses (422) a reversal that would take allocated money back out of the free balance', async () => {
    const free = await available();
    const original = await pay('1000.00');
    const alloc = await post('/api/fund/allocations', {
      donorId: 'REV',
      earmarkId: 'GENERAL',
      amount: (Number(free) + 600).toFixed(2),
      bookedOn: '2026-03-11',
      purpose: { kind: 'other', ref: 'REV-1' },
      pscPercent: '0',
    });
    expect(alloc.statusCode, alloc.body).toBe(201);
    const res = await reverse(original.id);
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe(
      'the free balance of donor REV under earmark GENERAL holds 400.00 USD; this needs 1000.00 USD',
    );
    expect((await get(`/api/fund/transactions/${original.id}`)).json().reversedById).toBeNull();
    // Once the allocation is released, the payment can be reversed.
    const allocationId = alloc.json().id as number;
    const released = await post(`/api/fund/allocations/${allocationId}/releases`, {
      amount: '600.00',
      bookedOn: '2026-03-12',
    });
    expect(released.statusCode, released.body).toBe(201);
    expect((await reverse(original.id)).statusCode).toBe(201);
  });

  it('reverses an expenditure with its support costs back into the allocation', async () => {
    await pay('2260.00');
    const alloc = await post('/api/fund/allocations', {
      donorId: 'REV',
      earmarkId: 'GENERAL',
      amount: '2260.00',
      bookedOn: '2026-03-11',
      purpose: { kind: 'other', ref: 'REV-2' },
      pscPercent: '13',
    });
    const id = alloc.json().id as number;
    const spent = await post(`/api/fund/allocations/${id}/expenditures`, {
      amount: '1000.00',
      bookedOn: '2026-03-15',
    });
    expect((await get(`/api/fund/allocations/${id}`)).json().balance.amount).toBe('1130.00');
    expect((await reverse(spent.json().id)).statusCode).toBe(201);
    expect((await get(`/api/fund/allocations/${id}`)).json()).toMatchObject({
      allocated: { amount: '2260.00' },
      spent: { amount: '0.00' },
      supportCosts: { amount: '0.00' },
      balance: { amount: '2260.00' },
    });
  });

  it('refuses a reversal booked before the transaction it reverses', async () => {
    const original = await pay('1.00');
    const res = await reverse(original.id, '2026-03-09');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors?.[0]?.field).toBe('bookedOn');
  });

  it("the pledge's paid amount drops when a payment against it is reversed", async () => {
    const pledge = await post('/api/fund/pledges', {
      donorId: 'REV',
      pledgedOn: '2026-02-01',
      currency: 'EUR',
      amount: '1000.00',
      earmarkId: 'GENERAL',
    });
    const p = pledge.json();
    const paid = await pay('400.00', 'EUR', { pledgeId: p.id, earmarkId: null });
    expect((await get(`/api/fund/pledges/${p.id}`)).json()).toMatchObject({
      status: 'partly_paid',
      paid: { amount: '400.00' },
      outstanding: { amount: '600.00' },
    });
    expect((await reverse(paid.id)).statusCode).toBe(201);
    expect((await get(`/api/fund/pledges/${p.id}`)).json()).toMatchObject({
      status: 'pledged',
      paid: { amount: '0.00' },
      outstanding: { amount: '1000.00' },
    });
    // The whole pledge can be paid again.
    await pay('1000.00', 'EUR', { pledgeId: p.id, earmarkId: null });
    expect((await get(`/api/fund/pledges/${p.id}`)).json().status).toBe('paid');
    expect((await get('/api/fund/reconciliation')).json()).toMatchObject({ ok: true, problems: [] });
  });
});
