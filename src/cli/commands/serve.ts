// `palermo serve`: the web application and the API, in one process or several behind one port.
import type { Cluster } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { systemClock } from '../../common/clock.ts';
import { DomainError } from '../../common/errors.ts';
import { nodeSupportWarning } from '../../common/node-support.ts';
import { storeOptions } from '../common.ts';

/**
 * Several processes behind one port (Node's cluster module): the store holds sessions, the registry version
 * and everything else they share. A worker that dies is replaced; SIGTERM stops them all.
 */
function servePrimary(cluster: Cluster, workers: number, port: number, host: string): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    let listening = 0;
    const fork = (): void => {
      cluster.fork();
    };
    for (let i = 0; i < workers; i++) fork();
    cluster.on('listening', () => {
      listening++;
      if (listening === workers)
        process.stdout.write(`Palermo is serving at http://${host}:${port} with ${workers} processes\n`);
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      process.stderr.write(`worker ${worker.process.pid} ended (${signal ?? code}); starting another\n`);
      fork();
    });
    const stop = (): void => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web application and the API')
    .addOption(new Option('-p, --port <port>', 'port').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', 'interface to listen on').env('HOST').default('localhost'))
    .addOption(
      new Option('-w, --workers <n>', 'server processes sharing the port ("auto": one per core)')
        .env('PALERMO_WORKERS')
        .default('1'),
    )
    .option('--no-demo', 'do not load the ILLUSTRATIVE fund demo data at the first start (or PALERMO_DEMO=0)')
    .action(async (opts: { port: string; host: string; workers: string; demo: boolean }, cmd: Command) => {
      // Loaded here, not by every command: only `serve` uses the cluster module.
      const { default: cluster } = await import('node:cluster');
      // Once, where the operator looks: a line past its end of life gets no security fixes.
      const nodeWarning = cluster.isPrimary ? nodeSupportWarning(process.version, systemClock.today()) : null;
      if (nodeWarning) process.stderr.write(`warning: ${nodeWarning}\n`);
      const demo =
        opts.demo && !['0', 'false', 'no', 'off'].includes((process.env.PALERMO_DEMO ?? '').toLowerCase());
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new DomainError('validation', `--port: "${opts.port}" is not a port`);
      const workers = opts.workers === 'auto' ? availableParallelism() : Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64)
        throw new DomainError(
          'validation',
          `--workers: "${opts.workers}" is not a number of processes (1-64 or auto)`,
        );
      if (workers > 1 && cluster.isPrimary) {
        // Migrate and load the reference data once, before any worker opens the store.
        const { prepareStore } = await import('../../server/prepare-store.ts');
        const { store, demo: loaded } = await prepareStore({ ...storeOptions(cmd), demo });
        await store.close();
        if (loaded) process.stdout.write('loaded the ILLUSTRATIVE fund demo data (--no-demo skips it)\n');
        await servePrimary(cluster, workers, port, opts.host);
        return;
      }
      const { startServer } = await import('../../server/server.ts');
      const { smtpMailer } = await import('../../auth/services/accounts.ts');
      const server = await startServer({
        ...storeOptions(cmd),
        demo,
        port,
        host: opts.host,
        publicUrl: process.env.PALERMO_PUBLIC_URL || undefined,
        ...(process.env.SMTP_URL
          ? { mailer: smtpMailer(process.env.SMTP_URL, process.env.MAIL_FROM ?? 'palermo@localhost') }
          : {}),
        logger: { level: process.env.LOG_LEVEL ?? 'info' },
        ...(process.env.PALERMO_MAX_EVENT_LOOP_DELAY_MS
          ? { maxEventLoopDelayMs: Number(process.env.PALERMO_MAX_EVENT_LOOP_DELAY_MS) || false }
          : {}),
      });
      if (cluster.isPrimary) process.stdout.write(`Palermo is serving at ${server.url}\n`);
      const stop = async (): Promise<void> => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
