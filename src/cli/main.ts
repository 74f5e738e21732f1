// The `palermo` command line. Every command has --help; errors print `code: detail` on stderr (and one
// line per refused row) and exit non-zero.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import cluster from 'node:cluster';
import { availableParallelism, userInfo } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { z, ZodError } from 'zod';
import { verifyAudit } from '../audit/audit-log.ts';
import { ROLES, type Role } from '../auth/domain/policy.ts';
import { createUser, smtpMailer } from '../auth/services/accounts.ts';
import { issueToken } from '../auth/services/sessions.ts';
import { parseExpiry } from '../auth/token-expiry.ts';
import type { ServiceContext } from '../context.ts';
import { backup, restore } from '../db/backup.ts';
import { DEFAULT_SQLITE_PATH, type StoreOptions } from '../db/database.ts';
import { prepareStore, startServer } from '../http/server.ts';
import { describeAppliedUpdates } from '../reference/reference-updates.ts';
import { systemClock } from '../common/clock.ts';
import { isIsoDate } from '../common/dates.ts';
import { checkImportBytes, checkImportSize } from '../common/csv-import.ts';
import { DomainError } from '../common/errors.ts';
import { nodeSupportWarning } from '../common/node-support.ts';
import { checkJsonValue } from '../http/json-body.ts';
import { DefineInstrumentSchema } from '../treaties/contract.ts';
import { DonorIdSchema } from '../funds/contract.ts';
import { DEMO_SEED, loadDemoData } from '../funds/demo/load-demo.ts';
import { importRatesCsv } from '../funds/services/catalog.ts';
import { statementFile, type ExportFormat } from '../funds/services/export.ts';
import { reconcile } from '../funds/services/reconcile.ts';
import { donorStatement, fundStatement } from '../funds/services/statements.ts';
import { runWrite } from '../db/write.ts';
import { defineInstrument } from '../treaties/services/define-instrument.ts';
import { statusCsv } from '../treaties/services/export-status.ts';
import { importActionCsv, importParticipantTable } from '../treaties/services/import-csv.ts';
import { importLedgerFile } from '../funds/services/import-ledger.ts';
import {
  getParticipation,
  getStatus,
  listInstrumentViews,
  type StatusView,
} from '../treaties/services/queries.ts';

interface TokenCreateOptions {
  role: Role;
  name: string;
  state?: string[];
  donor?: string[];
  expires?: string;
}

interface GlobalOptions {
  databaseUrl?: string;
  db: string;
}

function storeOptions(cmd: Command): StoreOptions {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return {
    databaseUrl: g.databaseUrl || undefined,
    sqlitePath: g.db,
    pgSchema: process.env.PALERMO_PG_SCHEMA || undefined,
  };
}

/** Runs a use case against a prepared store, closing it afterwards. */
async function withContext<T>(cmd: Command, run: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const { store, registry } = await prepareStore(storeOptions(cmd));
  try {
    return await run({ store, registry, clock: systemClock, actor: `cli:${userInfo().username}` });
  } finally {
    await store.close();
  }
}

function dateOption(value: string): string {
  if (!isIsoDate(value))
    throw new DomainError('validation', `--as-of: "${value}" is not a real date written YYYY-MM-DD`);
  return value;
}

/** An import file (`-`: standard input): at most 10 MiB of UTF-8, as the server takes (common/csv-import.ts). */
function readInput(file: string): string {
  let bytes: Buffer;
  try {
    if (file !== '-') checkImportSize(statSync(file).size, file);
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new DomainError('validation', `cannot read ${file}: ${(err as Error).message}`, { field: 'file' });
  }
  return checkImportBytes(bytes, file === '-' ? 'standard input' : file);
}

function output(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A parser for a date option that names itself in its error (`--from: "2026-02-30" is not …`). */
const dateFor =
  (flag: string) =>
  (value: string): string => {
    if (!isIsoDate(value))
      throw new DomainError('validation', `${flag}: "${value}" is not a real date written YYYY-MM-DD`);
    return value;
  };

function seedOption(value: string): number {
  const seed = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(seed <= 0xffffffff))
    throw new DomainError('validation', `--seed: "${value}" is not a whole number from 0 to 4294967295`);
  return seed;
}

/** Writes a statement as JSON, CSV or XLSX to a file or standard output (a workbook only to a file or pipe). */
async function writeStatement(
  input: Parameters<typeof statementFile>[0],
  format: string,
  out: string | undefined,
): Promise<void> {
  if (format === 'xlsx' && !out && process.stdout.isTTY)
    throw new DomainError('validation', '--format xlsx writes a workbook: name a file with --out');
  const body =
    format === 'json'
      ? `${JSON.stringify(input.statement, null, 2)}\n`
      : (await statementFile(input, format as ExportFormat)).body;
  if (!out) {
    process.stdout.write(body);
    return;
  }
  try {
    writeFileSync(out, body);
  } catch (err) {
    throw new DomainError('validation', `cannot write ${out}: ${(err as Error).message}`, { field: 'out' });
  }
}

function table(status: StatusView): string {
  const lines = [
    `${status.instrumentId} as at ${status.asOf}`,
    `entry into force: ${status.eif?.on ?? 'not yet'}${status.eif ? ` (${status.eif.explanation})` : ''}`,
    `signatories ${status.counts.signatories}, contracting parties ${status.counts.contractingParties}, parties in force ${status.counts.partiesInForce}, pending ${status.counts.pendingEntryIntoForce}, uncertain ${status.counts.uncertain}, withdrawn ${status.counts.withdrawn}`,
    '',
  ];
  for (const p of status.participants) {
    lines.push(
      [
        p.participantId,
        p.name.padEnd(40).slice(0, 40),
        p.state.padEnd(13),
        p.signatureDate ?? '-',
        p.consentDate ?? '-',
        p.eif?.on ?? '-',
      ].join('  '),
    );
  }
  return lines.join('\n');
}

/**
 * Several processes behind one port (Node's cluster module): the store holds sessions, the registry version
 * and everything else they share. A worker that dies is replaced; SIGTERM stops them all.
 */
function servePrimary(workers: number, port: number, host: string): Promise<void> {
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

export function buildCli(): Command {
  const program = new Command('palermo')
    .description(
      'Palermo: treaty registry for the UN Convention against Transnational Organized Crime and its Protocols',
    )
    .addOption(new Option('--database-url <url>', 'PostgreSQL URL (default: SQLite)').env('DATABASE_URL'))
    .addOption(
      new Option('--db <path>', 'SQLite database file').env('PALERMO_DB').default(DEFAULT_SQLITE_PATH),
    )
    .showHelpAfterError()
    .exitOverride();

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
        const { store, demo: loaded } = await prepareStore({ ...storeOptions(cmd), demo });
        await store.close();
        if (loaded) process.stdout.write('loaded the ILLUSTRATIVE fund demo data (--no-demo skips it)\n');
        await servePrimary(workers, port, opts.host);
        return;
      }
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

  program
    .command('migrate')
    .description(
      'apply pending migrations, load the reference data into an empty database and apply the reference-data updates it lacks',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const { store, referenceUpdates } = await prepareStore(storeOptions(cmd));
      await store.close();
      for (const line of describeAppliedUpdates(referenceUpdates)) process.stdout.write(`${line}\n`);
      process.stdout.write('database is up to date\n');
    });

  const imp = program.command('import').description('import CSV files (all-or-nothing per file, idempotent)');
  imp
    .command('participants <file>')
    .description(
      'import a participant table (columns: participant, iso3, signature_date, consent_date, consent_kind, as_of, source, notes)',
    )
    .option('-i, --instrument <id>', 'instrument of the rows, when the file has no instrument column')
    .action(async (file: string, opts: { instrument?: string }, cmd: Command) => {
      const text = readInput(file);
      const result = await withContext(cmd, (ctx) =>
        importParticipantTable(ctx, text, { instrumentId: opts.instrument }),
      );
      process.stdout.write(
        `${result.rows} rows: ${result.recorded} recorded, ${result.alreadyPresent} already present\n`,
      );
    });
  imp
    .command('actions <file>')
    .description('import actions in the generic format (see docs/import-formats.md)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const text = readInput(file);
      const result = await withContext(cmd, (ctx) => importActionCsv(ctx, text));
      process.stdout.write(
        `${result.rows} rows: ${result.recorded} recorded, ${result.alreadyPresent} already present\n`,
      );
    });

  program
    .command('status')
    .description('status of an instrument as at a date')
    .requiredOption('-i, --instrument <id>', 'instrument id, e.g. UNTOC')
    .option('-a, --as-of <date>', 'date (YYYY-MM-DD), default today', dateOption)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .action(async (opts: { instrument: string; asOf?: string; format: string }, cmd: Command) => {
      const { status } = await withContext(cmd, (ctx) =>
        getStatus(ctx, opts.instrument.toUpperCase(), opts.asOf),
      );
      output(
        opts.format === 'json'
          ? JSON.stringify(status, null, 2)
          : opts.format === 'csv'
            ? statusCsv([status])
            : table(status),
        undefined,
      );
    });

  program
    .command('eif')
    .description(
      'entry into force of an instrument, or of an instrument for one participant, with explanations',
    )
    .requiredOption('-i, --instrument <id>', 'instrument id')
    .option('-p, --participant <id>', 'participant code, e.g. ARM')
    .action(async (opts: { instrument: string; participant?: string }, cmd: Command) => {
      const instrumentId = opts.instrument.toUpperCase();
      await withContext(cmd, async (ctx) => {
        if (opts.participant) {
          const detail = await getParticipation(ctx, instrumentId, opts.participant.toUpperCase());
          if (detail.participations.length === 0) {
            output(`${detail.participant.name} has not consented to ${instrumentId}`, undefined);
          }
          for (const p of detail.participations) {
            const eif = p.entryIntoForce;
            if (eif.on === null && !eif.pending) {
              // The user asked for a day the sources cannot give: say so rather than print a guess.
              throw new DomainError('date_too_imprecise', `${detail.participant.name}: ${eif.explanation}`, {
                field: 'participant',
              });
            }
            output(
              `${detail.participant.name}: ${eif.on ?? 'not yet in force'} — ${eif.explanation}`,
              undefined,
            );
            if (p.denunciation) output(`  denunciation: ${p.denunciation.effective.explanation}`, undefined);
          }
        } else {
          const view = (await listInstrumentViews(ctx)).find((i) => i.id === instrumentId);
          if (!view)
            throw new DomainError('not_found', `instrument "${instrumentId}" does not exist`, {
              field: 'instrument',
            });
          output(
            `${view.id}: ${view.entryIntoForce?.on ?? 'not in force'} — ${view.entryIntoForceExplanation}`,
            undefined,
          );
        }
      });
    });

  program
    .command('export')
    .description('export the status as at a date (every instrument unless --instrument)')
    .option('-i, --instrument <id>', 'one instrument')
    .option('-a, --as-of <date>', 'date (YYYY-MM-DD), default today', dateOption)
    .addOption(new Option('-f, --format <format>', 'file format').choices(['csv', 'json']).default('csv'))
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(
      async (opts: { instrument?: string; asOf?: string; format: string; out?: string }, cmd: Command) => {
        const statuses = await withContext(cmd, async (ctx) => {
          const ids = opts.instrument
            ? [opts.instrument.toUpperCase()]
            : (await listInstrumentViews(ctx)).map((i) => i.id);
          const list: StatusView[] = [];
          for (const id of ids) list.push((await getStatus(ctx, id, opts.asOf)).status);
          return list;
        });
        output(
          opts.format === 'json' ? JSON.stringify({ statuses }, null, 2) : statusCsv(statuses),
          opts.out,
        );
      },
    );

  const instrument = program.command('instrument').description('instruments and their final clauses');
  instrument
    .command('list')
    .description('list instruments with their entry into force')
    .action(async (_opts: unknown, cmd: Command) => {
      const views = await withContext(cmd, (ctx) => listInstrumentViews(ctx));
      for (const v of views)
        output(`${v.id.padEnd(10)} ${v.entryIntoForce?.on ?? 'not in force'}  ${v.title}`, undefined);
    });
  instrument
    .command('define <file>')
    .description(
      'define a new instrument from a JSON file (fields as in POST /api/instruments; "-" reads standard input)',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      let json: unknown;
      try {
        json = JSON.parse(readInput(file));
      } catch (err) {
        if (err instanceof DomainError) throw err;
        throw new DomainError('validation', `${file} is not valid JSON: ${(err as Error).message}`);
      }
      // The text rules of the JSON API (no NUL or other control characters, no lone surrogate).
      checkJsonValue(json);
      const input: z.infer<typeof DefineInstrumentSchema> = DefineInstrumentSchema.parse(json);
      const defined = await withContext(cmd, (ctx) => defineInstrument(ctx, input));
      output(`defined ${defined.id}: ${defined.threshold} instruments + ${defined.eifDays} days`, undefined);
    });

  const collect = (value: string, previous: string[] = []): string[] => [...previous, value.toUpperCase()];
  const roleOption = (): Option =>
    new Option('-r, --role <role>', 'role').choices([...ROLES]).makeOptionMandatory();

  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description('create a user; without --password-stdin an invitation link to choose a password is printed')
    .addOption(roleOption())
    .requiredOption('-e, --email <email>', 'email address (the sign-in name)')
    .option('-n, --name <name>', 'display name (default: the email)')
    .option('-s, --state <code>', 'a State a focal point acts for (repeatable)', collect)
    .option('-d, --donor <ref>', 'a donor a donor account acts for (repeatable)', collect)
    .option('--password-stdin', 'read the password from standard input instead of sending an invitation')
    .action(
      async (
        opts: {
          role: Role;
          email: string;
          name?: string;
          state?: string[];
          donor?: string[];
          passwordStdin?: boolean;
        },
        cmd: Command,
      ) => {
        const email = z.email().safeParse(opts.email);
        if (!email.success)
          throw new DomainError('validation', `--email: "${opts.email}" is not an email address`, {
            field: 'email',
          });
        const password = opts.passwordStdin ? readInput('-').replace(/\r?\n$/, '') : undefined;
        const publicUrl = process.env.PALERMO_PUBLIC_URL ?? 'http://localhost:3000';
        const result = await withContext(cmd, (ctx) =>
          createUser(
            ctx,
            {
              email: email.data,
              displayName: opts.name ?? email.data,
              role: opts.role,
              states: opts.state ?? [],
              donors: opts.donor ?? [],
              ...(password !== undefined ? { password } : {}),
            },
            { mailer: { send: async () => undefined }, publicUrl },
          ),
        );
        output(`created ${result.user.role} ${result.user.email} (${result.user.status})`, undefined);
        if (result.invitationUrl)
          output(`open this link within 72 hours to choose a password:\n${result.invitationUrl}`, undefined);
      },
    );

  const token = program.command('token').description('API tokens for machine clients');
  token
    .command('create')
    .description('issue an API token; its secret is printed once')
    .addOption(roleOption())
    .requiredOption('-n, --name <name>', 'what the token is for')
    .option('-s, --state <code>', 'a State a focal-point token acts for (repeatable)', collect)
    .option('-d, --donor <ref>', 'a donor a donor token acts for (repeatable)', collect)
    .option(
      '--expires <when>',
      'last day of validity (YYYY-MM-DD) or a lifetime (30d, 2w); default and most: PALERMO_TOKEN_DAYS (90)',
    )
    .action(async (opts: TokenCreateOptions, cmd: Command) => {
      const issued = await withContext(cmd, (ctx) =>
        issueToken(ctx, {
          name: opts.name,
          role: opts.role,
          states: opts.state ?? [],
          donors: opts.donor ?? [],
          ...(opts.expires !== undefined ? { expiresAt: parseExpiry(opts.expires, ctx.clock.now()) } : {}),
        }),
      );
      output(issued.token, undefined);
    });

  program
    .command('backup <file>')
    .description('write a consistent backup while the server runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const options = storeOptions(cmd);
      await withContext(cmd, (ctx) => backup(ctx.store, options, file));
      output(`backup written to ${file}`, undefined);
    });

  program
    .command('restore <file>')
    .description('restore a backup (SQLite: stop the server first; the old file is replaced in one step)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const options = storeOptions(cmd);
      await restore(options, file, options.sqlitePath ?? DEFAULT_SQLITE_PATH);
      // Open it the normal way: durability checks, pending migrations.
      await withContext(cmd, async () => undefined);
      output(`restored from ${file}`, undefined);
    });

  const auditCmd = program.command('audit').description('the append-only, hash-chained audit trail');
  auditCmd
    .command('verify')
    .description('walk the whole chain; report the first edited, deleted or reordered row (exit 1 if any)')
    .action(async (_opts: unknown, cmd: Command) => {
      const result = await withContext(cmd, (ctx) => verifyAudit(ctx.store.db));
      if (!result.ok && result.broken) {
        throw new DomainError(
          'conflict',
          `audit trail broken at row ${result.broken.seq}: ${result.broken.reason}`,
          {
            field: `audit_log.seq=${result.broken.seq}`,
          },
        );
      }
      output(`audit trail intact: ${result.rows} rows`, undefined);
    });

  // The fund ledger's command group may already be defined (other `fund` commands): add to it.
  const fundCmd =
    program.commands.find((c) => c.name() === 'fund') ??
    program.command('fund').description('the fund ledger');
  fundCmd
    .command('import-ledger <file>')
    .description(
      'import ledger transactions from CSV, one row per entry (all-or-nothing, idempotent; docs/import-formats.md)',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const r = await withContext(cmd, (ctx) => importLedgerFile(ctx, file));
      output(
        `${r.transactions} transactions (${r.rows} entries): ${r.recorded} recorded (${r.entries} entries), ${r.alreadyPresent} already present`,
        undefined,
      );
    });

  // ---- the fund ledger --------------------------------------------------------------------------------
  // One `fund` group, whichever block of commands defines it first.
  const fund = program.commands.find((c) => c.name() === 'fund') ?? program.command('fund');
  fund.description('the fund ledger: demo data, reconciliation, rates of exchange, statements and more');
  fund
    .command('demo')
    .description(
      'load the ILLUSTRATIVE demo data (made-up figures for real States and fictional donors, all labelled illustrative); loaded once',
    )
    .option(
      '-s, --seed <n>',
      'seed of the generator: the same seed gives the same data',
      seedOption,
      DEMO_SEED,
    )
    .action(async (opts: { seed: number }, cmd: Command) => {
      const s = await withContext(cmd, (ctx) => loadDemoData(ctx, { seed: opts.seed }));
      output(
        `loaded the ILLUSTRATIVE demo data (seed ${s.seed}, ${s.from} to ${s.to}): ${s.donors} donors, ${s.earmarks} earmarks, ${s.rates} rates, ${s.pledges} pledges, ${s.transactions} transactions; the ledger reconciles`,
        undefined,
      );
    });
  fund
    .command('reconcile')
    .description(
      'prove the balances: cached balances = balances rebuilt from the entries, every transaction balances, no Fund account below zero (exit 1 if not)',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const r = await withContext(cmd, (ctx) => reconcile(ctx.store.db));
      if (!r.ok) {
        const listed = r.problems.length > 200 ? '; the first 200 are listed' : '';
        throw new DomainError(
          'conflict',
          `the ledger does not reconcile: ${r.problems.length} problem(s) in ${r.transactions} transactions${listed}`,
          { issues: r.problems.map((message) => ({ field: 'ledger', message })) },
        );
      }
      output(
        `the ledger reconciles: ${r.transactions} transactions, ${r.accounts} account balances`,
        undefined,
      );
    });
  fund
    .command('rates')
    .description('rates of exchange (units of a currency for one US dollar, per month)')
    .command('import <file>')
    .description(
      'import rates from CSV with the header currency,month,rate,source — all or nothing; a recorded rate is never replaced',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const text = readInput(file);
      const answer = await withContext(cmd, (ctx) =>
        runWrite(ctx, { key: null, operation: 'fund.rates.import', payload: text }, async (db) => ({
          status: 200,
          body: await importRatesCsv(ctx, db, text),
        })),
      );
      const result = JSON.parse(answer.body) as { rows: number; recorded: number; alreadyPresent: number };
      output(
        `${result.rows} rows: ${result.recorded} recorded, ${result.alreadyPresent} already present`,
        undefined,
      );
    });
  const formatOption = () =>
    new Option('-f, --format <format>', 'output format').choices(['json', 'csv', 'xlsx']).default('json');
  fund
    .command('statement')
    .description(
      'the fund statement for a period, in US dollars: opening balance, sources, uses, closing balance',
    )
    .option(
      '--from <date>',
      'first day (YYYY-MM-DD), default 1 January of the year of --to',
      dateFor('--from'),
    )
    .option('--to <date>', 'last day (YYYY-MM-DD), default today', dateFor('--to'))
    .addOption(
      new Option(
        '--dataset <dataset>',
        'real contributions, or the ILLUSTRATIVE demo data (never both added)',
      )
        .choices(['real', 'illustrative'])
        .default('real'),
    )
    .addOption(formatOption())
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(
      async (
        opts: { from?: string; to?: string; dataset: string; format: string; out?: string },
        cmd: Command,
      ) => {
        await withContext(cmd, async (ctx) => {
          const to = opts.to ?? ctx.clock.today();
          const from = opts.from ?? `${to.slice(0, 4)}-01-01`;
          if (from > to)
            throw new DomainError('validation', `--from: the period ends (${to}) before it starts (${from})`);
          const statement = await fundStatement(ctx, ctx.store.db, {
            from,
            to,
            illustrative: opts.dataset === 'illustrative',
          });
          await writeStatement({ kind: 'fund', statement }, opts.format, opts.out);
        });
      },
    );
  fund
    .command('donor-statement <donorId>')
    .description(
      'a donor statement as at a date: pledged, committed, paid, outstanding, allocated, spent, balance',
    )
    .option('-a, --as-of <date>', 'date (YYYY-MM-DD), default today', dateOption)
    .addOption(formatOption())
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (donorId: string, opts: { asOf?: string; format: string; out?: string }, cmd: Command) => {
      const id = DonorIdSchema.safeParse(donorId.toUpperCase());
      if (!id.success)
        throw new DomainError(
          'validation',
          `donorId: "${donorId}" ${id.error.issues[0]?.message ?? 'is not a donor id'}`,
          { field: 'donorId' },
        );
      await withContext(cmd, async (ctx) => {
        const statement = await donorStatement(ctx, ctx.store.db, id.data, opts.asOf ?? ctx.clock.today());
        await writeStatement({ kind: 'donor', statement }, opts.format, opts.out);
      });
    });

  // ---- technical assistance -----------------------------------------------------------------------------
  const assistance =
    program.commands.find((c) => c.name() === 'assistance') ??
    program.command('assistance').description('technical assistance');
  assistance
    .command('iati')
    .description(
      'the published projects as an IATI 2.03 activity file (reporting organisation from PALERMO_IATI_ORG_REF, PALERMO_IATI_ORG_NAME, PALERMO_IATI_ORG_TYPE; docs/assistance.md)',
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string }, cmd: Command) => {
      const { iatiActivities, publisherFromEnv } = await import('../assistance/services/iati.ts');
      const publisher = publisherFromEnv();
      const { xml, activities } = await withContext(cmd, (ctx) =>
        iatiActivities(ctx.clock, ctx.store.db, { kind: 'public' }, { publisher }),
      );
      output(xml, opts.out);
      if (opts.out) output(`${activities} published project(s) written to ${opts.out}`, undefined);
    });

  return program;
}

/** Runs the CLI; returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0
        ? 0
        : 2;
    }
    if (err instanceof DomainError) {
      process.stderr.write(`${err.code}: ${err.message}\n`);
      // One line per refused row or field; a lone issue that repeats the detail is not printed twice.
      const repeatsDetail = err.issues.length === 1 && err.issues[0]?.message === err.message;
      if (!repeatsDetail) {
        for (const issue of err.issues.slice(0, 200))
          process.stderr.write(`  ${issue.field}: ${issue.message}\n`);
      }
      return 1;
    }
    if (err instanceof ZodError) {
      for (const issue of err.issues)
        process.stderr.write(`validation: ${issue.path.join('.') || 'input'}: ${issue.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}
