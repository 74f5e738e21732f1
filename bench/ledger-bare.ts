// The baselines of the ledger import, in their own process (so that its peak memory is its own): the same
// transactions and entries as the CSV (bench/ledger-data.ts, generated on the fly, never parsed or checked),
// inserted bare into a seeded copy of the same database, in one transaction.
//   sqlite <entries> <db file> <catalog.json>         better-sqlite3, a prepared statement per row
//   postgres <entries> <url> <schema> <catalog.json>  pg, multi-row INSERT … VALUES of 1,000 rows
// Prints {"transactions":…,"entries":…,"ms":…} on standard output.
import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ledgerTransactions, type GeneratedTransaction, type LedgerCatalog } from './ledger-data.ts';

// argv: node, run-ts.mjs, this file, then the arguments.
const [mode, target, a, b, c] = process.argv.slice(3);
const HASH = 'f'.repeat(64);
const NOW = new Date().toISOString();

function transactionRow(t: GeneratedTransaction, id: number) {
  return [
    id,
    t.kind,
    t.bookedOn,
    t.donorId,
    t.earmarkId,
    t.allocationId,
    t.reference,
    null,
    NOW,
    'bare',
    t.ref,
    HASH,
  ];
}
const entryRows = (t: GeneratedTransaction, id: number) =>
  t.entries.map((e) => [
    id,
    e.account,
    e.currency,
    e.amount,
    t.bookedOn,
    t.kind,
    0,
    e.donorId,
    e.earmarkId,
    e.allocationId,
  ]);

const TX =
  'id, kind, booked_on, donor_id, earmark_id, allocation_id, reference, memo, recorded_at, recorded_by, import_key, import_hash';
const ENTRY =
  'transaction_id, account, currency, amount, booked_on, kind, reversal, donor_id, earmark_id, allocation_id';

function bareSqlite(file: string, catalog: LedgerCatalog, entries: number) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const tx = db.prepare(`insert into ledger_transactions (${TX}) values (${Array(12).fill('?').join(', ')})`);
  const entry = db.prepare(
    `insert into ledger_entries (${ENTRY}) values (${Array(10).fill('?').join(', ')})`,
  );
  const counts = { transactions: 0, entries: 0 };
  db.transaction(() => {
    let id = Number((db.prepare('select max(id) as id from ledger_transactions').get() as { id: number }).id);
    for (const t of ledgerTransactions(catalog, entries)) {
      tx.run(transactionRow(t, ++id));
      for (const row of entryRows(t, id)) entry.run(row);
      counts.transactions++;
      counts.entries += t.entries.length;
    }
  })();
  db.close();
  return counts;
}

async function barePostgres(url: string, schema: string, catalog: LedgerCatalog, entries: number) {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const counts = { transactions: 0, entries: 0 };
  const insert = async (table: string, columns: string, rows: unknown[][]) => {
    if (rows.length === 0) return;
    const width = (rows[0] as unknown[]).length;
    const tuples = rows.map(
      (_, r) => `(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(', ')})`,
    );
    const values = rows.flat().map((v) => (typeof v === 'bigint' ? v.toString() : v));
    await client.query(`insert into ${table} (${columns}) values ${tuples.join(', ')}`, values);
  };
  await client.query('begin');
  const { rows } = await client.query<{ id: number | null }>('select max(id) as id from ledger_transactions');
  let id = Number(rows[0]?.id ?? 0);
  let txs: unknown[][] = [];
  let ens: unknown[][] = [];
  const flush = async () => {
    await insert('ledger_transactions', TX, txs);
    for (let i = 0; i < ens.length; i += 1000) await insert('ledger_entries', ENTRY, ens.slice(i, i + 1000));
    txs = [];
    ens = [];
  };
  for (const t of ledgerTransactions(catalog, entries)) {
    txs.push(transactionRow(t, ++id));
    ens.push(...entryRows(t, id));
    counts.transactions++;
    counts.entries += t.entries.length;
    if (txs.length === 1000) await flush();
  }
  await flush();
  await client.query(`select setval(pg_get_serial_sequence('ledger_transactions', 'id'), ${id})`);
  await client.query('commit');
  await client.end();
  return counts;
}

const started = performance.now();
const catalogOf = (file: string | undefined) =>
  JSON.parse(readFileSync(file as string, 'utf8')) as LedgerCatalog;
const counts =
  mode === 'sqlite'
    ? bareSqlite(a as string, catalogOf(b), Number(target))
    : mode === 'postgres'
      ? await barePostgres(a as string, b as string, catalogOf(c), Number(target))
      : null;
if (!counts) throw new Error('usage: ledger-bare.ts sqlite|postgres <entries> …');
process.stdout.write(`${JSON.stringify({ ...counts, ms: performance.now() - started })}\n`);
