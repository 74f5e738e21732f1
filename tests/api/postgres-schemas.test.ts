// PostgreSQL only: two stores in two schemas of the same database (as every test file has, and as
// `pgSchema` allows in production) must each get their own migration tables.
//
// Regression: without `migrationTableSchema`, Kysely looked for its migration tables in every schema of the
// database, found the other schema's, and failed with: relation "kysely_migration_lock" does not exist.
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.ts';
import { migrateToLatest, migrations } from '../../src/db/migrate.ts';
import { tablesOf } from '../fixtures/releases/fixtures.ts';
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
    await expect(migrateToLatest(second)).resolves.toEqual(Object.keys(migrations));
    const tables = await tablesOf(second);
    expect(tables.map((t) => t.name)).toContain('actions');
  });
});
