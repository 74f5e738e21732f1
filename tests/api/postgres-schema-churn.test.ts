// PostgreSQL only: a store migrates while other schemas of the same database are created, altered and dropped
// (other test files' stores, other tenants). Kysely's own introspector lists the tables of every schema; a
// schema, table or column dropped in the middle of that listing made a migration fail with 'schema "<the
// other one>" does not exist' or 'column "description" of relation "allocations" does not exist' (both seen
// in CI). The store's introspector reads its own schema alone (src/db/pg-introspector.ts).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/db/database.ts';
import { migrateToLatest, migrations, pendingMigrations } from '../../src/db/migrate.ts';
import { STORE_KIND } from '../helpers/store.ts';

describe.skipIf(STORE_KIND !== 'postgres')('migrating while other schemas come and go', () => {
  // A database of its own: the churn below would break Kysely's introspection in other test files too.
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://localhost/none');
  const database = `palermo_churn_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${database}`;
  const stores: Store[] = [];
  let server: pg.Client;

  beforeAll(async () => {
    server = new pg.Client({ connectionString: base.toString() });
    await server.connect();
    await server.query(`create database ${database}`);
  });

  afterAll(async () => {
    for (const s of stores) await s.close().catch(() => undefined);
    await server.query(`drop database if exists ${database}`);
    await server.end();
  });

  it('every store migrates, however often other schemas are dropped meanwhile', async () => {
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    let churning = true;
    let dropped = 0;
    const churn = (async () => {
      while (churning) {
        const name = `churn_${randomBytes(5).toString('hex')}`;
        await admin.query(`create schema ${name}`);
        await admin.query(`create table ${name}.t (id serial primary key, a text, b text, c text)`);
        await admin.query(`alter table ${name}.t drop column b`);
        await admin.query(`alter table ${name}.t rename to u`);
        await admin.query(`drop schema ${name} cascade`);
        dropped++;
      }
    })();
    try {
      for (let i = 0; i < 6; i++) {
        const store = await openStore({
          databaseUrl: url.toString(),
          pgSchema: `store_${i}`,
          poolSize: 2,
        });
        stores.push(store);
        await expect(migrateToLatest(store)).resolves.toEqual(Object.keys(migrations));
        await expect(pendingMigrations(store)).resolves.toEqual([]);
      }
    } finally {
      churning = false;
      await churn;
      await admin.end();
    }
    expect(dropped).toBeGreaterThan(0);
  }, 120_000);

  it("introspection lists this store's tables alone, not another schema's", async () => {
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query('create schema other_tenant');
      await admin.query('create table other_tenant.not_ours (id int)');
      const store = stores[0]!;
      const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
      expect(tables.map((t) => t.name)).not.toContain('not_ours');
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([store.schema]));
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['allocations', 'kysely_migration']));
      const allocations = tables.find((t) => t.name === 'allocations')!;
      expect(allocations.columns.find((c) => c.name === 'description')?.isNullable).toBe(true);
      expect(await store.db.introspection.getSchemas()).toEqual([{ name: store.schema }]);
    } finally {
      await admin.query('drop schema if exists other_tenant cascade');
      await admin.end();
    }
  });
});
