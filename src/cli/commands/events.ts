// Events: `palermo events list`, `show`, `follow-up`, `calendar`. The command line acts as the Secretariat
// (it runs on the server with the store's own access), so it sees every event.
import { Option, type Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import type { EventFollowUpView, KindFollowUpView } from '../../events/follow-up-contract.ts';
import { dateFor, output, withContext } from '../common.ts';
import { erasePersonalDataCommand } from './events-erasure.ts';
import { eventFundingCommand } from './events-funding.ts';

const SECRETARIAT = { kind: 'secretariat' } as const;

function eventId(value: string): number {
  const id = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    throw new DomainError('validation', `event: "${value}" is not an event number`, { field: 'event' });
  }
  return id;
}

const positive =
  (flag: string, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d{1,6}$/.test(value) || n < 1 || n > max) {
      throw new DomainError('validation', `${flag}: "${value}" is not a whole number from 1 to ${max}`);
    }
    return n;
  };

export function eventsCommand(program: Command): void {
  const events = program.command('events').description('conferences, seminars and their follow-up');

  events
    .command('list')
    .description('the events calendar, in date order')
    .option('--from <date>', 'events ending on or after this day', dateFor('--from'))
    .option('--to <date>', 'events starting on or before this day', dateFor('--to'))
    .option('--kind <kind>', 'one kind of event, e.g. pre_ratification_seminar')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .action(async (opts: { from?: string; to?: string; kind?: string; format: string }, cmd: Command) => {
      const { EventQuerySchema } = await import('../../events/contract.ts');
      const { eventList } = await import('../../events/services/events.ts');
      const { format: _format, ...filter } = opts;
      const query = EventQuerySchema.parse({ ...filter, limit: 500 });
      const { events: list, total } = await withContext(cmd, (ctx) =>
        eventList(ctx.store.db, SECRETARIAT, query),
      );
      if (opts.format === 'json') return output(JSON.stringify({ events: list, total }, null, 2), undefined);
      const lines = list.map((e) =>
        [
          String(e.id).padStart(5),
          `${e.start}–${e.end.slice(5)}`,
          e.status.padEnd(19),
          [e.venue.city, e.venue.country?.name].filter(Boolean).join(', ').padEnd(24).slice(0, 24),
          e.title,
        ].join('  '),
      );
      output([...lines, `${total} event(s)`].join('\n'), undefined);
    });

  events
    .command('show')
    .description('one event, with the States it is for and its provenance (JSON)')
    .argument('<event>', 'event number', eventId)
    .action(async (id: number, _opts: unknown, cmd: Command) => {
      const { eventView } = await import('../../events/services/events.ts');
      const view = await withContext(cmd, (ctx) => eventView(ctx.store.db, SECRETARIAT, id));
      output(JSON.stringify(view, null, 2), undefined);
    });

  events
    .command('follow-up')
    .description(
      'what happened after an event (or, with --kind, after the events of a kind that were held): consents of the States it was for, before and after',
    )
    .argument('[event]', 'event number', eventId)
    .option('--kind <kind>', 'pool the held events of this kind instead of one event')
    .option('-a, --as-of <date>', 'registry as at this day (default today)', dateFor('--as-of'))
    .option(
      '--months <n>',
      'months compared before and after when attendance is not recorded',
      positive('--months', 60),
      12,
    )
    .option('--window <days>', 'days followed after the event', positive('--window', 3653), 730)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .action(
      async (
        id: number | undefined,
        opts: { kind?: string; asOf?: string; months: number; window: number; format: string },
        cmd: Command,
      ) => {
        if ((id === undefined) === (opts.kind === undefined)) {
          throw new DomainError('validation', 'name one event, or a kind of event with --kind', {
            field: 'event',
          });
        }
        const { EventKindSchema } = await import('../../events/contract.ts');
        const { eventFollowUp, kindFollowUp } = await import('../../events/services/follow-up.ts');
        const { listRequestDates } = await import('../../assistance/services/lookups.ts');
        const query = {
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
          windowDays: opts.window,
          monthsAround: opts.months,
        };
        const result = await withContext<EventFollowUpView | KindFollowUpView>(cmd, (ctx) =>
          id !== undefined
            ? eventFollowUp(ctx.store.db, SECRETARIAT, id, query, ctx.clock.today(), listRequestDates)
            : kindFollowUp(
                ctx.store.db,
                SECRETARIAT,
                EventKindSchema.parse(opts.kind),
                query,
                ctx.clock.today(),
                listRequestDates,
              ),
        );
        if (opts.format === 'json') return output(JSON.stringify(result, null, 2), undefined);
        const { followUpTable } = await import('../../events/services/follow-up-text.ts');
        output(followUpTable(result), undefined);
      },
    );

  events
    .command('calendar')
    .description('the public events as an iCalendar file (RFC 5545)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string }, cmd: Command) => {
      const { calendarFeed } = await import('../../events/services/files.ts');
      const publicUrl = process.env.PALERMO_PUBLIC_URL ?? 'http://localhost:3000';
      const text = await withContext(cmd, (ctx) => calendarFeed(ctx.store.db, ctx.clock.now(), publicUrl));
      output(text, opts.out);
    });

  erasePersonalDataCommand(events);
  eventFundingCommand(events);
}
