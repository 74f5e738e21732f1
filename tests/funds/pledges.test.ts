// Pledges, on both stores: a three-year pledge with yearly instalments, what is overdue as at a date (past
// and future), a partial write-off, closing, and refusals (instalments that do not add up or fall outside the
// period, writing off more than is outstanding, paying a closed pledge). "Funded" totals never include a
// bare pledge: the fund statement's contributions come from payments only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { getter, poster, setUpFund } from './support.ts';

let t: TestApp;
let post: ReturnType<typeof poster>;
let get: ReturnType<typeof getter>;
let pledgeId = 0;
beforeAll(async () => {
  t = await createTestApp();
  post = poster(t);
  get = getter(t);
  await setUpFund(t.ctx(), { donors: [{ id: 'PLG' }, { id: 'BARE' }], months: ['2026-04'] });
});
afterAll(async () => t?.close());

const threeYears = {
  donorId: 'PLG',
  pledgedOn: '2026-01-10',
  currency: 'EUR',
  amount: '300000.00',
  earmarkId: 'GENERAL',
  periodFrom: '2026-01-01',
  periodTo: '2028-12-31',
  instalments: [
    { dueOn: '2026-03-31', amount: '100000.00' },
    { dueOn: '2027-03-31', amount: '100000.00' },
    { dueOn: '2028-03-31', amount: '100000.00' },
  ],
};
const standing = async (asOf: string) =>
  (await get(`/api/fund/pledges?donorId=PLG&asOf=${asOf}`))
    .json()
    .find((p: { id: number }) => p.id === pledgeId);

describe(`pledges (${STORE_KIND})`, () => {
  it('records a three-year pledge and its agreement', async () => {
    const res = await post('/api/fund/pledges', threeYears);
    expect(res.statusCode, res.body).toBe(201);
    pledgeId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'pledged', instalments: threeYears.instalments });
    const signed = await post(`/api/fund/pledges/${pledgeId}/events`, {
      kind: 'agreement',
      happenedOn: '2026-02-01',
      reference: 'AGR-PLG',
      pscPercent: '7',
    });
    expect(signed.json()).toMatchObject({
      status: 'committed',
      events: [{ kind: 'agreement', pscPercent: '7' }],
    });
  });

  it.each([
    // as at, status, outstanding, overdue, overdue since
    ['2026-01-09', undefined, null, null, null], // not yet pledged on that day
    ['2026-03-30', 'committed', '300000.00', '0.00', null],
    ['2026-03-31', 'committed', '300000.00', '100000.00', '2026-03-31'],
    ['2027-04-01', 'committed', '300000.00', '200000.00', '2026-03-31'],
  ])(
    'as at %s: %s, outstanding %s, overdue %s since %s',
    async (asOf, status, outstanding, overdue, since) => {
      const p = await standing(asOf);
      if (status === undefined) return expect(p).toBeUndefined();
      expect(p).toMatchObject({
        status,
        outstanding: { amount: outstanding },
        overdue: { amount: overdue },
        overdueSince: since,
      });
    },
  );

  it('a payment covers the first instalment; the next falls due a year later', async () => {
    const paid = await post('/api/fund/payments', {
      donorId: 'PLG',
      pledgeId,
      receivedOn: '2026-04-15',
      currency: 'EUR',
      amount: '100000.00',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(await standing('2026-06-30')).toMatchObject({
      status: 'partly_paid',
      overdue: { amount: '0.00' },
    });
    // Before the payment was received, the first instalment was overdue.
    expect(await standing('2026-04-14')).toMatchObject({
      status: 'committed',
      overdue: { amount: '100000.00' },
    });
    expect(await standing('2027-04-01')).toMatchObject({
      paid: { amount: '100000.00' },
      outstanding: { amount: '200000.00' },
      overdue: { amount: '100000.00' },
      overdueSince: '2027-03-31',
    });
  });

  it('refuses to write off more than is outstanding, then writes off part', async () => {
    const tooMuch = await post(`/api/fund/pledges/${pledgeId}/events`, {
      kind: 'write_off',
      happenedOn: '2026-06-01',
      amount: '200000.01',
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().detail).toMatch(/only what is outstanding \(200000\.00 EUR\)/);
    const res = await post(`/api/fund/pledges/${pledgeId}/events`, {
      kind: 'write_off',
      happenedOn: '2026-06-01',
      amount: '50000.00',
      note: 'budget cut',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await standing('2027-04-01')).toMatchObject({
      writtenOff: { amount: '50000.00' },
      outstanding: { amount: '150000.00' },
      overdue: { amount: '50000.00' },
    });
    // The write-off counts from its own date: the day before, nothing was written off.
    expect((await standing('2026-05-31')).writtenOff.amount).toBe('0.00');
  });

  it('closes the pledge: nothing outstanding, no more payments or events', async () => {
    const closed = await post(`/api/fund/pledges/${pledgeId}/events`, {
      kind: 'close',
      happenedOn: '2026-06-15',
    });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      outstanding: { amount: '0.00' },
      overdue: { amount: '0.00' },
    });
    expect(closed.json().writtenOff.amount).toBe('200000.00');
    const pay = await post('/api/fund/payments', {
      donorId: 'PLG',
      pledgeId,
      receivedOn: '2026-06-20',
      currency: 'EUR',
      amount: '1.00',
    });
    expect(pay.statusCode).toBe(409);
    expect(
      (await post(`/api/fund/pledges/${pledgeId}/events`, { kind: 'close', happenedOn: '2026-06-16' }))
        .statusCode,
    ).toBe(409);
  });

  it.each([
    [
      'instalments that do not add up',
      { instalments: [{ dueOn: '2026-03-31', amount: '1.00' }] },
      'instalments',
    ],
    [
      'an instalment after the period',
      { instalments: [{ dueOn: '2029-01-01', amount: '300000.00' }] },
      'instalments[0].dueOn',
    ],
    [
      'a period that ends before it starts',
      { periodFrom: '2027-01-01', periodTo: '2026-01-01', instalments: [] },
      'periodTo',
    ],
    ['an unknown currency', { currency: 'XXY' }, 'currency'],
  ])('refuses %s (422 at %s)', async (_n, change, field) => {
    const res = await post('/api/fund/pledges', { ...threeYears, ...change });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors?.[0]?.field).toBe(field);
  });

  it('"funded" never includes a bare pledge: contributions come from payments only', async () => {
    const before = (await get('/api/fund/statement?from=2026-01-01&to=2026-06-30')).json();
    const bare = await post('/api/fund/pledges', { ...threeYears, donorId: 'BARE', currency: 'USD' });
    expect(bare.statusCode).toBe(201);
    const after = (await get('/api/fund/statement?from=2026-01-01&to=2026-06-30')).json();
    expect(after.sources).toEqual(before.sources);
    expect(after.closingBalance).toBe(before.closingBalance);
    expect(after.pledgesOutstanding).toContainEqual({
      currency: 'USD',
      outstanding: '300000.00',
      overdue: '100000.00',
    });
    const donor = (await get('/api/fund/donors/BARE/statement?asOf=2026-06-30')).json();
    expect(donor.totals).toMatchObject({ contributions: '0.00', balance: '0.00' });
    expect(donor.pledges).toEqual([
      {
        currency: 'USD',
        pledged: '300000.00',
        committed: '0.00',
        paid: '0.00',
        writtenOff: '0.00',
        outstanding: '300000.00',
        overdue: '100000.00',
      },
    ]);
    const rows = (await get('/api/fund/contributions?to=2026-06-30')).json().rows;
    expect(rows.map((r: { donorId: string }) => r.donorId)).not.toContain('BARE');
    // EUR 100,000.00 at 0.926 (April 2026) = USD 107,991.36: the payment, not the pledge, is what was funded.
    expect(after.sources.contributions).toBe('107991.36');
  });
});
