// The fund ledger: `palermo fund …` (ledger import, demo data, reconciliation, rates, statements).
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import { DEMO_SEED } from '../../funds/demo/seed.ts';
import type { ExportFormat, statementFile } from '../../funds/services/export.ts';
import { dateFor, dateOption, output, readInput, withContext } from '../common.ts';

function seedOption(value: string): number {
  const seed = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(seed <= 0xffffffff))
    throw new DomainError('validation', `--seed: "${value}" is not a whole number from 0 to 4294967295`);
  return seed;
}

/** Writes a statement as JSON, CSV or XLSX to a file or standard output (a workbook only to a file or pipe). */
async function writeStatement(
  input: Parameters<typeof statementFile>[0],
  format: string,
  out: string | undefined,
): Promise<void> {
  if (format === 'xlsx' && !out && process.stdout.isTTY)
    throw new DomainError('validation', '--format xlsx writes a workbook: name a file with --out');
  let body: string | Buffer;
  if (format === 'json') body = `${JSON.stringify(input.statement, null, 2)}\n`;
  else {
    // The CSV and workbook writers (exceljs) load only when a statement file is asked for.
    const { statementFile } = await import('../../funds/services/export.ts');
    body = (await statementFile(input, format as ExportFormat)).body;
  }
  if (!out) {
    process.stdout.write(body);
    return;
  }
  try {
    writeFileSync(out, body);
  } catch (err) {
    throw new DomainError('validation', `cannot write ${out}: ${(err as Error).message}`, { field: 'out' });
  }
}

const formatOption = (): Option =>
  new Option('-f, --format <format>', 'output format').choices(['json', 'csv', 'xlsx']).default('json');

export function fundCommand(program: Command): void {
  const fund = program
    .command('fund')
    .description('the fund ledger: demo data, reconciliation, rates of exchange, statements and more');
  fund
    .command('import-ledger <file>')
    .description(
      'import ledger transactions from CSV, one row per entry (all-or-nothing, idempotent; docs/import-formats.md)',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const { importLedgerFile } = await import('../../funds/services/import-ledger.ts');
      const r = await withContext(cmd, (ctx) => importLedgerFile(ctx, file));
      output(
        `${r.transactions} transactions (${r.rows} entries): ${r.recorded} recorded (${r.entries} entries), ${r.alreadyPresent} already present`,
        undefined,
      );
    });
  fund
    .command('demo')
    .description(
      'load the ILLUSTRATIVE demo data (made-up figures for real States and fictional donors, all labelled illustrative); loaded once',
    )
    .option(
      '-s, --seed <n>',
      'seed of the generator: the same seed gives the same data',
      seedOption,
      DEMO_SEED,
    )
    .action(async (opts: { seed: number }, cmd: Command) => {
      const { loadDemoData } = await import('../../funds/demo/load-demo.ts');
      const s = await withContext(cmd, (ctx) => loadDemoData(ctx, { seed: opts.seed }));
      output(
        `loaded the ILLUSTRATIVE demo data (seed ${s.seed}, ${s.from} to ${s.to}): ${s.donors} donors, ${s.earmarks} earmarks, ${s.rates} rates, ${s.pledges} pledges, ${s.transactions} transactions; the ledger reconciles`,
        undefined,
      );
    });
  fund
    .command('reconcile')
    .description(
      'prove the balances: cached balances = balances rebuilt from the entries, every transaction balances, no Fund account below zero (exit 1 if not)',
    )
    .action(async (_opts: unknown, cmd: Command) => {
      const { reconcile } = await import('../../funds/services/reconcile.ts');
      const r = await withContext(cmd, (ctx) => reconcile(ctx.store.db));
      if (!r.ok) {
        const listed = r.problems.length > 200 ? '; the first 200 are listed' : '';
        throw new DomainError(
          'conflict',
          `the ledger does not reconcile: ${r.problems.length} problem(s) in ${r.transactions} transactions${listed}`,
          { issues: r.problems.map((message) => ({ field: 'ledger', message })) },
        );
      }
      output(
        `the ledger reconciles: ${r.transactions} transactions, ${r.accounts} account balances`,
        undefined,
      );
    });
  fund
    .command('rates')
    .description('rates of exchange (units of a currency for one US dollar, per month)')
    .command('import <file>')
    .description(
      'import rates from CSV with the header currency,month,rate,source — all or nothing; a recorded rate is never replaced',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const text = readInput(file);
      const { runWrite } = await import('../../db/write.ts');
      const { importRatesCsv } = await import('../../funds/services/catalog.ts');
      const answer = await withContext(cmd, (ctx) =>
        runWrite(ctx, { key: null, operation: 'fund.rates.import', payload: text }, async (db) => ({
          status: 200,
          body: await importRatesCsv(ctx, db, text),
        })),
      );
      const result = JSON.parse(answer.body) as { rows: number; recorded: number; alreadyPresent: number };
      output(
        `${result.rows} rows: ${result.recorded} recorded, ${result.alreadyPresent} already present`,
        undefined,
      );
    });
  fund
    .command('statement')
    .description(
      'the fund statement for a period, in US dollars: opening balance, sources, uses, closing balance',
    )
    .option(
      '--from <date>',
      'first day (YYYY-MM-DD), default 1 January of the year of --to',
      dateFor('--from'),
    )
    .option('--to <date>', 'last day (YYYY-MM-DD), default today', dateFor('--to'))
    .addOption(
      new Option(
        '--dataset <dataset>',
        'real contributions, or the ILLUSTRATIVE demo data (never both added)',
      )
        .choices(['real', 'illustrative'])
        .default('real'),
    )
    .addOption(formatOption())
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(
      async (
        opts: { from?: string; to?: string; dataset: string; format: string; out?: string },
        cmd: Command,
      ) => {
        const { fundStatement } = await import('../../funds/services/statements.ts');
        await withContext(cmd, async (ctx) => {
          const to = opts.to ?? ctx.clock.today();
          const from = opts.from ?? `${to.slice(0, 4)}-01-01`;
          if (from > to)
            throw new DomainError('validation', `--from: the period ends (${to}) before it starts (${from})`);
          const statement = await fundStatement(ctx, ctx.store.db, {
            from,
            to,
            illustrative: opts.dataset === 'illustrative',
          });
          await writeStatement({ kind: 'fund', statement }, opts.format, opts.out);
        });
      },
    );
  fund
    .command('donor-statement <donorId>')
    .description(
      'a donor statement as at a date: pledged, committed, paid, outstanding, allocated, spent, balance',
    )
    .option('-a, --as-of <date>', 'date (YYYY-MM-DD), default today', dateOption)
    .addOption(formatOption())
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (donorId: string, opts: { asOf?: string; format: string; out?: string }, cmd: Command) => {
      const { DonorIdSchema } = await import('../../funds/contract.ts');
      const id = DonorIdSchema.safeParse(donorId.toUpperCase());
      if (!id.success)
        throw new DomainError(
          'validation',
          `donorId: "${donorId}" ${id.error.issues[0]?.message ?? 'is not a donor id'}`,
          { field: 'donorId' },
        );
      const { donorStatement } = await import('../../funds/services/statements.ts');
      await withContext(cmd, async (ctx) => {
        const statement = await donorStatement(ctx, ctx.store.db, id.data, opts.asOf ?? ctx.clock.today());
        await writeStatement({ kind: 'donor', statement }, opts.format, opts.out);
      });
    });
}
