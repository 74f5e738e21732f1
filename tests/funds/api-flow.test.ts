// The fund ledger through the API, on both stores: a year of a donor's pledge, payments in three currencies,
// allocation, spending with support costs, the statements — every figure to the cent. Idempotency, reversals,
// pledges, statements and concurrency have files of their own beside this one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { poster } from './support.ts';

let t: TestApp;
let post: ReturnType<typeof poster>;

beforeAll(async () => {
  t = await createTestApp();
  post = poster(t);
});
afterAll(async () => t?.close());

describe('a year of the fund', () => {
  it('records donors, earmarks and rates', async () => {
    expect(
      (await post('/api/fund/donors', { id: 'ITA', name: 'Italy', kind: 'state', participantId: 'ITA' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await post('/api/fund/donors', { id: 'JPN', name: 'Japan', kind: 'state', participantId: 'JPN' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await post('/api/fund/donors', { id: 'KWT', name: 'Kuwait', kind: 'state', participantId: 'KWT' }))
        .statusCode,
    ).toBe(201);
    const earmark = await post('/api/fund/earmarks', {
      id: 'TIP-AFRICA',
      name: 'Trafficking in Persons Protocol, Africa',
      purpose: 'special',
      iatiCategory: 3,
      instrumentId: 'TIP',
      region: 'Africa',
    });
    expect(earmark.statusCode, earmark.body).toBe(201);
    for (const [currency, rate] of [
      ['EUR', '0.926'],
      ['JPY', '151.25'],
      ['KWD', '0.3075'],
    ]) {
      const res = await post('/api/fund/rates', {
        currency,
        month: '2026-03',
        rate,
        source: 'UN operational rates, March 2026',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('pledges, signs, pays in EUR with conversion shown', async () => {
    const pledge = await post('/api/fund/pledges', {
      donorId: 'ITA',
      pledgedOn: '2026-01-15',
      currency: 'EUR',
      amount: '500000.00',
      earmarkId: 'TIP-AFRICA',
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
      instalments: [
        { dueOn: '2026-03-31', amount: '250000.00' },
        { dueOn: '2027-03-31', amount: '250000.00' },
      ],
    });
    expect(pledge.statusCode, pledge.body).toBe(201);
    const p = pledge.json();
    expect(p.status).toBe('pledged');
    const signed = await post(`/api/fund/pledges/${p.id}/events`, {
      kind: 'agreement',
      happenedOn: '2026-02-01',
      reference: 'AGR-2026-7',
      pscPercent: '8',
    });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().status).toBe('committed');
    const paid = await post('/api/fund/payments', {
      donorId: 'ITA',
      pledgeId: p.id,
      receivedOn: '2026-03-10',
      currency: 'EUR',
      amount: '250000.00',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const tx = paid.json();
    // 250,000.00 EUR / 0.926 = 269,978.401727... → 269,978.40 USD
    expect(tx.payment.usd).toEqual({ amount: '269978.40', currency: 'USD' });
    expect(tx.payment.conversion).toBe('250000.00 EUR at 0.926 EUR/USD (2026-03) = 269978.40 USD');
    expect(tx.entries).toEqual([
      { account: 'donor/ITA', currency: 'EUR', amount: '-250000.00' },
      { account: 'fx', currency: 'EUR', amount: '250000.00' },
      { account: 'fx', currency: 'USD', amount: '-269978.40' },
      { account: 'available/TIP-AFRICA/ITA', currency: 'USD', amount: '269978.40' },
    ]);
    const after = await t.app.inject({ url: `/api/fund/pledges/${p.id}?`, headers: t.auth });
    expect(after.json()).toMatchObject({ status: 'partly_paid', outstanding: { amount: '250000.00' } });
  });

  it('takes JPY (0 decimals) and KWD (3 decimals) exactly', async () => {
    const jpy = await post('/api/fund/payments', {
      donorId: 'JPN',
      receivedOn: '2026-03-20',
      currency: 'JPY',
      amount: '15125000',
      earmarkId: 'GENERAL',
    });
    expect(jpy.statusCode, jpy.body).toBe(201);
    expect(jpy.json().payment.usd.amount).toBe('100000.00');
    const badJpy = await post('/api/fund/payments', {
      donorId: 'JPN',
      receivedOn: '2026-03-20',
      currency: 'JPY',
      amount: '100.5',
      earmarkId: 'GENERAL',
    });
    expect(badJpy.statusCode).toBe(422);
    expect(badJpy.json().detail).toMatch(/no decimals/);
    const kwd = await post('/api/fund/payments', {
      donorId: 'KWT',
      receivedOn: '2026-03-25',
      currency: 'KWD',
      amount: '30750.125',
      earmarkId: 'GENERAL',
    });
    expect(kwd.statusCode, kwd.body).toBe(201);
    // 30,750.125 / 0.3075 = 100,000.4065 → 100,000.41
    expect(kwd.json().payment.usd.amount).toBe('100000.41');
  });

  it('refuses to spend earmarked money on another purpose', async () => {
    const wrong = await post('/api/fund/allocations', {
      donorId: 'ITA',
      earmarkId: 'TIP-AFRICA',
      amount: '1000.00',
      bookedOn: '2026-04-01',
      purpose: { kind: 'project', ref: 'PRJ-ASIA-1', instrumentId: 'TIP', countryId: 'VNM' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().detail).toMatch(/earmarked .* region Africa/);
  });

  it('allocates, spends with support costs, and the statements add up', async () => {
    const alloc = await post('/api/fund/allocations', {
      donorId: 'ITA',
      earmarkId: 'TIP-AFRICA',
      amount: '108000.00',
      bookedOn: '2026-04-01',
      purpose: { kind: 'project', ref: 'PRJ-NGA-1', instrumentId: 'TIP', countryId: 'NGA' },
    });
    expect(alloc.statusCode, alloc.body).toBe(201);
    const a = alloc.json();
    expect(a.pscPercent).toBe('8');
    const spent = await post(`/api/fund/allocations/${a.id}/expenditures`, {
      amount: '100000.00',
      bookedOn: '2026-05-01',
      reference: 'INV-1',
    });
    expect(spent.statusCode, spent.body).toBe(201);
    const over = await post(`/api/fund/allocations/${a.id}/expenditures`, {
      amount: '100.00',
      bookedOn: '2026-05-02',
    });
    expect(over.statusCode).toBe(422);
    const view = (await t.app.inject({ url: `/api/fund/allocations/${a.id}`, headers: t.auth })).json();
    expect(view).toMatchObject({
      spent: { amount: '100000.00' },
      supportCosts: { amount: '8000.00' },
      balance: { amount: '0.00' },
    });
    const st = (
      await t.app.inject({ url: '/api/fund/donors/ITA/statement?asOf=2026-06-30', headers: t.auth })
    ).json();
    expect(st.totals).toMatchObject({
      contributions: '269978.40',
      allocated: '108000.00',
      expenditure: '100000.00',
      supportCosts: '8000.00',
      available: '161978.40',
      balance: '161978.40',
    });
    const fund = (
      await t.app.inject({ url: '/api/fund/statement?from=2026-01-01&to=2026-06-30', headers: t.auth })
    ).json();
    expect(fund).toMatchObject({
      openingBalance: '0.00',
      sources: { contributions: '469978.81' },
      uses: { expenditure: '100000.00', supportCosts: '8000.00', total: '108000.00' },
      closingBalance: '361978.81',
    });
    const rec = (await t.app.inject({ url: '/api/fund/reconciliation', headers: t.auth })).json();
    expect(rec).toMatchObject({ ok: true, problems: [] });
  });
});
