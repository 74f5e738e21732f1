// A fresh, migrated store for one test file: a temporary SQLite file, or its own schema on the PostgreSQL
// server named by DATABASE_URL. The same suites run on both stores.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ServiceContext } from '../../src/context.ts';
import type { Store, StoreOptions } from '../../src/db/database.ts';
import { openStore } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { prepareStore } from '../../src/server/server.ts';
import { scopeTargets } from '../../src/server/scope-targets.ts';
import { fixedClock, type Clock } from '../../src/common/clock.ts';
import { RegistryState } from '../../src/treaties/registry-state.ts';

/** Tests run on a fixed day so that "today" never moves under them. */
export const TEST_TODAY = '2026-06-30';
export const STORE_KIND = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export interface TestStore {
  store: Store;
  registry: RegistryState;
  clock: Clock;
  options: StoreOptions;
  ctx(actor?: string): ServiceContext;
  close(): Promise<void>;
}

export function testStoreOptions(): { options: StoreOptions; cleanup: () => Promise<void> } {
  const id = randomBytes(6).toString('hex');
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `test_${id}`;
    return {
      options: { databaseUrl: url, pgSchema: schema, poolSize: 4 },
      cleanup: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      },
    };
  }
  const path = join(tmpdir(), `palermo-test-${id}.db`);
  return {
    options: { sqlitePath: path },
    cleanup: async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    },
  };
}

/** A migrated store; with `referenceData` (the default) also loaded with the real data, as at first start. */
export async function createTestStore(
  options: { referenceData?: boolean; today?: string } = {},
): Promise<TestStore> {
  const clock = fixedClock(options.today ?? TEST_TODAY);
  const { options: storeOptions, cleanup } = testStoreOptions();
  let store: Store;
  let registry: RegistryState;
  try {
    if (options.referenceData === false) {
      store = await openStore(storeOptions);
      await migrateToLatest(store);
      registry = new RegistryState(store);
    } else {
      ({ store, registry } = await prepareStore(storeOptions, clock));
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  return {
    store,
    registry,
    clock,
    options: storeOptions,
    ctx: (actor = 'test') => ({ store, registry, clock, actor, scopeTargets }),
    close: async () => {
      await store.close();
      await cleanup();
    },
  };
}
