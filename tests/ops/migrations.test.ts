// Migrations: from an empty database, from every release's database with data in it (the committed
// fixtures in tests/fixtures/releases, docs/operations.md), and atomic — a migration that fails, or whose
// process is killed midway, leaves the old version and nothing between.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Migrator, sql, type Kysely } from 'kysely';
import { notifiedActions } from '../../src/notifications/services/lookups.ts';
import { NOTIFICATIONS_SOURCE } from '../../src/reference/notifications.ts';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.ts';
import { migrateToLatest, migrations, pendingMigrations } from '../../src/db/migrate.ts';
import { verifyAudit } from '../../src/audit/audit-log.ts';
import { applyReferenceUpdates } from '../../src/reference/reference-updates.ts';
import { signIn } from '../../src/auth/services/sessions.ts';
import { fixedClock } from '../../src/common/clock.ts';
import { RegistryState } from '../../src/treaties/registry-state.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import {
  listReleases,
  loadFixture,
  registryFigures,
  rowsOf,
  tablesOf,
  type Expected,
} from '../fixtures/releases/fixtures.ts';
import { TEST_TODAY, testStoreOptions } from '../helpers/store.ts';

const names = Object.keys(migrations);
const releases = listReleases();
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function fresh(): Promise<{ store: Store; options: ReturnType<typeof testStoreOptions>['options'] }> {
  const { options, cleanup } = testStoreOptions();
  const store = await openStore(options);
  cleanups.push(async () => {
    await store.close().catch(() => undefined);
    await cleanup();
  });
  return { store, options };
}

function migrator(store: Store, extra: Record<string, { up: (db: Kysely<any>) => Promise<void> }> = {}) {
  return new Migrator({
    db: store.db,
    provider: { getMigrations: async () => ({ ...migrations, ...extra }) },
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
}

/** What `a` holds that `b` does not, counting repeats. */
function multisetMinus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

function columnIndex(
  tables: Array<{ name: string; columns: string[] }>,
  table: string,
  column: string,
): number {
  return tables.find((t) => t.name === table)!.columns.indexOf(column);
}

async function tableNames(store: Store): Promise<string[]> {
  return (await tablesOf(store)).map((t) => t.name);
}

describe('migrations', () => {
  it('migrate an empty database to the latest version', async () => {
    const { store } = await fresh();
    expect(await migrateToLatest(store)).toEqual(names);
    expect(await pendingMigrations(store)).toEqual([]);
    expect(await tableNames(store)).toEqual(
      expect.arrayContaining(['actions', 'audit_log', 'users', 'sessions']),
    );
  });

  it('every release has a fixture for each store, numbered from 1 without gaps', () => {
    expect(releases.length).toBeGreaterThan(0);
    releases.forEach((r, i) => {
      expect(r.name).toBe(String(i + 1));
      expect(r.files.sqlite, `release-${r.name}.sqlite.sql`).toBeDefined();
      expect(r.files.postgres, `release-${r.name}.postgres.sql`).toBeDefined();
      expect(r.expected, `release-${r.name}.expected.json`).not.toBeNull();
    });
  });

  for (const release of releases) {
    it(`release ${release.name}: its database, with its data, migrates to the latest version intact`, async () => {
      const expected = JSON.parse(readFileSync(release.expected!, 'utf8')) as Expected;
      const { store, options } = await fresh();
      await loadFixture(store, release.files[store.dialect]!, options.databaseUrl);

      // The release as it was: its migrations (a prefix of today's: none is ever renamed or dropped), its
      // rows, its audit chain, and the registry it computed.
      const recorded = (
        await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db)
      ).rows.map((r) => r.name);
      expect(recorded).toEqual(expected.migrations);
      expect(names.slice(0, recorded.length)).toEqual(recorded);
      const before = await tablesOf(store);
      const rowsBefore = new Map<string, string[]>();
      for (const t of before) rowsBefore.set(t.name, await rowsOf(store.db, t.name, t.columns));
      for (const [table, n] of Object.entries(expected.rows))
        expect(rowsBefore.get(table), table).toHaveLength(n);
      expect(await registryFigures(store)).toEqual(expected.registry);

      // Today's migrations.
      expect(await migrateToLatest(store)).toEqual(names.slice(recorded.length));
      expect(await pendingMigrations(store)).toEqual([]);

      // Every table and column of the release is still there, with every row unchanged; the append-only
      // tables hold exactly what they held.
      const after = new Map((await tablesOf(store)).map((t) => [t.name, t.columns]));
      for (const t of before) {
        expect(after.get(t.name), `table ${t.name}`).toEqual(expect.arrayContaining(t.columns));
        const now = await rowsOf(store.db, t.name, t.columns);
        const old = rowsBefore.get(t.name)!;
        if (['actions', 'corrections', 'audit_log'].includes(t.name)) expect(now, t.name).toEqual(old);
        else expect(multisetMinus(old, now), `rows of ${t.name} lost or changed`).toEqual([]);
      }
      if (store.sqlite) {
        expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
      }
      const chain = await verifyAudit(store.db);
      expect(chain.broken).toBeNull();
      expect(chain.rows).toBeGreaterThanOrEqual(expected.auditRows);
      expect(await registryFigures(store)).toEqual(expected.registry);
      // Migration 011 keeps what each instrument meant: open for signature where both dates were given, not
      // open where the closing date was missing (FIXTURE-3 gives only a first day).
      const modes = await sql<{
        id: string;
        signature: string;
      }>`select id, signature from instruments`.execute(store.db);
      expect(Object.fromEntries(modes.rows.map((r) => [r.id, r.signature]))).toEqual({
        UNTOC: 'open',
        TIP: 'open',
        'FIXTURE-3': 'none',
      });

      // And the application works on it: a new action gets the next id and extends the audit chain, the
      // release's administrator signs in with the password hash the release stored.
      const ctx = { store, clock: fixedClock(TEST_TODAY), registry: new RegistryState(store), actor: 'test' };
      const maxId = Math.max(
        ...rowsBefore.get('actions')!.map((r) => Number(JSON.parse(r)[columnIndex(before, 'actions', 'id')])),
      );
      const { action } = await recordAction(ctx, {
        instrumentId: 'UNTOC',
        participantId: 'IRN',
        kind: 'ratification',
        date: '2026-01-10',
        source: 'migration test',
      });
      expect(action!.id).toBeGreaterThan(maxId);
      expect((await registryFigures(store)).UNTOC?.states.IRN).toBe('party_pending');
      const extended = await verifyAudit(store.db);
      expect(extended).toMatchObject({ ok: true, rows: chain.rows + 1 });
      const session = await signIn(
        ctx,
        { email: 'admin@fixture.example', password: 'correct horse battery staple 1' },
        { userAgent: 'test', ip: '127.0.0.1' },
      );
      expect(session.user.email).toBe('admin@fixture.example');

      // Its next start applies the reference-data updates it lacks, once (src/reference/reference-updates.ts).
      // This release's registry holds six of the shipped participants and none of the updates' consents: each
      // is left out with its reason, and nothing of the release changes. The statements of record of its
      // participants that are parties here (4 rows), and the index rows naming its participants (2, audited as
      // one batch), are recorded: they decide no status.
      // The release's actions get their depositary notices of history: all in effect but the one recorded
      // above, which was notified as it was written.
      const figures = await registryFigures(store);
      const auditRows = (await verifyAudit(store.db)).rows;
      const inEffect = (await listActionRecords(store.db)).filter((a) => a.correction === null).length;
      const unnotified = inEffect - (await notifiedActions(store.db)).size;
      expect(unnotified).toBe(inEffect - 1);
      const updates = await applyReferenceUpdates(ctx);
      expect(updates.length).toBeGreaterThan(0);
      for (const file of updates.flatMap((u) => u.files)) {
        const expected: Record<string, number> = {
          'statements-partial.csv': 4,
          'statements-index.csv': 2,
          [NOTIFICATIONS_SOURCE]: unnotified,
        };
        expect(file.recorded, file.file).toBe(expected[file.file] ?? 0);
        expect(file.skipped.filter((r) => !r.reason.startsWith('not in this registry'))).toEqual([]);
      }
      expect(await registryFigures(store)).toEqual(figures);
      expect(await applyReferenceUpdates(ctx)).toEqual([]);
      expect(await verifyAudit(store.db)).toMatchObject({
        ok: true,
        rows: auditRows + updates.length + 4 + 1,
      });
    });
  }

  it('a migration that fails leaves the old version, with nothing of it applied', async () => {
    const { store } = await fresh();
    await migrateToLatest(store);
    const failing = {
      up: async (db: Kysely<any>) => {
        await sql`create table half_done (id integer)`.execute(db);
        throw new Error('fails after its first statement');
      },
    };
    const result = await migrator(store, { '2099-01-01-failing': failing }).migrateToLatest();
    expect(result.error).toBeDefined();
    expect(await tableNames(store)).not.toContain('half_done');
    expect(await pendingMigrations(store)).toEqual([]);
  });

  it('a migration killed midway leaves the old version, with nothing of it applied', async () => {
    const { store, options } = await fresh();
    await migrateToLatest(store);
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (options.databaseUrl) {
      env.DATABASE_URL = options.databaseUrl;
      env.PALERMO_PG_SCHEMA = options.pgSchema;
    } else {
      delete env.DATABASE_URL;
      env.PALERMO_DB = options.sqlitePath;
    }
    // The store of this process must not hold SQLite's write lock while the child migrates.
    await store.close();
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'tests/ops/fixtures/slow-migration.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the slow migration never started: ${out}`)), 60_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('inside the slow migration')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const reopened = await openStore(options);
    cleanups.push(() => reopened.close());
    expect(await tableNames(reopened)).not.toContain('half_done');
    const recorded = (
      await sql<{ name: string }>`select name from kysely_migration order by name`.execute(reopened.db)
    ).rows.map((r) => r.name);
    expect(recorded).toEqual(names);
    expect(await migrateToLatest(reopened)).toEqual([]);
  }, 120_000);
});
