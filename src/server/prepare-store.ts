// Prepares a store for use: migrations applied, the real reference data loaded into an empty database and the
// reference-data updates it lacks applied. Shared by the server and the command line, and kept apart from the
// Fastify application so that a command loads no HTTP code.
import { openStore, type Store, type StoreOptions } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { prepareReferenceData, type AppliedUpdate } from '../reference/reference-updates.ts';
import { loadFundReferenceIfEmpty } from '../funds/services/catalog.ts';
import { loadProvisionsIfEmpty } from '../assistance/services/catalog.ts';
import { loadDemoAtFirstStart, type DemoSummary } from '../funds/demo/load-demo.ts';
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
    await migrateToLatest(store);
    const registry = new RegistryState(store);
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
