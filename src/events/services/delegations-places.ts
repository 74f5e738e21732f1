// Places under an event's capacity: the waiting list moves up when a place is freed, and a delegation's
// status follows its people's. Called inside the transaction of the write that holds the event's lock.
import type { ServiceContext } from '../../context.ts';
import { delegationStatusOf, fits, UNLIMITED, type Capacity } from '../domain/delegations.ts';
import {
  appendLog,
  findCapacities,
  heldPlaces,
  listDelegates,
  setDelegateStatus,
  updateDelegation,
  waitingList,
} from '../delegations-repository.ts';
import type { Db } from '../repository.ts';

export async function capacityOf(db: Db, eventId: number): Promise<Capacity> {
  return (await capacitiesOf(db, [eventId]))[0] ?? UNLIMITED;
}

/** The capacities of these events, in their order: no limit where none was set. */
export async function capacitiesOf(db: Db, eventIds: readonly number[]): Promise<Capacity[]> {
  const set = await findCapacities(db, eventIds);
  return eventIds.map((id) => set.get(id) ?? UNLIMITED);
}

/** Moves people up from the waiting list, first registered first, while places allow; returns their ids. */
export async function moveUpWaiting(ctx: ServiceContext, db: Db, eventId: number): Promise<number[]> {
  const capacity = await capacityOf(db, eventId);
  const held = await heldPlaces(db, eventId);
  const at = ctx.clock.now();
  const moved: Array<{ id: number; delegationId: number }> = [];
  for (const w of await waitingList(db, eventId)) {
    if (!fits(capacity, held, w.category)) continue;
    held[w.category] += 1;
    await setDelegateStatus(db, w.id, 'pending', null, at);
    moved.push({ id: w.id, delegationId: w.delegationId });
  }
  await appendLog(
    db,
    moved.map((m) => ({
      eventId,
      delegationId: m.delegationId,
      delegateId: m.id,
      change: 'moved_up',
      from: 'waitlisted',
      to: 'pending',
      reason: 'a place was freed',
      at,
      by: ctx.actor,
    })),
  );
  for (const delegationId of new Set(moved.map((m) => m.delegationId))) {
    await refreshDelegationStatus(db, delegationId, at);
  }
  return moved.map((m) => m.id);
}

/** Sets a delegation's status from its people's; returns it. */
export async function refreshDelegationStatus(db: Db, delegationId: number, at: string): Promise<string> {
  const people = await listDelegates(db, [delegationId]);
  const status = delegationStatusOf(people.map((p) => p.status));
  await updateDelegation(db, delegationId, { status, at });
  return status;
}
