// Events: `palermo events erase-personal-data`, added to the `events` command (commands/events.ts).
import type { Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import { output, withContext } from '../common.ts';

/** `--older-than 5y`: a whole number of years. */
export function parseYears(value: string): number {
  const m = /^(\d{1,3})y$/.exec(value.trim());
  const years = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(years) || years < 1 || years > 100) {
    throw new DomainError(
      'validation',
      `--older-than: "${value}" is not a number of years such as 5y (1y to 100y)`,
    );
  }
  return years;
}

export function erasePersonalDataCommand(events: Command): void {
  events
    .command('erase-personal-data')
    .description(
      "erase participants' names, titles, functions, e-mails and notes verbales of events that ended more " +
        'than the retention period ago (default PALERMO_EVENT_DATA_RETENTION_YEARS or 5y); the figures stay',
    )
    .option('--older-than <years>', 'the retention period, as years: 5y', parseYears)
    .option('--dry-run', 'list what would be erased, erase nothing')
    .action(async (opts: { olderThan?: number; dryRun?: boolean }, cmd: Command) => {
      const { erasePersonalData, retentionYears } = await import('../../events/services/erasure.ts');
      const years = opts.olderThan ?? retentionYears(process.env);
      const report = await withContext(cmd, (ctx) =>
        erasePersonalData(ctx, { years, dryRun: opts.dryRun === true }),
      );
      const verb = report.dryRun ? 'would erase' : 'erased';
      for (const e of report.events) {
        output(
          `event ${e.id} (ended ${e.end}): ${verb} ${e.people} person(s) in ${e.delegations} delegation(s)`,
          undefined,
        );
      }
      output(
        `${report.events.length} event(s) ended before ${report.before}: personal data ${verb}`,
        undefined,
      );
    });
}
