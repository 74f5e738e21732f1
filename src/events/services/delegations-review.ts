// The Secretariat's side of delegations: a review per person (approve, ask for changes, refuse — with the
// reason the State reads), the capacity of an event, and the approval queue across events. A refusal frees
// a place, which goes to the waiting list in order of registration.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { CapacityInput, Queue, ReviewInput } from '../delegation-contract.ts';
import { HOLDS_PLACE, reviewTarget } from '../domain/delegations.ts';
import { isBeforeHeld } from '../domain/events.ts';
import {
  appendLog,
  findDelegate,
  pendingQueue,
  saveCapacity,
  setDelegateStatus,
} from '../delegations-repository.ts';
import type { Db } from '../repository.ts';
import { delegateView } from './delegations-read.ts';
import { moveUpWaiting, refreshDelegationStatus } from './delegations-places.ts';
import { eventForUpdate, loadStateBook } from './events.ts';

/** Approves, asks for changes to, or refuses one person's registration. */
export async function reviewDelegate(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  delegateId: number,
  input: ReviewInput,
): Promise<{
  delegate: { id: number; position: string; category: string; status: string };
  movedUp: number[];
}> {
  const event = await eventForUpdate(ctx, db, eventId);
  const person = await findDelegate(db, eventId, delegateId);
  if (!person) throw notFound('delegate', String(delegateId));
  if (!isBeforeHeld(event.status)) {
    throw new DomainError(
      'conflict',
      `the event is ${event.status.replace(/_/g, ' ')}: registrations are closed to review`,
      {
        field: 'event.status',
      },
    );
  }
  const to = reviewTarget(person.status, input.decision, input.reason);
  const at = ctx.clock.now();
  await setDelegateStatus(db, person.id, to, input.reason, at);
  await appendLog(db, [
    {
      eventId,
      delegationId: person.delegationId,
      delegateId: person.id,
      change: to,
      from: person.status,
      to,
      reason: input.reason,
      at,
      by: ctx.actor,
    },
  ]);
  const freed = HOLDS_PLACE.includes(person.status) && !HOLDS_PLACE.includes(to);
  const movedUp = freed ? await moveUpWaiting(ctx, db, eventId) : [];
  await refreshDelegationStatus(db, person.delegationId, at);
  // The reason stays in the delegation log, where erasure can clear it; the audit trail keeps ids.
  await audit(ctx, db, {
    action: 'delegation.review',
    entity: 'event_delegate',
    entityId: person.id,
    before: { status: person.status },
    after: { eventId, delegationId: person.delegationId, status: to, movedUp },
  });
  return {
    delegate: { id: person.id, position: person.position, category: person.category, status: to },
    movedUp,
  };
}

/** Sets an event's capacity; places freed by a larger capacity go to the waiting list. */
export async function setCapacity(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: CapacityInput,
): Promise<number[]> {
  await eventForUpdate(ctx, db, eventId);
  await saveCapacity(db, eventId, input, ctx.clock.now(), ctx.actor);
  await audit(ctx, db, { action: 'event.capacity', entity: 'event', entityId: eventId, after: input });
  // A smaller capacity takes no place from anyone who holds one: it applies to later registrations.
  return moveUpWaiting(ctx, db, eventId);
}

/** People waiting for review, across events, oldest first. */
export async function approvalQueue(db: Db, page: { limit: number; offset: number }): Promise<Queue> {
  const { total, items } = await pendingQueue(db, page);
  const book = await loadStateBook(db);
  return {
    total,
    items: items.map((p) => ({
      ...delegateView(p),
      eventId: p.eventId,
      eventTitle: p.eventTitle,
      delegationId: p.delegationId,
      state: { id: p.state, name: book.names.get(p.state) ?? p.state },
    })),
  };
}
