// Frozen once merged: never edit, add a new migration instead. Imports nothing from the app.
// Reference-data updates applied to this database (src/reference/reference-updates.ts): one row per update,
// claimed by its id in the transaction that applies it, so that each update runs exactly once per database,
// however many processes start together, and a database loaded before an update gains it at its next start.
// A database that predates this table simply has no row yet: its updates are all pending.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`create table reference_updates (
    id text primary key,
    title text not null,
    applied_at text not null,
    applied_by text not null,
    summary_json text
  )`.execute(db);
}
