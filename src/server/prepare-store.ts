// Prepares a store for use: migrations applied, the real reference data loaded into an empty database and the
// reference-data updates it lacks applied. Shared by the server and the command line, and kept apart from the
// Fastify application so that a command loads no HTTP code.
import { openStore, type Store, type StoreOptions } from '../db/database.ts';
import { MIGRATION_NAMES } from '../db/migration-names.ts';
import { migrationsUpToDate, storeIsPrepared } from '../db/readiness.ts';
import type { AppliedUpdate } from '../reference/reference-updates.ts';
import { REFERENCE_UPDATE_IDS } from '../reference/update-ids.ts';
import type { DemoSummary } from '../funds/demo/load-demo.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import { RegistryState } from '../treaties/registry-state.ts';

export interface PrepareOptions extends StoreOptions {
  /** Load the fund ledger's illustrative demo data if this start is the database's first (`palermo serve`). */
  demo?: boolean;
}

/**
 * Opens and prepares the store: migrations applied, reference data loaded if the database is empty, the
 * reference-data updates it lacks applied (src/reference/reference-updates.ts), and with
 * `demo` the illustrative fund data after it, at the first start only (never in tests unless they ask).
 */
export async function prepareStore(
  options: PrepareOptions,
  clock: Clock = systemClock,
): Promise<{
  store: Store;
  registry: RegistryState;
  demo: DemoSummary | null;
  referenceUpdates: AppliedUpdate[];
}> {
  const store = await openStore(options);
  try {
    // The migrations themselves (and Kysely's migrator) are loaded only when one is to run.
    if (!(await migrationsUpToDate(store.db, store.schema, MIGRATION_NAMES))) {
      const { migrateToLatest } = await import('../db/migrate.ts');
      await migrateToLatest(store);
    }
    const registry = new RegistryState(store);
    // Nearly every start finds the store prepared; the loaders (and the CSV parser and zod they bring) are
    // loaded only when there is something to load.
    if (await storeIsPrepared(store.db, REFERENCE_UPDATE_IDS)) {
      return { store, registry, demo: null, referenceUpdates: [] };
    }
    const [
      { prepareReferenceData },
      { loadFundReferenceIfEmpty },
      { loadProvisionsIfEmpty },
      { loadDemoAtFirstStart },
    ] = await Promise.all([
      import('../reference/reference-updates.ts'),
      import('../funds/services/catalog.ts'),
      import('../assistance/services/catalog.ts'),
      import('../funds/demo/load-demo.ts'),
    ]);
    const referenceUpdates = await prepareReferenceData({ store, clock, registry, actor: 'reference-data' });
    const first = await loadFundReferenceIfEmpty({ store, clock, registry, actor: 'reference-data' });
    await loadProvisionsIfEmpty({ store, clock, registry, actor: 'reference-data' });
    const demo =
      first && options.demo
        ? await loadDemoAtFirstStart({ store, clock, registry, actor: 'demo-data' })
        : null;
    return { store, registry, demo, referenceUpdates };
  } catch (err) {
    await store.close();
    throw err;
  }
}
