// Invitations: one per State and event, each a note verbale with its own reference number, recorded with the
// day it went out and to whom. Inviting by region, group or development class names the States as at the
// event's first day; a State already invited is left as it was (its note went out once).
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import type { InvitationInput, InvitationView } from '../contract.ts';
import { checkTargets, resolveTargets } from '../domain/targets.ts';
import { insertInvitation, listInvitations, type Db, type InvitationRecord } from '../repository.ts';
import {
  eventForUpdate,
  loadStateBook,
  markInvitationsSent,
  visibleEvent,
  type StateBook,
} from './events.ts';
import { seesInvitation, type EventViewer } from './viewer.ts';

/** Invitations go out before registration closes. */
const INVITING = ['planned', 'invitations_sent', 'registration_open'];

/** Most States one request may invite: every Member State fits. */
const MAX_INVITED = 250;

/** The note verbale's reference: the Secretariat's series, the event and the State. */
export function invitationReference(eventId: number, participantId: string): string {
  return `UNODC/EVT/${eventId}/${participantId}`;
}

function view(i: InvitationRecord, book: StateBook): InvitationView {
  return {
    id: i.id,
    eventId: i.eventId,
    state: { id: i.participantId, name: book.names.get(i.participantId) ?? i.participantId },
    reference: i.reference,
    addressee: i.addressee,
    language: i.language,
    sentOn: i.sentOn,
    recordedAt: i.recordedAt,
  };
}

export async function inviteStates(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: InvitationInput,
): Promise<{ invited: InvitationView[]; alreadyInvited: string[] }> {
  const event = await eventForUpdate(ctx, db, eventId);
  if (!INVITING.includes(event.status)) {
    throw new DomainError(
      'conflict',
      `invitations go out before registration closes; the event is ${event.status.replace(/_/g, ' ')}`,
      {
        field: 'invite',
      },
    );
  }
  if (input.sentOn > ctx.clock.today()) {
    throw new DomainError('validation', `an invitation cannot be sent after today (${ctx.clock.today()})`, {
      field: 'sentOn',
    });
  }
  if (input.sentOn > event.end) {
    throw new DomainError('validation', `an invitation cannot go out after the event ends (${event.end})`, {
      field: 'sentOn',
    });
  }
  const book = await loadStateBook(db);
  checkTargets(input.invite, book.states, 'invite');
  const states = resolveTargets(input.invite, book.states, event.start);
  if (states.length === 0) {
    throw new DomainError('validation', `the targets name no State on ${event.start}`, { field: 'invite' });
  }
  if (states.length > MAX_INVITED) {
    throw new DomainError('validation', `at most ${MAX_INVITED} States per request`, { field: 'invite' });
  }
  const already = new Set((await listInvitations(db, eventId)).map((i) => i.participantId));
  const invited: InvitationView[] = [];
  const at = ctx.clock.now();
  for (const participantId of states) {
    if (already.has(participantId)) continue;
    const record: Omit<InvitationRecord, 'id'> = {
      eventId,
      participantId,
      reference: invitationReference(eventId, participantId),
      addressee: `Permanent Mission of ${book.names.get(participantId) ?? participantId} to the United Nations`,
      language: input.language,
      sentOn: input.sentOn,
      recordedAt: at,
      recordedBy: ctx.actor,
    };
    const id = await insertInvitation(db, record);
    await audit(ctx, db, {
      action: 'event.invite',
      entity: 'event-invitation',
      entityId: id,
      state: participantId,
      after: record,
    });
    invited.push(view({ id, ...record }, book));
  }
  if (invited.length > 0) await markInvitationsSent(ctx, db, event);
  return { invited, alreadyInvited: states.filter((s) => already.has(s)) };
}

/** An event's invitations: all of them for the Secretariat, its own for a State. */
export async function invitationList(
  db: Db,
  viewer: EventViewer,
  eventId: number,
): Promise<InvitationView[]> {
  await visibleEvent(db, viewer, eventId);
  const book = await loadStateBook(db);
  return (await listInvitations(db, eventId))
    .filter((i) => seesInvitation(viewer, i.participantId))
    .map((i) => view(i, book));
}
