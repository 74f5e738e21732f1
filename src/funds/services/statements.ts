// Statements, built from the ledger entries as at a date (never from the balance cache, so that they can be
// asked about any past day): the donor statement, and the fund statement in the shape trust funds publish —
// sources (contributions, interest), uses (expenditure, programme support costs, refunds), and the balance.
// Illustrative (demo) records are a dataset of their own: never added to real ones.
import { addDaysWithin } from '../../common/dates.ts';
import type { ServiceContext } from '../../context.ts';
import { notFound } from '../../common/errors.ts';
import type { Contributions, DonorStatement, FundStatement } from '../contract.ts';
import { OTHER_EARMARKS } from '../domain/disclosure.ts';
import { LEDGER_FIRST_DAY, parseAccount, USD } from '../domain/ledger.ts';
import { formatAmount, parseAmount } from '../domain/money.ts';
import { flows, listDonors, type Db, type Donor, type FlowRow } from '../repository.ts';
import { pledgeViews, type PledgeView } from './pledges.ts';
import { currencies } from './post.ts';
import { publishedEarmarks, publishedPledgeCurrencies } from './published.ts';

const usd = (minor: bigint): string => formatAmount(minor, 2);

interface LineTotals {
  contributions: bigint;
  interest: bigint;
  transfersIn: bigint;
  transfersOut: bigint;
  refunds: bigint;
  allocated: bigint;
  expenditure: bigint;
  supportCosts: bigint;
  available: bigint;
  allocatedUnspent: bigint;
}

const zero = (): LineTotals => ({
  contributions: 0n,
  interest: 0n,
  transfersIn: 0n,
  transfersOut: 0n,
  refunds: 0n,
  allocated: 0n,
  expenditure: 0n,
  supportCosts: 0n,
  available: 0n,
  allocatedUnspent: 0n,
});

/** Adds one group of USD entries to the totals, by what kind of account and transaction it is. */
function addFlow(t: LineTotals, f: FlowRow): void {
  if (f.currency !== USD) return;
  const prefix = parseAccount(f.account)?.kind;
  if (prefix === 'available') {
    t.available += f.amount;
    if (f.kind === 'contribution') t.contributions += f.amount;
    else if (f.kind === 'interest') t.interest += f.amount;
    else if (f.kind === 'transfer') {
      if (f.amount > 0n) t.transfersIn += f.amount;
      else t.transfersOut -= f.amount;
    } else if (f.kind === 'refund') t.refunds -= f.amount;
    else if (f.kind === 'allocation' || f.kind === 'release') t.allocated -= f.amount;
  } else if (prefix === 'allocated') t.allocatedUnspent += f.amount;
  else if (prefix === 'spent') t.expenditure += f.amount;
  else if (prefix === 'psc') t.supportCosts += f.amount;
}

const present = (t: LineTotals) => ({
  contributions: usd(t.contributions),
  interest: usd(t.interest),
  transfersIn: usd(t.transfersIn),
  transfersOut: usd(t.transfersOut),
  refunds: usd(t.refunds),
  allocated: usd(t.allocated),
  expenditure: usd(t.expenditure),
  supportCosts: usd(t.supportCosts),
  available: usd(t.available),
  allocatedUnspent: usd(t.allocatedUnspent),
  balance: usd(t.available + t.allocatedUnspent),
});

export type LineView = ReturnType<typeof present>;

/** An earmark's line of the fund statement; a published one has no balances (the period's movements only). */
export type EarmarkLine = { earmarkId: string } & Omit<
  LineView,
  'available' | 'allocatedUnspent' | 'balance'
> & {
    available: string | null;
    allocatedUnspent: string | null;
    balance: string | null;
  };

function pledgeTotals(pledges: readonly PledgeView[], minorUnits: ReadonlyMap<string, number>) {
  const byCurrency = new Map<
    string,
    Record<'pledged' | 'committed' | 'paid' | 'writtenOff' | 'outstanding' | 'overdue', bigint>
  >();
  const parse = (s: string, c: string) => parseAmount(s, minorUnits.get(c) ?? 2);
  for (const p of pledges) {
    const c = p.pledged.currency;
    const t = byCurrency.get(c) ?? {
      pledged: 0n,
      committed: 0n,
      paid: 0n,
      writtenOff: 0n,
      outstanding: 0n,
      overdue: 0n,
    };
    t.pledged += parse(p.pledged.amount, c);
    if (p.events.some((e) => e.kind === 'agreement')) t.committed += parse(p.pledged.amount, c);
    t.paid += parse(p.paid.amount, c);
    t.writtenOff += parse(p.writtenOff.amount, c);
    t.outstanding += parse(p.outstanding.amount, c);
    t.overdue += parse(p.overdue.amount, c);
    byCurrency.set(c, t);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, t]) => {
      const f = (m: bigint) => formatAmount(m, minorUnits.get(currency) ?? 2);
      return {
        currency,
        pledged: f(t.pledged),
        committed: f(t.committed),
        paid: f(t.paid),
        writtenOff: f(t.writtenOff),
        outstanding: f(t.outstanding),
        overdue: f(t.overdue),
      };
    });
}

export async function donorStatement(
  ctx: ServiceContext,
  db: Db,
  donorId: string,
  asOf: string,
): Promise<DonorStatement> {
  const [statement] = await donorStatements(ctx, db, [donorId], asOf);
  if (!statement) throw notFound('donor', donorId);
  return statement;
}

/**
 * The statements of several donors as at one date, in a few queries however many donors (the report to the
 * Commission takes one per donor that gave in its period): the same rules as one statement, which is this
 * with one donor. Donors that do not exist are left out; the order is the donors' names.
 */
export async function donorStatements(
  ctx: ServiceContext,
  db: Db,
  donorIds: readonly string[],
  asOf: string,
): Promise<DonorStatement[]> {
  const donors = await listDonors(db, donorIds);
  if (donors.length === 0) return [];
  const ids = donors.map((d) => d.id);
  const [allRows, allPledges, table] = await Promise.all([
    flows(db, { donorIds: ids, to: asOf }),
    pledgeViews(ctx, db, { donorIds: ids, asOf }),
    currencies(ctx, db),
  ]);
  const minorUnits = new Map([...table.values()].map((c) => [c.code, c.minorUnits]));
  const rowsOf = new Map<string, FlowRow[]>();
  for (const f of allRows) {
    const list = rowsOf.get(f.donorId ?? '') ?? [];
    list.push(f);
    rowsOf.set(f.donorId ?? '', list);
  }
  return donors.map((donor) =>
    statementOf(
      donor,
      asOf,
      rowsOf.get(donor.id) ?? [],
      allPledges.filter((p) => p.donorId === donor.id),
      minorUnits,
    ),
  );
}

function statementOf(
  donor: Donor,
  asOf: string,
  rows: readonly FlowRow[],
  pledges: PledgeView[],
  minorUnits: ReadonlyMap<string, number>,
): DonorStatement {
  const total = zero();
  const byEarmark = new Map<string, LineTotals>();
  const byYear = new Map<string, LineTotals>();
  const paidInCurrency = new Map<string, bigint>();
  for (const f of rows) {
    addFlow(total, f);
    if (f.earmarkId) {
      const t = byEarmark.get(f.earmarkId) ?? zero();
      addFlow(t, f);
      byEarmark.set(f.earmarkId, t);
    }
    const y = byYear.get(f.year) ?? zero();
    addFlow(y, f);
    byYear.set(f.year, y);
    if (f.account.startsWith('donor/') && f.kind === 'contribution') {
      paidInCurrency.set(f.currency, (paidInCurrency.get(f.currency) ?? 0n) - f.amount);
    }
  }
  return {
    donor: {
      id: donor.id,
      name: donor.name,
      kind: donor.kind,
      participantId: donor.participantId,
      illustrative: donor.illustrative,
    },
    asOf,
    currency: USD,
    pledges: pledgeTotals(pledges, minorUnits),
    paidInOriginalCurrencies: [...paidInCurrency.entries()]
      .filter(([, m]) => m !== 0n)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, m]) => ({ currency, amount: formatAmount(m, minorUnits.get(currency) ?? 2) })),
    totals: present(total),
    byEarmark: [...byEarmark.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([earmarkId, t]) => ({ earmarkId, ...present(t) })),
    byYear: [...byYear.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([year, t]) => ({ year, ...present(t) })),
    pledgeList: pledges,
  };
}

export type { DonorStatement };

/**
 * The fund statement for a period: opening balance, sources and uses, closing balance — each USD figure
 * computed from the entries, and the closing balance checked to equal opening + sources − uses.
 */
export async function fundStatement(
  ctx: ServiceContext,
  db: Db,
  options: { from: string; to: string; illustrative: boolean; published?: boolean },
): Promise<FundStatement> {
  const dataset = { illustrative: options.illustrative };
  // Nothing is booked before the ledger's first day, so a period starting then (or earlier) opens at zero.
  const before = options.from > LEDGER_FIRST_DAY ? addDaysWithin(options.from, -1) : null;
  const [opening, period, pledges, donors] = await Promise.all([
    before === null ? [] : flows(db, { to: before, ...dataset }),
    flows(db, { from: options.from, to: options.to, ...dataset }),
    pledgeViews(ctx, db, { asOf: options.to }),
    listDonors(db),
  ]);
  const open = zero();
  for (const f of opening) addFlow(open, f);
  const moved = zero();
  const byEarmark = new Map<string, LineTotals>();
  const fundDonors = new Set(donors.filter((d) => d.kind === 'fund').map((d) => d.id));
  const published = options.published ? publishedEarmarks(period, fundDonors) : null;
  for (const f of period) {
    addFlow(moved, f);
    const line = f.earmarkId && published ? published.lineOf(f.earmarkId) : (f.earmarkId ?? '');
    const t = byEarmark.get(line) ?? zero();
    addFlow(t, f);
    byEarmark.set(line, t);
  }
  // A published earmark line holds the period's movements only: its balance carries every earlier year, and
  // a difference of balances across years would give back what an earlier year merged into "other".
  for (const f of published ? [] : opening) {
    const t = byEarmark.get(f.earmarkId ?? '') ?? zero();
    t.available += f.currency === USD && f.account.startsWith('available/') ? f.amount : 0n;
    t.allocatedUnspent += f.currency === USD && f.account.startsWith('allocated/') ? f.amount : 0n;
    byEarmark.set(f.earmarkId ?? '', t);
  }
  const sources = moved.contributions + moved.interest;
  const uses = moved.expenditure + moved.supportCosts + moved.refunds;
  const openingBalance = open.available + open.allocatedUnspent;
  const closingBalance = openingBalance + moved.available + moved.allocatedUnspent;
  if (closingBalance !== openingBalance + sources - uses) {
    // Only transfers and allocations move money inside the Fund; anything else is a broken ledger.
    throw new Error('fund statement does not balance: the ledger needs reconciliation');
  }
  const illustrative = new Set(donors.filter((d) => d.illustrative).map((d) => d.id));
  const table = await currencies(ctx, db);
  const minorUnits = new Map([...table.values()].map((c) => [c.code, c.minorUnits]));
  const ofDataset = pledges.filter((p) => illustrative.has(p.donorId) === options.illustrative);
  const noted = published ? publishedPledgeCurrencies(ofDataset) : null;
  return {
    from: options.from,
    to: options.to,
    currency: USD,
    illustrative: options.illustrative,
    /** True when only published aggregates are given (see docs/fund-ledger.md, "Published figures"). */
    published: published !== null,
    openingBalance: usd(openingBalance),
    sources: { contributions: usd(moved.contributions), interest: usd(moved.interest), total: usd(sources) },
    uses: {
      expenditure: usd(moved.expenditure),
      supportCosts: usd(moved.supportCosts),
      refunds: usd(moved.refunds),
      total: usd(uses),
    },
    transfersBetweenEarmarks: usd(moved.transfersIn),
    netChange: usd(sources - uses),
    closingBalance: usd(closingBalance),
    closing: {
      available: usd(open.available + moved.available),
      allocatedUnspent: usd(open.allocatedUnspent + moved.allocatedUnspent),
    },
    byEarmark: [...byEarmark.entries()]
      .filter(([id]) => id !== '')
      .sort(([a], [b]) => (a === OTHER_EARMARKS ? 1 : b === OTHER_EARMARKS ? -1 : a < b ? -1 : 1))
      .map(([earmarkId, t]): EarmarkLine => {
        const line = { earmarkId, ...present(t) };
        return published ? { ...line, available: null, allocatedUnspent: null, balance: null } : line;
      }),
    /** Not money: pledges not yet paid, per currency, as a note to the statement. */
    pledgesOutstanding: pledgeTotals(ofDataset, minorUnits)
      .filter((t) => noted === null || noted.has(t.currency))
      .map((t) => ({ currency: t.currency, outstanding: t.outstanding, overdue: t.overdue })),
  };
}

export type { FundStatement };

/** Contributions received (USD, net of reversals) per year and donor: the figures behind the chart. */
export async function contributionsByYear(
  db: Db,
  options: { to: string; illustrative: boolean; published?: boolean },
): Promise<Contributions> {
  const [rows, donors] = await Promise.all([
    flows(db, { to: options.to, illustrative: options.illustrative }),
    listDonors(db),
  ]);
  const names = new Map(donors.map((d) => [d.id, d.name]));
  const sums = new Map<string, bigint>();
  for (const f of rows) {
    if (f.currency !== USD || f.kind !== 'contribution' || !f.account.startsWith('available/') || !f.donorId)
      continue;
    const key = `${f.year}\u0000${f.donorId}`;
    sums.set(key, (sums.get(key) ?? 0n) + f.amount);
  }
  return {
    to: options.to,
    currency: USD,
    illustrative: options.illustrative,
    published: options.published ?? false,
    rows: [...sums.entries()]
      .filter(([, m]) => m !== 0n)
      .map(([key, m]) => {
        const [year, donorId] = key.split('\u0000') as [string, string];
        return { year, donorId, donorName: names.get(donorId) ?? donorId, amount: usd(m) };
      })
      .sort((a, b) => (a.year === b.year ? (a.donorName < b.donorName ? -1 : 1) : a.year < b.year ? -1 : 1)),
  };
}
