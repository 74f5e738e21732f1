// Starts Palermo: open the store (checking its durability settings), migrate, load the real reference
// data into an empty database, then serve.
import type { FastifyInstance } from 'fastify';
import { openStore, type Store, type StoreOptions } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadReferenceDataIfEmpty } from '../reference/load-reference-data.ts';
import { loadFundReferenceIfEmpty } from '../funds/services/catalog.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import { RegistryState } from '../treaties/registry-state.ts';
import type { Mailer } from '../auth/services/accounts.ts';
import { buildApp } from './app.ts';

export interface ServerOptions extends StoreOptions {
  port?: number;
  host?: string;
  clock?: Clock;
  publicUrl?: string | undefined;
  mailer?: Mailer;
  signInPerMinute?: number | false;
  expensivePerMinute?: number | false;
  maxEventLoopDelayMs?: number | false;
  logger?: boolean | { level: string };
  webDir?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

/** Opens and prepares the store: migrations applied, reference data loaded if the database is empty. */
export async function prepareStore(
  options: StoreOptions,
  clock: Clock = systemClock,
): Promise<{ store: Store; registry: RegistryState }> {
  const store = await openStore(options);
  try {
    await migrateToLatest(store);
    const registry = new RegistryState(store);
    await loadReferenceDataIfEmpty({ store, clock, registry, actor: 'reference-data' });
    await loadFundReferenceIfEmpty({ store, clock, registry, actor: 'reference-data' });
    return { store, registry };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const { store, registry } = await prepareStore(options, clock);
  const app = await buildApp({
    store,
    clock,
    registry,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.signInPerMinute !== undefined ? { signInPerMinute: options.signInPerMinute } : {}),
    ...(options.expensivePerMinute !== undefined ? { expensivePerMinute: options.expensivePerMinute } : {}),
    ...(options.maxEventLoopDelayMs !== undefined
      ? { maxEventLoopDelayMs: options.maxEventLoopDelayMs }
      : {}),
    logger: options.logger ?? false,
    ...(options.webDir !== undefined ? { webDir: options.webDir } : {}),
  });
  try {
    await app.listen({ port: options.port ?? 3000, host: options.host ?? 'localhost' });
  } catch (err) {
    await app.close();
    await store.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    app,
    store,
    url: `http://${options.host && options.host !== 'localhost' ? options.host : 'localhost'}:${port}`,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
