// Pledges and their lifecycle: recorded, agreement signed, written off, closed. Payments against a pledge
// are ledger transactions (payments.ts); a pledge's standing is computed from them, never stored.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { PledgeEventInput, PledgeInput } from '../contract.ts';
import { DEFAULT_PSC_BP, instalmentProblem, pledgeStanding, type PledgeStatus } from '../domain/pledges.ts';
import { formatAmount, parseAmount, type Currency } from '../domain/money.ts';
import {
  findDonor,
  findEarmark,
  insertPledge,
  insertPledgeEvent,
  listDonors,
  listInstalments,
  listPayments,
  listPledgeEvents,
  listPledges,
  lockPledge,
  type Db,
  type PledgeEventRow,
  type PledgeRow,
} from '../repository.ts';
import { currencies, currencyOf } from './post.ts';

// Re-exported where it was first defined; its home is the pledge rules.
export { DEFAULT_PSC_BP };

export interface PledgeView {
  id: number;
  donorId: string;
  pledgedOn: string;
  pledged: { amount: string; currency: string };
  earmarkId: string;
  sourceOfFunds: PledgeRow['sourceOfFunds'];
  periodFrom: string | null;
  periodTo: string | null;
  conditions: string | null;
  documentRef: string | null;
  instalments: Array<{ dueOn: string; amount: string }>;
  events: Array<{
    id: number;
    kind: string;
    happenedOn: string;
    reference: string | null;
    amount: string | null;
    pscPercent: string | null;
    note: string | null;
  }>;
  status: PledgeStatus;
  paid: { amount: string; currency: string };
  writtenOff: { amount: string; currency: string };
  outstanding: { amount: string; currency: string };
  overdue: { amount: string; currency: string };
  overdueSince: string | null;
  illustrative: boolean;
}

export const bpToPercent = (bp: number): string => formatAmount(BigInt(bp), 2).replace(/\.00$/, '');
export const percentToBp = (percent: string): number => Number(parseAmount(percent, 2, 'pscPercent'));

export async function recordPledge(ctx: ServiceContext, db: Db, input: PledgeInput): Promise<number> {
  const donor = await findDonor(db, input.donorId);
  if (!donor) throw notFound('donor', input.donorId, 'donorId');
  if (!(await findEarmark(db, input.earmarkId))) throw notFound('earmark', input.earmarkId, 'earmarkId');
  const currency = await currencyOf(ctx, db, input.currency);
  const amount = parseAmount(input.amount, currency.minorUnits);
  if (amount <= 0n) throw new DomainError('validation', 'a pledge is more than zero', { field: 'amount' });
  if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo) {
    throw new DomainError('validation', 'the period ends before it starts', { field: 'periodTo' });
  }
  const instalments = input.instalments.map((i, n) => ({
    dueOn: i.dueOn,
    amount: parseAmount(i.amount, currency.minorUnits, `instalments[${n}].amount`),
  }));
  const problem = instalmentProblem(amount, instalments, {
    from: input.periodFrom ?? null,
    to: input.periodTo ?? null,
  });
  if (problem) throw new DomainError('validation', problem.message, { field: problem.field });
  const row = {
    donorId: donor.id,
    pledgedOn: input.pledgedOn,
    currency: currency.code,
    amount,
    earmarkId: input.earmarkId,
    sourceOfFunds: input.sourceOfFunds,
    periodFrom: input.periodFrom ?? null,
    periodTo: input.periodTo ?? null,
    conditions: input.conditions ?? null,
    documentRef: input.documentRef ?? null,
    recordedAt: ctx.clock.now(),
    recordedBy: ctx.actor,
  };
  const id = await insertPledge(db, row, instalments);
  await audit(ctx, db, {
    action: 'pledge.record',
    entity: 'pledge',
    entityId: id,
    after: { ...input, amount: formatAmount(amount, currency.minorUnits) },
  });
  return id;
}

export async function recordPledgeEvent(
  ctx: ServiceContext,
  db: Db,
  pledgeId: number,
  input: PledgeEventInput,
): Promise<number> {
  await lockPledge(db, ctx.store.dialect === 'postgres', pledgeId);
  const [view] = await pledgeViews(ctx, db, { ids: [pledgeId] });
  if (!view) throw notFound('pledge', String(pledgeId));
  const currency = await currencyOf(ctx, db, view.pledged.currency);
  if (view.status === 'closed' || view.status === 'written_off') {
    throw new DomainError('conflict', `pledge ${pledgeId} is ${view.status.replace('_', ' ')}`, {
      field: 'kind',
    });
  }
  if (input.happenedOn < view.pledgedOn) {
    throw new DomainError('validation', `the pledge was made on ${view.pledgedOn}`, { field: 'happenedOn' });
  }
  let amount: bigint | null = null;
  let pscRateBp: number | null = null;
  if (input.kind === 'agreement') {
    if (view.events.some((e) => e.kind === 'agreement')) {
      throw new DomainError('conflict', `pledge ${pledgeId} already has its agreement`, { field: 'kind' });
    }
    if (!input.reference) {
      throw new DomainError('validation', 'an agreement is recorded with its reference', {
        field: 'reference',
      });
    }
    pscRateBp = input.pscPercent ? percentToBp(input.pscPercent) : DEFAULT_PSC_BP;
  } else if (input.amount || input.pscPercent) {
    if (input.pscPercent) {
      throw new DomainError('validation', 'a support cost rate is set by an agreement', {
        field: 'pscPercent',
      });
    }
    if (input.kind === 'close') {
      throw new DomainError('validation', 'closing a pledge writes off what is outstanding; give no amount', {
        field: 'amount',
      });
    }
  }
  const outstanding = parseAmount(view.outstanding.amount, currency.minorUnits);
  if (input.kind === 'write_off') {
    amount = input.amount ? parseAmount(input.amount, currency.minorUnits) : outstanding;
    if (amount <= 0n || amount > outstanding) {
      throw new DomainError(
        'rule_violation',
        `only what is outstanding (${view.outstanding.amount} ${view.outstanding.currency}) can be written off`,
        { field: 'amount' },
      );
    }
  }
  if (input.kind === 'close' && outstanding > 0n) amount = outstanding;
  const event: Omit<PledgeEventRow, 'id'> = {
    pledgeId,
    kind: input.kind,
    happenedOn: input.happenedOn,
    reference: input.reference ?? null,
    amount,
    pscRateBp,
    note: input.note ?? null,
    recordedAt: ctx.clock.now(),
    recordedBy: ctx.actor,
  };
  const id = await insertPledgeEvent(db, event);
  await audit(ctx, db, {
    action: `pledge.${input.kind}`,
    entity: 'pledge',
    entityId: pledgeId,
    after: { ...input, amount: amount === null ? null : formatAmount(amount, currency.minorUnits) },
  });
  return id;
}

const money = (minor: bigint, c: Currency) => ({
  amount: formatAmount(minor, c.minorUnits),
  currency: c.code,
});

/** Pledges with their standing as at `asOf` (default today): what was paid, written off, outstanding, overdue. */
export async function pledgeViews(
  ctx: ServiceContext,
  db: Db,
  filter: { donorIds?: readonly string[]; ids?: readonly number[]; asOf?: string } = {},
): Promise<PledgeView[]> {
  const asOf = filter.asOf ?? ctx.clock.today();
  const pledges = (await listPledges(db, filter)).filter((p) => p.pledgedOn <= asOf);
  const ids = pledges.map((p) => p.id);
  const [instalments, events, payments, donors, table] = await Promise.all([
    listInstalments(db, ids),
    listPledgeEvents(db, ids),
    listPayments(db, { pledgeIds: ids, to: asOf }),
    listDonors(db, [...new Set(pledges.map((p) => p.donorId))]),
    currencies(ctx, db),
  ]);
  const illustrative = new Map(donors.map((d) => [d.id, d.illustrative]));
  return pledges.map((p) => {
    const c = table.get(p.currency) as Currency;
    const own = events.filter((e) => e.pledgeId === p.id && e.happenedOn <= asOf);
    const paid = payments
      .filter((x) => x.pledgeId === p.id && x.reversedBy === null)
      .reduce((sum, x) => sum + x.amount, 0n);
    const writtenOff = own
      .filter((e) => e.kind !== 'agreement')
      .reduce((sum, e) => sum + (e.amount ?? 0n), 0n);
    const standing = pledgeStanding(
      {
        amount: p.amount,
        instalments: instalments.get(p.id) ?? [],
        agreementOn: own.find((e) => e.kind === 'agreement')?.happenedOn ?? null,
        paid,
        writtenOff,
        closedOn: own.find((e) => e.kind === 'close')?.happenedOn ?? null,
      },
      asOf,
    );
    return {
      id: p.id,
      donorId: p.donorId,
      pledgedOn: p.pledgedOn,
      pledged: money(p.amount, c),
      earmarkId: p.earmarkId,
      sourceOfFunds: p.sourceOfFunds,
      periodFrom: p.periodFrom,
      periodTo: p.periodTo,
      conditions: p.conditions,
      documentRef: p.documentRef,
      instalments: (instalments.get(p.id) ?? []).map((i) => ({
        dueOn: i.dueOn,
        amount: formatAmount(i.amount, c.minorUnits),
      })),
      events: own.map((e) => ({
        id: e.id,
        kind: e.kind,
        happenedOn: e.happenedOn,
        reference: e.reference,
        amount: e.amount === null ? null : formatAmount(e.amount, c.minorUnits),
        pscPercent: e.pscRateBp === null ? null : bpToPercent(e.pscRateBp),
        note: e.note,
      })),
      status: standing.status,
      paid: money(paid, c),
      writtenOff: money(writtenOff, c),
      outstanding: money(standing.outstanding, c),
      overdue: money(standing.overdue, c),
      overdueSince: standing.overdueSince,
      illustrative: illustrative.get(p.donorId) ?? false,
    };
  });
}
