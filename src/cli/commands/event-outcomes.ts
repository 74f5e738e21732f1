// Commitments States made at events: `palermo commitments list`, with their status as at today (open,
// overdue, met, withdrawn), as a table for reading or CSV for a spreadsheet. The operator sees every event's.
import { Option, type Command } from 'commander';
import { output, withContext } from '../common.ts';

const HEADER = [
  'id',
  'event',
  'event start',
  'state',
  'instrument',
  'what',
  'due',
  'status',
  'met by',
  'text',
];

/** Columns padded to their widest cell; the text column last and unpadded. */
function table(rows: string[][]): string {
  const widths = HEADER.map((_, i) => Math.max(...[HEADER, ...rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADER), ...rows.map(line)].join('\n');
}

export function commitmentsCommand(program: Command): void {
  const commitments = program.command('commitments').description("States' commitments made at events");
  commitments
    .command('list')
    .description('commitments with their status as at today: open, overdue (past due), met, withdrawn')
    .option('--event <id>', 'only those made at this event')
    .option('--state <iso3>', 'only those of this State (ISO 3166 alpha-3, e.g. JPN)')
    .addOption(
      new Option('--status <status>', 'only those with this status').choices([
        'open',
        'overdue',
        'met',
        'withdrawn',
      ]),
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'csv']).default('table'),
    )
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(
      async (
        opts: { event?: string; state?: string; status?: string; format: string; out?: string },
        cmd: Command,
      ) => {
        // The contract (zod) and the use case load only when the command runs.
        const { CommitmentQuerySchema } = await import('../../events/outcome-contract.ts');
        const { commitmentList } = await import('../../events/services/commitments-read.ts');
        const query = CommitmentQuerySchema.parse({
          event: opts.event,
          state: opts.state?.toUpperCase(),
          status: opts.status,
          limit: 1_000,
        });
        const list = await withContext(cmd, (ctx) =>
          commitmentList(ctx.store.db, { kind: 'secretariat' }, ctx.clock.today(), query),
        );
        const rows = list.commitments.map((c) => [
          String(c.id),
          c.event.title,
          c.event.start,
          c.state.id,
          c.instrumentId,
          c.what,
          c.due ?? '',
          c.status,
          c.metBy ? `action ${c.metBy.actionId} (${c.metBy.kind}, ${c.metBy.date ?? 'undated'})` : '',
          c.status === 'withdrawn' ? `${c.text} [withdrawn: ${c.withdrawnReason ?? ''}]` : c.text,
        ]);
        if (opts.format === 'csv') {
          const { toCsv } = await import('../../common/csv.ts');
          output(toCsv(HEADER, rows), opts.out);
        } else {
          output(rows.length ? table(rows) : `no commitments (as at ${list.asOf})`, opts.out);
        }
      },
    );
}
