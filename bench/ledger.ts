// The fund ledger's benchmarks, run by bench/run.ts after the load figures (or alone, printing only:
// `node bin/run-ts.mjs bench/ledger.ts`). Each figure beside a baseline measured in the same run:
//
// 1. Import of a deterministic CSV of 1,000,000 entries (bench/ledger-data.ts) with the real command,
//    `palermo fund import-ledger`, in a child process: wall time and peak RSS (/usr/bin/time), on SQLite and
//    on PostgreSQL (DATABASE_URL, else the local cluster, in a fresh schema). Baseline: the same rows
//    inserted bare, in one transaction, in a child process too (bench/ledger-bare.ts).
// 2. The donor statement over that ledger for a typical donor: median and p95 of 50 runs. Baseline: the
//    statement's grouped query alone, prepared once, on the bare driver.
// 3. Posting throughput through the service layer (runWrite + recordPayment / spend, each in its own
//    transaction with its idempotency key and audit row), and through HTTP (8 clients in a closed loop),
//    against a bare better-sqlite3 loop writing the same rows, one transaction each.
// 4. Ledger load: POST /api/fund/payments at 20 tx/s for 30 s, 1 in 20 sent again with the same
//    Idempotency-Key and body, beside public reads at 600 req/s: errors, duplicate postings, reconciliation.
//
// Environment: BENCH_LEDGER_ENTRIES (1000000), BENCH_LEDGER_POST_SECONDS (10), BENCH_LEDGER_LOAD_SECONDS
// (30), BENCH_READ_RATE (600), BENCH_WRITE_RATE (20), DATABASE_URL (PostgreSQL; default: the local cluster).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { systemClock } from '../src/common/clock.ts';
import type { ServiceContext } from '../src/context.ts';
import { openStore, type Store, type StoreOptions } from '../src/db/database.ts';
import { cachedBalances, listAllocations } from '../src/funds/repository.ts';
import { defineEarmark, recordDonor, recordRate } from '../src/funds/services/catalog.ts';
import { recordPayment } from '../src/funds/services/payments.ts';
import { donorStatement } from '../src/funds/services/statements.ts';
import { allocate, spend } from '../src/funds/services/uses.ts';
import { runWrite } from '../src/db/write.ts';
import { prepareStore } from '../src/server/server.ts';
import { RegistryState } from '../src/treaties/registry-state.ts';
import { BENCH_RATES, writeLedgerCsv, type GeneratedFile, type LedgerCatalog } from './ledger-data.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUN_TS = join(ROOT, 'bin', 'run-ts.mjs');
const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] && Number.isFinite(v) && v > 0 ? v : fallback;
};
const ENTRIES = Math.round(envNumber('BENCH_LEDGER_ENTRIES', 1_000_000) / 2) * 2;
const POST_SECONDS = envNumber('BENCH_LEDGER_POST_SECONDS', 10);
const LOAD_SECONDS = envNumber('BENCH_LEDGER_LOAD_SECONDS', 30);
const READ_RATE = envNumber('BENCH_READ_RATE', 600);
const WRITE_RATE = envNumber('BENCH_WRITE_RATE', 20);
const STATEMENT_RUNS = 50;
const HTTP_CLIENTS = 8;
const DUPLICATE_EVERY = 20;
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres:postgres@127.0.0.1:5432/palermo_test';
const AS_OF = '2025-12-31';

// Goals (the issue and docs/quality.md "Load")
const IMPORT_GOAL_S = 60;
const IMPORT_MEMORY_GOAL_MB = 512;
const STATEMENT_GOAL_MS = 50;
const POSTING_FLOOR = WRITE_RATE;

export interface LedgerHooks {
  tmp: string;
  pinning: { client: number; server: number } | null;
  startChild(
    name: string,
    script: string,
    args: string[],
    pinning: LedgerHooks['pinning'],
  ): Promise<{ name: string; child: ChildProcess; url: string; token: string }>;
  stopChild(server: { child: ChildProcess }): Promise<void>;
  waitForQuiet(label: string): Promise<number | null>;
}

/** A figure in the shape of bench/run.ts's. */
export interface LedgerFigure {
  id: string;
  measure: string;
  value: Record<string, number>;
  unit: string;
  baseline: { name: string; value: Record<string, number> };
  ratio: number;
  ratioMeaning: string;
  goal: string;
  pass: boolean;
}

export interface LedgerResults {
  figures: LedgerFigure[];
  /** Rows of the results.md table, and notes to print under it. */
  rows: string[];
  notes: string[];
  json: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

const mine = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of mine) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms: number) =>
  ms >= 100 ? `${fmtInt(ms)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** Wall time, with the CPU time beside it when known. */
const fmtRun = (r: ChildRun) =>
  `${fmtS(r.ms)}${r.cpuSeconds === null ? '' : ` (CPU ${r.cpuSeconds.toFixed(1)} s)`}`;
const fmtMiB = (mib: number) => `${fmtInt(mib)} MiB (${fmtInt((mib * 2 ** 20) / 1e6)} MB)`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ChildRun {
  ms: number;
  maxRssMiB: number;
  /** CPU time of the child (user + system), null without /usr/bin/time: less affected by a busy machine. */
  cpuSeconds: number | null;
  stdout: string;
}

/** Runs node with `args` in a child (pinned like the servers), timing it and reading its peak RSS. */
async function measureChild(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  pinning: LedgerHooks['pinning'],
): Promise<ChildRun> {
  const timeFile = join(os.tmpdir(), `palermo-ledger-time-${randomBytes(4).toString('hex')}`);
  const timed = existsSync('/usr/bin/time');
  const command = [
    ...(pinning ? ['taskset', '-c', String(pinning.server)] : []),
    ...(timed ? ['/usr/bin/time', '-f', '%e %M %U %S', '-o', timeFile] : []),
    process.execPath,
    ...args,
  ];
  const started = performance.now();
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mine.add(child);
  let stdout = '';
  let stderr = '';
  let hwmKiB = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Without /usr/bin/time: the peak RSS as the kernel keeps it (VmHWM), read until the end.
  const poll = setInterval(() => {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSafe(`/proc/${child.pid}/status`));
    if (m) hwmKiB = Math.max(hwmKiB, Number(m[1]));
  }, 100);
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  clearInterval(poll);
  mine.delete(child);
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${label} failed (exit ${code}): ${stderr.slice(-2000)}`);
  let cpuSeconds: number | null = null;
  if (timed) {
    const [, rss, user, system] = (readFileSafe(timeFile).trim().split('\n').at(-1) ?? '').split(' ');
    hwmKiB = Number(rss) || hwmKiB;
    cpuSeconds = Number(user) + Number(system);
    rmSync(timeFile, { force: true });
  }
  return {
    ms,
    maxRssMiB: hwmKiB / 1024,
    cpuSeconds: Number.isFinite(cpuSeconds) ? cpuSeconds : null,
    stdout,
  };
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const context = (store: Store): ServiceContext => ({
  store,
  clock: systemClock,
  registry: new RegistryState(store),
  actor: 'bench',
});

// ---------------------------------------------------------------------------------------------------
// Seeding: donors, a special-purpose earmark, and five allocations per donor, through the services

export async function seed(options: StoreOptions): Promise<LedgerCatalog> {
  const { store } = await prepareStore(options);
  try {
    const ctx = context(store);
    const donors = (
      await store.db
        .selectFrom('participants')
        .select('id')
        .where('kind', '=', 'state')
        .orderBy('id')
        .limit(40)
        .execute()
    ).map((r) => r.id);
    await store.db.transaction().execute(async (db) => {
      await defineEarmark(ctx, db, {
        id: 'TIP-GLOBAL',
        name: 'Trafficking in Persons Protocol',
        purpose: 'special',
        iatiCategory: 3,
        instrumentId: 'TIP',
      });
      for (const d of donors) {
        await recordDonor(ctx, db, { id: d, name: `Donor ${d}`, kind: 'state', participantId: d });
        for (const earmarkId of ['GENERAL', 'TIP-GLOBAL']) {
          const payment = { donorId: d, receivedOn: '2015-12-01', currency: 'USD', amount: '1000.00' };
          await recordPayment(ctx, db, { ...payment, earmarkId });
        }
        for (let k = 1; k <= 5; k++) {
          const special = k > 3;
          await allocate(ctx, db, {
            donorId: d,
            earmarkId: special ? 'TIP-GLOBAL' : 'GENERAL',
            amount: '100.00',
            bookedOn: '2015-12-15',
            purpose: { kind: 'project', ref: `PRJ-${d}-${k}`, instrumentId: special ? 'TIP' : null },
          });
        }
      }
    });
    const balances = await cachedBalances(store.db);
    return {
      donors,
      general: 'GENERAL',
      special: 'TIP-GLOBAL',
      allocations: (await listAllocations(store.db)).map((a) => ({
        id: a.id,
        donorId: a.donorId,
        earmarkId: a.earmarkId,
        pscRateBp: a.pscRateBp,
      })),
      balances: Object.fromEntries(
        balances.filter((b) => b.currency === 'USD').map((b) => [b.account, b.balance.toString()]),
      ),
    };
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------------------
// 1 + 2: the import and the statement, on one store

/** The grouped query behind the donor statement (repository.ts flows()), for the bare baseline. */
const FLOWS_SQL = `select account, currency, kind, substr(booked_on, 1, 4) as year, donor_id, earmark_id,
  sum(amount) as amount from ledger_entries where booked_on <= $1 and donor_id = $2
  group by account, currency, kind, substr(booked_on, 1, 4), donor_id, earmark_id`;

interface StoreFigures {
  store: 'sqlite' | 'postgres';
  palermo: ChildRun;
  /** Wall time of the child, and the time inside it (without Node's start). */
  bare: ChildRun & { transactions: number; entries: number; insideMs: number };
  imported: string;
  statement: { medianMs: number; p95Ms: number; bareMedianMs: number; bareP95Ms: number; plan: string[] };
}

async function timeRuns(run: () => Promise<unknown> | unknown, runs = STATEMENT_RUNS) {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

async function statementFigures(options: StoreOptions, donor: string): Promise<StoreFigures['statement']> {
  const store = await openStore(options);
  const ctx = context(store);
  try {
    const palermo = await timeRuns(() => donorStatement(ctx, store.db, donor, AS_OF));
    if (store.sqlite) {
      const query = store.sqlite.prepare(FLOWS_SQL.replace('$1', '?').replace('$2', '?'));
      const bare = await timeRuns(() => query.all(AS_OF, donor));
      const plan = store.sqlite
        .prepare(`explain query plan ${FLOWS_SQL.replace('$1', '?').replace('$2', '?')}`)
        .all(AS_OF, donor) as Array<{ detail: string }>;
      return {
        medianMs: palermo.median,
        p95Ms: palermo.p95,
        bareMedianMs: bare.median,
        bareP95Ms: bare.p95,
        plan: plan.map((p) => p.detail),
      };
    }
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      options: `-c search_path=${options.pgSchema}`,
    });
    await client.connect();
    try {
      const bare = await timeRuns(() => client.query(FLOWS_SQL, [AS_OF, donor]));
      const plan = await client.query<{ 'QUERY PLAN': string }>(`explain analyze ${FLOWS_SQL}`, [
        AS_OF,
        donor,
      ]);
      return {
        medianMs: palermo.median,
        p95Ms: palermo.p95,
        bareMedianMs: bare.median,
        bareP95Ms: bare.p95,
        plan: plan.rows.map((r) => r['QUERY PLAN']),
      };
    } finally {
      await client.end();
    }
  } finally {
    await store.close();
  }
}

function cliEnv(options: StoreOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.PALERMO_PG_SCHEMA;
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    env.PALERMO_PG_SCHEMA = options.pgSchema;
  } else env.PALERMO_DB = options.sqlitePath;
  return env;
}

async function importOn(
  h: LedgerHooks,
  kind: 'sqlite' | 'postgres',
  stores: { palermo: StoreOptions; bare: StoreOptions },
  files: { csv: string; catalog: string },
  donor: string,
): Promise<StoreFigures> {
  await h.waitForQuiet(`ledger import, ${kind}`);
  console.log(`  ${kind}: palermo fund import-ledger (${fmtInt(ENTRIES)} entries) …`);
  const palermo = await measureChild(
    `palermo fund import-ledger on ${kind}`,
    ['bin/palermo.mjs', 'fund', 'import-ledger', files.csv],
    cliEnv(stores.palermo),
    h.pinning,
  );
  console.log(`    ${fmtRun(palermo)}, peak RSS ${fmtMiB(palermo.maxRssMiB)}: ${palermo.stdout.trim()}`);
  await h.waitForQuiet(`bare insert, ${kind}`);
  const where =
    kind === 'sqlite'
      ? [stores.bare.sqlitePath as string]
      : [stores.bare.databaseUrl as string, stores.bare.pgSchema as string];
  const bareRun = await measureChild(
    `bare insert on ${kind}`,
    [RUN_TS, join(ROOT, 'bench', 'ledger-bare.ts'), kind, String(ENTRIES), ...where, files.catalog],
    process.env,
    h.pinning,
  );
  const counts = JSON.parse(bareRun.stdout) as { transactions: number; entries: number; ms: number };
  console.log(`    bare insert: ${fmtRun(bareRun)}, peak RSS ${fmtMiB(bareRun.maxRssMiB)}`);
  const statement = await statementFigures(stores.palermo, donor);
  console.log(
    `    donor statement (${donor}): median ${fmtMs(statement.medianMs)}, p95 ${fmtMs(statement.p95Ms)}; its query alone, bare: median ${fmtMs(statement.bareMedianMs)}`,
  );
  return {
    store: kind,
    palermo,
    bare: { ...bareRun, transactions: counts.transactions, entries: counts.entries, insideMs: counts.ms },
    imported: palermo.stdout.trim(),
    statement,
  };
}

/** PostgreSQL: DATABASE_URL, or the local cluster (started if it is not running); null when there is none. */
async function postgresUrl(): Promise<string | null> {
  const reachable = async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  };
  if (await reachable()) return PG_URL;
  if (process.env.DATABASE_URL) return null;
  spawnSync('pg_ctlcluster', ['15', 'main', 'start'], { stdio: 'ignore' });
  return (await reachable()) ? PG_URL : null;
}

async function dropSchemas(url: string, schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
  await client.end();
}

async function importBenchmarks(h: LedgerHooks, dir: string) {
  console.log(
    `\n[ledger 1/3] import of ${fmtInt(ENTRIES)} ledger entries from CSV, then the donor statement`,
  );
  const sqlite = {
    palermo: { sqlitePath: join(dir, 'import.db') },
    bare: { sqlitePath: join(dir, 'bare.db') },
  };
  const catalog = await seed(sqlite.palermo);
  copyFileSync(sqlite.palermo.sqlitePath, sqlite.bare.sqlitePath);
  const files = { csv: join(dir, 'ledger.csv'), catalog: join(dir, 'catalog.json') };
  writeFileSync(files.catalog, JSON.stringify(catalog));
  const t0 = performance.now();
  const generated = await writeLedgerCsv(files.csv, catalog, ENTRIES);
  const perDonor = Object.entries(generated.entriesByDonor).sort(([, a], [, b]) => a - b);
  const [donor, donorEntries] = perDonor[Math.floor(perDonor.length / 2)] as [string, number];
  console.log(
    `  generated ${fmtInt(generated.transactions)} transactions, ${fmtInt(generated.entries)} entries, ${fmtInt(generated.bytes / 2 ** 20)} MiB of CSV in ${fmtS(performance.now() - t0)}; typical donor ${donor}: ${fmtInt(donorEntries)} entries`,
  );
  const results: StoreFigures[] = [await importOn(h, 'sqlite', sqlite, files, donor)];
  const url = await postgresUrl();
  if (url) {
    const id = randomBytes(4).toString('hex');
    const pgStores = {
      palermo: { databaseUrl: url, pgSchema: `bench_ledger_${id}` },
      bare: { databaseUrl: url, pgSchema: `bench_ledger_bare_${id}` },
    };
    try {
      const seeded = [await seed(pgStores.palermo), await seed(pgStores.bare)];
      if (seeded.some((c) => JSON.stringify(c) !== JSON.stringify(catalog)))
        throw new Error('PostgreSQL was seeded differently from SQLite: the CSV would not fit');
      results.push(await importOn(h, 'postgres', pgStores, files, donor));
    } finally {
      await dropSchemas(url, [pgStores.palermo.pgSchema, pgStores.bare.pgSchema]);
    }
  } else console.log('  PostgreSQL: not reachable (set DATABASE_URL); skipped');
  rmSync(files.csv, { force: true });
  return { generated, donor, donorEntries, results };
}

// ---------------------------------------------------------------------------------------------------
// 3: posting throughput, service layer and bare

interface PostingFigures {
  service: { transactions: number; seconds: number; perSecond: number };
  bare: { transactions: number; seconds: number; perSecond: number };
}

const MONTH = '2026-01';
const paymentInput = (n: number) => ({
  donorId: 'BENCH-DONOR',
  receivedOn: `${MONTH}-15`,
  currency: 'EUR',
  amount: '1234.56',
  earmarkId: 'GENERAL',
  reference: `SVC-${n}`,
});

/** A store with one donor, the EUR rate of the month and a large allocation to spend from. */
async function postingStore(path: string): Promise<number> {
  const { store } = await prepareStore({ sqlitePath: path });
  const ctx = context(store);
  try {
    return await store.db.transaction().execute(async (db) => {
      await recordDonor(ctx, db, { id: 'BENCH-DONOR', name: 'Benchmark donor', kind: 'igo' });
      await recordRate(ctx, db, { currency: 'EUR', month: MONTH, rate: '0.926', source: 'bench' });
      await recordPayment(ctx, db, { ...paymentInput(0), currency: 'USD', amount: '900000000.00' });
      const { allocationId } = await allocate(ctx, db, {
        donorId: 'BENCH-DONOR',
        earmarkId: 'GENERAL',
        amount: '800000000.00',
        bookedOn: `${MONTH}-16`,
        purpose: { kind: 'other', ref: 'BENCH' },
      });
      return allocationId;
    });
  } finally {
    await store.close();
  }
}

/** Runs `one(n)` for n = 0, 1, … until `seconds` have passed (after `warmup` untimed runs). */
async function timeBoxed(one: (n: number) => Promise<unknown> | unknown, seconds: number, warmup = 100) {
  let n = 0;
  for (; n < warmup; n++) await one(n);
  const t0 = performance.now();
  let done = 0;
  while (performance.now() - t0 < seconds * 1000) {
    await one(n++);
    done++;
  }
  const elapsed = (performance.now() - t0) / 1000;
  return { transactions: done, seconds: elapsed, perSecond: done / elapsed };
}

async function servicePosting(path: string, allocationId: number) {
  const store = await openStore({ sqlitePath: path });
  const ctx = context(store);
  try {
    return await timeBoxed((n) => {
      if (n % 2 === 0) {
        const input = paymentInput(n);
        return runWrite(
          ctx,
          { key: `svc-${n}-payment`, operation: 'POST /api/fund/payments', payload: input },
          async (db) => ({
            status: 201,
            body: { id: await recordPayment(ctx, db, input) },
          }),
        );
      }
      const input = { amount: '10.00', bookedOn: `${MONTH}-20`, reference: `SVC-${n}` };
      return runWrite(
        ctx,
        { key: `svc-${n}-spend`, operation: 'POST /api/fund/expenditures', payload: input },
        async (db) => ({
          status: 201,
          body: { id: await spend(ctx, db, allocationId, input) },
        }),
      );
    }, POST_SECONDS);
  } finally {
    await store.close();
  }
}

/** The same rows, one transaction each, straight through better-sqlite3 (same pragmas as Palermo's store). */
async function barePosting(path: string, allocationId: number) {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const now = new Date().toISOString();
  const tx =
    db.prepare(`insert into ledger_transactions (kind, booked_on, donor_id, earmark_id, allocation_id,
    reference, recorded_at, recorded_by) values (?, ?, 'BENCH-DONOR', 'GENERAL', ?, ?, ?, 'bare')`);
  const entry =
    db.prepare(`insert into ledger_entries (transaction_id, account, currency, amount, booked_on, kind,
    donor_id, earmark_id, allocation_id) values (?, ?, ?, ?, ?, ?, 'BENCH-DONOR', ?, ?)`);
  const balance = db.prepare(`insert into account_balances (account, currency, balance) values (?, ?, ?)
    on conflict (account, currency) do update set balance = balance + excluded.balance`);
  const payment =
    db.prepare(`insert into payments (transaction_id, donor_id, received_on, currency, amount, rate,
    rate_month, rate_source, usd_amount, earmark_id, source_of_funds)
    values (?, 'BENCH-DONOR', ?, 'EUR', 123456, '0.926', ?, 'bench', 133322, 'GENERAL', 'voluntary')`);
  const auditRow =
    db.prepare(`insert into audit_log (at, actor, action, entity, entity_id, after_json, prev_hash, hash)
    values (?, 'bare', ?, 'ledger_transaction', ?, ?, ?, ?)`);
  const key = db.prepare(`insert into idempotency_keys (scope, key, request_hash, status, body, created_at)
    values ('bare', ?, ?, 201, ?, ?)`);
  const a = allocationId;
  const write = db.transaction((n: number) => {
    const pay = n % 2 === 0;
    const day = pay ? `${MONTH}-15` : `${MONTH}-20`;
    const kind = pay ? 'contribution' : 'expenditure';
    const id = Number(tx.run(kind, day, pay ? null : a, `BARE-${n}`, now).lastInsertRowid);
    const rows: Array<[string, string, number, string | null, number | null]> = pay
      ? [
          ['donor/BENCH-DONOR', 'EUR', -123456, null, null],
          ['fx', 'EUR', 123456, null, null],
          ['fx', 'USD', -133322, null, null],
          ['available/GENERAL/BENCH-DONOR', 'USD', 133322, 'GENERAL', null],
        ]
      : [
          [`allocated/${a}`, 'USD', -1000, 'GENERAL', a],
          [`spent/${a}`, 'USD', 1000, 'GENERAL', a],
          [`allocated/${a}`, 'USD', -130, 'GENERAL', a],
          [`psc/${a}`, 'USD', 130, 'GENERAL', a],
        ];
    for (const [account, currency, amount, earmark, allocation] of rows) {
      entry.run(id, account, currency, amount, day, kind, earmark, allocation);
      balance.run(account, currency, amount);
    }
    if (pay) payment.run(id, day, MONTH);
    const hash = String(n).padStart(64, '0');
    auditRow.run(
      now,
      pay ? 'payment.record' : 'expenditure.record',
      String(id),
      `{"n":${n}}`,
      hash,
      `h${hash}`,
    );
    key.run(`bare-${n}`, hash, `{"id":${id}}`, now);
  });
  try {
    return await timeBoxed((n) => write(n), POST_SECONDS);
  } finally {
    db.close();
  }
}

async function postingBenchmarks(h: LedgerHooks, dir: string): Promise<PostingFigures> {
  console.log(
    `\n[ledger 2/3] posting throughput: payments and expenditures, each its own transaction, ${POST_SECONDS} s each`,
  );
  const path = join(dir, 'posting.db');
  const barePath = join(dir, 'posting-bare.db');
  const allocationId = await postingStore(path);
  copyFileSync(path, barePath);
  await h.waitForQuiet('posting, service layer');
  const service = await servicePosting(path, allocationId);
  await h.waitForQuiet('posting, bare');
  const bare = await barePosting(barePath, allocationId);
  console.log(
    `  service layer (runWrite + recordPayment/spend, audit, idempotency key): ${fmtInt(service.perSecond)} tx/s; bare better-sqlite3 loop, same rows: ${fmtInt(bare.perSecond)} tx/s`,
  );
  return { service, bare };
}

// ---------------------------------------------------------------------------------------------------
// 3 (HTTP) and 4: the real server in its own process

interface Answer {
  status: number;
  ms: number;
  body: string;
  replayed: boolean;
}

async function send(base: string, token: string, path: string, key: string, body: unknown): Promise<Answer> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    const replayed = res.headers.get('idempotent-replayed') === 'true';
    return { status: res.status, ms: performance.now() - t0, body: text, replayed };
  } catch {
    return { status: 0, ms: performance.now() - t0, body: '', replayed: false };
  }
}

const loadPayment = (ref: string) => ({
  donorId: 'LOAD-DONOR',
  receivedOn: systemClock.today(),
  currency: 'EUR',
  amount: '1234.56',
  earmarkId: 'GENERAL',
  reference: ref,
});

async function setUpServer(base: string, token: string): Promise<void> {
  const steps: Array<[string, unknown]> = [
    ['/api/fund/donors', { id: 'LOAD-DONOR', name: 'Load donor', kind: 'igo' }],
    [
      '/api/fund/rates',
      { currency: 'EUR', month: systemClock.today().slice(0, 7), rate: '0.926', source: 'bench' },
    ],
  ];
  for (const [path, body] of steps) {
    const a = await send(base, token, path, `setup-${randomBytes(6).toString('hex')}`, body);
    if (a.status !== 201) throw new Error(`ledger load setup: ${path} answered ${a.status} ${a.body}`);
  }
}

/** HTTP_CLIENTS clients posting payments back to back, each with a new key. */
async function httpThroughput(base: string, token: string) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + POST_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: HTTP_CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const ref = `HTTP-${String(++n).padStart(6, '0')}`;
        const a = await send(base, token, '/api/fund/payments', ref, loadPayment(ref));
        latencies.push(a.ms);
        statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (statuses['201'] ?? 0) / seconds,
    p99Ms: percentile(latencies, 0.99),
    statuses,
    requests: latencies.length,
  };
}

/** Payments at WRITE_RATE for LOAD_SECONDS, every 20th sent again (same key and body) after its answer. */
async function ledgerWrites(base: string, token: string) {
  const answers: Answer[] = [];
  let duplicatesSent = 0;
  let replaysIdentical = 0;
  const one = async (i: number) => {
    const ref = `LOAD-${String(i).padStart(6, '0')}`;
    const first = await send(base, token, '/api/fund/payments', ref, loadPayment(ref));
    answers.push(first);
    if (i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1) {
      duplicatesSent++;
      const again = await send(base, token, '/api/fund/payments', ref, loadPayment(ref));
      answers.push(again);
      if (again.replayed && again.status === first.status && again.body === first.body) replaysIdentical++;
    }
  };
  const pending: Promise<void>[] = [];
  const total = Math.round(WRITE_RATE * LOAD_SECONDS);
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / WRITE_RATE - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(one(i));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  return {
    keys: total,
    requests: answers.length,
    achievedRate: total / seconds,
    p99Ms: percentile(latencies, 0.99),
    non2xx: answers.filter((a) => a.status < 200 || a.status >= 300).length,
    statuses: answers.reduce<Record<string, number>>(
      (m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }),
      {},
    ),
    errors: answers.filter((a) => a.status === 0).length,
    duplicatesSent,
    replaysIdentical,
  };
}

/** GET /api/fund/reconciliation, asked again while the server sheds load (503) for up to a minute. */
async function reconciled(base: string, token: string): Promise<{ ok: boolean; problems: string[] }> {
  let last = '';
  for (let i = 0; i < 60; i++) {
    const res = await fetch(`${base}/api/fund/reconciliation`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status === 200) return (await res.json()) as { ok: boolean; problems: string[] };
    last = `${res.status} ${await res.text()}`;
    await sleep(1000);
  }
  return { ok: false, problems: [`the reconciliation was not answered: ${last}`] };
}

async function serverBenchmarks(h: LedgerHooks, dir: string) {
  console.log(
    `\n[ledger 3/3] HTTP: POST /api/fund/payments, ${HTTP_CLIENTS} clients for ${POST_SECONDS} s; then ledger load ${WRITE_RATE} tx/s for ${LOAD_SECONDS} s (1 in ${DUPLICATE_EVERY} retried with the same Idempotency-Key) beside reads at ${READ_RATE} req/s`,
  );
  const dbPath = join(dir, 'server.db');
  const server = await h.startChild('Palermo (ledger)', 'server-palermo.mjs', [dbPath], h.pinning);
  try {
    const base = new URL(server.url).origin;
    await setUpServer(base, server.token);
    await h.waitForQuiet('HTTP posting');
    const http = await httpThroughput(base, server.token);
    console.log(
      `  HTTP posting: ${fmtInt(http.perSecond)} tx/s, p99 ${fmtMs(http.p99Ms)}, statuses ${JSON.stringify(http.statuses)}`,
    );
    await h.waitForQuiet('ledger load');
    const [reads, writes] = await Promise.all([
      autocannon({
        url: server.url,
        connections: 100,
        overallRate: READ_RATE,
        duration: LOAD_SECONDS,
        headers: { 'accept-encoding': 'gzip' },
        timeout: 10,
      }),
      ledgerWrites(base, server.token),
    ]);
    const reconciliation = await reconciled(base, server.token);
    const db = new SQLite(dbPath, { readonly: true });
    const posted = db
      .prepare(
        `select count(*) as n, count(distinct reference) as refs from ledger_transactions where reference like 'LOAD-%'`,
      )
      .get() as { n: number; refs: number };
    db.close();
    const load = {
      writes,
      reads: {
        achievedRate: reads.requests.total / (reads.duration || LOAD_SECONDS),
        p99Ms: reads.latency.p99,
        non2xx: reads.non2xx,
        errors: reads.errors,
      },
      postings: posted.n,
      duplicatePostings: posted.n - posted.refs,
      reconciliationOk: reconciliation.ok,
      problems: reconciliation.problems,
    };
    console.log(
      `  ledger load: ${writes.achievedRate.toFixed(1)} tx/s (${writes.requests} requests, ${writes.duplicatesSent} retried: ${writes.replaysIdentical} replayed byte for byte), p99 ${fmtMs(writes.p99Ms)}, statuses ${JSON.stringify(writes.statuses)}, errors ${writes.errors}; ${posted.n} postings for ${writes.keys} keys (${load.duplicatePostings} duplicates); reconciliation ${reconciliation.ok ? 'ok' : 'FAILED'}; reads ${fmtInt(load.reads.achievedRate)} req/s, p99 ${fmtMs(load.reads.p99Ms)}`,
    );
    return { http, load };
  } finally {
    await h.stopChild(server);
  }
}

// ---------------------------------------------------------------------------------------------------
// Figures

type Imports = Awaited<ReturnType<typeof importBenchmarks>>;
type Server = Awaited<ReturnType<typeof serverBenchmarks>>;

function importFigures(imports: Imports): { figures: LedgerFigure[]; rows: string[] } {
  const figures: LedgerFigure[] = [];
  const rows: string[] = [];
  const { generated } = imports;
  for (const r of imports.results) {
    const name = r.store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const withinGoal =
      r.palermo.ms <= IMPORT_GOAL_S * 1000 && (r.palermo.maxRssMiB * 2 ** 20) / 1e6 <= IMPORT_MEMORY_GOAL_MB;
    const goal = `≤${IMPORT_GOAL_S} s and ≤${IMPORT_MEMORY_GOAL_MB} MB peak memory${r.store === 'postgres' ? ' (set for SQLite; reported)' : ''}`;
    const bareName =
      r.store === 'sqlite'
        ? 'bare better-sqlite3, a prepared insert per row'
        : 'bare pg, INSERT … VALUES of 1,000 rows';
    figures.push({
      id: `ledger-import-${r.store}`,
      measure: `palermo fund import-ledger, ${fmtInt(generated.entries)} entries (${fmtInt(generated.transactions)} transactions) from CSV, ${name}`,
      value: {
        seconds: r.palermo.ms / 1000,
        cpuSeconds: r.palermo.cpuSeconds ?? NaN,
        peakRssMiB: r.palermo.maxRssMiB,
        entries: generated.entries,
      },
      unit: 's',
      baseline: {
        name: `${bareName}, same rows, one transaction (child process)`,
        value: {
          seconds: r.bare.ms / 1000,
          cpuSeconds: r.bare.cpuSeconds ?? NaN,
          peakRssMiB: r.bare.maxRssMiB,
        },
      },
      ratio: r.palermo.ms / r.bare.ms,
      ratioMeaning: 'import time ÷ bare insert time (times slower)',
      goal,
      pass: withinGoal,
    });
    rows.push(
      row([
        `Ledger import: \`palermo fund import-ledger\`, ${fmtInt(generated.entries)} entries (${fmtInt(generated.transactions)} transactions, ${fmtInt(generated.bytes / 2 ** 20)} MiB CSV), ${name}, child process`,
        `${fmtRun(r.palermo)}, peak RSS ${fmtMiB(r.palermo.maxRssMiB)}`,
        `${bareName}, same rows, one transaction: ${fmtRun(r.bare)}, peak RSS ${fmtMiB(r.bare.maxRssMiB)}`,
        `${(r.palermo.ms / r.bare.ms).toFixed(1)}×`,
        goal,
        r.store === 'sqlite'
          ? verdict(withinGoal)
          : `reported (${withinGoal ? 'within' : 'outside'} SQLite's goal)`,
      ]),
    );
  }
  for (const r of imports.results) {
    const name = r.store === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const s = r.statement;
    const pass = s.medianMs <= STATEMENT_GOAL_MS && s.p95Ms <= STATEMENT_GOAL_MS;
    figures.push({
      id: `ledger-donor-statement-${r.store}`,
      measure: `donorStatement for ${imports.donor} (${fmtInt(imports.donorEntries)} entries) over the imported ledger, ${name}, ${STATEMENT_RUNS} runs`,
      value: { medianMs: s.medianMs, p95Ms: s.p95Ms },
      unit: 'ms',
      baseline: {
        name: "the statement's grouped query alone, bare driver, prepared once",
        value: { medianMs: s.bareMedianMs, p95Ms: s.bareP95Ms },
      },
      ratio: s.medianMs / s.bareMedianMs,
      ratioMeaning: 'statement median ÷ bare query median (times slower)',
      goal: `median and p95 ≤${STATEMENT_GOAL_MS} ms`,
      pass,
    });
    rows.push(
      row([
        `Donor statement over that ledger, ${name}: \`donorStatement\` for a typical donor (${fmtInt(imports.donorEntries)} of its entries), ${STATEMENT_RUNS} runs`,
        `median ${fmtMs(s.medianMs)}, p95 ${fmtMs(s.p95Ms)}`,
        `its grouped query alone, bare driver: median ${fmtMs(s.bareMedianMs)}, p95 ${fmtMs(s.bareP95Ms)}`,
        `${(s.medianMs / s.bareMedianMs).toFixed(1)}×`,
        `median and p95 ≤${STATEMENT_GOAL_MS} ms`,
        verdict(pass),
      ]),
    );
  }
  return { figures, rows };
}

function writeFigures(posting: PostingFigures, server: Server): { figures: LedgerFigure[]; rows: string[] } {
  const { http, load } = server;
  const bare = posting.bare.perSecond;
  const loadPass =
    load.writes.achievedRate >= WRITE_RATE * 0.99 &&
    load.writes.non2xx + load.writes.errors === 0 &&
    load.duplicatePostings === 0 &&
    load.postings === load.writes.keys &&
    load.reconciliationOk;
  const loadGoal = `${WRITE_RATE} tx/s achieved, 0 errors (non-2xx or network), no duplicate postings, reconciliation ok`;
  const bareName =
    'bare better-sqlite3 loop, the same rows (transaction, 4 entries, balances, payment, audit row, key), one transaction each';
  const figures: LedgerFigure[] = [
    {
      id: 'ledger-posting-service',
      measure: `payments (EUR, converted) and expenditures alternately through runWrite + recordPayment/spend, each its own transaction with idempotency key and audit row, ${POST_SECONDS} s, SQLite`,
      value: { txPerSecond: posting.service.perSecond, transactions: posting.service.transactions },
      unit: 'tx/s',
      baseline: { name: bareName, value: { txPerSecond: bare } },
      ratio: posting.service.perSecond / bare,
      ratioMeaning: 'Palermo tx/s ÷ bare tx/s',
      goal: `≥${POSTING_FLOOR} tx/s (the load floor; no ratio goal set)`,
      pass: posting.service.perSecond >= POSTING_FLOOR,
    },
    {
      id: 'ledger-posting-http',
      measure: `POST /api/fund/payments (EUR), ${HTTP_CLIENTS} clients in a closed loop, a new Idempotency-Key each, ${POST_SECONDS} s, server child on SQLite`,
      value: { txPerSecond: http.perSecond, p99Ms: http.p99Ms, requests: http.requests },
      unit: 'tx/s',
      baseline: { name: bareName, value: { txPerSecond: bare } },
      ratio: http.perSecond / bare,
      ratioMeaning: 'Palermo tx/s ÷ bare tx/s',
      goal: `≥${POSTING_FLOOR} tx/s (the load floor; no ratio goal set)`,
      pass: http.perSecond >= POSTING_FLOOR && (http.statuses['201'] ?? 0) === http.requests,
    },
    {
      id: 'ledger-load',
      measure: `POST /api/fund/payments at ${WRITE_RATE} tx/s for ${LOAD_SECONDS} s, 1 in ${DUPLICATE_EVERY} retried with the same Idempotency-Key and body, beside GET status at ${READ_RATE} req/s`,
      value: {
        achievedRate: load.writes.achievedRate,
        p99Ms: load.writes.p99Ms,
        non2xx: load.writes.non2xx,
        errors: load.writes.errors,
        duplicatesSent: load.writes.duplicatesSent,
        replaysIdentical: load.writes.replaysIdentical,
        keys: load.writes.keys,
        postings: load.postings,
        duplicatePostings: load.duplicatePostings,
        reconciliationOk: load.reconciliationOk ? 1 : 0,
        readRate: load.reads.achievedRate,
        readP99Ms: load.reads.p99Ms,
      },
      unit: 'tx/s',
      baseline: { name: 'target rate', value: { rate: WRITE_RATE } },
      ratio: load.writes.achievedRate / WRITE_RATE,
      ratioMeaning: 'achieved ÷ target rate',
      goal: loadGoal,
      pass: loadPass,
    },
  ];
  const rows = [
    row([
      `Posting, service layer: payments (EUR) and expenditures through \`runWrite\` + \`recordPayment\`/\`spend\`, each its own transaction with key and audit row, ${POST_SECONDS} s, SQLite`,
      `${fmtInt(posting.service.perSecond)} tx/s (${fmtInt(posting.service.transactions)})`,
      `${bareName}: ${fmtInt(bare)} tx/s`,
      `${Math.round((posting.service.perSecond / bare) * 100)}%`,
      `≥${POSTING_FLOOR} tx/s (load floor; no ratio goal)`,
      verdict(figures[0]?.pass ?? false),
    ]),
    row([
      `Posting over HTTP: \`POST /api/fund/payments\`, ${HTTP_CLIENTS} clients in a closed loop, a new Idempotency-Key each, ${POST_SECONDS} s`,
      `${fmtInt(http.perSecond)} tx/s, p99 ${fmtMs(http.p99Ms)}, statuses ${Object.entries(http.statuses)
        .map(([c, n]) => `${c}×${fmtInt(n)}`)
        .join(' ')}`,
      `bare loop (as above): ${fmtInt(bare)} tx/s`,
      `${Math.round((http.perSecond / bare) * 100)}%`,
      `≥${POSTING_FLOOR} tx/s (load floor; no ratio goal)`,
      verdict(figures[1]?.pass ?? false),
    ]),
    row([
      `Ledger load: \`POST /api/fund/payments\` at ${WRITE_RATE} tx/s for ${LOAD_SECONDS} s, 1 in ${DUPLICATE_EVERY} retried (same Idempotency-Key and body), beside reads at ${READ_RATE} req/s`,
      `${load.writes.achievedRate.toFixed(1)} tx/s (${load.writes.requests} requests), p99 ${fmtMs(load.writes.p99Ms)}, non-2xx ${load.writes.non2xx}, errors ${load.writes.errors}; ${load.postings} postings for ${load.writes.keys} keys: ${load.duplicatePostings} duplicates; ${load.writes.replaysIdentical}/${load.writes.duplicatesSent} retries replayed byte for byte; reconciliation ${load.reconciliationOk ? 'ok' : 'FAILED'}; reads ${fmtInt(load.reads.achievedRate)} req/s, p99 ${fmtMs(load.reads.p99Ms)}, non-2xx ${load.reads.non2xx}, errors ${load.reads.errors}`,
      `target ${WRITE_RATE} tx/s`,
      `${Math.round((load.writes.achievedRate / WRITE_RATE) * 100)}%`,
      loadGoal,
      verdict(loadPass),
    ]),
  ];
  return { figures, rows };
}

function notes(imports: Imports): string[] {
  const g = imports.generated;
  const kinds = Object.entries(g.byKind).map(
    ([k, n]) => `${fmtInt(n)} ${k === 'expenditure' ? 'expenditures' : `${k}s`}`,
  );
  const out = [
    `Ledger: ${fmtInt(g.entries)} entries in ${fmtInt(g.transactions)} transactions (${kinds.join(', ')}), generated deterministically (bench/ledger-data.ts) for 40 donors with 5 allocations each over 2016-2025: contributions in ${Object.keys(BENCH_RATES).join(', ')} with their FX legs (4 entries), allocations (2), expenditures with 13% support costs (4). Imported with the real command in a child process, wall time from spawn to exit (Node start included), peak memory as the maximum resident set size (/usr/bin/time); the bare baselines insert the same rows, generated on the fly without parsing or checking, in a child process too.`,
  ];
  for (const r of imports.results) {
    out.push(
      '',
      `Donor statement query plan, ${r.store === 'sqlite' ? 'SQLite (EXPLAIN QUERY PLAN)' : 'PostgreSQL (EXPLAIN ANALYZE)'}: ${r.statement.plan.map((p) => `\`${p.trim()}\``).join('; ')}`,
    );
  }
  return out;
}

export async function ledgerBenchmarks(h: LedgerHooks): Promise<LedgerResults> {
  const dir = join(h.tmp, 'ledger');
  mkdirSync(dir, { recursive: true });
  try {
    const imports = await importBenchmarks(h, dir);
    const posting = await postingBenchmarks(h, dir);
    const server = await serverBenchmarks(h, dir);
    const a = importFigures(imports);
    const b = writeFigures(posting, server);
    return {
      figures: [...a.figures, ...b.figures],
      rows: [...a.rows, ...b.rows],
      notes: notes(imports),
      json: {
        entries: ENTRIES,
        generated: imports.generated,
        typicalDonor: { id: imports.donor, entries: imports.donorEntries },
        imports: imports.results,
        posting,
        http: server.http,
        load: server.load,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Alone: `node bin/run-ts.mjs bench/ledger.ts` prints the figures and writes nothing.

async function standaloneChild(name: string, script: string, args: string[]) {
  const path = join(ROOT, 'bench', script);
  const child = spawn(process.execPath, script.endsWith('.mjs') ? [path, ...args] : [RUN_TS, path, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  mine.add(child);
  const { port, token } = await new Promise<{ port: number; token: string }>((done, fail) => {
    child.on('message', (m: { type?: string; port?: number; token?: string }) => {
      if (m.type === 'listening') done({ port: m.port ?? 0, token: m.token ?? '' });
    });
    child.once('exit', (code) => fail(new Error(`${name} exited (${code})`)));
  });
  return { name, child, url: `http://127.0.0.1:${port}/api/instruments/UNTOC/status`, token };
}

if (process.argv[2] && resolve(process.argv[2]) === fileURLToPath(import.meta.url)) {
  const tmp = join(os.tmpdir(), `palermo-ledger-bench-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const r = await ledgerBenchmarks({
      tmp,
      pinning: null,
      startChild: standaloneChild,
      stopChild: async ({ child }) => {
        child.kill('SIGTERM');
        await new Promise((done) => child.once('exit', done));
      },
      waitForQuiet: async () => null,
    });
    console.log(['', ...r.rows, '', ...r.notes].join('\n'));
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    process.exit();
  }
}
