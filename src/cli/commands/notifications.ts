// Depositary notifications: `palermo notifications list [--since <id>] [--instrument X] [--participant Y]
// [--limit N] [--lang en|fr] [-f table|json]`. With --since, the notices after that id, oldest first (what a
// script catching up asks); without, the newest first. The same use case as GET /api/notifications.
import { Option, type Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import { withContext, output } from '../common.ts';

const id =
  (what: string) =>
  (value: string): number => {
    if (!/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647) {
      throw new DomainError('validation', `--${what}: "${value}" is not a whole number`, { field: what });
    }
    return Number(value);
  };

export function notificationsCommand(program: Command): void {
  const notifications = program.command('notifications').description('depositary notifications');
  notifications
    .command('list')
    .description('depositary notifications: the newest first, or after --since <id> oldest first')
    .addOption(new Option('--since <id>', 'only those after this id, oldest first').argParser(id('since')))
    .addOption(new Option('--instrument <id>', 'one instrument (UNTOC, TIP, SOM, FIREARMS)'))
    .addOption(new Option('--participant <id>', 'one participant (ISO 3166 alpha-3 code)'))
    .addOption(new Option('--limit <n>', 'at most this many (1-200)').argParser(id('limit')).default(50))
    .addOption(new Option('--lang <lang>', 'language of the text').choices(['en', 'fr']).default('en'))
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .action(
      async (
        opts: {
          since?: number;
          instrument?: string;
          participant?: string;
          limit: number;
          lang: 'en' | 'fr';
          format: string;
        },
        cmd: Command,
      ) => {
        if (opts.limit < 1 || opts.limit > 200) {
          throw new DomainError('validation', '--limit must be from 1 to 200', { field: 'limit' });
        }
        const [{ notificationPage }, { notificationNames }] = await Promise.all([
          import('../../notifications/services/read.ts'),
          import('../../server/notification-names.ts'),
        ]);
        const page = await withContext(cmd, (ctx) =>
          notificationPage(ctx, notificationNames, {
            instrumentId: opts.instrument,
            participantId: opts.participant,
            since: opts.since,
            limit: opts.limit,
          }),
        );
        if (opts.format === 'json') return output(JSON.stringify(page.items, null, 2), undefined);
        const lines = page.items.map((n) =>
          [
            String(n.id).padStart(6),
            (n.reference ?? '(no reference known)').padEnd(34),
            (n.issuedOn ?? 'history').padEnd(10),
            n[opts.lang].subject,
          ].join('  '),
        );
        output(
          [...lines, `${page.items.length} notification(s); latest id ${page.latestId}`].join('\n'),
          undefined,
        );
      },
    );
}
