// Frozen once merged: never edit, add a new migration instead. Imports nothing from the app.
// A donor statement sums a donor's entries by account, currency, kind, earmark and year (repository.ts
// flows()). Through the index on (donor_id, booked_on) each entry was then read from the table — one page for
// each on a large ledger, where a donor's entries lie among everyone's — and sorted into its group: a donor
// with 25,000 entries of a 1,000,000-entry ledger took ~100 ms. This index holds every column the statement
// reads, in the order it groups them (the year as the same expression), so the statement is one pass over
// the donor's part of the index with nothing to sort. It starts with donor_id, so it also serves everything
// the index it replaces served, which is dropped.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`create index ledger_entries_donor_flows on ledger_entries
    (donor_id, account, currency, kind, earmark_id, substr(booked_on, 1, 4), booked_on, amount)`.execute(db);
  await db.schema.dropIndex('ledger_entries_donor').execute();
}
