// An event's documents (per language, referenced by URL) and the outcomes it adopted: recorded by the
// Secretariat, read as the event itself may be seen.
import { audit } from '../../audit/audit-log.ts';
import { DomainError } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';
import type { DocumentInput, EventDocumentView, OutcomeInput, OutcomeView } from '../outcome-contract.ts';
import { checkTakenPlace } from '../domain/commitments.ts';
import type { UnLanguage } from '../domain/events.ts';
import {
  insertDocument,
  insertOutcome,
  listDocuments,
  listOutcomes,
  type DocumentRecord,
  type OutcomeRecord,
} from '../outcomes-repository.ts';
import type { Db } from '../repository.ts';
import { eventForUpdate, visibleEvent } from './events.ts';
import type { EventViewer } from './viewer.ts';

const documentView = (d: DocumentRecord): EventDocumentView => ({ ...d });
const outcomeView = (o: OutcomeRecord): OutcomeView => ({ ...o });

/** Adds a document of an event in one language: its title, symbol and where it is published. */
export async function addDocument(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: DocumentInput,
): Promise<EventDocumentView> {
  await eventForUpdate(ctx, db, eventId);
  const at = ctx.clock.now();
  const id = await insertDocument(db, { eventId, ...input }, at, ctx.actor);
  await audit(ctx, db, {
    action: 'event.document.add',
    entity: 'event_document',
    entityId: id,
    after: { eventId, ...input },
  });
  const added = (await listDocuments(db, eventId, input.language)).find((d) => d.id === id);
  if (!added) throw new Error(`document ${id} was not stored`);
  return documentView(added);
}

export async function documentList(
  db: Db,
  viewer: EventViewer,
  eventId: number,
  language?: UnLanguage,
): Promise<EventDocumentView[]> {
  await visibleEvent(db, viewer, eventId);
  return (await listDocuments(db, eventId, language)).map(documentView);
}

/** Records an outcome adopted by an event that was held: adopted between its first day and today. */
export async function recordOutcome(
  ctx: ServiceContext,
  db: Db,
  eventId: number,
  input: OutcomeInput,
): Promise<OutcomeView> {
  const event = await eventForUpdate(ctx, db, eventId);
  checkTakenPlace(event.status, 'an outcome');
  if (input.adoptedOn < event.start) {
    throw new DomainError(
      'validation',
      `adopted on ${input.adoptedOn}, before the event began (${event.start})`,
      {
        field: 'adoptedOn',
      },
    );
  }
  if (input.adoptedOn > ctx.clock.today()) {
    throw new DomainError('validation', `adopted on ${input.adoptedOn}, which is after today`, {
      field: 'adoptedOn',
    });
  }
  const id = await insertOutcome(db, { eventId, ...input }, ctx.clock.now(), ctx.actor);
  await audit(ctx, db, {
    action: 'event.outcome.record',
    entity: 'event_outcome',
    entityId: id,
    after: { eventId, ...input },
  });
  const recorded = (await listOutcomes(db, eventId)).find((o) => o.id === id);
  if (!recorded) throw new Error(`outcome ${id} was not stored`);
  return outcomeView(recorded);
}

export async function outcomeList(db: Db, viewer: EventViewer, eventId: number): Promise<OutcomeView[]> {
  await visibleEvent(db, viewer, eventId);
  return (await listOutcomes(db, eventId)).map(outcomeView);
}
