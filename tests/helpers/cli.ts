// The `palermo` command as users run it, as a real process on a test store (a new helper: CLI tests opt in).
import { spawnSync } from 'node:child_process';
import type { StoreOptions } from '../../src/db/database.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A function that runs `palermo <args>` against the store of `options` (SQLite file or PostgreSQL schema). */
export function palermoOn(options: StoreOptions, timeout = 120_000): (...args: string[]) => CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    env.PALERMO_PG_SCHEMA = options.pgSchema;
  } else {
    delete env.DATABASE_URL;
    env.PALERMO_DB = options.sqlitePath;
  }
  return (...args) => {
    const r = spawnSync(process.execPath, ['bin/palermo.mjs', ...args], { env, encoding: 'utf8', timeout });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
}
