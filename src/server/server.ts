// Starts Palermo: open the store (checking its durability settings), migrate, load the real reference
// data into an empty database and the reference-data updates it lacks, then serve.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../db/database.ts';
import { systemClock, type Clock } from '../common/clock.ts';
import { prepareStore, type PrepareOptions } from './prepare-store.ts';
import type { Mailer } from '../auth/services/accounts.ts';
import { settingsFromEnv } from '../auth/settings.ts';
import { accessLogFromEnv } from '../http/access-log.ts';
import { sealStoredSecrets } from '../auth/services/seal-secrets.ts';
import { retentionYears, startErasureJob } from '../events/services/erasure.ts';

// The store's preparation lives apart so that the command line can prepare a store without loading Fastify.
export { prepareStore, type PrepareOptions };

export interface ServerOptions extends PrepareOptions {
  port?: number;
  host?: string;
  clock?: Clock;
  publicUrl?: string | undefined;
  mailer?: Mailer;
  signInPerMinute?: number | false;
  expensivePerMinute?: number | false;
  maxEventLoopDelayMs?: number | false;
  /** Quotas of tokens and accounts; default: from the environment (src/auth/settings.ts); false: none. */
  tokenQuota?: false;
  accountQuota?: false;
  logger?: boolean | { level: string };
  webDir?: string;
  /** Trusted proxies and the metrics token; default: from the environment (src/auth/settings.ts). */
  env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  // Read before the store is opened: a wrong setting stops the start before anything is written.
  const security = settingsFromEnv(options.env ?? process.env);
  const accessLog = accessLogFromEnv(options.env ?? process.env);
  const erasureYears = retentionYears(options.env ?? process.env);
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
  const { realReportProducer } = await import('../reports/services/producer.ts');
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
    tokenQuota: options.tokenQuota ?? security.tokenQuota,
    accountQuota: options.accountQuota ?? security.accountQuota,
    ...(options.webDir !== undefined ? { webDir: options.webDir } : {}),
    reportProducer: realReportProducer,
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
  // Personal data of participants is erased a retention period after each event (docs/events.md).
  const stopErasure = startErasureJob(
    { store, registry, clock, actor: 'system:erasure' },
    erasureYears,
    app.log,
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    app,
    store,
    url: `http://${options.host && options.host !== 'localhost' ? options.host : 'localhost'}:${port}`,
    close: async () => {
      stopErasure();
      await app.close();
      await store.close();
    },
  };
}
