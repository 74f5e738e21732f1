// The events feature's only SQL: events with their hosts, targets, instruments and agenda, their revisions,
// invitations and document templates.
import { chunksOf } from '../db/chunks.ts';
import type { Db } from '../db/schema.ts';
import type { EventKind, EventStatus, TargetKind, UnLanguage } from './domain/events.ts';

export type { Db };

export interface AgendaItem {
  title: string;
  instrumentId: string | null;
  articles: string[];
}

/** An event as stored: the current version. */
export interface EventRecord {
  id: number;
  kind: EventKind;
  title: string;
  status: EventStatus;
  statusReason: string | null;
  start: string;
  end: string;
  venueCity: string | null;
  venueCountry: string | null;
  online: boolean;
  coOrganisers: string[];
  languages: UnLanguage[];
  interpretation: boolean;
  public: boolean;
  registrationDeadline: string | null;
  description: string;
  participantsNote: string | null;
  source: string | null;
  sourceNote: string | null;
  importKey: string | null;
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  hosts: string[];
  targets: Array<{ kind: TargetKind; value: string }>;
  instruments: string[];
  agenda: AgendaItem[];
}

export type EventFields = Omit<
  EventRecord,
  'id' | 'revision' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'
>;

type EventRow = Awaited<ReturnType<typeof selectEventRows>>[number];

function selectEventRows(db: Db, ids: readonly number[]) {
  return db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
}

function fromRow(r: EventRow, children: Children): EventRecord {
  return {
    id: r.id,
    kind: r.kind as EventKind,
    title: r.title,
    status: r.status as EventStatus,
    statusReason: r.status_reason,
    start: r.start_date,
    end: r.end_date,
    venueCity: r.venue_city,
    venueCountry: r.venue_country,
    online: r.online === 1,
    coOrganisers: JSON.parse(r.co_organisers) as string[],
    languages: JSON.parse(r.languages) as UnLanguage[],
    interpretation: r.interpretation === 1,
    public: r.public === 1,
    registrationDeadline: r.registration_deadline,
    description: r.description,
    participantsNote: r.participants_note,
    source: r.source,
    sourceNote: r.source_note,
    importKey: r.import_key,
    revision: r.revision,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    hosts: children.hosts.get(r.id) ?? [],
    targets: children.targets.get(r.id) ?? [],
    instruments: children.instruments.get(r.id) ?? [],
    agenda: children.agenda.get(r.id) ?? [],
  };
}

interface Children {
  hosts: Map<number, string[]>;
  targets: Map<number, Array<{ kind: TargetKind; value: string }>>;
  instruments: Map<number, string[]>;
  agenda: Map<number, AgendaItem[]>;
}

/** Appends to the list kept under `key`, starting it if need be. */
export function push<V>(map: Map<number, V[]>, key: number, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function loadChildren(db: Db, ids: readonly number[], withAgenda: boolean): Promise<Children> {
  const children: Children = {
    hosts: new Map(),
    targets: new Map(),
    instruments: new Map(),
    agenda: new Map(),
  };
  for (const part of chunksOf(ids)) {
    const hosts = await db
      .selectFrom('event_hosts')
      .selectAll()
      .where('event_id', 'in', part)
      .orderBy('event_id')
      .orderBy('participant_id')
      .execute();
    for (const h of hosts) push(children.hosts, h.event_id, h.participant_id);
    const instruments = await db
      .selectFrom('event_instruments')
      .selectAll()
      .where('event_id', 'in', part)
      .orderBy('event_id')
      .orderBy('instrument_id')
      .execute();
    for (const x of instruments) push(children.instruments, x.event_id, x.instrument_id);
    if (!withAgenda) continue;
    const targets = await db
      .selectFrom('event_targets')
      .selectAll()
      .where('event_id', 'in', part)
      .orderBy('event_id')
      .orderBy('kind')
      .orderBy('value')
      .execute();
    for (const t of targets)
      push(children.targets, t.event_id, { kind: t.kind as TargetKind, value: t.value });
    const agenda = await db
      .selectFrom('event_agenda_items')
      .selectAll()
      .where('event_id', 'in', part)
      .orderBy('event_id')
      .orderBy('position')
      .execute();
    for (const a of agenda)
      push(children.agenda, a.event_id, {
        title: a.title,
        instrumentId: a.instrument_id,
        articles: JSON.parse(a.articles) as string[],
      });
  }
  return children;
}

/**
 * Reads an event for a change: on PostgreSQL the row stays locked for the rest of the transaction, so that two
 * writers (two invitations, two registrations) see each other; SQLite has one writer at a time already.
 */
export async function findEventForUpdate(db: Db, postgres: boolean, id: number): Promise<EventRecord | null> {
  if (postgres) await db.selectFrom('events').select('id').where('id', '=', id).forUpdate().execute();
  return findEvent(db, id);
}

export async function findEvent(db: Db, id: number): Promise<EventRecord | null> {
  return (await findEvents(db, [id])).get(id) ?? null;
}

/** The events of these ids that exist, by id, each with its hosts, targets, instruments and agenda. */
export async function findEvents(db: Db, ids: readonly number[]): Promise<Map<number, EventRecord>> {
  const unique = [...new Set(ids)];
  const rows: EventRow[] = [];
  for (const part of chunksOf(unique)) rows.push(...(await selectEventRows(db, part)));
  if (rows.length === 0) return new Map();
  const children = await loadChildren(
    db,
    rows.map((r) => r.id),
    true,
  );
  return new Map(rows.map((r) => [r.id, fromRow(r, children)]));
}

export interface EventFilter {
  from?: string | undefined;
  to?: string | undefined;
  kind?: EventKind | undefined;
  status?: EventStatus | undefined;
  /** Events hosted by, targeting or inviting this State (targets by State only). */
  state?: string | undefined;
  /** Only public events, or public events and those these States were invited to. */
  visibleTo: { all: true } | { all: false; states: readonly string[] };
  limit: number;
  offset: number;
  /** Keyset paging (src/common/paging.ts): the events after this first day and id, in calendar order. */
  after?: readonly [string, number] | undefined;
}

/** The events a filter matches (its period, kind, status, State and who may see them), not yet ordered. */
function filteredEvents(db: Db, filter: EventFilter) {
  let q = db.selectFrom('events');
  if (filter.from) q = q.where('end_date', '>=', filter.from);
  if (filter.to) q = q.where('start_date', '<=', filter.to);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.state) {
    const state = filter.state;
    q = q.where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('event_hosts').select('event_id').where('participant_id', '=', state)),
        eb(
          'id',
          'in',
          eb.selectFrom('event_invitations').select('event_id').where('participant_id', '=', state),
        ),
        eb(
          'id',
          'in',
          eb
            .selectFrom('event_targets')
            .select('event_id')
            .where('kind', '=', 'state')
            .where('value', '=', state),
        ),
      ]),
    );
  }
  const visible = filter.visibleTo;
  if (!visible.all) {
    const states = visible.states;
    q = q.where((eb) =>
      states.length === 0
        ? eb('public', '=', 1)
        : eb.or([
            eb('public', '=', 1),
            eb(
              'id',
              'in',
              eb.selectFrom('event_invitations').select('event_id').where('participant_id', 'in', states),
            ),
          ]),
    );
  }
  return q;
}

/** The filter's page in calendar order (first day, then id); the caller chooses the columns. */
function pageOf(db: Db, filter: EventFilter) {
  let q = filteredEvents(db, filter);
  const after = filter.after;
  if (after) {
    const [start, id] = after;
    q = q.where((eb) =>
      eb.or([eb('start_date', '>', start), eb.and([eb('start_date', '=', start), eb('id', '>', id)])]),
    );
  }
  return q
    .orderBy('start_date')
    .orderBy('id')
    .limit(filter.limit)
    .offset(after ? 0 : filter.offset);
}

/** The total the filter matches, and the page's hosts and instruments (with targets and agenda if asked). */
async function pageDetails(
  db: Db,
  filter: EventFilter,
  ids: readonly number[],
  withDetails: boolean,
): Promise<{ total: number; children: Children }> {
  // A first page shorter than the limit is the whole list: no count needed.
  const total =
    filter.offset === 0 && !filter.after && ids.length < filter.limit
      ? ids.length
      : Number(
          (
            await filteredEvents(db, filter)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
  return { total, children: await loadChildren(db, ids, withDetails) };
}

/** Events in calendar order (first day, then id), with the total the filter matches. */
export async function listEvents(
  db: Db,
  filter: EventFilter,
  withDetails = false,
): Promise<{ events: EventRecord[]; total: number }> {
  const rows = await pageOf(db, filter).selectAll().execute();
  const { total, children } = await pageDetails(
    db,
    filter,
    rows.map((r) => r.id),
    withDetails,
  );
  return { events: rows.map((r) => fromRow(r, children)), total };
}

/** What the calendar shows of an event: no texts, provenance or agenda. */
export type EventSummaryRecord = Pick<
  EventRecord,
  | 'id'
  | 'kind'
  | 'title'
  | 'status'
  | 'start'
  | 'end'
  | 'venueCity'
  | 'venueCountry'
  | 'online'
  | 'public'
  | 'hosts'
  | 'instruments'
>;

/**
 * The calendar (the public's hot path): as listEvents, reading only the columns a summary shows — the whole
 * row costs four times as much to read.
 */
export async function listEventSummaries(
  db: Db,
  filter: EventFilter,
): Promise<{ events: EventSummaryRecord[]; total: number }> {
  const rows = await pageOf(db, filter)
    .select([
      'id',
      'kind',
      'title',
      'status',
      'start_date',
      'end_date',
      'venue_city',
      'venue_country',
      'online',
      'public',
    ])
    .execute();
  const { total, children } = await pageDetails(
    db,
    filter,
    rows.map((r) => r.id),
    false,
  );
  return {
    events: rows.map((r) => ({
      id: r.id,
      kind: r.kind as EventKind,
      title: r.title,
      status: r.status as EventStatus,
      start: r.start_date,
      end: r.end_date,
      venueCity: r.venue_city,
      venueCountry: r.venue_country,
      online: r.online === 1,
      public: r.public === 1,
      hosts: children.hosts.get(r.id) ?? [],
      instruments: children.instruments.get(r.id) ?? [],
    })),
    total,
  };
}

function eventValues(e: EventFields) {
  return {
    kind: e.kind,
    title: e.title,
    status: e.status,
    status_reason: e.statusReason,
    start_date: e.start,
    end_date: e.end,
    venue_city: e.venueCity,
    venue_country: e.venueCountry,
    online: e.online ? 1 : 0,
    co_organisers: JSON.stringify(e.coOrganisers),
    languages: JSON.stringify(e.languages),
    interpretation: e.interpretation ? 1 : 0,
    public: e.public ? 1 : 0,
    registration_deadline: e.registrationDeadline,
    description: e.description,
    participants_note: e.participantsNote,
    source: e.source,
    source_note: e.sourceNote,
    import_key: e.importKey,
  };
}

async function insertChildren(db: Db, id: number, e: EventFields): Promise<void> {
  if (e.hosts.length > 0)
    await db
      .insertInto('event_hosts')
      .values(e.hosts.map((participant_id) => ({ event_id: id, participant_id })))
      .execute();
  if (e.targets.length > 0)
    await db
      .insertInto('event_targets')
      .values(e.targets.map((t) => ({ event_id: id, kind: t.kind, value: t.value })))
      .execute();
  if (e.instruments.length > 0)
    await db
      .insertInto('event_instruments')
      .values(e.instruments.map((instrument_id) => ({ event_id: id, instrument_id })))
      .execute();
  if (e.agenda.length > 0)
    await db
      .insertInto('event_agenda_items')
      .values(
        e.agenda.map((a, i) => ({
          event_id: id,
          position: i + 1,
          title: a.title,
          instrument_id: a.instrumentId,
          articles: JSON.stringify(a.articles),
        })),
      )
      .execute();
}

async function deleteChildren(db: Db, id: number): Promise<void> {
  await db.deleteFrom('event_hosts').where('event_id', '=', id).execute();
  await db.deleteFrom('event_targets').where('event_id', '=', id).execute();
  await db.deleteFrom('event_instruments').where('event_id', '=', id).execute();
  await db.deleteFrom('event_agenda_items').where('event_id', '=', id).execute();
}

export async function insertEvent(db: Db, e: EventFields, at: string, by: string): Promise<number> {
  const row = await db
    .insertInto('events')
    .values({
      ...eventValues(e),
      revision: 1,
      created_at: at,
      created_by: by,
      updated_at: at,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertChildren(db, row.id, e);
  return row.id;
}

/**
 * Replaces the event's current version if it is still at `revision`; false when another change came first
 * (the caller answers 409, so no change is lost by being written over).
 */
export async function updateEvent(
  db: Db,
  id: number,
  revision: number,
  e: EventFields,
  at: string,
  by: string,
): Promise<boolean> {
  const result = await db
    .updateTable('events')
    .set({ ...eventValues(e), revision: revision + 1, updated_at: at, updated_by: by })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await deleteChildren(db, id);
  await insertChildren(db, id, e);
  return true;
}

export async function insertRevision(
  db: Db,
  r: {
    eventId: number;
    revision: number;
    change: string;
    reason: string | null;
    snapshot: unknown;
    at: string;
    by: string;
  },
): Promise<void> {
  await db
    .insertInto('event_revisions')
    .values({
      event_id: r.eventId,
      revision: r.revision,
      change: r.change,
      reason: r.reason,
      snapshot_json: JSON.stringify(r.snapshot),
      recorded_at: r.at,
      recorded_by: r.by,
    })
    .execute();
}

export async function listRevisions(db: Db, eventId: number) {
  const rows = await db
    .selectFrom('event_revisions')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('revision')
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    change: r.change,
    reason: r.reason,
    snapshot: JSON.parse(r.snapshot_json) as unknown,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}

export async function findEventIdsByImportKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('events').select('import_key').where('import_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.import_key).filter((k): k is string => k !== null));
}

export interface InvitationRecord {
  id: number;
  eventId: number;
  participantId: string;
  reference: string;
  addressee: string;
  language: UnLanguage;
  sentOn: string;
  recordedAt: string;
  recordedBy: string;
}

export async function listInvitations(db: Db, eventId: number): Promise<InvitationRecord[]> {
  return (await listInvitationsOf(db, [eventId])).get(eventId) ?? [];
}

/** The invitations of each of these events (by participant); an event with none has no entry. */
export async function listInvitationsOf(
  db: Db,
  eventIds: readonly number[],
): Promise<Map<number, InvitationRecord[]>> {
  const out = new Map<number, InvitationRecord[]>();
  for (const part of chunksOf(eventIds)) {
    const rows = await db
      .selectFrom('event_invitations')
      .selectAll()
      .where('event_id', 'in', part)
      .orderBy('event_id')
      .orderBy('participant_id')
      .execute();
    for (const r of rows)
      push(out, r.event_id, {
        id: r.id,
        eventId: r.event_id,
        participantId: r.participant_id,
        reference: r.reference,
        addressee: r.addressee,
        language: r.language as UnLanguage,
        sentOn: r.sent_on,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
      });
  }
  return out;
}

export async function countInvitations(db: Db, eventId: number): Promise<number> {
  const row = await db
    .selectFrom('event_invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertInvitation(db: Db, i: Omit<InvitationRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('event_invitations')
    .values({
      event_id: i.eventId,
      participant_id: i.participantId,
      reference: i.reference,
      addressee: i.addressee,
      language: i.language,
      sent_on: i.sentOn,
      recorded_at: i.recordedAt,
      recorded_by: i.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Those of these events to which any of these States was invited. */
export async function eventsInvitingAny(
  db: Db,
  eventIds: readonly number[],
  states: readonly string[],
): Promise<Set<number>> {
  const out = new Set<number>();
  if (states.length === 0) return out;
  for (const part of chunksOf(eventIds)) {
    const rows = await db
      .selectFrom('event_invitations')
      .select('event_id')
      .distinct()
      .where('event_id', 'in', part)
      .where('participant_id', 'in', states)
      .execute();
    for (const r of rows) out.add(r.event_id);
  }
  return out;
}

export async function latestTemplate(
  db: Db,
  kind: string,
  language: string,
): Promise<{ body: string; recordedAt: string; recordedBy: string } | null> {
  const row = await db
    .selectFrom('document_templates')
    .selectAll()
    .where('kind', '=', kind)
    .where('language', '=', language)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { body: row.body, recordedAt: row.recorded_at, recordedBy: row.recorded_by } : null;
}

export async function insertTemplate(
  db: Db,
  t: { kind: string; language: string; body: string; at: string; by: string },
): Promise<void> {
  await db
    .insertInto('document_templates')
    .values({ kind: t.kind, language: t.language, body: t.body, recorded_at: t.at, recorded_by: t.by })
    .execute();
}
