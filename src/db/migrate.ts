// Forward-only migrations, listed here so that every build carries them. All pending migrations run in
// one transaction on both stores (both have transactional DDL): a failure leaves the old schema.
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import * as m001 from './migrations/2026-11-27-001-treaty-registry.ts';
import type { Store } from './database.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-27-001-treaty-registry': m001,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider });
  const all = await migrator.getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
