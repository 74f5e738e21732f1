// Read models of the fund: transactions with their entries and payment, allocations with what was spent.
import { seesActorIds } from '../../auth/domain/policy.ts';
import type { ServiceContext } from '../../context.ts';
import { notFound } from '../../common/errors.ts';
import { account, USD } from '../domain/ledger.ts';
import { formatAmount, type Currency } from '../domain/money.ts';
import {
  balancesOf,
  findAllocation,
  listAllocations,
  listEntries,
  listPayments,
  listTransactions,
  reversalsOf,
  type AllocationRow,
  type Db,
} from '../repository.ts';
import { bpToPercent } from './pledges.ts';
import { currencies } from './post.ts';

export interface TransactionView {
  id: number;
  kind: string;
  bookedOn: string;
  donorId: string | null;
  earmarkId: string | null;
  allocationId: number | null;
  pledgeId: number | null;
  reversesId: number | null;
  reversedById: number | null;
  reference: string | null;
  memo: string | null;
  recordedAt: string;
  /** Null for a viewer outside the Secretariat (a donor): the id names a staff account or credential. */
  recordedBy: string | null;
  entries: Array<{ account: string; currency: string; amount: string }>;
  payment: {
    donorId: string;
    pledgeId: number | null;
    receivedOn: string;
    received: { amount: string; currency: string };
    usd: { amount: string; currency: string };
    rate: string;
    rateMonth: string;
    rateSource: string;
    conversion: string;
    earmarkId: string;
    sourceOfFunds: 'voluntary' | 'confiscated_proceeds';
  } | null;
}

const fmt = (table: Map<string, Currency>, minor: bigint, code: string): string =>
  formatAmount(minor, table.get(code)?.minorUnits ?? 2);

export async function transactionViews(
  ctx: ServiceContext,
  db: Db,
  filter: Parameters<typeof listTransactions>[1],
): Promise<TransactionView[]> {
  const rows = await listTransactions(db, filter);
  const ids = rows.map((r) => r.id);
  const [entries, payments, table] = await Promise.all([
    listEntries(db, ids),
    listPayments(db, { transactionIds: ids }),
    currencies(ctx, db),
  ]);
  const reversedBy = await reversalsOf(db, ids);
  const paymentOf = new Map(payments.map((p) => [p.transactionId, p]));
  return rows.map((r) => {
    const p = paymentOf.get(r.id);
    return {
      ...r,
      recordedBy: seesActorIds(ctx.principal) ? r.recordedBy : null,
      reversedById: reversedBy.get(r.id) ?? null,
      entries: (entries.get(r.id) ?? []).map((e) => ({
        account: e.account,
        currency: e.currency,
        amount: fmt(table, e.amount, e.currency),
      })),
      payment: p
        ? {
            donorId: p.donorId,
            pledgeId: p.pledgeId,
            receivedOn: p.receivedOn,
            received: { amount: fmt(table, p.amount, p.currency), currency: p.currency },
            usd: { amount: fmt(table, p.usdAmount, USD), currency: USD },
            rate: p.rate,
            rateMonth: p.rateMonth,
            rateSource: p.rateSource,
            conversion:
              p.currency === USD
                ? `${fmt(table, p.amount, USD)} USD`
                : `${fmt(table, p.amount, p.currency)} ${p.currency} at ${p.rate} ${p.currency}/USD (${p.rateMonth}) = ${fmt(table, p.usdAmount, USD)} USD`,
            earmarkId: p.earmarkId,
            sourceOfFunds: p.sourceOfFunds,
          }
        : null,
    };
  });
}

export async function transactionView(ctx: ServiceContext, db: Db, id: number): Promise<TransactionView> {
  const [view] = await transactionViews(ctx, db, { ids: [id] });
  if (!view) throw notFound('transaction', String(id));
  return view;
}

export interface AllocationView {
  id: number;
  donorId: string;
  earmarkId: string;
  purpose: {
    kind: string;
    ref: string;
    instrumentId: string | null;
    countryId: string | null;
    region: string | null;
    theme: string | null;
  };
  description: string | null;
  pscPercent: string;
  allocated: { amount: string; currency: string };
  spent: { amount: string; currency: string };
  supportCosts: { amount: string; currency: string };
  balance: { amount: string; currency: string };
}

/** The USD balances of allocations' accounts (allocated, spent, support costs), read for all at once. */
async function allocationBalances(db: Db, rows: readonly AllocationRow[]): Promise<Map<string, bigint>> {
  const accounts = rows.flatMap((a) => [account.allocated(a.id), account.spent(a.id), account.psc(a.id)]);
  return new Map(
    (await balancesOf(db, accounts)).filter((b) => b.currency === USD).map((b) => [b.account, b.balance]),
  );
}

function allocationView(a: AllocationRow, balances: ReadonlyMap<string, bigint>): AllocationView {
  const spent = balances.get(account.spent(a.id)) ?? 0n;
  const psc = balances.get(account.psc(a.id)) ?? 0n;
  const balance = balances.get(account.allocated(a.id)) ?? 0n;
  const usd = (minor: bigint) => ({ amount: formatAmount(minor, 2), currency: USD });
  return {
    id: a.id,
    donorId: a.donorId,
    earmarkId: a.earmarkId,
    purpose: {
      kind: a.purposeKind,
      ref: a.purposeRef,
      instrumentId: a.instrumentId,
      countryId: a.countryId,
      region: a.region,
      theme: a.theme,
    },
    description: a.description,
    pscPercent: bpToPercent(a.pscRateBp),
    allocated: usd(balance + spent + psc),
    spent: usd(spent),
    supportCosts: usd(psc),
    balance: usd(balance),
  };
}

export async function allocationViews(
  db: Db,
  filter: Parameters<typeof listAllocations>[1] = {},
): Promise<AllocationView[]> {
  const rows = await listAllocations(db, filter);
  const balances = await allocationBalances(db, rows);
  return rows.map((a) => allocationView(a, balances));
}

export async function getAllocation(db: Db, id: number): Promise<AllocationView> {
  const a = await findAllocation(db, id);
  if (!a) throw notFound('allocation', String(id));
  return allocationView(a, await allocationBalances(db, [a]));
}
