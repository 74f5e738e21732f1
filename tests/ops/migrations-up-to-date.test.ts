// A start skips the migrator only when the store has applied exactly the migrations this build carries
// (src/db/readiness.ts): a new store, one with a migration pending, or one with a migration this build does
// not know all go through the migrator, as before.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.ts';
import { migrateToLatest, migrations } from '../../src/db/migrate.ts';
import { MIGRATION_NAMES } from '../../src/db/migration-names.ts';
import { migrationsUpToDate } from '../../src/db/readiness.ts';
import { prepareStore } from '../../src/server/prepare-store.ts';
import { STORE_KIND, testStoreOptions } from '../helpers/store.ts';

const names = Object.keys(migrations);
// One store, taken through the cases in order: new, migrated, then given a migration this build lacks.
const { options, cleanup } = testStoreOptions();
let store: Store;
beforeAll(async () => {
  store = await openStore(options);
});
afterAll(async () => {
  await store.close().catch(() => undefined);
  await cleanup();
});

const migrationTable = () =>
  sql.table(store.schema ? `${store.schema}.kysely_migration` : 'kysely_migration');

describe(`migrations up to date (${STORE_KIND})`, () => {
  it('checks the names of the migrations the build carries, in their order', () => {
    // prepareStore compares the store with MIGRATION_NAMES without loading migrate.ts.
    expect([...MIGRATION_NAMES]).toEqual(names);
  });

  it('is false for a new store, true once every migration is applied', async () => {
    expect(await migrationsUpToDate(store.db, store.schema, names)).toBe(false);
    await migrateToLatest(store);
    expect(await migrationsUpToDate(store.db, store.schema, names)).toBe(true);
  });

  it('is false with a migration pending or one this build does not know', async () => {
    expect(await migrationsUpToDate(store.db, store.schema, [...names, '2099-01-01-999-next'])).toBe(false);
    expect(await migrationsUpToDate(store.db, store.schema, names.slice(0, -1))).toBe(false);
  });

  it('leaves a store with a migration unknown to this build to the migrator, which refuses it', async () => {
    await sql`insert into ${migrationTable()} (name, timestamp) values ('2099-01-01-999-unknown', '2099-01-01T00:00:00.000Z')`.execute(
      store.db,
    );
    await expect(prepareStore(options)).rejects.toThrow(/2099-01-01-999-unknown/);
  });
});
