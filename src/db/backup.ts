// Backup and restore, in one command each, consistent while the server keeps writing.
//
// SQLite: `VACUUM INTO` writes a transactionally consistent copy from one read transaction (the step-wise
// backup API never finishes against a busy writer, docs/quality.md). PostgreSQL: pg_dump, which reads one
// snapshot, in its custom format; pg_restore brings it back.
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { DomainError } from '../common/errors.ts';
import type { Store, StoreOptions } from './database.ts';

/**
 * The connection URL without its password, and an environment carrying it as PGPASSWORD: a process's
 * arguments are visible to every local user (`ps`), its environment only to its owner. A password given
 * as `?password=` is moved the same way.
 */
export function pgConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // Not a URL (a libpq key=value string): passed as given.
    return { url: databaseUrl, env: process.env };
  }
  const password = url.password ? decodeURIComponent(url.password) : url.searchParams.get('password');
  url.password = '';
  url.searchParams.delete('password');
  const env = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { url: url.toString(), env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) =>
      reject(new DomainError('validation', `${command} could not be started: ${err.message}`)),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new DomainError('conflict', `${command} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`),
          ),
    );
  });
}

/** Checks a SQLite file: opens it read-only and runs the integrity check. */
export function sqliteIntegrity(path: string): string {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

export async function backup(
  store: Pick<Store, 'sqlite' | 'schema'>,
  options: Pick<StoreOptions, 'databaseUrl'>,
  target: string,
): Promise<void> {
  if (existsSync(target))
    throw new DomainError('conflict', `${target} exists already; choose a new file`, { field: 'file' });
  if (store.sqlite) {
    store.sqlite.prepare('VACUUM INTO ?').run(target);
    const check = sqliteIntegrity(target);
    if (check !== 'ok') throw new DomainError('conflict', `the backup failed its integrity check: ${check}`);
    return;
  }
  const { url, env } = pgConnection(options.databaseUrl as string);
  await run(
    'pg_dump',
    ['--format=custom', `--file=${target}`, ...(store.schema ? [`--schema=${store.schema}`] : []), url],
    env,
  );
}

/**
 * Restores a backup into the store named by the options. SQLite: the server must be stopped; the copy is
 * checked, then put in place with one rename, so a failure leaves the old database as it was.
 */
export async function restore(
  options: Pick<StoreOptions, 'databaseUrl'>,
  source: string,
  sqlitePath: string,
): Promise<void> {
  if (!existsSync(source)) throw new DomainError('not_found', `${source} does not exist`, { field: 'file' });
  if (options.databaseUrl) {
    const { url, env } = pgConnection(options.databaseUrl);
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${url}`, source], env);
    return;
  }
  const check = sqliteIntegrity(source);
  if (check !== 'ok')
    throw new DomainError('validation', `${source} is not a sound SQLite database: ${check}`, {
      field: 'file',
    });
  const staging = `${sqlitePath}.restoring`;
  rmSync(staging, { force: true });
  const from = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    from.prepare('VACUUM INTO ?').run(staging);
  } finally {
    from.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true });
  renameSync(staging, sqlitePath);
}
