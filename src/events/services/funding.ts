// Funded participation (issue 14, item 5): the Secretariat sets an event's budget, allocates money to the
// event from a donor's earmark, and pays approved participants' travel and daily subsistence allowance out
// of those allocations. Money moves only through the ledger's own use cases (`allocate`, `spend` in
// src/funds/services/uses.ts): the earmark's rules, the balances that never go below zero, the programme
// support costs and the audit rows are the ledger's. What is kept here is what the money was for.
import { audit } from '../../audit/audit-log.ts';
import { DomainError } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';
import { formatAmount, parseAmount, percentOf } from '../../funds/domain/money.ts';
import { listAllocations } from '../../funds/services/lookups.ts';
import { allocate, spend } from '../../funds/services/uses.ts';
import { findDelegate } from '../delegations-repository.ts';
import { eventRef } from '../domain/funding.ts';
import type {
  BudgetInput,
  EventAllocationInput,
  ParticipantCostInput,
  ParticipantCostResult,
} from '../funding-contract.ts';
import { insertBudget, insertFundedCost, markDelegateFunded } from '../funding-repository.ts';
import type { Db, EventRecord } from '../repository.ts';
import { eventForUpdate, loadStateBook, targetStatesOf } from './events.ts';

const USD_DECIMALS = 2;

function refuseCancelled(event: EventRecord, what: string): void {
  if (event.status === 'cancelled') {
    throw new DomainError('conflict', `event ${event.id} is cancelled: ${what}`, { field: 'event.status' });
  }
}

export async function setEventBudget(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: BudgetInput,
): Promise<{ eventId: number; currency: 'USD'; budget: string }> {
  const event = await eventForUpdate(ctx, db, eventId);
  refuseCancelled(event, 'it has no budget to set');
  const amount = parseAmount(input.amount, USD_DECIMALS);
  await insertBudget(db, { eventId, currency: 'USD', amount, at: ctx.clock.now(), by: ctx.actor });
  const budget = formatAmount(amount, USD_DECIMALS);
  await audit(ctx, db, { action: 'event.budget', entity: 'event', entityId: eventId, after: { budget } });
  return { eventId, currency: 'USD', budget };
}

/**
 * What the allocation's purpose says of the event, for the earmark's rules: the instrument (one of the
 * event's, by default its only one), the region all its States share, and its State when it is for one.
 */
async function purposeOf(db: Db, event: EventRecord, instrumentId: string | null | undefined) {
  if (instrumentId && !event.instruments.includes(instrumentId)) {
    throw new DomainError('validation', `${instrumentId} is not on the agenda of event ${event.id}`, {
      field: 'instrumentId',
    });
  }
  const book = await loadStateBook(db);
  const states = targetStatesOf(event, book);
  const regions = new Set(states.map((id) => book.states.find((s) => s.id === id)?.region ?? null));
  const [region] = regions;
  return {
    kind: 'event' as const,
    ref: eventRef(event.id),
    instrumentId: instrumentId ?? (event.instruments.length === 1 ? event.instruments[0] : null),
    countryId: states.length === 1 ? states[0] : null,
    region: regions.size === 1 && region ? region : null,
  };
}

export async function allocateToEvent(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: EventAllocationInput,
): Promise<{ eventId: number; allocationId: number; transactionId: number }> {
  const event = await eventForUpdate(ctx, db, eventId);
  refuseCancelled(event, 'no money is allocated to it');
  const { allocationId, transactionId } = await allocate(ctx, db, {
    donorId: input.donorId,
    earmarkId: input.earmarkId,
    amount: input.amount,
    bookedOn: input.bookedOn,
    purpose: await purposeOf(db, event, input.instrumentId),
    description: input.description ?? event.title,
  });
  return { eventId, allocationId, transactionId };
}

/** Pays an approved participant's travel or DSA out of one of the event's allocations. */
export async function payParticipant(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: ParticipantCostInput,
): Promise<ParticipantCostResult> {
  const event = await eventForUpdate(ctx, db, eventId);
  const delegate = await findDelegate(db, eventId, input.delegateId);
  if (!delegate) {
    throw new DomainError(
      'validation',
      `delegate ${input.delegateId} is not a participant of event ${eventId}`,
      {
        field: 'delegateId',
      },
    );
  }
  if (delegate.status !== 'approved') {
    throw new DomainError(
      'rule_violation',
      `delegate ${delegate.id} is ${delegate.status.replace(/_/g, ' ')}; the Fund pays for approved participants only`,
      { field: 'delegateId' },
    );
  }
  const allocation = (await listAllocations(db, { purposeRef: eventRef(event.id) })).find(
    (a) => a.id === input.allocationId && a.purposeKind === 'event',
  );
  if (!allocation) {
    throw new DomainError('validation', `allocation ${input.allocationId} does not fund event ${eventId}`, {
      field: 'allocationId',
    });
  }
  const transactionId = await spend(ctx, db, allocation.id, {
    amount: input.amount,
    bookedOn: input.bookedOn,
    reference: input.reference ?? `${eventRef(event.id)}/D${delegate.id}/${input.kind}`,
    memo: `${input.kind === 'dsa' ? 'Daily subsistence allowance' : 'Travel'} of a participant, event ${event.id}`,
  });
  // `spend` parsed and checked the amount; the support costs are the ones it charged (same rule, same rate).
  const amount = parseAmount(input.amount, USD_DECIMALS);
  const supportCosts = percentOf(amount, allocation.pscRateBp);
  const id = await insertFundedCost(db, {
    eventId,
    delegateId: delegate.id,
    kind: input.kind,
    allocationId: allocation.id,
    transactionId,
    amount,
    supportCosts,
    bookedOn: input.bookedOn,
    at: ctx.clock.now(),
    by: ctx.actor,
  });
  await markDelegateFunded(db, delegate.id);
  const result: ParticipantCostResult = {
    id,
    eventId,
    delegateId: delegate.id,
    kind: input.kind,
    allocationId: allocation.id,
    transactionId,
    amount: formatAmount(amount, USD_DECIMALS),
    supportCosts: formatAmount(supportCosts, USD_DECIMALS),
  };
  await audit(ctx, db, {
    action: 'event.participant_funded',
    entity: 'event',
    entityId: eventId,
    after: result,
  });
  return result;
}
