// The illustrative demo data of the fund ledger, on both stores: deterministic (the same seed on two fresh
// stores gives the same records and statements, byte for byte), reconciled, earmarks respected, labelled
// illustrative everywhere, loaded once, loaded at a first start only when asked, and never touching real
// records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/common/clock.ts';
import { DomainError } from '../../src/common/errors.ts';
import type { ServiceContext } from '../../src/context.ts';
import { DEMO_SEED, loadDemoAtFirstStart, loadDemoData } from '../../src/funds/demo/load-demo.ts';
import { planPledges } from '../../src/funds/demo/pledge-plan.ts';
import { seededPrng } from '../../src/funds/demo/prng.ts';
import { earmarkRefusal, type Purpose } from '../../src/funds/domain/earmarks.ts';
import {
  countTransactions,
  findEarmark,
  listAllocations,
  listCurrencies,
  listDonors,
  listRates,
} from '../../src/funds/repository.ts';
import { recordDonor, recordRate } from '../../src/funds/services/catalog.ts';
import { recordPayment } from '../../src/funds/services/payments.ts';
import { pledgeViews } from '../../src/funds/services/pledges.ts';
import { transactionViews } from '../../src/funds/services/queries.ts';
import { reconcile } from '../../src/funds/services/reconcile.ts';
import { contributionsByYear, donorStatement, fundStatement } from '../../src/funds/services/statements.ts';
import { runWrite } from '../../src/db/write.ts';
import { prepareStore } from '../../src/server/server.ts';
import { createTestStore, TEST_TODAY, testStoreOptions, type TestStore } from '../helpers/store.ts';

const WHOLE = { from: '2021-01-01', to: TEST_TODAY };
let a: TestStore;
/** Store b is prepared the way `palermo serve` prepares a new database: with the demo at its first start. */
let b: { ctx: ServiceContext; options: ReturnType<typeof testStoreOptions>; close: () => Promise<void> };

/** Everything the demo wrote, as the API would show it: the bytes two stores must agree on. */
async function everything(ctx: ServiceContext) {
  const db = ctx.store.db;
  const donors = (await listDonors(db)).filter((d) => d.id.startsWith('DEMO-'));
  const statements = [];
  for (const d of donors) statements.push(await donorStatement(ctx, db, d.id, TEST_TODAY));
  return JSON.stringify({
    fund: await fundStatement(ctx, db, { ...WHOLE, illustrative: true }),
    byYear: await contributionsByYear(db, { to: TEST_TODAY, illustrative: true }),
    donors,
    statements,
    rates: await listRates(db),
    transactions: await transactionViews(ctx, db, { limit: 100_000 }),
    allocations: await listAllocations(db),
  });
}

beforeAll(async () => {
  const clock = fixedClock(TEST_TODAY);
  const options = testStoreOptions();
  const [store, prepared] = await Promise.all([
    createTestStore(),
    prepareStore({ ...options.options, demo: true }, clock),
  ]);
  a = store;
  expect(prepared.demo?.seed).toBe(DEMO_SEED);
  b = {
    ctx: { store: prepared.store, registry: prepared.registry, clock, actor: 'demo-data' },
    options,
    close: async () => {
      await prepared.store.close();
      await options.cleanup();
    },
  };
  // Tests get no demo data unless they ask for it.
  expect((await listDonors(a.store.db)).map((d) => d.id)).toEqual(['FUND']);
  await loadDemoData(a.ctx('demo-data'));
}, 300_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('the illustrative demo data', () => {
  it('is the same, byte for byte, on two fresh stores with the same seed', async () => {
    const [one, two] = await Promise.all([everything(a.ctx()), everything(b.ctx)]);
    expect(one.length).toBeGreaterThan(100_000);
    expect(one === two).toBe(true);
  });

  it('depends on the seed, and only on the seed', async () => {
    const units = new Map((await listCurrencies(a.store.db)).map((c) => [c.code, c.minorUnits]));
    const plan = (seed: number) =>
      JSON.stringify(planPledges(seededPrng(seed), units), (_k, v) =>
        typeof v === 'bigint' ? String(v) : v,
      );
    expect(plan(7)).toBe(plan(7));
    expect(plan(7)).not.toBe(plan(8));
  });

  it('reconciles, and its statement balances', async () => {
    const check = await reconcile(a.store.db);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.transactions).toBeGreaterThan(300);
    const s = await fundStatement(a.ctx(), a.store.db, { ...WHOLE, illustrative: true });
    const cents = (x: string) => BigInt(x.replace('.', ''));
    expect(cents(s.closingBalance)).toBe(
      cents(s.openingBalance) + cents(s.sources.total) - cents(s.uses.total),
    );
    expect(cents(s.sources.contributions)).toBeGreaterThan(0n);
    expect(cents(s.uses.expenditure)).toBeGreaterThan(0n);
    for (const line of s.byEarmark)
      expect(cents(line.balance ?? 'no balance'), line.earmarkId).toBeGreaterThanOrEqual(0n);
    // The golden figures of the default seed: the same on SQLite and PostgreSQL, and until the generator changes.
    expect([
      s.sources.contributions,
      s.sources.interest,
      s.uses.expenditure,
      s.uses.supportCosts,
      s.uses.refunds,
      s.transfersBetweenEarmarks,
      s.closingBalance,
    ]).toEqual([
      '55032410.81',
      '156203.57',
      '40500856.87',
      '4755353.07',
      '11160.00',
      '95112.00',
      '9921244.44',
    ]);
  });

  it('spends money earmarked for X only on X', async () => {
    const db = a.store.db;
    const allocations = await listAllocations(db);
    expect(allocations.length).toBeGreaterThan(50);
    const earmarks = new Set<string>();
    for (const x of allocations) {
      const earmark = await findEarmark(db, x.earmarkId);
      const purpose: Purpose = {
        kind: x.purposeKind,
        ref: x.purposeRef,
        instrumentId: x.instrumentId,
        region: x.region,
        countryId: x.countryId,
        theme: x.theme,
      };
      expect(earmarkRefusal(earmark!, purpose), `allocation ${x.id}`).toBeNull();
      expect(x.donorId.startsWith('DEMO-')).toBe(true);
      earmarks.add(x.earmarkId);
      if (x.earmarkId === 'DEMO-FIREARMS-AFRICA')
        expect([x.instrumentId, x.region]).toEqual(['FIREARMS', 'Africa']);
      if (x.earmarkId === 'DEMO-PRJ-KEN')
        expect([x.purposeRef, x.countryId]).toEqual(['DEMO-PRJ-KEN-01', 'KEN']);
    }
    // Every earmark of the demo pays for something.
    expect([...earmarks].sort()).toEqual([
      'DEMO-ASSET-RECOVERY',
      'DEMO-FIREARMS-AFRICA',
      'DEMO-NGA',
      'DEMO-PRJ-KEN',
      'DEMO-SOM',
      'DEMO-TIP',
      'GENERAL',
    ]);
  });

  it('is labelled illustrative wherever it appears', async () => {
    const ctx = a.ctx();
    const db = a.store.db;
    const donors = await listDonors(db);
    expect(donors.length).toBeGreaterThanOrEqual(26);
    for (const d of donors.filter((x) => x.id !== 'FUND')) {
      expect(d.id.startsWith('DEMO-'), d.id).toBe(true);
      expect(d.illustrative, d.id).toBe(true);
      expect(d.name, d.id).toMatch(/\(illustrative\)$/);
    }
    expect(donors.filter((d) => d.kind === 'state').length).toBeGreaterThanOrEqual(20);
    expect(donors.find((d) => d.id === 'DEMO-FUND')).toMatchObject({ kind: 'fund', illustrative: true });
    const rates = await listRates(db);
    expect(rates.length).toBeGreaterThan(50);
    for (const r of rates) {
      expect(r.illustrative).toBe(true);
      expect(r.source).toContain('ILLUSTRATIVE rate, not a UN operational rate');
    }
    const pledges = await pledgeViews(ctx, db, { asOf: TEST_TODAY });
    expect(pledges.every((p) => p.illustrative)).toBe(true);
    // The real dataset is untouched: nothing of the demo is added to it.
    const real = await fundStatement(ctx, db, { ...WHOLE, illustrative: false });
    expect([real.closingBalance, real.sources.total, real.uses.total]).toEqual(['0.00', '0.00', '0.00']);
    expect(real.pledgesOutstanding).toEqual([]);
    expect((await contributionsByYear(db, { to: TEST_TODAY, illustrative: false })).rows).toEqual([]);
    expect(
      (await contributionsByYear(db, { to: TEST_TODAY, illustrative: true })).rows.length,
    ).toBeGreaterThan(50);
  });

  it('shows the whole life of the Fund: multi-year pledges, agreements, overdue, written off, every kind of entry', async () => {
    const ctx = a.ctx();
    const db = a.store.db;
    const pledges = await pledgeViews(ctx, db, { asOf: TEST_TODAY });
    expect(pledges.length).toBeGreaterThan(60);
    expect(pledges.filter((p) => p.instalments.length === 3).length).toBeGreaterThanOrEqual(10);
    const rates = new Set(
      pledges.flatMap((p) => p.events.filter((e) => e.kind === 'agreement').map((e) => e.pscPercent)),
    );
    expect([...rates].sort()).toEqual(['10', '13', '7', '8']);
    expect(pledges.filter((p) => p.status === 'written_off').map((p) => p.donorId)).toEqual([
      'DEMO-FDN-JUSTICE',
    ]);
    const overdue = pledges.filter((p) => p.overdue.amount.replace(/[0.]/g, '') !== '');
    expect(overdue.map((p) => p.donorId)).toEqual(expect.arrayContaining(['DEMO-JPN', 'DEMO-KOR']));
    expect(pledges.some((p) => p.sourceOfFunds === 'confiscated_proceeds')).toBe(true);
    const currencies = new Set(pledges.map((p) => p.pledged.currency));
    for (const c of ['EUR', 'GBP', 'JPY', 'KWD', 'NOK', 'SEK', 'CHF', 'CAD', 'AUD', 'USD'])
      expect(currencies).toContain(c);

    const transactions = await transactionViews(ctx, db, { limit: 100_000 });
    const kinds = new Set(transactions.map((t) => t.kind));
    expect([...kinds].sort()).toEqual([
      'allocation',
      'contribution',
      'expenditure',
      'interest',
      'refund',
      'release',
      'reversal',
      'transfer',
    ]);
    const jpy = transactions.find((t) => t.payment?.received.currency === 'JPY')!.payment!;
    expect(jpy.received.amount).toMatch(/^\d+$/);
    expect(jpy.conversion).toMatch(/^\d+ JPY at [\d.]+ JPY\/USD \(\d{4}-\d{2}\) = \d+\.\d{2} USD$/);
    const kwd = transactions.find((t) => t.payment?.received.currency === 'KWD')!.payment!;
    expect(kwd.received.amount).toMatch(/^\d+\.\d{3}$/);
    const reversal = transactions.find((t) => t.kind === 'reversal')!;
    const reversed = transactions.find((t) => t.id === reversal.reversesId)!;
    expect([reversed.kind, reversed.donorId, reversed.reversedById]).toEqual([
      'contribution',
      'DEMO-DEU',
      reversal.id,
    ]);
    expect(transactions.find((t) => t.kind === 'transfer')!.reference).toMatch(/^DEMO-NOR letter/);
    const interest = transactions.filter((t) => t.kind === 'interest');
    expect(interest.length).toBe(22);
    expect(interest.every((t) => t.donorId === 'DEMO-FUND')).toBe(true);
    const spending = transactions.filter((t) => t.kind === 'expenditure');
    expect(spending.every((t) => t.entries.some((e) => e.account.startsWith('psc/')))).toBe(true);
  });

  it('is loaded once: a second run is refused and changes nothing', async () => {
    const before = await countTransactions(a.store.db);
    const second = loadDemoData(a.ctx('demo-data'), { seed: 1 });
    await expect(second).rejects.toBeInstanceOf(DomainError);
    await expect(second).rejects.toMatchObject({ code: 'conflict' });
    expect(await countTransactions(a.store.db)).toBe(before);
  });

  it('is loaded at the first start only', async () => {
    const again = await prepareStore({ ...b.options.options, demo: true }, fixedClock(TEST_TODAY));
    try {
      expect(again.demo).toBeNull();
      expect(await countTransactions(again.store.db)).toBe(await countTransactions(b.ctx.store.db));
    } finally {
      await again.store.close();
    }
  });
});

describe('the demo and real records', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore();
  }, 120_000);
  afterAll(async () => t?.close());

  it('keeps its illustrative rates apart: a real rate for the same month is still recorded', async () => {
    const units = new Map((await listCurrencies(t.store.db)).map((c) => [c.code, c.minorUnits]));
    const eur = planPledges(seededPrng(DEMO_SEED), units).find(
      (p) => p.currency === 'EUR' && p.payments.length > 0,
    )!;
    const month = eur.payments[0]!.on.slice(0, 7);
    const ctx = t.ctx();
    await runWrite(ctx, { key: null, operation: 'test', payload: null }, async (db) => {
      await recordRate(ctx, db, { currency: 'EUR', month, rate: '0.9', source: 'UN operational rates' });
      return { status: 201, body: null };
    });
    await loadDemoData(ctx);
    const rates = (await listRates(t.store.db, { currency: 'EUR', month })).map((r) => [
      r.rate,
      r.illustrative,
    ]);
    expect(rates).toContainEqual(['0.9', false]);
    expect(rates.some(([, illustrative]) => illustrative === true)).toBe(true);
  });

  it('leaves real donors and statements as they were', async () => {
    const fresh = await createTestStore();
    try {
      const ctx = fresh.ctx();
      const db = fresh.store.db;
      await runWrite(ctx, { key: null, operation: 'test', payload: null }, async (trx) => {
        await recordDonor(ctx, trx, { id: 'ITA', name: 'Italy', kind: 'state', participantId: 'ITA' });
        await recordPayment(ctx, trx, {
          donorId: 'ITA',
          receivedOn: '2026-03-02',
          currency: 'USD',
          amount: '100000.00',
          earmarkId: 'GENERAL',
        });
        return { status: 201, body: null };
      });
      const real = async () =>
        JSON.stringify([
          await fundStatement(ctx, db, { ...WHOLE, illustrative: false }),
          await donorStatement(ctx, db, 'ITA', TEST_TODAY),
          await contributionsByYear(db, { to: TEST_TODAY, illustrative: false }),
          (await listDonors(db)).filter((d) => !d.illustrative),
        ]);
      const before = await real();
      expect(before).toContain('100000.00');
      await loadDemoData(ctx);
      expect(await real()).toBe(before);
      expect((await reconcile(db)).ok).toBe(true);
    } finally {
      await fresh.close();
    }
  }, 300_000);

  it('needs a clock past its last day', async () => {
    const early = await createTestStore({ today: '2026-01-15' });
    try {
      await expect(loadDemoData(early.ctx())).rejects.toMatchObject({ code: 'validation' });
      // At a first start it is skipped rather than refused.
      expect(await loadDemoAtFirstStart(early.ctx())).toBeNull();
      expect((await listDonors(early.store.db)).some((d) => d.id.startsWith('DEMO-'))).toBe(false);
    } finally {
      await early.close();
    }
  });
});
