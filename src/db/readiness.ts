// Whether a migrated store already holds everything a start would load into it: the treaty reference data,
// the reference-data updates named, the currencies and the Convention's provisions. One light query, so that a
// command run against a prepared store (nearly every run) loads none of the loaders, their CSV parser or zod.
import { sql } from 'kysely';
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
