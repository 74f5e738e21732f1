// Opens the store: SQLite (embedded, default) or PostgreSQL when a URL is given. Durability settings are
// checked, not just requested: a store that cannot promise them is refused (docs/quality.md).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type pg from 'pg';
import { DEFAULT_SQLITE_PATH } from './default-path.ts';
import { SchemaPostgresDialect } from './pg-introspector.ts';
import type { Database } from './schema.ts';

export { DEFAULT_SQLITE_PATH };

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw SQLite handle, for hot-path prepared statements (Kysely re-prepares every statement). */
  sqlite: SQLite.Database | null;
  /** PostgreSQL: the schema the tables live in (the connection's search_path). */
  schema: string | null;
  /** PostgreSQL: the connection pool, for metrics. */
  pgPool: pg.Pool | null;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… to use PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string | undefined;
  poolSize?: number;
}

/** SQLite runs schema changes inside transactions; Kysely's adapter does not say so, and so would migrate
 * outside one (a failed or killed migration would leave half a schema). */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** How many prepared statements a SQLite store keeps (by SQL text, least recently used dropped first). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The handle as Kysely sees it, with its prepared statements kept: Kysely prepares every statement again on
 * each call, which costs as much as running a short query on the hot reads (the calendar: a tenth of its
 * time). A statement is reused only once its previous call has returned (Kysely's SQLite driver runs one
 * query at a time and never streams here), and SQLite itself re-prepares a kept statement after a schema
 * change (a migration).
 */
export function cachingStatements(handle: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      handle.close();
    },
    prepare: (sql) => {
      const kept = statements.get(sql);
      if (kept) {
        // Most recently used last, so that the first entry is the one to drop.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = handle.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}

/**
 * The SQLite dialect with two corrections. Migrations run in one transaction (see above). And SQLite rolls a
 * transaction back by itself on some errors (SQLITE_FULL, some I/O errors): Kysely then tries to roll back
 * again, fails with "no transaction is active", and that error hides the real one (disk full), so this
 * dialect rolls back only when a transaction is still open.
 */
class SqliteRollbackSafeDialect extends SqliteDialect {
  constructor(private readonly handle: SQLite.Database) {
    super({ database: cachingStatements(handle) });
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.handle.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

let addon: string | null | undefined;

/**
 * The addon better-sqlite3 built at install, named directly: left to find it, better-sqlite3 asks the
 * `bindings` package, which reads a stack trace and tries a dozen paths at every start (opening a database in
 * a fresh process took 12-80 ms with that search, 3-30 ms without, on a busy machine). Null, and that search,
 * when the addon is not where a release build puts it.
 */
function sqliteAddon(): string | null {
  if (addon === undefined) {
    try {
      addon = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      addon = null;
    }
  }
  return addon;
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const nativeBinding = sqliteAddon();
  const handle = new SQLite(path, nativeBinding ? { nativeBinding } : {});
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const mode = String(handle.pragma('journal_mode', { simple: true }));
  const sync = Number(handle.pragma('synchronous', { simple: true }));
  const fk = Number(handle.pragma('foreign_keys', { simple: true }));
  const busy = Number(handle.pragma('busy_timeout', { simple: true }));
  const problems: string[] = [];
  if (path !== ':memory:' && mode !== 'wal') problems.push(`journal_mode is ${mode}, WAL required`);
  if (sync !== 2) problems.push(`synchronous is ${sync}, FULL (2) required`);
  if (fk !== 1) problems.push('foreign_keys is off');
  if (busy < 1000) problems.push(`busy_timeout is ${busy} ms`);
  if (problems.length > 0) {
    handle.close();
    throw new Error(`SQLite at ${path} cannot be used safely: ${problems.join('; ')}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteRollbackSafeDialect(handle) });
  return {
    db,
    dialect: 'sqlite',
    sqlite: handle,
    schema: null,
    pgPool: null,
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, schema: string | undefined, poolSize: number): Promise<Store> {
  // Loaded here, not at start-up: a SQLite store (the default) never needs the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // COUNT(*) and friends come back as int8; the values here stay far below 2^53.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    },
  });
  let current: string;
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`create schema if not exists "${schema}"`);
      const { rows } = await client.query<{ s: string }>('select current_schema() as s');
      if (!rows[0]?.s) throw new Error('PostgreSQL: no current schema; create one or set search_path');
      current = rows[0].s;
      const problems: string[] = [];
      for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) {
        const { rows } = await client.query<{ v: string }>(`select current_setting($1) as v`, [setting]);
        const value = rows[0]?.v;
        if (value !== 'on') problems.push(`${setting} is ${value}, on required`);
      }
      if (problems.length > 0) throw new Error(`PostgreSQL cannot be used safely: ${problems.join('; ')}`);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new SchemaPostgresDialect({ pool }, current) });
  return {
    db,
    dialect: 'postgres',
    sqlite: null,
    schema: current,
    pgPool: pool,
    close: async () => {
      await db.destroy();
    },
  };
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.pgSchema, options.poolSize ?? 10);
  return openSqlite(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
}
