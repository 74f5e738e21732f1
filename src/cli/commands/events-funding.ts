// Events: `palermo events funding <event>`, added to the `events` command (commands/events.ts): an event's
// budget against actual, its allocations and the participants the Fund paid for, as the Secretariat sees it.
import { Option, type Command } from 'commander';
import { DomainError } from '../../common/errors.ts';
import type { EventFundingView } from '../../events/funding-contract.ts';
import { output, withContext } from '../common.ts';

function table(header: readonly string[], rows: readonly string[][], right: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The view as text: the figures, then one line per allocation and per participant. */
export function fundingText(v: EventFundingView): string {
  const figures: Array<[string, string | null]> = [
    ['budget', v.budget],
    ['allocated', v.allocated],
    ['spent', v.spent],
    ['support costs', v.supportCosts],
    ['actual (spent + support costs)', v.actual],
    ['remaining (budget - actual)', v.remaining],
    ['unspent (allocated - actual)', v.unspent],
    ['not yet allocated', v.unallocated],
  ];
  const width = Math.max(...figures.map(([, a]) => (a ?? '-').length));
  return [
    `Event ${v.eventId}: funded participation, ${v.currency}`,
    ...figures.map(([label, amount]) => `  ${label.padEnd(31)}${(amount ?? '-').padStart(width)}`),
    '',
    `Allocations (${v.allocations.length})`,
    ...table(
      ['id', 'donor', 'earmark', 'allocated', 'spent', 'support', 'balance'],
      v.allocations.map((a) => [
        String(a.id),
        a.donor.id,
        a.earmark.id,
        a.allocated,
        a.spent,
        a.supportCosts,
        a.balance,
      ]),
      new Set([0, 3, 4, 5, 6]),
    ),
    '',
    `Participants paid for (${v.participants.length})`,
    ...table(
      ['delegate', 'state', 'category', 'travel', 'dsa', 'support', 'total', 'name'],
      v.participants.map((p) => [
        String(p.delegateId),
        p.state.id,
        p.category,
        p.travel,
        p.dsa,
        p.supportCosts,
        p.total,
        p.name ?? '(erased)',
      ]),
      new Set([0, 3, 4, 5, 6]),
    ),
  ].join('\n');
}

function eventNumber(value: string): number {
  const id = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    throw new DomainError('validation', `event: "${value}" is not an event number`, { field: 'event' });
  }
  return id;
}

export function eventFundingCommand(events: Command): void {
  events
    .command('funding')
    .description("an event's funded participation: budget against actual, allocations, participants paid for")
    .argument('<event>', 'event number', eventNumber)
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .action(async (id: number, opts: { format: string }, cmd: Command) => {
      const { eventFunding } = await import('../../events/services/funding-read.ts');
      const view = await withContext(cmd, (ctx) => eventFunding(ctx.store.db, { kind: 'secretariat' }, id));
      output(opts.format === 'json' ? JSON.stringify(view, null, 2) : fundingText(view), undefined);
    });
}
