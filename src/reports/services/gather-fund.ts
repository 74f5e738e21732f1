// The Fund's part of the report to the Commission (issue 15, item 3: section V and Annex II): contributions
// pledged and paid in the period by donor, earmarked and general-purpose money, expenditure, and the balance
// as at the date, in US dollars (integer cents). Every sum is the fund ledger's own: the donor statements
// (per donor, as at the period's last day less as at the day before it starts) and the fund statement (the
// period's sources and uses, and the balance), never a second sum with other rules; the per-donor sums are
// checked against the fund statement's total. The entries themselves are read only to name the transactions
// behind each figure and to fingerprint the records drawn. Only one dataset is ever drawn: the real one by
// default; the illustrative (demo) one when asked, and then the data say so (`illustrative`).
import { addDaysWithin, type IsoDate } from '../../common/dates.ts';
import type { ServiceContext } from '../../context.ts';
import { LEDGER_FIRST_DAY, USD } from '../../funds/domain/ledger.ts';
import { parseAmount } from '../../funds/domain/money.ts';
import {
  listDonors,
  listEarmarks,
  listLedgerEntries,
  type Donor,
  type LedgerEntryRecord,
} from '../../funds/services/lookups.ts';
import { pledgeViews } from '../../funds/services/pledges.ts';
import { currencies } from '../../funds/services/post.ts';
import { donorStatements, fundStatement, type DonorStatement } from '../../funds/services/statements.ts';
import { fingerprintOf, idRanges, type Canonical } from './fingerprint.ts';
import { checkGatherInput, type GatherInput, type ReportPeriod, type Sourced } from './gather-input.ts';

/** The Fund's books are kept in US dollars, in cents. */
export const FUND_CURRENCY = USD;
export const FUND_MINOR_UNITS = 2;

export type FundDataset = 'real' | 'illustrative';

/** A sum in one currency: integer minor units, the ISO 4217 code and its number of decimals. */
export interface MoneySum {
  minor: bigint;
  currency: string;
  minorUnits: number;
}

export interface DonorContributions {
  donorId: string;
  name: string;
  kind: Donor['kind'];
  /** Pledges made in the period, summed per currency of the pledge (pledges are not converted). */
  pledged: readonly MoneySum[];
  pledgeIds: readonly number[];
  /** Contributions paid in the period, net of reversals, in US cents; and how much of it was earmarked. */
  paid: bigint;
  earmarked: bigint;
  generalPurpose: bigint;
  /** The contribution transactions (and their reversals) booked in the period. */
  transactionIds: readonly number[];
  source: { kind: string; ref: string };
}

export interface FundData {
  asAt: IsoDate;
  period: ReportPeriod;
  dataset: FundDataset;
  /** True when any record drawn is illustrative: the report then says ILLUSTRATIVE and cannot be frozen. */
  illustrative: boolean;
  currency: typeof USD;
  minorUnits: typeof FUND_MINOR_UNITS;
  /** Donors that pledged or paid in the period, by name (Annex II). */
  donors: readonly DonorContributions[];
  /** Pledges made in the period, per currency (USD first). */
  pledged: Sourced<readonly MoneySum[]>;
  paid: Sourced<bigint>;
  /** Donors whose net contributions paid in the period are above zero. */
  donorsPaying: Sourced<number>;
  earmarked: Sourced<bigint>;
  generalPurpose: Sourced<bigint>;
  interest: Sourced<bigint>;
  expenditure: Sourced<bigint>;
  supportCosts: Sourced<bigint>;
  refunds: Sourced<bigint>;
  /** The balance at the end of the day before the period starts, and as at the "as at" date. */
  openingBalance: Sourced<bigint>;
  balance: Sourced<bigint>;
  /** SHA-256 of every record drawn (fingerprint.ts). */
  fingerprint: string;
}

const cents = (text: string): bigint => parseAmount(text, FUND_MINOR_UNITS);
const inPeriod = (day: string, p: ReportPeriod): boolean => day >= p.from && day <= p.to;

/** `USD 2004-03-01..2005-03-08 transactions 3,5-7`: the currency, the dates and the transactions summed. */
export function transactionsRef(when: string, ids: Iterable<number>): string {
  return `${USD} ${when} transactions ${idRanges(ids)}`;
}

/** The transactions behind each figure: entries of US dollars on the accounts the statements read. */
function transactionsBehind(entries: readonly LedgerEntryRecord[], period: ReportPeriod) {
  const sets = {
    paid: new Set<number>(),
    earmarkedOrGeneral: new Map<number, string | null>(),
    interest: new Set<number>(),
    refunds: new Set<number>(),
    expenditure: new Set<number>(),
    supportCosts: new Set<number>(),
    balance: new Set<number>(),
    opening: new Set<number>(),
  };
  for (const e of entries) {
    if (e.currency !== USD) continue;
    const fundAccount = e.account.startsWith('available/') || e.account.startsWith('allocated/');
    if (fundAccount) sets.balance.add(e.transactionId);
    if (fundAccount && e.bookedOn < period.from) sets.opening.add(e.transactionId);
    if (!inPeriod(e.bookedOn, period)) continue;
    if (e.account.startsWith('available/')) {
      if (e.kind === 'contribution') {
        sets.paid.add(e.transactionId);
        sets.earmarkedOrGeneral.set(e.transactionId, e.earmarkId);
      } else if (e.kind === 'interest') sets.interest.add(e.transactionId);
      else if (e.kind === 'refund') sets.refunds.add(e.transactionId);
    } else if (e.account.startsWith('spent/')) sets.expenditure.add(e.transactionId);
    else if (e.account.startsWith('psc/')) sets.supportCosts.add(e.transactionId);
  }
  return sets;
}

/** A donor's contributions in the period: its statement as at the period's end less the day before it starts. */
function donorLine(
  donor: Donor,
  statements: { end: DonorStatement; start: DonorStatement | null },
  period: ReportPeriod,
  general: ReadonlySet<string>,
  minorUnits: ReadonlyMap<string, number>,
  transactions: readonly number[],
): DonorContributions {
  const { end, start } = statements;
  const contributionsBy = (s: typeof end | null, earmarkId: string) =>
    cents(s?.byEarmark.find((l) => l.earmarkId === earmarkId)?.contributions ?? '0');
  let generalPurpose = 0n;
  for (const line of end.byEarmark)
    if (general.has(line.earmarkId))
      generalPurpose += cents(line.contributions) - contributionsBy(start, line.earmarkId);
  const paid = cents(end.totals.contributions) - cents(start?.totals.contributions ?? '0');
  const pledges = end.pledgeList.filter((p) => inPeriod(p.pledgedOn, period));
  const pledged = new Map<string, bigint>();
  for (const p of pledges) {
    const units = minorUnits.get(p.pledged.currency) ?? 2;
    pledged.set(
      p.pledged.currency,
      (pledged.get(p.pledged.currency) ?? 0n) + parseAmount(p.pledged.amount, units),
    );
  }
  return {
    donorId: donor.id,
    name: donor.name,
    kind: donor.kind,
    pledged: sums(pledged, minorUnits),
    pledgeIds: pledges.map((p) => p.id).sort((a, b) => a - b),
    paid,
    earmarked: paid - generalPurpose,
    generalPurpose,
    transactionIds: transactions,
    source: { kind: 'ledger.paid', ref: transactionsRef(`${period.from}..${period.to}`, transactions) },
  };
}

/** Sums per currency, US dollars first, then by code. */
function sums(byCurrency: ReadonlyMap<string, bigint>, minorUnits: ReadonlyMap<string, number>): MoneySum[] {
  return [...byCurrency.entries()]
    .filter(([, m]) => m !== 0n)
    .sort(([a], [b]) => (a === USD ? -1 : b === USD ? 1 : a < b ? -1 : 1))
    .map(([currency, minor]) => ({ currency, minor, minorUnits: minorUnits.get(currency) ?? 2 }));
}

/**
 * The Fund's data for a report as at `asAt` with the period `period`, from one dataset (the real one unless
 * `dataset` says otherwise). Bad dates are refused at their field (gather-input.ts).
 */
export async function gatherFund(
  ctx: ServiceContext,
  input: GatherInput & { dataset?: FundDataset },
): Promise<FundData> {
  await checkGatherInput(ctx, input);
  const { asAt } = input;
  const period = { from: input.period.from, to: input.period.to };
  const dataset = input.dataset ?? 'real';
  const illustrative = dataset === 'illustrative';
  const db = ctx.store.db;
  const before = period.from > LEDGER_FIRST_DAY ? addDaysWithin(period.from, -1) : null;
  const [entries, allDonors, earmarks, table, moved, atDate] = await Promise.all([
    listLedgerEntries(db, { to: asAt, illustrative }),
    listDonors(db),
    listEarmarks(db),
    currencies(ctx, db),
    fundStatement(ctx, db, { from: period.from, to: period.to, illustrative }),
    fundStatement(ctx, db, { from: LEDGER_FIRST_DAY, to: asAt, illustrative }),
  ]);
  const minorUnits = new Map([...table.values()].map((c) => [c.code, c.minorUnits]));
  const general = new Set(earmarks.filter((e) => e.purpose === 'general').map((e) => e.id));
  const behind = transactionsBehind(entries, period);

  // Donors of the dataset that moved money in the period or may have pledged in it (the Fund's own line
  // holds interest, not contributions).
  const ofDataset = allDonors.filter((d) => d.illustrative === illustrative && d.kind !== 'fund');
  const contributionTx = new Map<string, Set<number>>();
  for (const e of entries) {
    if (e.donorId === null || !inPeriod(e.bookedOn, period) || !behind.paid.has(e.transactionId)) continue;
    const set = contributionTx.get(e.donorId) ?? new Set<number>();
    set.add(e.transactionId);
    contributionTx.set(e.donorId, set);
  }
  // Only donors that paid or pledged in the period have a line: two donor statements each, not one per donor
  // of the Fund's whole history.
  const pledgers = new Set(
    (await pledgeViews(ctx, db, { asOf: period.to }))
      .filter((p) => inPeriod(p.pledgedOn, period))
      .map((p) => p.donorId),
  );
  const active = ofDataset.filter((d) => contributionTx.has(d.id) || pledgers.has(d.id));
  // Each donor's statements at the period's end and on the day before it starts, read for all at once.
  const activeIds = active.map((d) => d.id);
  const [ends, starts] = await Promise.all([
    donorStatements(ctx, db, activeIds, period.to),
    before === null ? [] : donorStatements(ctx, db, activeIds, before),
  ]);
  const endOf = new Map(ends.map((st) => [st.donor.id, st]));
  const startOf = new Map(starts.map((st) => [st.donor.id, st]));
  const lines = active.map((d) =>
    donorLine(
      d,
      { end: endOf.get(d.id) as DonorStatement, start: startOf.get(d.id) ?? null },
      period,
      general,
      minorUnits,
      [...(contributionTx.get(d.id) ?? [])].sort((a, b) => a - b),
    ),
  );
  const donors = lines
    .filter((l) => l.paid !== 0n || l.pledgeIds.length > 0 || l.transactionIds.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.donorId < b.donorId ? -1 : 1));

  const paid = cents(moved.sources.contributions);
  const donorPaid = donors.reduce((s, d) => s + d.paid, 0n);
  const donorGeneral = donors.reduce((s, d) => s + d.generalPurpose, 0n);
  const statementGeneral = moved.byEarmark
    .filter((l) => general.has(l.earmarkId))
    .reduce((s, l) => s + cents(l.contributions), 0n);
  if (donorPaid !== paid || donorGeneral !== statementGeneral) {
    // The donor statements and the fund statement read the same entries by the same rules: a difference is
    // a broken ledger, and a report must not print either figure.
    throw new Error(
      `the donor statements (${donorPaid}, general ${donorGeneral}) and the fund statement (${paid}, general ${statementGeneral}) differ: the ledger needs reconciliation`,
    );
  }

  const periodText = `${period.from}..${period.to}`;
  const ids = (set: Iterable<number>) => [...set];
  const sourced = <T>(value: T, kind: string, ref: string): Sourced<T> => ({
    value,
    asAt,
    source: { kind, ref },
  });
  const ofPurpose = (isGeneral: boolean) =>
    ids(behind.paid).filter((id) => general.has(behind.earmarkedOrGeneral.get(id) ?? '') === isGeneral);
  const pledgedTotals = new Map<string, bigint>();
  for (const d of donors)
    for (const p of d.pledged) pledgedTotals.set(p.currency, (pledgedTotals.get(p.currency) ?? 0n) + p.minor);
  const pledgeIds = donors.flatMap((d) => d.pledgeIds);
  const paidRef = transactionsRef(periodText, behind.paid);
  /** A line of the fund statement for the period, with the transactions behind it. */
  const flow = (name: 'interest' | 'expenditure' | 'supportCosts' | 'refunds', amount: string) =>
    sourced(cents(amount), `ledger.${name}`, transactionsRef(periodText, behind[name]));
  const drawnDonors = new Set([...entries.flatMap((e) => e.donorId ?? []), ...donors.map((d) => d.donorId)]);

  return {
    asAt,
    period,
    dataset,
    illustrative: illustrative || allDonors.some((d) => d.illustrative && drawnDonors.has(d.id)),
    currency: USD,
    minorUnits: FUND_MINOR_UNITS,
    donors,
    pledged: sourced(
      sums(pledgedTotals, minorUnits),
      'ledger.pledged',
      `${periodText} pledges ${idRanges(pledgeIds)}`,
    ),
    paid: sourced(paid, 'ledger.paid', paidRef),
    donorsPaying: sourced(donors.filter((d) => d.paid > 0n).length, 'ledger.paid', paidRef),
    earmarked: sourced(
      paid - statementGeneral,
      'ledger.paid.earmarked',
      transactionsRef(periodText, ofPurpose(false)),
    ),
    generalPurpose: sourced(
      statementGeneral,
      'ledger.paid.general',
      transactionsRef(periodText, ofPurpose(true)),
    ),
    interest: flow('interest', moved.sources.interest),
    expenditure: flow('expenditure', moved.uses.expenditure),
    supportCosts: flow('supportCosts', moved.uses.supportCosts),
    refunds: flow('refunds', moved.uses.refunds),
    openingBalance: sourced(
      cents(moved.openingBalance),
      'ledger.balance',
      transactionsRef(`..${before ?? LEDGER_FIRST_DAY}`, behind.opening),
    ),
    balance: sourced(
      cents(atDate.closingBalance),
      'ledger.balance',
      transactionsRef(`..${asAt}`, behind.balance),
    ),
    fingerprint: fingerprintOf(
      fundRecords(
        asAt,
        dataset,
        entries,
        allDonors.filter((d) => drawnDonors.has(d.id)),
        earmarks,
        donors,
      ),
    ),
  };
}

const ENTRY_COLUMNS = [
  'id',
  'transactionId',
  'account',
  'currency',
  'amount',
  'bookedOn',
  'kind',
  'reversal',
  'donorId',
  'earmarkId',
] as const;

/** The records drawn, canonically: every entry to the date, the donors drawn, earmarks, the period's pledges. */
function fundRecords(
  asAt: IsoDate,
  dataset: FundDataset,
  entries: readonly LedgerEntryRecord[],
  donors: readonly Donor[],
  earmarks: ReadonlyArray<{ id: string; purpose: string }>,
  lines: readonly DonorContributions[],
): Canonical {
  return {
    asAt,
    dataset,
    // Rows rather than objects: the same facts, canonical text written twice as fast (no keys to sort and
    // quote 38,000 times on the benchmark's ledger).
    entries: {
      columns: ENTRY_COLUMNS,
      rows: entries.map((e) => [
        e.id,
        e.transactionId,
        e.account,
        e.currency,
        e.amount,
        e.bookedOn,
        e.kind,
        e.reversal,
        e.donorId,
        e.earmarkId,
      ]),
    },
    donors: donors.map((d) => ({ id: d.id, name: d.name, kind: d.kind, illustrative: d.illustrative })),
    earmarks: earmarks.map((e) => ({ id: e.id, purpose: e.purpose })),
    pledges: lines.map((l) => ({
      donorId: l.donorId,
      pledgeIds: [...l.pledgeIds],
      pledged: l.pledged.map((p) => ({ currency: p.currency, minor: p.minor })),
    })),
  };
}
