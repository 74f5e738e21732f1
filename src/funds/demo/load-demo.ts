// Loads the illustrative demo dataset of the fund ledger: donors, earmarks, monthly rates, pledges, payments,
// interest, allocations, spending, and one of each correction. Deterministic (a seeded generator, exact
// integer amounts: the same seed gives the same records), in one database transaction through the same
// services as any other write, refused if it was loaded before, and checked by reconcile() before it commits.
// Every record is labelled illustrative: donors and rates carry the flag (pledges and the ledger follow
// their donor), every name, reference and rate source says so, and every id starts with DEMO-.
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { findParticipant } from '../../treaties/services/lookups.ts';
import { countTransactions, listCurrencies, listDonors, listPledges, type Db } from '../repository.ts';
import { defineEarmark, recordDonor, recordRate } from '../services/catalog.ts';
import { reconcile } from '../services/reconcile.ts';
import { runWrite } from '../../db/write.ts';
import { planPledges, type PlannedPledge } from './pledge-plan.ts';
import { seededPrng, type Prng } from './prng.ts';
import {
  DEMO_FROM,
  DEMO_FUND_DONOR,
  DEMO_PREFIX,
  DEMO_SEED,
  DEMO_TO,
  DONORS,
  EARMARKS,
  LABEL,
  RATE_SOURCE,
} from './profiles.ts';
import { demoRates, type DemoRate } from './rates.ts';
import { DemoTimeline } from './timeline.ts';

export { DEMO_SEED, DEMO_TO };

export interface DemoSummary {
  seed: number;
  from: string;
  to: string;
  donors: number;
  earmarks: number;
  rates: number;
  pledges: number;
  transactions: number;
}

export async function demoDonorIds(db: Db): Promise<string[]> {
  return (await listDonors(db)).filter((d) => d.id.startsWith(DEMO_PREFIX)).map((d) => d.id);
}

async function refuseTwice(ctx: ServiceContext, db: Db): Promise<void> {
  const existing = await demoDonorIds(db);
  if (existing.length > 0) {
    throw new DomainError(
      'conflict',
      `the illustrative demo data is already loaded (${existing.length} donors whose ids start with ${DEMO_PREFIX}); it is loaded once`,
    );
  }
  if (ctx.clock.today() < DEMO_TO) {
    throw new DomainError(
      'validation',
      `the demo's payments run to ${DEMO_TO}, after today (${ctx.clock.today()}); a payment cannot be received in the future`,
    );
  }
}

async function recordCatalog(
  ctx: ServiceContext,
  db: Db,
  prng: Prng,
  pledges: readonly PlannedPledge[],
): Promise<DemoRate[]> {
  await recordDonor(ctx, db, DEMO_FUND_DONOR, { illustrative: true });
  for (const d of DONORS) {
    let name = d.name;
    if (d.participantId) {
      const participant = await findParticipant(db, d.participantId);
      if (!participant) throw notFound('participant', d.participantId, 'participantId');
      name = `${participant.name} ${LABEL}`;
    }
    await recordDonor(
      ctx,
      db,
      { id: d.id, name: name ?? d.id, kind: d.kind, participantId: d.participantId },
      { illustrative: true },
    );
  }
  for (const e of EARMARKS) await defineEarmark(ctx, db, e);
  // A rate for each month in which a currency is received: the demo takes no more months than it needs.
  const currencies = [...new Set(DONORS.map((d) => d.currency))].filter((c) => c !== 'USD');
  const needed = new Set(pledges.flatMap((p) => p.payments.map((x) => `${p.currency} ${x.on.slice(0, 7)}`)));
  const rates = demoRates(prng, currencies).filter((r) => needed.has(`${r.currency} ${r.month}`));
  for (const r of rates) {
    await recordRate(ctx, db, { ...r, source: RATE_SOURCE }, { illustrative: true });
  }
  return rates;
}

async function load(ctx: ServiceContext, db: Db, seed: number): Promise<DemoSummary> {
  await refuseTwice(ctx, db);
  const transactionsBefore = await countTransactions(db);
  const pledgesBefore = (await listPledges(db)).length;
  const prng = seededPrng(seed);
  const minorUnits = new Map((await listCurrencies(db)).map((c) => [c.code, c.minorUnits]));
  const pledges = planPledges(prng, minorUnits);
  const rates = await recordCatalog(ctx, db, prng, pledges);
  const donorIds = new Set([DEMO_FUND_DONOR.id, ...DONORS.map((d) => d.id)]);
  const timeline = new DemoTimeline(ctx, db, prng, donorIds);
  const years = [2021, 2022, 2023, 2024, 2025, 2026];
  timeline.pledges(pledges);
  timeline.interest(years);
  timeline.allocationRounds(years);
  timeline.spendingRounds(years);
  timeline.script();
  await timeline.run();
  const check = await reconcile(db);
  if (!check.ok) {
    throw new Error(
      `the ledger does not reconcile with the demo data in it, so none was loaded: ${check.problems.slice(0, 5).join('; ')}`,
    );
  }
  return {
    seed,
    from: DEMO_FROM,
    to: DEMO_TO,
    donors: donorIds.size,
    earmarks: EARMARKS.length,
    rates: rates.length,
    pledges: (await listPledges(db)).length - pledgesBefore,
    transactions: (await countTransactions(db)) - transactionsBefore,
  };
}

/**
 * Loads the demo in one transaction: all of it, or (on any refusal) nothing. `seed` is a whole number from
 * 0 to 2^32 − 1; the same seed on an empty ledger gives the same records, amount for amount.
 */
export async function loadDemoData(
  ctx: ServiceContext,
  options: { seed?: number } = {},
): Promise<DemoSummary> {
  const seed = options.seed ?? DEMO_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new DomainError('validation', `the seed is a whole number from 0 to 4294967295, not ${seed}`, {
      field: 'seed',
    });
  }
  const answer = await runWrite(
    ctx,
    { key: null, operation: 'fund.demo.load', payload: { seed } },
    async (db) => ({
      status: 201,
      body: await load(ctx, db, seed),
    }),
  );
  return JSON.parse(answer.body) as DemoSummary;
}

/**
 * At a database's first start (`palermo serve` unless --no-demo or PALERMO_DEMO=0): loads the demo so that a
 * newcomer sees the fund pages at work. Skipped when the clock is before the demo's last day; a second
 * process that raced this one to it finds it loaded and goes on.
 */
export async function loadDemoAtFirstStart(ctx: ServiceContext): Promise<DemoSummary | null> {
  if (ctx.clock.today() < DEMO_TO) return null;
  try {
    return await loadDemoData(ctx);
  } catch (err) {
    if ((await demoDonorIds(ctx.store.db)).length > 0) return null;
    throw err;
  }
}
