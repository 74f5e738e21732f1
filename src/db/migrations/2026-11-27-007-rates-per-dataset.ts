// Frozen once merged: never edit, add a new migration instead. Imports nothing from the app.
// Illustrative (demo) rates and real UN operational rates are separate datasets: a month that has an
// illustrative rate must still take its real rate. The key of exchange_rates gains the `illustrative` flag.
// SQLite cannot change a primary key in place: the table is rebuilt (its append-only triggers with it).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table exchange_rates drop constraint exchange_rates_pkey`.execute(db);
    await sql`alter table exchange_rates add primary key (currency, month, illustrative)`.execute(db);
    return;
  }
  await sql`create table exchange_rates_by_dataset (
    currency text not null references currencies(code),
    month text not null,
    rate text not null,
    source text not null,
    illustrative integer not null default 0,
    recorded_at text not null,
    recorded_by text not null,
    primary key (currency, month, illustrative)
  )`.execute(db);
  await sql`insert into exchange_rates_by_dataset select currency, month, rate, source, illustrative, recorded_at, recorded_by
    from exchange_rates`.execute(db);
  // Dropping a table fires no row triggers; the rows live on in the new table.
  await sql`drop table exchange_rates`.execute(db);
  await sql`alter table exchange_rates_by_dataset rename to exchange_rates`.execute(db);
  for (const op of ['update', 'delete']) {
    await sql`create trigger ${sql.raw(`exchange_rates_no_${op}`)} before ${sql.raw(op)} on exchange_rates
      begin select raise(abort, ${sql.lit(`exchange_rates rows are append-only: ${op} refused`)}); end`.execute(
      db,
    );
  }
}
