// Ledger transactions and their entries.
import { sql, type Selectable } from 'kysely';
import type { LedgerTransactionsTable } from '../../db/schema.ts';
import type { Entry, TransactionKind } from '../domain/ledger.ts';
import { type Db, big } from './rows.ts';

export interface TransactionHeader {
  kind: TransactionKind;
  bookedOn: string;
  donorId: string | null;
  earmarkId: string | null;
  allocationId: number | null;
  pledgeId: number | null;
  reversesId: number | null;
  reference: string | null;
  memo: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface TransactionRow extends TransactionHeader {
  id: number;
}

const toTransaction = (r: Selectable<LedgerTransactionsTable>): TransactionRow => ({
  id: r.id,
  kind: r.kind as TransactionKind,
  bookedOn: r.booked_on,
  donorId: r.donor_id,
  earmarkId: r.earmark_id,
  allocationId: r.allocation_id,
  pledgeId: r.pledge_id,
  reversesId: r.reverses_id,
  reference: r.reference,
  memo: r.memo,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

/** What an entry's account belongs to, for the statements (see the migration). */
export interface EntryTags {
  kind: TransactionKind;
  reversal: boolean;
  donorId: string | null;
  earmarkId: string | null;
  allocationId: number | null;
}

export async function insertTransaction(
  db: Db,
  header: TransactionHeader,
  entries: ReadonlyArray<Entry & EntryTags>,
): Promise<number> {
  const { id } = await db
    .insertInto('ledger_transactions')
    .values({
      kind: header.kind,
      booked_on: header.bookedOn,
      donor_id: header.donorId,
      earmark_id: header.earmarkId,
      allocation_id: header.allocationId,
      pledge_id: header.pledgeId,
      reverses_id: header.reversesId,
      reference: header.reference,
      memo: header.memo,
      recorded_at: header.recordedAt,
      recorded_by: header.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ledger_entries')
    .values(
      entries.map((e) => ({
        transaction_id: id,
        account: e.account,
        currency: e.currency,
        amount: e.amount,
        booked_on: header.bookedOn,
        kind: e.kind,
        reversal: e.reversal ? 1 : 0,
        donor_id: e.donorId,
        earmark_id: e.earmarkId,
        allocation_id: e.allocationId,
      })),
    )
    .execute();
  return id;
}

export async function findTransaction(db: Db, id: number): Promise<TransactionRow | null> {
  const r = await db.selectFrom('ledger_transactions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTransaction(r) : null;
}

export async function findReversalOf(db: Db, id: number): Promise<number | null> {
  const r = await db
    .selectFrom('ledger_transactions')
    .select('id')
    .where('reverses_id', '=', id)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function listTransactions(
  db: Db,
  filter: {
    ids?: readonly number[];
    donorIds?: readonly string[];
    allocationId?: number;
    limit?: number;
    beforeId?: number;
  } = {},
): Promise<TransactionRow[]> {
  let q = db.selectFrom('ledger_transactions').selectAll().orderBy('id', 'desc');
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.donorIds) {
    if (filter.donorIds.length === 0) return [];
    q = q.where('donor_id', 'in', filter.donorIds);
  }
  if (filter.allocationId !== undefined) q = q.where('allocation_id', '=', filter.allocationId);
  if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId);
  return (await q.limit(filter.limit ?? 1000).execute()).map(toTransaction);
}

export async function listEntries(db: Db, transactionIds: readonly number[]): Promise<Map<number, Entry[]>> {
  const out = new Map<number, Entry[]>();
  if (transactionIds.length === 0) return out;
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['transaction_id', 'account', 'currency', 'amount'])
    .where('transaction_id', 'in', transactionIds)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.transaction_id) ?? [];
    list.push({ account: r.account, currency: r.currency, amount: big(r.amount) });
    out.set(r.transaction_id, list);
  }
  return out;
}

/** PostgreSQL: holds a transaction until this one ends, so two reversals of it cannot both pass. */
export async function lockTransaction(db: Db, postgres: boolean, id: number): Promise<void> {
  if (postgres) await sql`select id from ledger_transactions where id = ${id} for update`.execute(db);
}

/** For each of these transactions that was reversed: the id of its reversal. */
export async function reversalsOf(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('ledger_transactions')
    .select(['id', 'reverses_id'])
    .where('reverses_id', 'in', ids)
    .execute();
  for (const r of rows) if (r.reverses_id !== null) out.set(r.reverses_id, r.id);
  return out;
}

export async function countTransactions(db: Db): Promise<number> {
  const r = await db
    .selectFrom('ledger_transactions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Transactions whose entries do not sum to zero in some currency (there must never be any). */
export async function unbalancedTransactions(
  db: Db,
): Promise<Array<{ id: number; currency: string; sum: string }>> {
  const r = await sql<{ id: number; currency: string; sum: string }>`select transaction_id as id, currency,
    cast(sum(amount) as text) as sum from ledger_entries group by transaction_id, currency having sum(amount) <> 0`.execute(
    db,
  );
  return r.rows;
}
