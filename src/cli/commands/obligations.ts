// A State's calendar of notifications owed to the depositary: `palermo obligations <ISO3> [-f table|json|ics]`,
// and the Secretariat's completeness date: `palermo obligations <ISO3> --complete-since <YYYY-MM-DD|none>
// --reason <text>` (audited, as PUT /api/participants/{id}/obligations/completeness). The same use cases as
// the API (src/obligations/services/calendar.ts).
import { Option, type Command } from 'commander';
import { isIsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import { output, withContext } from '../common.ts';

const STATUS_WORDS = {
  made: 'made',
  outstanding: 'outstanding',
  not_recorded: 'not recorded here',
  overdue: 'overdue',
} as const;

const completeSince = (value: string): string | null => {
  if (value === 'none') return null;
  if (!isIsoDate(value))
    throw new DomainError(
      'validation',
      `--complete-since: "${value}" is not a real date written YYYY-MM-DD, nor none`,
      {
        field: 'completeSince',
      },
    );
  return value;
};

export function obligationsCommand(program: Command): void {
  program
    .command('obligations')
    .description("a State's calendar of notifications owed to the depositary, and whether each was made")
    .argument('<participant>', 'the State (ISO 3166 alpha-3 code, e.g. ALB)')
    .addOption(
      new Option(
        '--complete-since <date>',
        'set from which day its notifications are kept complete (or none)',
      ).argParser(completeSince),
    )
    .addOption(new Option('--reason <text>', 'why (required with --complete-since)'))
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'ics']).default('table'),
    )
    .action(
      async (
        participant: string,
        opts: { completeSince?: string | null; reason?: string; format: 'table' | 'json' | 'ics' },
        cmd: Command,
      ) => {
        const id = participant.toUpperCase();
        if (!/^[A-Z]{3}$/.test(id)) {
          throw new DomainError('validation', `"${participant}" is not a three-letter code such as ALB`, {
            field: 'participant',
          });
        }
        if (opts.completeSince !== undefined && !opts.reason?.trim()) {
          throw new DomainError('validation', '--reason is required with --complete-since', {
            field: 'reason',
          });
        }
        const { obligationCalendar, setCompleteness } =
          await import('../../obligations/services/calendar.ts');
        const calendar = await withContext(cmd, async (ctx) => {
          if (opts.completeSince !== undefined) {
            await ctx.store.db.transaction().execute((trx) =>
              setCompleteness(ctx, trx, id, {
                completeSince: opts.completeSince ?? null,
                reason: (opts.reason ?? '').trim(),
              }),
            );
          }
          return obligationCalendar(ctx, id);
        });
        if (opts.format === 'json') return output(JSON.stringify(calendar, null, 2), undefined);
        if (opts.format === 'ics') {
          const { obligationsIcs } = await import('../../obligations/ical.ts');
          return output(
            obligationsIcs(calendar, {
              host: 'palermo.local',
              now: new Date().toISOString(),
              url: `http://palermo.local/countries/${id}/obligations`,
            }),
            undefined,
          );
        }
        const lines: string[] = [
          `${calendar.participantName} (${calendar.participantId}), as at ${calendar.asOf}`,
          calendar.completeness.completeSince
            ? `Notifications kept complete here since ${calendar.completeness.completeSince}.`
            : 'The Secretariat has not said from when its notifications are kept complete: nothing is called overdue.',
        ];
        for (const instrument of calendar.instruments) {
          lines.push(
            '',
            `${instrument.instrumentId}  signed ${instrument.signedOn ?? '-'}  deposit ${instrument.consentOn ?? '-'}`,
          );
          for (const o of instrument.obligations) {
            const status =
              o.status === 'overdue'
                ? `overdue since ${o.overdueSince}`
                : o.status === 'made'
                  ? `made (action ${o.madeBy?.actionId}, ${o.madeBy?.date ?? 'date not known'})`
                  : STATUS_WORDS[o.status];
            lines.push(
              `  ${o.reference.padEnd(9)} ${(o.dueOn ?? (o.timing === 'standing' ? 'standing' : '-')).padEnd(10)}  ${status.padEnd(36)} ${o.text}`,
            );
          }
        }
        const c = calendar.counts;
        lines.push(
          '',
          `${c.made} made, ${c.outstanding} outstanding, ${c.not_recorded} not recorded here, ${c.overdue} overdue`,
        );
        output(lines.join('\n'), undefined);
      },
    );
}
