// Frozen once merged: never edit, add a new migration instead. Imports nothing from the app.
// Whether an instrument can be signed becomes its own column: before, a null closing date meant "not open
// for signature", so a treaty open for signature indefinitely could not be recorded. 'none': no signature;
// 'open': from signature_opens_on, until signature_closes_on or, when that is null, indefinitely. Existing
// rows keep their meaning: open only where both dates were given (the four shipped instruments), none
// elsewhere.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('instruments')
    .addColumn('signature', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`signature in ('none', 'open')`),
    )
    .execute();
  await sql`update instruments set signature = 'open'
    where signature_opens_on is not null and signature_closes_on is not null`.execute(db);
}
