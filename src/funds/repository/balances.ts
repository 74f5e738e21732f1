// Account balances (cached and rebuilt from entries) and the sums statements read.
import { chunksOf } from '../../db/chunks.ts';
import { sql } from 'kysely';
import { balanceKey, type TransactionKind } from '../domain/ledger.ts';
import { type Db, big } from './rows.ts';

/**
 * Reads the balances a transaction touches. On PostgreSQL the rows are created if missing and locked in a
 * fixed order (so two writers never deadlock), and held until the transaction ends: a concurrent spend of
 * the same money waits and then sees what is left. SQLite runs one write transaction at a time.
 */
export async function lockBalances(
  db: Db,
  postgres: boolean,
  keys: ReadonlyArray<{ account: string; currency: string }>,
): Promise<Map<string, bigint>> {
  const unique = [...new Map(keys.map((k) => [balanceKey(k.account, k.currency), k])).values()].sort(
    (a, b) => (a.account === b.account ? (a.currency < b.currency ? -1 : 1) : a.account < b.account ? -1 : 1),
  );
  const out = new Map<string, bigint>();
  if (postgres) {
    await db
      .insertInto('account_balances')
      .values(unique.map((k) => ({ account: k.account, currency: k.currency, balance: 0 })))
      .onConflict((oc) => oc.columns(['account', 'currency']).doNothing())
      .execute();
    for (const k of unique) {
      const r = await sql<{ balance: number | string }>`select balance from account_balances
        where account = ${k.account} and currency = ${k.currency} for update`.execute(db);
      out.set(balanceKey(k.account, k.currency), big(r.rows[0]?.balance));
    }
    return out;
  }
  const rows = await db
    .selectFrom('account_balances')
    .select(['account', 'currency', 'balance'])
    .where('account', 'in', [...new Set(unique.map((k) => k.account))])
    .execute();
  for (const r of rows) out.set(balanceKey(r.account, r.currency), big(r.balance));
  return out;
}

export async function writeBalances(
  db: Db,
  changes: ReadonlyArray<{ account: string; currency: string; after: bigint }>,
): Promise<void> {
  for (const c of changes) {
    await db
      .insertInto('account_balances')
      .values({ account: c.account, currency: c.currency, balance: c.after })
      .onConflict((oc) => oc.columns(['account', 'currency']).doUpdateSet({ balance: c.after }))
      .execute();
  }
}

export interface BalanceRow {
  account: string;
  currency: string;
  balance: bigint;
}

/** The cached balances of the accounts named (every currency), in a few queries however many. */
export async function balancesOf(db: Db, accounts: readonly string[]): Promise<BalanceRow[]> {
  const out: BalanceRow[] = [];
  for (const part of chunksOf([...new Set(accounts)])) {
    const rows = await db.selectFrom('account_balances').selectAll().where('account', 'in', part).execute();
    for (const r of rows) out.push({ account: r.account, currency: r.currency, balance: big(r.balance) });
  }
  return out;
}

export async function cachedBalances(db: Db, prefix?: string): Promise<BalanceRow[]> {
  let q = db.selectFrom('account_balances').selectAll().orderBy('account').orderBy('currency');
  if (prefix) q = q.where('account', 'like', `${prefix}%`);
  return (await q.execute()).map((r) => ({
    account: r.account,
    currency: r.currency,
    balance: big(r.balance),
  }));
}

/** Balances rebuilt from the entries themselves (optionally as at a date). */
export async function balancesFromEntries(db: Db, asOf?: string): Promise<BalanceRow[]> {
  let q = db
    .selectFrom('ledger_entries')
    .select(['account', 'currency', sql<number | string>`sum(amount)`.as('balance')])
    .groupBy(['account', 'currency'])
    .orderBy('account')
    .orderBy('currency');
  if (asOf) q = q.where('booked_on', '<=', asOf);
  return (await q.execute()).map((r) => ({
    account: r.account,
    currency: r.currency,
    balance: big(r.balance),
  }));
}

/** What an account moved each day after `day`, in date order, and its balance at the end of `day`. */
export async function balanceFrom(
  db: Db,
  account: string,
  currency: string,
  day: string,
): Promise<{ asAt: bigint; later: Array<{ bookedOn: string; amount: bigint }> }> {
  const of = db.selectFrom('ledger_entries').where('account', '=', account).where('currency', '=', currency);
  const [until, after] = await Promise.all([
    of
      .select(sql<number | string | null>`sum(amount)`.as('amount'))
      .where('booked_on', '<=', day)
      .executeTakeFirst(),
    of
      .select(['booked_on', sql<number | string>`sum(amount)`.as('amount')])
      .where('booked_on', '>', day)
      .groupBy('booked_on')
      .orderBy('booked_on')
      .execute(),
  ]);
  const asAt = until?.amount == null ? 0n : big(until.amount);
  const later = after.map((r) => ({ bookedOn: r.booked_on, amount: big(r.amount) }));
  return { asAt, later };
}

/** What each Fund account (free and allocated money) moved per day, in account and date order. */
export async function fundAccountDays(
  db: Db,
): Promise<Array<{ account: string; currency: string; bookedOn: string; amount: bigint }>> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['account', 'currency', 'booked_on', sql<number | string>`sum(amount)`.as('amount')])
    .where((eb) => eb.or([eb('account', 'like', 'available/%'), eb('account', 'like', 'allocated/%')]))
    .groupBy(['account', 'currency', 'booked_on'])
    .orderBy('account')
    .orderBy('currency')
    .orderBy('booked_on')
    .execute();
  return rows.map((r) => ({
    account: r.account,
    currency: r.currency,
    bookedOn: r.booked_on,
    amount: big(r.amount),
  }));
}

/** Sums of entries grouped the way statements need them. */
export interface FlowRow {
  account: string;
  currency: string;
  kind: TransactionKind;
  year: string;
  donorId: string | null;
  earmarkId: string | null;
  amount: bigint;
}

export async function flows(
  db: Db,
  filter: { donorIds?: readonly string[]; from?: string; to: string; illustrative?: boolean },
): Promise<FlowRow[]> {
  let q = db
    .selectFrom('ledger_entries as e')
    .select([
      'e.account',
      'e.currency',
      'e.kind',
      sql<string>`substr(e.booked_on, 1, 4)`.as('year'),
      'e.donor_id',
      'e.earmark_id',
      sql<number | string>`sum(e.amount)`.as('amount'),
    ])
    .where('e.booked_on', '<=', filter.to)
    .groupBy([
      'e.account',
      'e.currency',
      'e.kind',
      sql`substr(e.booked_on, 1, 4)`,
      'e.donor_id',
      'e.earmark_id',
    ]);
  if (filter.from) q = q.where('e.booked_on', '>=', filter.from);
  if (filter.donorIds) {
    if (filter.donorIds.length === 0) return [];
    q = q.where('e.donor_id', 'in', filter.donorIds);
  }
  if (filter.illustrative !== undefined) {
    const flag = filter.illustrative ? 1 : 0;
    q = q.where('e.donor_id', 'in', (s) =>
      s.selectFrom('donors as d').select('d.id').where('d.illustrative', '=', flag),
    );
  }
  return (await q.execute()).map((r) => ({
    account: r.account,
    currency: r.currency,
    kind: r.kind as TransactionKind,
    year: r.year,
    donorId: r.donor_id,
    earmarkId: r.earmark_id,
    amount: big(r.amount),
  }));
}
