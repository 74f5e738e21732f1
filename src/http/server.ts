// Starts Palermo: open the store (checking its durability settings), migrate, load the real reference
// data into an empty database and the reference-data updates it lacks, then serve.
import type { FastifyInstance } from 'fastify';
import { openStore, type Store, type StoreOptions } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { prepareReferenceData, type AppliedUpdate } from '../reference/reference-updates.ts';
import { loadFundReferenceIfEmpty } from '../funds/services/catalog.ts';
import { loadProvisionsIfEmpty } from '../assistance/services/catalog.ts';
import { loadDemoAtFirstStart, type DemoSummary } from '../funds/demo/load-demo.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import { RegistryState } from '../treaties/registry-state.ts';
import type { Mailer } from '../auth/services/accounts.ts';
import { settingsFromEnv } from '../auth/settings.ts';
import { accessLogFromEnv } from './access-log.ts';
import { sealStoredSecrets } from '../auth/services/seal-secrets.ts';

export interface ServerOptions extends PrepareOptions {
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
  /** Trusted proxies and the metrics token; default: from the environment (src/auth/settings.ts). */
  env?: NodeJS.ProcessEnv;
}

export interface PrepareOptions extends StoreOptions {
  /** Load the fund ledger's illustrative demo data if this start is the database's first (`palermo serve`). */
  demo?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
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

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  // Read before the store is opened: a wrong setting stops the start before anything is written.
  const security = settingsFromEnv(options.env ?? process.env);
  const accessLog = accessLogFromEnv(options.env ?? process.env);
  const { store, registry, demo } = await prepareStore(options, clock);
  try {
    await sealStoredSecrets(store, options.env ?? process.env);
  } catch (err) {
    await store.close();
    throw err;
  }
  // The HTTP application (Fastify, its plugins, every route) is loaded here, not at start-up of every
  // `palermo` command: the commands that do not serve never need it.
  const { buildApp } = await import('./app.ts');
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
    accessLog,
    trustProxy: security.trustProxy,
    metricsToken: security.metricsToken,
    ...(options.webDir !== undefined ? { webDir: options.webDir } : {}),
  });
  if (demo) {
    app.log.info(
      demo,
      'loaded the ILLUSTRATIVE fund demo data (not real contributions); start with --no-demo or PALERMO_DEMO=0 to skip it',
    );
  }
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
