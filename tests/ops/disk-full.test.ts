// Disk full: writes fail with 507 problem+json, reads keep working, nothing is corrupted or half-written,
// and writes resume once space returns. Both cases need root to mount a small tmpfs (CI runs as root) and
// are skipped with a message otherwise.
// - SQLite: the database file on the tmpfs.
// - PostgreSQL (DATABASE_URL on this machine): a tablespace on the tmpfs, owned by the server's user, holding
//   this test's tables and indexes. Only the tablespace fills: the server's data directory and its WAL stay
//   where they are, so the cluster itself never runs out of space. Schema, tablespace and mount are removed
//   afterwards, even when the test fails.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/audit-log.ts';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { Store } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import { prepareStore } from '../../src/server/server.ts';
import { fixedClock } from '../../src/common/clock.ts';
import { TEST_TODAY, testStoreOptions } from '../helpers/store.ts';

const databaseUrl = process.env.DATABASE_URL;
const isRoot = process.getuid?.() === 0;
const mountPoint = join(tmpdir(), `palermo-tmpfs-${process.pid}`);
const filler = join(mountPoint, 'filler');

function mountTmpfs(options: string): void {
  mkdirSync(mountPoint, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint], { stdio: 'pipe' });
}

function unmount(): void {
  try {
    execFileSync('umount', [mountPoint], { stdio: 'pipe' });
  } finally {
    rmSync(mountPoint, { recursive: true, force: true });
  }
}

function freeBytes(): number {
  return Number(execFileSync('df', ['--output=avail', '-B1', mountPoint]).toString().split('\n')[1]);
}

/** Why the PostgreSQL case cannot run here, or null when it can. */
function postgresSkipReason(): string | null {
  if (!databaseUrl) return 'DATABASE_URL is not set (the PostgreSQL case runs with the PostgreSQL suite)';
  if (!isRoot) return 'not root: cannot mount a tmpfs (CI runs as root)';
  const host = new URL(databaseUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host)) {
    return `the PostgreSQL server (${host}) is not on this machine: a tablespace here would not be its`;
  }
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' });
  } catch {
    return 'no "postgres" system user to own the tablespace directory';
  }
  return null;
}

// SQLite: mounted at load time, as before, so that the skip is known when the suite is declared.
let sqliteMounted = false;
if (!databaseUrl) {
  try {
    mountTmpfs('size=16m');
    sqliteMounted = true;
  } catch {
    console.warn(
      'tests/ops/disk-full: cannot mount a tmpfs here (needs root); the SQLite disk-full test is skipped',
    );
  }
}
const pgSkip = postgresSkipReason();
if (databaseUrl && pgSkip)
  console.warn(`tests/ops/disk-full: the PostgreSQL disk-full test is skipped: ${pgSkip}`);

let store: Store;
let app: FastifyInstance;
let auth = '';

async function startApp(options: Parameters<typeof prepareStore>[0]): Promise<void> {
  const clock = fixedClock(TEST_TODAY);
  ({ store } = await prepareStore(options, clock));
  app = await buildApp({ store, clock, webDir: '', signInPerMinute: false, expensivePerMinute: false });
  auth = `Bearer ${(await issueToken({ store, clock, registry: undefined as never, actor: 'test' }, { name: 'disk', role: 'admin' })).token}`;
}

/** A declaration with 4,000 characters of text that does not compress (PostgreSQL would compress repeats). */
const write = (n: number) =>
  app.inject({
    method: 'POST',
    url: '/api/actions',
    headers: { authorization: auth },
    payload: {
      instrumentId: 'UNTOC',
      participantId: 'ARM',
      kind: 'declaration',
      date: '2010-01-10',
      source: `disk full test ${n}`,
      text: randomBytes(3000).toString('base64'),
    },
  });

async function storedSources(): Promise<string[]> {
  const rows = await store.db
    .selectFrom('actions')
    .select('source')
    .where('source', 'like', 'disk full test %')
    .execute();
  return rows.map((r) => r.source).sort();
}

/** Fills the disk to `leave` bytes free, writes until refused, checks the refusal, reads, frees, writes again. */
async function fillRefuseRecover(leave: number): Promise<void> {
  writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes() - leave)));
  const acknowledged: string[] = [];
  let refused = null;
  let refusedSource = '';
  for (let n = 0; n < 400 && refused === null; n++) {
    const res = await write(n);
    if (res.statusCode === 201) acknowledged.push(`disk full test ${n}`);
    else {
      refused = res;
      refusedSource = `disk full test ${n}`;
    }
  }
  expect(refused, 'the disk never filled').not.toBeNull();
  expect(refused!.statusCode, refused!.body).toBe(507);
  expect(refused!.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused!.json()).toMatchObject({ status: 507, detail: expect.stringMatching(/no storage left/) });
  // Still full: refused again, the same way.
  expect((await write(9999)).statusCode).toBe(507);
  // Reading still works.
  const read = await app.inject({ method: 'GET', url: '/api/instruments/UNTOC/status?asOf=2010-01-10' });
  expect(read.statusCode).toBe(200);
  expect(read.json().counts.partiesInForce).toBeGreaterThan(0);
  // Every acknowledged write is there, the refused ones are not (nothing half-written).
  expect(await storedSources()).toEqual([...acknowledged].sort());
  // Space returns: writes resume; nothing is corrupted.
  rmSync(filler);
  const resumed = await write(1000);
  expect(resumed.statusCode, resumed.body).toBe(201);
  expect(await storedSources()).toEqual([...acknowledged, 'disk full test 1000'].sort());
  expect(await storedSources()).not.toContain(refusedSource);
  const chain = await verifyAudit(store.db);
  expect(chain.broken).toBeNull();
}

describe.skipIf(!sqliteMounted)('disk full, SQLite on a tmpfs', () => {
  beforeAll(async () => {
    await startApp({ sqlitePath: join(mountPoint, 'palermo.db') });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    unmount();
  });

  it('refuses writes with 507, keeps reading, and resumes when space returns', async () => {
    await fillRefuseRecover(48 * 1024);
    expect(store.sqlite?.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);
});

describe.skipIf(pgSkip !== null)('disk full, PostgreSQL tablespace on a tmpfs', () => {
  const tablespace = `palermo_disk_full_${process.pid}`;
  const { options, cleanup } = testStoreOptions();
  const schema = options.pgSchema!;
  let admin: pg.Client;
  let tablespaceCreated = false;
  let mounted = false;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const stale = await admin.query<{ name: string; location: string }>(
      `select spcname as name, pg_tablespace_location(oid) as location from pg_tablespace
        where spcname like 'palermo\\_disk\\_full\\_%'`,
    );
    for (const t of stale.rows) {
      console.warn(
        `tests/ops/disk-full: tablespace ${t.name} (${t.location}) was left by a run that was killed; drop the schema whose tables are in it, then "drop tablespace ${t.name}" and "umount ${t.location}" (docs/operations.md)`,
      );
    }
    const uid = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    // Large enough for the test's tables; the filler then takes all but a little of it.
    mountTmpfs(`size=48m,uid=${uid},gid=${gid},mode=0700`);
    mounted = true;
    await admin.query(`create tablespace ${tablespace} location '${mountPoint}'`);
    tablespaceCreated = true;
    await startApp(options);
    // Every table and index of the test's schema moves to the tablespace (TOAST goes with its table).
    const tables = await admin.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = $1`,
      [schema],
    );
    for (const t of tables.rows)
      await admin.query(`alter table "${schema}"."${t.name}" set tablespace ${tablespace}`);
    const indexes = await admin.query<{ name: string }>(
      `select indexname as name from pg_indexes where schemaname = $1`,
      [schema],
    );
    for (const i of indexes.rows)
      await admin.query(`alter index "${schema}"."${i.name}" set tablespace ${tablespace}`);
    const elsewhere = await admin.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        left join pg_tablespace t on t.oid = c.reltablespace
        where n.nspname = $1 and c.relkind in ('r', 'i', 't') and coalesce(t.spcname, '') <> $2`,
      [schema, tablespace],
    );
    expect(
      elsewhere.rows.map((r) => r.name),
      'relations outside the tablespace',
    ).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    // Each step runs even when the one before failed; the first failure is reported at the end.
    const failures: unknown[] = [];
    const step = async (fn: () => Promise<unknown> | unknown) => {
      try {
        await fn();
      } catch (err) {
        failures.push(err);
      }
    };
    await step(() => app?.close());
    await step(() => store?.close());
    await step(() => rmSync(filler, { force: true }));
    await step(cleanup); // drops the schema, and with it every relation in the tablespace
    if (tablespaceCreated) await step(() => admin.query(`drop tablespace if exists ${tablespace}`));
    if (mounted) await step(unmount);
    // The cluster is as healthy as before: it answers, and no tablespace of this test is left.
    await step(async () => {
      const left = await admin.query(`select spcname from pg_tablespace where spcname = $1`, [tablespace]);
      if (left.rowCount) throw new Error(`tablespace ${tablespace} is still there`);
    });
    await step(() => admin?.end());
    if (failures.length) throw failures[0];
  }, 120_000);

  it('refuses writes with 507, keeps reading, and resumes when space returns', async () => {
    await fillRefuseRecover(256 * 1024);
    // Only the tablespace was full: the server's data directory (where its WAL is) still takes writes.
    await admin.query('begin');
    await admin.query('create temporary table palermo_probe (x text)');
    await admin.query(`insert into palermo_probe select md5(g::text) from generate_series(1, 10000) g`);
    await admin.query('rollback');
  }, 120_000);
});
