// What must hold after every step of a random history, each checked from the store itself: reconciliation
// (cache = entries, every transaction balanced per currency), no Fund account below zero (checked on the
// cache directly, not through the rule under test), every allocation within its earmark, every allocation's
// spent + support costs + balance = what was allocated, statements that add up (fund and donors, today and
// at a past date), contributions only from payments, and each pledge's paid amount from its payments.
import { sql } from 'kysely';
import type { Earmark, Purpose } from '../../../src/funds/domain/earmarks.ts';
import { parseAmount } from '../../../src/funds/domain/money.ts';
import {
  balancesFromEntries,
  big,
  cachedBalances,
  listAllocations,
  listEarmarks,
  listPayments,
  type Db,
} from '../../../src/funds/repository.ts';
import { pledgeViews } from '../../../src/funds/services/pledges.ts';
import { allocationViews } from '../../../src/funds/services/queries.ts';
import { reconcile } from '../../../src/funds/services/reconcile.ts';
import { donorStatement, fundStatement, type LineView } from '../../../src/funds/services/statements.ts';
import { TEST_TODAY } from '../../helpers/store.ts';
import { DONORS } from './arbitraries.ts';
import type { ModelRun } from './runner.ts';

/** The rules the invariants use, passed in so that a test which breaks one in the code keeps the real one here. */
export interface Checkers {
  earmarkRefusal(earmark: Earmark, purpose: Purpose): string | null;
}

const cents = (text: string): bigint => parseAmount(text, 2);
const sumOf = (values: Iterable<bigint>): bigint => [...values].reduce((a, b) => a + b, 0n);
const FUND_ACCOUNT = /^(available|allocated)\//;

export async function invariantProblems(
  run: ModelRun,
  checkers: Checkers,
  pastDay: string,
): Promise<string[]> {
  const { ctx, db } = run;
  const problems: string[] = [];
  const rec = await reconcile(db);
  problems.push(...rec.problems.map((p) => `reconcile: ${p}`));

  const cached = await cachedBalances(db);
  const usd = new Map(cached.filter((b) => b.currency === 'USD').map((b) => [b.account, b.balance]));
  for (const b of cached) {
    if (FUND_ACCOUNT.test(b.account) && b.balance < 0n)
      problems.push(`${b.account} is negative: ${b.balance}`);
    if (/^(available|allocated|spent|psc)\//.test(b.account) && b.currency !== 'USD' && b.balance !== 0n)
      problems.push(`${b.account} holds ${b.currency}: the Fund's books are in US dollars`);
  }
  const total = (test: (account: string) => boolean) =>
    sumOf([...usd].filter(([a]) => test(a)).map(([, v]) => v));

  problems.push(...(await allocationProblems(db, usd, checkers)));
  problems.push(...(await statementProblems(run, total, pastDay)));

  const payments = await listPayments(db);
  for (const p of await pledgeViews(ctx, db, {})) {
    const u = p.pledged.amount.split('.')[1]?.length ?? 0;
    const paid = sumOf(
      payments.filter((x) => x.pledgeId === p.id && x.reversedBy === null).map((x) => x.amount),
    );
    if (parseAmount(p.paid.amount, u) !== paid)
      problems.push(`pledge ${p.id}: paid ${p.paid.amount}, payments ${paid}`);
    if (paid > parseAmount(p.pledged.amount, u)) problems.push(`pledge ${p.id}: paid more than pledged`);
    if (p.outstanding.amount.startsWith('-')) problems.push(`pledge ${p.id}: negative outstanding`);
  }
  return problems;
}

async function allocationProblems(db: Db, usd: Map<string, bigint>, checkers: Checkers): Promise<string[]> {
  const problems: string[] = [];
  const [allocations, earmarks, views] = await Promise.all([
    listAllocations(db),
    listEarmarks(db),
    allocationViews(db),
  ]);
  const earmark = new Map(earmarks.map((e) => [e.id, e]));
  const committed = await db
    .selectFrom('ledger_entries')
    .select(['account', sql<number | string>`sum(amount)`.as('n')])
    .where('account', 'like', 'allocated/%')
    .where('kind', 'in', ['allocation', 'release'])
    .groupBy('account')
    .execute();
  const net = new Map(committed.map((r) => [r.account, big(r.n)]));
  for (const a of allocations) {
    const e = earmark.get(a.earmarkId);
    const purpose: Purpose = {
      kind: a.purposeKind,
      ref: a.purposeRef,
      instrumentId: a.instrumentId,
      region: a.region,
      countryId: a.countryId,
      theme: a.theme,
    };
    const why = e ? checkers.earmarkRefusal(e, purpose) : `earmark ${a.earmarkId} does not exist`;
    if (why !== null) problems.push(`allocation ${a.id} breaks its earmark: ${why}`);
    const allocated = net.get(`allocated/${a.id}`) ?? 0n;
    const held = ['allocated', 'spent', 'psc'].map((k) => usd.get(`${k}/${a.id}`) ?? 0n);
    if (sumOf(held) !== allocated)
      problems.push(
        `allocation ${a.id}: balance + spent + support costs = ${sumOf(held)}, allocated ${allocated}`,
      );
    const view = views.find((v) => v.id === a.id);
    if (!view || cents(view.allocated.amount) !== allocated || cents(view.balance.amount) !== held[0])
      problems.push(`allocation ${a.id}: the presented figures differ from the ledger`);
  }
  return problems;
}

export const LINE_KEYS: Array<keyof LineView> = [
  'contributions',
  'interest',
  'transfersIn',
  'transfersOut',
  'refunds',
  'allocated',
  'expenditure',
  'supportCosts',
  'available',
  'allocatedUnspent',
  'balance',
];

/** A statement line's own arithmetic: free money and committed money from the flows that made them. */
function lineProblems(where: string, l: LineView): string[] {
  const c = (k: keyof LineView) => cents(l[k]);
  const out: string[] = [];
  const free =
    c('contributions') + c('interest') + c('transfersIn') - c('transfersOut') - c('refunds') - c('allocated');
  if (free !== c('available')) out.push(`${where}: available ${l.available} ≠ sources − uses (${free})`);
  if (c('allocated') - c('expenditure') - c('supportCosts') !== c('allocatedUnspent'))
    out.push(`${where}: allocated unspent does not follow from allocated − spent`);
  if (c('available') + c('allocatedUnspent') !== c('balance'))
    out.push(`${where}: balance ≠ available + allocated`);
  return out;
}

async function statementProblems(
  run: ModelRun,
  total: (test: (account: string) => boolean) => bigint,
  pastDay: string,
): Promise<string[]> {
  const { ctx, db } = run;
  const out: string[] = [];
  // fundStatement itself throws when closing ≠ opening + sources − uses: that counts as a problem too.
  const fund = await fundStatement(ctx, db, { from: '2026-01-01', to: TEST_TODAY, illustrative: false });
  const available = total((a) => a.startsWith('available/'));
  const allocated = total((a) => a.startsWith('allocated/'));
  if (cents(fund.openingBalance) !== 0n)
    out.push(`fund statement: opening ${fund.openingBalance}, nothing before`);
  if (cents(fund.closing.available) !== available || cents(fund.closing.allocatedUnspent) !== allocated)
    out.push(`fund statement: closing ${fund.closing.available}/${fund.closing.allocatedUnspent} ≠ balances`);
  const paid = (donor?: string) =>
    listPayments(db, donor ? { donorIds: [donor] } : {}).then((ps) =>
      sumOf(ps.filter((p) => p.reversedBy === null).map((p) => p.usdAmount)),
    );
  // "Funded" = payments received: never a bare pledge.
  if (cents(fund.sources.contributions) !== (await paid()))
    out.push(`fund statement: contributions ${fund.sources.contributions} ≠ payments`);
  let donorsBalance = 0n;
  for (const donor of [...DONORS, 'FUND']) {
    const s = await donorStatement(ctx, db, donor, TEST_TODAY);
    out.push(...lineProblems(`${donor} totals`, s.totals));
    for (const e of s.byEarmark) out.push(...lineProblems(`${donor} ${e.earmarkId}`, e));
    for (const k of LINE_KEYS) {
      if (sumOf(s.byEarmark.map((e) => cents(e[k]))) !== cents(s.totals[k]))
        out.push(`${donor}: earmark lines of ${k} do not add up to the total`);
      if (sumOf(s.byYear.map((y) => cents(y[k]))) !== cents(s.totals[k]))
        out.push(`${donor}: year lines of ${k} do not add up to the total`);
    }
    const own = total((a) => a.startsWith('available/') && a.endsWith(`/${donor}`));
    if (cents(s.totals.available) !== own)
      out.push(`${donor}: statement available ${s.totals.available} ≠ ${own}`);
    if (cents(s.totals.contributions) !== (await paid(donor))) out.push(`${donor}: contributions ≠ payments`);
    donorsBalance += cents(s.totals.balance);
  }
  if (donorsBalance !== cents(fund.closingBalance))
    out.push('the donors’ balances do not add up to the fund’s');
  // As at a past date: the statement equals the balances rebuilt from the entries booked by then.
  const past = await fundStatement(ctx, db, { from: '2026-01-01', to: pastDay, illustrative: false });
  const rebuilt = (await balancesFromEntries(db, pastDay)).filter(
    (b) => b.currency === 'USD' && FUND_ACCOUNT.test(b.account),
  );
  if (cents(past.closingBalance) !== sumOf(rebuilt.map((b) => b.balance)))
    out.push(`fund statement at ${pastDay}: closing ${past.closingBalance} ≠ entries booked by then`);
  return out;
}
