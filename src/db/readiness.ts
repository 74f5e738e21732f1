// Whether a migrated store already holds everything a start would load into it: the treaty reference data,
// the reference-data updates named, the currencies and the Convention's provisions. One light query, so that a
// command run against a prepared store (nearly every run) loads none of the loaders, their CSV parser or zod.
import { DEFAULT_MIGRATION_TABLE, sql } from 'kysely';
import type { Db } from './schema.ts';

export async function storeIsPrepared(db: Db, referenceUpdateIds: readonly string[]): Promise<boolean> {
  const { rows } = await sql<{ participants: number; currencies: number; provisions: number }>`
    select (select count(*) from participants) as participants,
           (select count(*) from currencies) as currencies,
           (select count(*) from provisions) as provisions`.execute(db);
  const counts = rows[0];
  if (!counts || Number(counts.participants) === 0) return false;
  if (Number(counts.currencies) === 0 || Number(counts.provisions) === 0) return false;
  const applied = await db.selectFrom('reference_updates').select('id').execute();
  const ids = new Set(applied.map((r) => r.id));
  return referenceUpdateIds.every((id) => ids.has(id));
}

/**
 * Whether the store has applied exactly the migrations named (Kysely's own table lists them): then the
 * migrator has nothing to do, and a start skips it — it would look up its tables' columns, take its lock
 * and open a transaction to find that out. Anything else (a new store, a migration pending, one unknown to
 * this build) answers false, and the migrator runs as before.
 */
export async function migrationsUpToDate(
  db: Db,
  schema: string | null,
  names: readonly string[],
): Promise<boolean> {
  let applied: string[];
  try {
    const table = sql.table(schema ? `${schema}.${DEFAULT_MIGRATION_TABLE}` : DEFAULT_MIGRATION_TABLE);
    const { rows } = await sql<{ name: string }>`select name from ${table}`.execute(db);
    applied = rows.map((r) => r.name);
  } catch {
    // No such table yet: a new store.
    return false;
  }
  const expected = new Set(names);
  return applied.length === expected.size && applied.every((name) => expected.has(name));
}
