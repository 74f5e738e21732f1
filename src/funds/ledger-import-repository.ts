// The SQL of the ledger import (`palermo fund import-ledger`), apart from repository.ts because it writes in
// bulk: many transactions and entries per statement, inside the caller's one database transaction. On SQLite
// through prepared multi-row statements on the raw handle (the same connection Kysely's transaction runs on:
// Kysely would compile and prepare each statement again); on PostgreSQL one `insert … select from unnest(…)`
// per batch and table, one array parameter per column.
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Store } from '../db/database.ts';
import type { TransactionKind } from './domain/ledger.ts';
import type { Db, TransactionHeader } from './repository.ts';

/** A transaction of an import: no pledge, never a reversal; its id given beforehand (see transactionIds). */
export type ImportedTransactionRow = Omit<TransactionHeader, 'pledgeId' | 'reversesId'> & {
  id: number;
  importKey: string;
  importHash: string;
};

export interface ImportedEntryRow {
  transactionId: number;
  account: string;
  currency: string;
  amount: bigint;
  bookedOn: string;
  kind: TransactionKind;
  donorId: string | null;
  earmarkId: string | null;
  allocationId: number | null;
}

/** Transactions imported before under these keys (`txn_ref`), with their id and content hash. */
export async function findImportKeys(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, { id: number; hash: string | null }>> {
  const out = new Map<string, { id: number; hash: string | null }>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('ledger_transactions')
      .select(['id', 'import_key', 'import_hash'])
      .where('import_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.import_key !== null) out.set(r.import_key, { id: r.id, hash: r.import_hash });
  }
  return out;
}

/** The last day each of these accounts moved (any currency), for those that ever did. */
export async function lastMovements(db: Db, accounts: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < accounts.length; i += 500) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['account', sql<string>`max(booked_on)`.as('last')])
      .where('account', 'in', accounts.slice(i, i + 500))
      .groupBy('account')
      .execute();
    for (const r of rows) out.set(r.account, r.last);
  }
  return out;
}

/**
 * Hands out ids for new transactions, so that entries can name theirs without reading them back. PostgreSQL:
 * taken from the identity's sequence. SQLite: after the highest id ever given (the write lock, held until
 * the import ends, keeps anyone else from taking one meanwhile).
 */
export async function transactionIds(store: Store, db: Db): Promise<(n: number) => Promise<number[]>> {
  if (store.dialect === 'postgres') {
    return async (n) => {
      const r = await sql<{
        id: number | string;
      }>`select nextval(pg_get_serial_sequence('ledger_transactions', 'id'))
        as id from generate_series(1, ${n})`.execute(db);
      return r.rows.map((row) => Number(row.id));
    };
  }
  const r = await sql<{ id: number | null }>`select max(id) as id from (
    select max(id) as id from ledger_transactions
    union all select seq as id from sqlite_sequence where name = 'ledger_transactions')`.execute(db);
  let next = Number(r.rows[0]?.id ?? 0) + 1;
  return async (n) => Array.from({ length: n }, () => next++);
}

/** PostgreSQL: other writers of balances wait until the import ends (readers do not). SQLite has one writer. */
export async function lockBalancesForImport(store: Store, db: Db): Promise<void> {
  if (store.dialect === 'postgres') await sql`lock table account_balances in exclusive mode`.execute(db);
}

/**
 * SQLite: a larger page cache while `run` imports. The default (2 MiB) holds too little of the indexes a
 * large import grows, and every batch would read their pages back from the operating system.
 */
export async function withImportCache<T>(store: Store, run: () => Promise<T>): Promise<T> {
  const handle = store.sqlite;
  if (!handle) return run();
  const before = Number(handle.pragma('cache_size', { simple: true }));
  handle.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return await run();
  } finally {
    handle.pragma(`cache_size = ${before}`);
  }
}

/** Negative: KiB (64 MiB). */
const IMPORT_CACHE_KIB = -65536;

const TX_COLUMNS = [
  'id',
  'kind',
  'booked_on',
  'donor_id',
  'earmark_id',
  'allocation_id',
  'reference',
  'memo',
  'recorded_at',
  'recorded_by',
  'import_key',
  'import_hash',
] as const;
const ENTRY_COLUMNS = [
  'transaction_id',
  'account',
  'currency',
  'amount',
  'booked_on',
  'kind',
  'reversal',
  'donor_id',
  'earmark_id',
  'allocation_id',
] as const;
const BALANCE_COLUMNS = ['account', 'currency', 'balance'] as const;

type Value = string | number | bigint | null;

/** Appends a transaction's column values (in TX_COLUMNS order) to `out`. */
function pushTransaction(out: Value[], t: ImportedTransactionRow): void {
  out.push(t.id, t.kind, t.bookedOn, t.donorId, t.earmarkId, t.allocationId, t.reference, t.memo);
  out.push(t.recordedAt, t.recordedBy, t.importKey, t.importHash);
}

/** Appends an entry's column values (in ENTRY_COLUMNS order) to `out`. */
function pushEntry(out: Value[], e: ImportedEntryRow): void {
  out.push(e.transactionId, e.account, e.currency, e.amount, e.bookedOn, e.kind, 0);
  out.push(e.donorId, e.earmarkId, e.allocationId);
}

function pushBalance(out: Value[], b: { account: string; currency: string; balance: bigint }): void {
  out.push(b.account, b.currency, b.balance);
}

/** Rows per SQLite statement: 100 × 12 columns stays far below its 32,766 parameters. */
const SQLITE_ROWS = 100;
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function sqliteInsert<R>(
  handle: SQLite.Database,
  table: string,
  columns: readonly string[],
  rows: readonly R[],
  push: (out: Value[], row: R) => void,
  suffix = '',
): void {
  let cache = statements.get(handle);
  if (!cache) statements.set(handle, (cache = new Map()));
  for (let i = 0; i < rows.length; i += SQLITE_ROWS) {
    const n = Math.min(SQLITE_ROWS, rows.length - i);
    const key = `${table}:${n}:${suffix}`;
    let statement = cache.get(key);
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      statement = handle.prepare(
        `insert into ${table} (${columns.join(', ')}) values ${Array(n).fill(tuple).join(', ')}${suffix}`,
      );
      cache.set(key, statement);
    }
    const values: Value[] = [];
    for (let j = i; j < i + n; j++) push(values, rows[j] as R);
    statement.run(values);
  }
}

/** PostgreSQL: one array per column; `types` are the columns' element types. */
async function pgInsert<R>(
  db: Db,
  table: string,
  columns: readonly string[],
  types: readonly string[],
  rows: readonly R[],
  push: (out: Value[], row: R) => void,
  suffix = '',
): Promise<void> {
  if (rows.length === 0) return;
  const arrays: Value[][] = columns.map(() => []);
  const values: Value[] = [];
  for (const row of rows) {
    values.length = 0;
    push(values, row);
    for (let c = 0; c < columns.length; c++) {
      const v = values[c] ?? null;
      (arrays[c] as Value[]).push(typeof v === 'bigint' ? v.toString() : v);
    }
  }
  const params = arrays.map((a, c) => sql`${a}::${sql.raw(types[c] as string)}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    select * from unnest(${sql.join(params)})${sql.raw(suffix)}`.execute(db);
}

const TX_TYPES = [
  'int',
  'text',
  'text',
  'text',
  'text',
  'int',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
];
const BALANCE_TYPES = ['text', 'text', 'bigint'];
const ENTRY_TYPES = ['int', 'text', 'text', 'bigint', 'text', 'text', 'int', 'text', 'text', 'int'];

/** Writes a batch of transactions and their entries (entries after the transactions they belong to). */
export async function insertImportedBatch(
  store: Store,
  db: Db,
  transactions: readonly ImportedTransactionRow[],
  entries: readonly ImportedEntryRow[],
): Promise<void> {
  if (store.sqlite) {
    sqliteInsert(store.sqlite, 'ledger_transactions', TX_COLUMNS, transactions, pushTransaction);
    sqliteInsert(store.sqlite, 'ledger_entries', ENTRY_COLUMNS, entries, pushEntry);
    return;
  }
  await pgInsert(db, 'ledger_transactions', TX_COLUMNS, TX_TYPES, transactions, pushTransaction);
  await pgInsert(db, 'ledger_entries', ENTRY_COLUMNS, ENTRY_TYPES, entries, pushEntry);
}

/** Sets the cached balance of each account (the import computed them in memory), in one pass at the end. */
export async function writeImportedBalances(
  store: Store,
  db: Db,
  balances: ReadonlyArray<{ account: string; currency: string; balance: bigint }>,
): Promise<void> {
  const upsert = ' on conflict (account, currency) do update set balance = excluded.balance';
  if (store.sqlite) {
    sqliteInsert(store.sqlite, 'account_balances', BALANCE_COLUMNS, balances, pushBalance, upsert);
    return;
  }
  for (let i = 0; i < balances.length; i += 20_000) {
    const chunk = balances.slice(i, i + 20_000);
    await pgInsert(db, 'account_balances', BALANCE_COLUMNS, BALANCE_TYPES, chunk, pushBalance, upsert);
  }
}
