// Commitments by named States at an event that was held: recorded with what was committed and by when, then
// met (by naming the registry action that met it) or withdrawn with the reason. Every change is kept in the
// commitment's history and audited.
import { audit } from '../../audit/audit-log.ts';
import { parsePartialDate } from '../../common/dates.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';
import { findInstrument, findParticipant, listActionRecords } from '../../treaties/services/lookups.ts';
import {
  checkDue,
  checkTakenPlace,
  earliestDay,
  whyNotMet,
  type ActionFacts,
} from '../domain/commitments.ts';
import type { CommitmentInput, CommitmentMetInput, CommitmentWithdrawalInput } from '../outcome-contract.ts';
import {
  closeCommitment,
  insertCommitment,
  insertCommitmentChange,
  listCommitments,
  lockCommitment,
  type CommitmentRecord,
} from '../outcomes-repository.ts';
import { findEvent, type Db } from '../repository.ts';
import { eventForUpdate } from './events.ts';

type ActionRecord = Awaited<ReturnType<typeof listActionRecords>>[number];

/** What the commitment check needs of a registry action. */
export function actionFacts(a: ActionRecord): ActionFacts {
  return {
    id: a.id,
    participantId: a.participantId,
    instrumentId: a.instrumentId,
    kind: a.kind,
    earliestOn: earliestDay(parsePartialDate(a.date), a.notBefore),
    corrected: a.correction !== null,
  };
}

/**
 * Records a commitment by a State at an event that was held. The instrument may be any instrument of the
 * registry, not only those on the event's agenda: a seminar on a Protocol often ends with a State's
 * commitment to join the Convention first (a Protocol needs it: UNTOC art. 37(2)).
 */
export async function recordCommitment(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: CommitmentInput,
): Promise<number> {
  const event = await eventForUpdate(ctx, db, eventId);
  checkTakenPlace(event.status, 'a commitment');
  if (!(await findParticipant(db, input.stateId))) throw notFound('participant', input.stateId, 'stateId');
  if (!(await findInstrument(db, input.instrumentId)))
    throw notFound('instrument', input.instrumentId, 'instrumentId');
  const due = input.due ? parsePartialDate(input.due) : null;
  checkDue(due, event.start);
  const at = ctx.clock.now();
  const fields = {
    eventId,
    participantId: input.stateId,
    instrumentId: input.instrumentId,
    what: input.what,
    text: input.text,
    dueText: due?.text ?? null,
    dueEarliest: due?.earliest ?? null,
    dueLatest: due?.latest ?? null,
  };
  const id = await insertCommitment(db, fields, at, ctx.actor);
  await insertCommitmentChange(db, id, {
    revision: 1,
    change: 'recorded',
    status: 'open',
    metByActionId: null,
    reason: null,
    recordedAt: at,
    recordedBy: ctx.actor,
  });
  await audit(ctx, db, {
    action: 'commitment.record',
    entity: 'commitment',
    entityId: id,
    state: input.stateId,
    after: fields,
  });
  return id;
}

/** The commitment to change, locked, and still open (a met or withdrawn commitment stays as it is). */
async function openCommitment(ctx: ServiceContext, db: Db, id: number): Promise<CommitmentRecord> {
  await lockCommitment(db, ctx.store.dialect === 'postgres', id);
  const [c] = (
    await listCommitments(db, { id, today: ctx.clock.today(), visibleTo: { all: true }, limit: 1, offset: 0 })
  ).commitments;
  if (!c) throw notFound('commitment', String(id));
  if (c.status !== 'open') {
    throw new DomainError('conflict', `the commitment is ${c.status} already`, { field: 'status' });
  }
  return c;
}

async function close(
  ctx: ServiceContext,
  db: Db,
  c: CommitmentRecord,
  change: { status: 'met' | 'withdrawn'; metByActionId: number | null; reason: string | null },
): Promise<void> {
  const at = ctx.clock.now();
  if (!(await closeCommitment(db, c.id, c.revision, change, at, ctx.actor))) {
    throw new DomainError('conflict', 'the commitment changed meanwhile: reload it', { field: 'status' });
  }
  await insertCommitmentChange(db, c.id, {
    revision: c.revision + 1,
    change: change.status,
    ...change,
    recordedAt: at,
    recordedBy: ctx.actor,
  });
  await audit(ctx, db, {
    action: change.status === 'met' ? 'commitment.met' : 'commitment.withdraw',
    entity: 'commitment',
    entityId: c.id,
    state: c.participantId,
    before: { status: c.status, revision: c.revision },
    after: { ...change, revision: c.revision + 1 },
  });
}

/**
 * Marks a commitment met by the registry action that met it: the same State and instrument, a kind that
 * fulfils what was committed (domain/commitments.ts `fulfils`), dated on or after the event's first day.
 */
export async function markCommitmentMet(
  ctx: ServiceContext,
  db: Db,
  id: number,
  input: CommitmentMetInput,
): Promise<void> {
  const c = await openCommitment(ctx, db, id);
  const [action] = await listActionRecords(db, { ids: [input.actionId] });
  if (!action) throw notFound('action', String(input.actionId), 'actionId');
  const event = await findEvent(db, c.eventId);
  if (!event) throw notFound('event', String(c.eventId));
  const why = whyNotMet(c, actionFacts(action), event.start);
  if (why) throw new DomainError('validation', why, { field: 'actionId' });
  await close(ctx, db, c, { status: 'met', metByActionId: action.id, reason: null });
}

/** Withdraws an open commitment, with the reason (the State said so, the event's report corrected it, …). */
export async function withdrawCommitment(
  ctx: ServiceContext,
  db: Db,
  id: number,
  input: CommitmentWithdrawalInput,
): Promise<void> {
  const c = await openCommitment(ctx, db, id);
  await close(ctx, db, c, { status: 'withdrawn', metByActionId: null, reason: input.reason });
}
