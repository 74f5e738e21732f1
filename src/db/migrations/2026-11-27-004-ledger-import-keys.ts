// Frozen once merged: never edit, add a new migration instead. Imports nothing from the app.
// Ledger import (`palermo fund import-ledger`): each imported transaction keeps the key the file gave it
// (`txn_ref`) and a hash of its content, so that importing a file again posts nothing twice and a key
// reused for different content is refused. Transactions recorded through the API have neither.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`alter table ledger_transactions add column import_key text`.execute(db);
  await sql`alter table ledger_transactions add column import_hash text`.execute(db);
  // Both stores let a unique index hold any number of nulls.
  await db.schema
    .createIndex('ledger_transactions_import_key')
    .on('ledger_transactions')
    .column('import_key')
    .unique()
    .execute();
}
