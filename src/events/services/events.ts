// Events: record one, correct it (every version kept whole, with who and why), move it through its life
// cycle, and read them — the calendar and one event — as the viewer may see them.
import { actorLabel, actorNames } from '../../audit/actors.ts';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { IsoDate } from '../../common/dates.ts';
import { decodeCursor, pageOf } from '../../common/paging.ts';
import {
  findInstrument,
  listDevelopmentClasses,
  listParticipants,
  participantNames,
} from '../../treaties/services/lookups.ts';
import type {
  EventCorrection,
  EventInput,
  EventQuery,
  EventRevision,
  EventStatusInput,
  EventSummary,
  EventView,
} from '../contract.ts';
import { checkEventDates, checkTransition, EVENT_TRANSITIONS, type EventStatus } from '../domain/events.ts';
import { checkTargets, resolveTargets, type TargetState } from '../domain/targets.ts';
import {
  countInvitations,
  eventsInvitingAny,
  findEventForUpdate,
  findEvents,
  insertEvent,
  insertRevision,
  listEventSummaries,
  listRevisions,
  updateEvent,
  type Db,
  type EventFields,
  type EventRecord,
  type EventSummaryRecord,
} from '../repository.ts';
import { seesEvent, visibleTo, type EventViewer } from './viewer.ts';

/** The States with what targets are resolved by, and every participant's name. */
export interface StateBook {
  states: TargetState[];
  names: Map<string, string>;
}

export async function loadStateBook(db: Db): Promise<StateBook> {
  const participants = await listParticipants(db);
  const classes = await listDevelopmentClasses(db);
  const byState = new Map<string, TargetState['classes'][number][]>();
  for (const c of classes) {
    const list = byState.get(c.participantId) ?? [];
    list.push({ class: c.class, validFrom: c.validFrom, validTo: c.validTo, basis: c.basis });
    byState.set(c.participantId, list);
  }
  return {
    states: participants
      .filter((p) => p.kind === 'state')
      .map((p) => ({
        id: p.id,
        name: p.name,
        region: p.region,
        subregion: p.subregion,
        intermediateRegion: p.intermediateRegion,
        unGroup: p.unGroup,
        classes: byState.get(p.id) ?? [],
      })),
    names: new Map(participants.map((p) => [p.id, p.name])),
  };
}

function named(book: Pick<StateBook, 'names'>, id: string): { id: string; name: string } {
  return { id, name: book.names.get(id) ?? id };
}

/** Checks what the store must confirm of an event: the States, instruments and targets it names exist. */
async function checkReferences(db: Db, input: EventInput, book: StateBook): Promise<void> {
  checkEventDates(input.start, input.end);
  if (input.registrationDeadline && input.registrationDeadline > input.end) {
    throw new DomainError('validation', 'registration cannot close after the event ends', {
      field: 'registrationDeadline',
    });
  }
  if (!input.venue.online && !input.venue.city && !input.venue.country) {
    throw new DomainError('validation', 'give the city or country of the venue, or say the event is online', {
      field: 'venue',
    });
  }
  if (input.venue.country && !book.names.has(input.venue.country)) {
    throw notFound('participant', input.venue.country, 'venue.country');
  }
  const unique = (list: readonly string[], field: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (seen.has(v))
        throw new DomainError('validation', `${what} ${v} is named twice`, { field: `${field}[${i}]` });
      seen.add(v);
    });
  };
  unique(input.hosts, 'hosts', 'host');
  unique(input.instruments, 'instruments', 'instrument');
  unique(input.languages, 'languages', 'language');
  input.hosts.forEach((h, i) => {
    if (!book.names.has(h)) throw notFound('participant', h, `hosts[${i}]`);
  });
  for (const [i, id] of input.instruments.entries()) {
    if (!(await findInstrument(db, id))) throw notFound('instrument', id, `instruments[${i}]`);
  }
  for (const [i, item] of input.agenda.entries()) {
    if (item.instrumentId && !input.instruments.includes(item.instrumentId)) {
      throw new DomainError(
        'validation',
        `agenda item ${i + 1} names ${item.instrumentId}, which is not among the event's instruments`,
        { field: `agenda[${i}].instrumentId` },
      );
    }
    if (!item.instrumentId && item.articles.length > 0) {
      throw new DomainError('validation', 'articles need the instrument they belong to', {
        field: `agenda[${i}].articles`,
      });
    }
  }
  checkTargets(input.targets, book.states, 'targets');
}

function fieldsOf(input: EventInput, status: EventStatus, statusReason: string | null): EventFields {
  return {
    kind: input.kind,
    title: input.title,
    status,
    statusReason,
    start: input.start,
    end: input.end,
    venueCity: input.venue.city,
    venueCountry: input.venue.country,
    online: input.venue.online,
    coOrganisers: input.coOrganisers,
    languages: input.languages,
    interpretation: input.interpretation,
    public: input.public,
    registrationDeadline: input.registrationDeadline,
    description: input.description,
    participantsNote: null,
    source: null,
    sourceNote: null,
    importKey: null,
    hosts: input.hosts,
    targets: input.targets,
    instruments: input.instruments,
    agenda: input.agenda,
  };
}

/** The event as its input reads, with its status: what a revision keeps. */
export function snapshotOf(e: EventFields): EventRevision['event'] {
  return {
    kind: e.kind,
    title: e.title,
    start: e.start,
    end: e.end,
    venue: { city: e.venueCity, country: e.venueCountry, online: e.online },
    hosts: e.hosts,
    coOrganisers: e.coOrganisers,
    targets: e.targets,
    instruments: e.instruments,
    agenda: e.agenda,
    languages: e.languages,
    interpretation: e.interpretation,
    public: e.public,
    registrationDeadline: e.registrationDeadline,
    description: e.description,
    status: e.status,
    statusReason: e.statusReason,
  };
}

/** Records an event, first planned, and its first revision. */
export async function createEvent(ctx: ServiceContext, db: Db, input: EventInput): Promise<number> {
  const book = await loadStateBook(db);
  await checkReferences(db, input, book);
  const fields = fieldsOf(input, 'planned', null);
  return insertNewEvent(ctx, db, fields, 'created');
}

/** Inserts an event with its first revision and audit row (new events and reference events alike). */
export async function insertNewEvent(
  ctx: ServiceContext,
  db: Db,
  fields: EventFields,
  change: 'created' | 'loaded',
): Promise<number> {
  const at = ctx.clock.now();
  const id = await insertEvent(db, fields, at, ctx.actor);
  const snapshot = snapshotOf(fields);
  await insertRevision(db, { eventId: id, revision: 1, change, reason: null, snapshot, at, by: ctx.actor });
  await audit(ctx, db, {
    action: `event.${change === 'created' ? 'create' : 'load'}`,
    entity: 'event',
    entityId: id,
    after: snapshot,
  });
  return id;
}

/** The event to change, locked against other writers for the rest of the transaction. */
export async function eventForUpdate(ctx: ServiceContext, db: Db, id: number): Promise<EventRecord> {
  const event = await findEventForUpdate(db, ctx.store.dialect === 'postgres', id);
  if (!event) throw notFound('event', String(id));
  return event;
}

function checkRevision(event: EventRecord, revision: number): void {
  if (event.revision !== revision) {
    throw new DomainError(
      'conflict',
      `the event changed since revision ${revision} (it is at revision ${event.revision}): reload it and apply your change again`,
      { field: 'revision' },
    );
  }
}

async function writeVersion(
  ctx: ServiceContext,
  db: Db,
  before: EventRecord,
  after: EventFields,
  change: 'corrected' | 'status',
  reason: string | null,
): Promise<void> {
  const at = ctx.clock.now();
  if (!(await updateEvent(db, before.id, before.revision, after, at, ctx.actor))) {
    throw new DomainError('conflict', 'the event changed meanwhile: reload it and apply your change again', {
      field: 'revision',
    });
  }
  const snapshot = snapshotOf(after);
  await insertRevision(db, {
    eventId: before.id,
    revision: before.revision + 1,
    change,
    reason,
    snapshot,
    at,
    by: ctx.actor,
  });
  await audit(ctx, db, {
    action: change === 'status' ? 'event.status' : 'event.correct',
    entity: 'event',
    entityId: before.id,
    before: snapshotOf(before),
    after: { ...snapshot, reason },
  });
}

/** Corrects an event: the whole event as it should read, at the revision the caller saw, with the reason. */
export async function correctEvent(
  ctx: ServiceContext,
  db: Db,
  id: number,
  input: EventCorrection,
): Promise<void> {
  const before = await eventForUpdate(ctx, db, id);
  checkRevision(before, input.revision);
  const { revision: _revision, reason, ...event } = input;
  await checkReferences(db, event, await loadStateBook(db));
  const after: EventFields = {
    ...fieldsOf(event, before.status, before.statusReason),
    participantsNote: before.participantsNote,
    source: before.source,
    sourceNote: before.sourceNote,
    importKey: before.importKey,
  };
  await writeVersion(ctx, db, before, after, 'corrected', reason);
}

/** Moves an event along its life cycle (planned → … → report published, or postponed / cancelled). */
export async function changeEventStatus(
  ctx: ServiceContext,
  db: Db,
  id: number,
  input: EventStatusInput,
): Promise<void> {
  const before = await eventForUpdate(ctx, db, id);
  checkRevision(before, input.revision);
  checkTransition(before.status, input.status, input.reason, { end: before.end, today: ctx.clock.today() });
  await writeVersion(
    ctx,
    db,
    before,
    { ...before, status: input.status, statusReason: input.reason },
    'status',
    input.reason,
  );
}

/** Moves a planned event to "invitations sent" when its first invitations go out. */
export async function markInvitationsSent(ctx: ServiceContext, db: Db, event: EventRecord): Promise<void> {
  if (event.status !== 'planned') return;
  await writeVersion(
    ctx,
    db,
    event,
    { ...event, status: 'invitations_sent', statusReason: null },
    'status',
    'invitations sent',
  );
}

function summary(e: EventSummaryRecord, book: Pick<StateBook, 'names'>): EventSummary {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    status: e.status,
    start: e.start,
    end: e.end,
    venue: {
      city: e.venueCity,
      country: e.venueCountry ? named(book, e.venueCountry) : null,
      online: e.online,
    },
    hosts: e.hosts.map((h) => named(book, h)),
    instruments: e.instruments,
    public: e.public,
  };
}

/** The event record, or 404 when it does not exist or the viewer may not know of it. */
export async function visibleEvent(db: Db, viewer: EventViewer, id: number): Promise<EventRecord> {
  const [event] = await visibleEvents(db, viewer, [id]);
  if (!event) throw notFound('event', String(id));
  return event;
}

/**
 * The event records in the order of `ids`, read together (a few queries however many); 404 naming the first
 * that does not exist or that the viewer may not know of.
 */
export async function visibleEvents(
  db: Db,
  viewer: EventViewer,
  ids: readonly number[],
): Promise<EventRecord[]> {
  const found = await findEvents(db, ids);
  const unseen = [...found.values()].filter((e) => !e.public).map((e) => e.id);
  const invited =
    viewer.kind === 'state' && unseen.length > 0
      ? await eventsInvitingAny(db, unseen, viewer.states)
      : new Set<number>();
  return ids.map((id) => {
    const event = found.get(id);
    if (!event || !seesEvent(viewer, event, invited.has(id))) throw notFound('event', String(id));
    return event;
  });
}

export async function eventView(db: Db, viewer: EventViewer, id: number): Promise<EventView> {
  const event = await visibleEvent(db, viewer, id);
  const book = await loadStateBook(db);
  return {
    ...summary(event, book),
    statusReason: event.statusReason,
    coOrganisers: event.coOrganisers,
    targets: event.targets,
    targetStates: resolveTargets(event.targets, book.states, event.start).map((s) => named(book, s)),
    agenda: event.agenda,
    languages: event.languages,
    interpretation: event.interpretation,
    registrationDeadline: event.registrationDeadline,
    description: event.description,
    provenance: event.source
      ? { source: event.source, note: event.sourceNote, participants: event.participantsNote }
      : null,
    invitations: viewer.kind === 'secretariat' ? await countInvitations(db, id) : 0,
    revision: event.revision,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
    nextStatuses: viewer.kind === 'secretariat' ? [...EVENT_TRANSITIONS[event.status]] : [],
  };
}

export async function eventList(
  db: Db,
  viewer: EventViewer,
  query: EventQuery,
): Promise<{ events: EventSummary[]; total: number; cursor: string | null }> {
  const { cursor, ...filter } = query;
  const after = decodeCursor(cursor, ['text', 'int'] as const);
  // One row beyond the page says whether another follows (src/common/paging.ts).
  const read = await listEventSummaries(db, {
    ...filter,
    limit: filter.limit + 1,
    after,
    visibleTo: visibleTo(viewer),
  });
  const page = pageOf(read.events, filter.limit, (e) => [e.start, e.id]);
  const events = page.items;
  // The calendar is the public's hot path: the names it shows, not every State's reference data.
  const ids = new Set(events.flatMap((e) => [...e.hosts, ...(e.venueCountry ? [e.venueCountry] : [])]));
  const names = await participantNames(db, [...ids]);
  return { events: events.map((e) => summary(e, { names })), total: read.total, cursor: page.cursor };
}

/** Every version of an event, oldest first, as the viewer may see the event itself. */
export async function eventRevisions(db: Db, viewer: EventViewer, id: number): Promise<EventRevision[]> {
  await visibleEvent(db, viewer, id);
  const rows = await listRevisions(db, id);
  // The Secretariat reads who changed what by name (an account's display name, a token's name); others
  // learn only that the Secretariat did.
  const names =
    viewer.kind === 'secretariat'
      ? await actorNames(
          db,
          rows.map((r) => r.recordedBy),
        )
      : null;
  return rows.map((r) => ({
    revision: r.revision,
    change: r.change as EventRevision['change'],
    reason: r.reason,
    recordedAt: r.recordedAt,
    recordedBy: names ? actorLabel(r.recordedBy, names) : 'Secretariat',
    event: r.snapshot as EventRevision['event'],
  }));
}

/** The States an event's targets name on its first day. */
export function targetStatesOf(
  event: { targets: EventRecord['targets']; start: IsoDate },
  book: StateBook,
): string[] {
  return resolveTargets(event.targets, book.states, event.start);
}
