// What every `palermo` command shares: the store it opens, option parsers, reading input, writing output, and
// how an error becomes one line on stderr and an exit code. Kept light: a command's own use cases are imported
// inside its action, so `palermo status` loads neither the web server nor the workbook writer.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { CommanderError, type Command } from 'commander';
import { systemClock } from '../common/clock.ts';
import { checkImportBytes, checkImportSize } from '../common/import-size.ts';
import { isIsoDate } from '../common/dates.ts';
import { DomainError } from '../common/errors.ts';
import type { ScopeTargets } from '../auth/scope-targets.ts';
import type { ServiceContext } from '../context.ts';
import type { StoreOptions } from '../db/database.ts';

/** The part of a ZodError printed here. */
interface ZodIssues {
  issues: Array<{ path: PropertyKey[]; message: string }>;
}

interface GlobalOptions {
  databaseUrl?: string;
  db: string;
}

/** The store named by the global options (`--database-url`, `--db`) and PALERMO_PG_SCHEMA. */
export function storeOptions(cmd: Command): StoreOptions {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return {
    databaseUrl: g.databaseUrl || undefined,
    sqlitePath: g.db,
    pgSchema: process.env.PALERMO_PG_SCHEMA || undefined,
  };
}

/**
 * What auth asks about the States and donors an account or token is scoped to, loaded (with the lookups of
 * the registry and the ledger) by the few commands that ask it, not by every command that opens the store.
 */
const scopeTargets: ScopeTargets = {
  participantExists: async (db, participantId) =>
    (await import('../server/scope-targets.ts')).scopeTargets.participantExists(db, participantId),
  donorExists: async (db, donorId) =>
    (await import('../server/scope-targets.ts')).scopeTargets.donorExists(db, donorId),
};

/** Runs a use case against a prepared store, closing it afterwards. */
export async function withContext<T>(cmd: Command, run: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const { prepareStore } = await import('../server/prepare-store.ts');
  const { store, registry } = await prepareStore(storeOptions(cmd));
  try {
    return await run({
      store,
      registry,
      clock: systemClock,
      actor: `cli:${userInfo().username}`,
      scopeTargets,
    });
  } finally {
    await store.close();
  }
}

/** A parser for a date option that names itself in its error (`--from: "2026-02-30" is not …`). */
export const dateFor =
  (flag: string) =>
  (value: string): string => {
    if (!isIsoDate(value))
      throw new DomainError('validation', `${flag}: "${value}" is not a real date written YYYY-MM-DD`);
    return value;
  };

/** The `--as-of <date>` parser. */
export const dateOption = dateFor('--as-of');

/** Collects a repeatable option's values, upper-cased (State codes, donor references). */
export const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  value.toUpperCase(),
];

/** An import file (`-`: standard input): at most 10 MiB of UTF-8, as the server takes (common/csv-import.ts). */
export function readInput(file: string): string {
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

/** Writes text to a file, or to standard output ending with a newline. */
export function output(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Prints what went wrong (`code: detail`, then one line per refused row or field) and gives the exit code. */
export function reportError(err: unknown): number {
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
  // Recognised by name: importing zod's class here would load zod for every command, even `--help`.
  if (err instanceof Error && err.name === 'ZodError' && 'issues' in err) {
    for (const issue of (err as ZodIssues).issues)
      process.stderr.write(`validation: ${issue.path.join('.') || 'input'}: ${issue.message}\n`);
    return 1;
  }
  process.stderr.write(`error: ${(err as Error).message}\n`);
  if (process.env.PALERMO_TRACE) process.stderr.write(`${(err as Error).stack}\n`);
  return 1;
}
