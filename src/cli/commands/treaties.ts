// The treaty registry: `palermo import`, `status`, `eif`, `export` and `instrument`.
import { Option, type Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import type { StatusView } from '../../treaties/services/queries.ts';
import { dateOption, output, readInput, withContext } from '../common.ts';

function table(status: StatusView): string {
  const lines = [
    `${status.instrumentId} as at ${status.asOf}`,
    `entry into force: ${status.eif?.on ?? 'not yet'}${status.eif ? ` (${status.eif.explanation})` : ''}`,
    `signatories ${status.counts.signatories}, contracting parties ${status.counts.contractingParties}, parties in force ${status.counts.partiesInForce}, pending ${status.counts.pendingEntryIntoForce}, uncertain ${status.counts.uncertain}, withdrawn ${status.counts.withdrawn}`,
    '',
  ];
  for (const p of status.participants) {
    lines.push(
      [
        p.participantId,
        p.name.padEnd(40).slice(0, 40),
        p.state.padEnd(13),
        p.signatureDate ?? '-',
        p.consentDate ?? '-',
        p.eif?.on ?? '-',
      ].join('  '),
    );
  }
  return lines.join('\n');
}

export function importCommand(program: Command): void {
  const imp = program.command('import').description('import CSV files (all-or-nothing per file, idempotent)');
  imp
    .command('participants <file>')
    .description(
      'import a participant table (columns: participant, iso3, signature_date, consent_date, consent_kind, as_of, source, notes)',
    )
    .option('-i, --instrument <id>', 'instrument of the rows, when the file has no instrument column')
    .action(async (file: string, opts: { instrument?: string }, cmd: Command) => {
      const text = readInput(file);
      const { importParticipantTable } = await import('../../treaties/services/import-csv.ts');
      const result = await withContext(cmd, (ctx) =>
        importParticipantTable(ctx, text, { instrumentId: opts.instrument }),
      );
      process.stdout.write(
        `${result.rows} rows: ${result.recorded} recorded, ${result.alreadyPresent} already present\n`,
      );
    });
  imp
    .command('actions <file>')
    .description('import actions in the generic format (see docs/import-formats.md)')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const text = readInput(file);
      const { importActionCsv } = await import('../../treaties/services/import-csv.ts');
      const result = await withContext(cmd, (ctx) => importActionCsv(ctx, text));
      process.stdout.write(
        `${result.rows} rows: ${result.recorded} recorded, ${result.alreadyPresent} already present\n`,
      );
    });
}

export function statusCommand(program: Command): void {
  program
    .command('status')
    .description('status of an instrument as at a date')
    .requiredOption('-i, --instrument <id>', 'instrument id, e.g. UNTOC')
    .option('-a, --as-of <date>', 'date (YYYY-MM-DD), default today', dateOption)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .action(async (opts: { instrument: string; asOf?: string; format: string }, cmd: Command) => {
      const { getStatus } = await import('../../treaties/services/queries.ts');
      const { status } = await withContext(cmd, (ctx) =>
        getStatus(ctx, opts.instrument.toUpperCase(), opts.asOf),
      );
      if (opts.format === 'csv') {
        // The CSV writer is loaded only when asked for: the table is what most calls print.
        const { statusCsv } = await import('../../treaties/services/export-status.ts');
        output(statusCsv([status]), undefined);
      } else output(opts.format === 'json' ? JSON.stringify(status, null, 2) : table(status), undefined);
    });
}

export function eifCommand(program: Command): void {
  program
    .command('eif')
    .description(
      'entry into force of an instrument, or of an instrument for one participant, with explanations',
    )
    .requiredOption('-i, --instrument <id>', 'instrument id')
    .option('-p, --participant <id>', 'participant code, e.g. ARM')
    .action(async (opts: { instrument: string; participant?: string }, cmd: Command) => {
      const { getParticipation, listInstrumentViews } = await import('../../treaties/services/queries.ts');
      const instrumentId = opts.instrument.toUpperCase();
      await withContext(cmd, async (ctx) => {
        if (opts.participant) {
          const detail = await getParticipation(ctx, instrumentId, opts.participant.toUpperCase());
          if (detail.participations.length === 0) {
            output(`${detail.participant.name} has not consented to ${instrumentId}`, undefined);
          }
          for (const p of detail.participations) {
            const eif = p.entryIntoForce;
            if (eif.on === null && !eif.pending) {
              // The user asked for a day the sources cannot give: say so rather than print a guess.
              throw new DomainError('date_too_imprecise', `${detail.participant.name}: ${eif.explanation}`, {
                field: 'participant',
              });
            }
            output(
              `${detail.participant.name}: ${eif.on ?? 'not yet in force'} — ${eif.explanation}`,
              undefined,
            );
            if (p.denunciation) output(`  denunciation: ${p.denunciation.effective.explanation}`, undefined);
          }
        } else {
          const view = (await listInstrumentViews(ctx)).find((i) => i.id === instrumentId);
          if (!view)
            throw new DomainError('not_found', `instrument "${instrumentId}" does not exist`, {
              field: 'instrument',
            });
          output(
            `${view.id}: ${view.entryIntoForce?.on ?? 'not in force'} — ${view.entryIntoForceExplanation}`,
            undefined,
          );
        }
      });
    });
}

export function exportCommand(program: Command): void {
  program
    .command('export')
    .description('export the status as at a date (every instrument unless --instrument)')
    .option('-i, --instrument <id>', 'one instrument')
    .option('-a, --as-of <date>', 'date (YYYY-MM-DD), default today', dateOption)
    .addOption(new Option('-f, --format <format>', 'file format').choices(['csv', 'json']).default('csv'))
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(
      async (opts: { instrument?: string; asOf?: string; format: string; out?: string }, cmd: Command) => {
        const { getStatus, listInstrumentViews } = await import('../../treaties/services/queries.ts');
        const { statusCsv } = await import('../../treaties/services/export-status.ts');
        const statuses = await withContext(cmd, async (ctx) => {
          const ids = opts.instrument
            ? [opts.instrument.toUpperCase()]
            : (await listInstrumentViews(ctx)).map((i) => i.id);
          const list: StatusView[] = [];
          for (const id of ids) list.push((await getStatus(ctx, id, opts.asOf)).status);
          return list;
        });
        output(
          opts.format === 'json' ? JSON.stringify({ statuses }, null, 2) : statusCsv(statuses),
          opts.out,
        );
      },
    );
}

export function instrumentCommand(program: Command): void {
  const instrument = program.command('instrument').description('instruments and their final clauses');
  instrument
    .command('list')
    .description('list instruments with their entry into force')
    .action(async (_opts: unknown, cmd: Command) => {
      const { listInstrumentViews } = await import('../../treaties/services/queries.ts');
      const views = await withContext(cmd, (ctx) => listInstrumentViews(ctx));
      for (const v of views)
        output(`${v.id.padEnd(10)} ${v.entryIntoForce?.on ?? 'not in force'}  ${v.title}`, undefined);
    });
  instrument
    .command('define <file>')
    .description(
      'define a new instrument from a JSON file (fields as in POST /api/instruments; "-" reads standard input)',
    )
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      let json: unknown;
      try {
        json = JSON.parse(readInput(file));
      } catch (err) {
        if (err instanceof DomainError) throw err;
        throw new DomainError('validation', `${file} is not valid JSON: ${(err as Error).message}`);
      }
      const { checkJsonValue } = await import('../../http/json-body.ts');
      const { DefineInstrumentSchema } = await import('../../treaties/contract.ts');
      const { defineInstrument } = await import('../../treaties/services/define-instrument.ts');
      // The text rules of the JSON API (no NUL or other control characters, no lone surrogate).
      checkJsonValue(json);
      const input = DefineInstrumentSchema.parse(json);
      const defined = await withContext(cmd, (ctx) => defineInstrument(ctx, input));
      output(`defined ${defined.id}: ${defined.threshold} instruments + ${defined.eifDays} days`, undefined);
    });
}
