// The store itself: `palermo migrate`, `backup` and `restore`.
import type { Command } from 'commander';
import { DEFAULT_SQLITE_PATH } from '../../db/default-path.ts';
import { output, storeOptions, withContext } from '../common.ts';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'apply pending migrations, load the reference data into an empty database and apply the reference-data updates it lacks',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const { prepareStore } = await import('../../server/prepare-store.ts');
      const { describeAppliedUpdates } = await import('../../reference/reference-updates.ts');
      const { store, referenceUpdates } = await prepareStore(storeOptions(cmd));
      await store.close();
      for (const line of describeAppliedUpdates(referenceUpdates)) process.stdout.write(`${line}\n`);
      process.stdout.write('database is up to date\n');
    });
}

export function backupCommand(program: Command): void {
  program
    .command('backup <file>')
    .description('write a consistent backup while the server runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { backup } = await import('../../db/backup.ts');
      const options = storeOptions(cmd);
      await withContext(cmd, (ctx) => backup(ctx.store, options, file));
      output(`backup written to ${file}`, undefined);
    });
}

export function restoreCommand(program: Command): void {
  program
    .command('restore <file>')
    .description('restore a backup (SQLite: stop the server first; the old file is replaced in one step)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { restore } = await import('../../db/backup.ts');
      const options = storeOptions(cmd);
      await restore(options, file, options.sqlitePath ?? DEFAULT_SQLITE_PATH);
      // Open it the normal way: durability checks, pending migrations.
      await withContext(cmd, async () => undefined);
      output(`restored from ${file}`, undefined);
    });
}
