// Migrations: from an empty database, from the previous release's schema with data in it, and atomic — a
// migration that fails, or whose process is killed midway, leaves the old version and nothing between.
import { spawn } from 'node:child_process';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.ts';
import { migrateToLatest, migrations, pendingMigrations } from '../../src/db/migrate.ts';
import { testStoreOptions } from '../helpers/store.ts';

const names = Object.keys(migrations);
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

async function tableNames(store: Store): Promise<string[]> {
  return (await store.db.introspection.getTables()).map((t) => t.name);
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

  it('migrate the previous release (treaty registry only) with its data to the latest version', async () => {
    const { store } = await fresh();
    const previous = names[names.length - 2] as string;
    expect((await migrator(store).migrateTo(previous)).error).toBeUndefined();
    await sql`insert into participants (id, name, kind, un_member, ldc, lldc, sids, source) values ('ARM', 'Armenia', 'state', 1, 0, 1, 0, 'test')`.execute(
      store.db,
    );
    await sql`insert into instruments (id, title, short_title, adopted_on, threshold, eif_days, later_days, later_rule, reio_counted, denunciation_months, eif_article, later_article, signature_article, denunciation_article, source, created_at)
      values ('UNTOC', 'Convention', 'UNTOC', '2000-11-15', 40, 90, 30, 'plus_days', 0, 12, '38(1)', '38(2)', '36(1)', '40(1)', 'test', '2000-11-15T00:00:00Z')`.execute(
      store.db,
    );
    await sql`insert into actions (instrument_id, participant_id, kind, date_text, date_precision, source, recorded_at, recorded_by)
      values ('UNTOC', 'ARM', 'ratification', '2003-07-01', 'day', 'test', '2026-01-01T00:00:00Z', 'test')`.execute(
      store.db,
    );
    expect(await migrateToLatest(store)).toEqual([names[names.length - 1]]);
    const actions = await store.db.selectFrom('actions').selectAll().execute();
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      participant_id: 'ARM',
      kind: 'ratification',
      date_text: '2003-07-01',
    });
  });

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
