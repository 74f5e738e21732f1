// PostgreSQL only: two stores in two schemas of the same database (as every test file has, and as
// `pgSchema` allows in production) must each get their own migration tables.
//
// Fails at present: migrateToLatest (src/db/migrate.ts) builds Kysely's Migrator without
// `migrationTableSchema`. Kysely then decides whether `kysely_migration` / `kysely_migration_lock` exist by
// introspecting the tables of *every* schema of the database, finds those of the other schema, skips
// creating its own, and fails with: relation "kysely_migration_lock" does not exist. Effects: test files
// that run in parallel on PostgreSQL fail in beforeAll, and each failure leaves its schema behind
// (createTestStore never returns its cleanup), which then breaks every later run on that database.
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { STORE_KIND, testStoreOptions } from '../helpers/store.ts';

const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function open(): Promise<Store> {
  const { options, cleanup } = testStoreOptions();
  const store = await openStore(options);
  cleanups.push(async () => {
    await store.close();
    await cleanup();
  });
  return store;
}

describe.skipIf(STORE_KIND !== 'postgres')('migrations with two schemas in one PostgreSQL database', () => {
  it('a second schema migrates while the first one exists', async () => {
    const first = await open();
    await migrateToLatest(first);
    const second = await open();
    await expect(migrateToLatest(second)).resolves.toEqual(['2026-11-27-001-treaty-registry']);
    const tables = await second.db.introspection.getTables();
    expect(tables.map((t) => t.name)).toContain('actions');
  });
});
