// Frozen once merged: never edit, add a new migration instead. Imports nothing from the app.
// Guessing: failed sign-ins and wrong codes are counted in the database, so that every server process sees
// them (a limit kept in one process's memory is shared by nobody). One row per account key (a digest of the
// email, whether or not an account has it, so that unknown and known emails are treated alike), and a count
// of wrong codes on each session waiting for its second factor.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('sign_in_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lockouts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
  // Old rows are swept by age.
  await db.schema
    .createIndex('sign_in_failures_last_failure')
    .on('sign_in_failures')
    .column('last_failure_at')
    .execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('mfa_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
