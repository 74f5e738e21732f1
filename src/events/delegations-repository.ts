// The delegations' only SQL: delegations with their note verbale, their people, the log of every change
// per person, the capacity of an event, and the erasure of personal data.
import type { Db } from '../db/schema.ts';
import { chunksOf } from '../db/chunks.ts';
import { push } from './repository.ts';
import {
  DELEGATE_CATEGORIES,
  HOLDS_PLACE,
  type Capacity,
  type DelegateCategory,
  type DelegatePosition,
  type DelegateStatus,
  type Held,
} from './domain/delegations.ts';

export interface DelegationRecord {
  id: number;
  eventId: number;
  state: string;
  status: string;
  noteSha256: string;
  noteSize: number;
  noteFilename: string | null;
  noteStored: boolean;
  submittedAt: string;
  submittedBy: string;
  updatedAt: string;
  erasedAt: string | null;
}

export interface DelegateRecord {
  id: number;
  delegationId: number;
  eventId: number;
  position: DelegatePosition;
  category: DelegateCategory;
  title: string | null;
  givenName: string | null;
  familyName: string | null;
  nameKey: string | null;
  function: string | null;
  email: string | null;
  status: DelegateStatus;
  reason: string | null;
  statusSince: string;
  funded: boolean;
  erasedAt: string | null;
}

export interface LogEntry {
  eventId: number;
  delegationId: number;
  delegateId: number | null;
  change: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  at: string;
  by: string;
}

export interface NoteVerbale {
  bytes: Uint8Array;
  sha256: string;
  filename: string;
}

const DELEGATION_COLUMNS = [
  'id',
  'event_id',
  'participant_id',
  'status',
  'note_sha256',
  'note_size',
  'note_filename',
  'submitted_at',
  'submitted_by',
  'updated_at',
  'erased_at',
] as const;

function delegationSelect(db: Db) {
  return db
    .selectFrom('event_delegations')
    .select(DELEGATION_COLUMNS)
    .select((eb) => eb('note_pdf', 'is not', null).as('stored'));
}
type DelegationRow = Awaited<ReturnType<ReturnType<typeof delegationSelect>['execute']>>[number];

function delegationOf(r: DelegationRow): DelegationRecord {
  return {
    id: r.id,
    eventId: r.event_id,
    state: r.participant_id,
    status: r.status,
    noteSha256: r.note_sha256,
    noteSize: r.note_size,
    noteFilename: r.note_filename,
    noteStored: Boolean(r.stored),
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_by,
    updatedAt: r.updated_at,
    erasedAt: r.erased_at,
  };
}

export async function findDelegation(
  db: Db,
  eventId: number,
  state: string,
): Promise<DelegationRecord | null> {
  const r = await delegationSelect(db)
    .where('event_id', '=', eventId)
    .where('participant_id', '=', state)
    .executeTakeFirst();
  return r ? delegationOf(r) : null;
}

export async function findDelegationById(db: Db, id: number): Promise<DelegationRecord | null> {
  const r = await delegationSelect(db).where('id', '=', id).executeTakeFirst();
  return r ? delegationOf(r) : null;
}

/** The delegations of an event, all or those of the given States, in State order. */
export async function listDelegations(
  db: Db,
  eventId: number,
  states: readonly string[] | null,
): Promise<DelegationRecord[]> {
  if (states !== null && states.length === 0) return [];
  let q = delegationSelect(db).where('event_id', '=', eventId);
  if (states !== null) q = q.where('participant_id', 'in', states);
  return (await q.orderBy('participant_id').execute()).map(delegationOf);
}

export async function insertDelegation(
  db: Db,
  d: { eventId: number; state: string; status: string; note: NoteVerbale; at: string; by: string },
): Promise<number> {
  const row = await db
    .insertInto('event_delegations')
    .values({
      event_id: d.eventId,
      participant_id: d.state,
      status: d.status,
      note_pdf: d.note.bytes,
      note_sha256: d.note.sha256,
      note_size: d.note.bytes.length,
      note_filename: d.note.filename,
      submitted_at: d.at,
      submitted_by: d.by,
      updated_at: d.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDelegation(
  db: Db,
  id: number,
  d: { status: string; at: string; note?: NoteVerbale | null },
): Promise<void> {
  await db
    .updateTable('event_delegations')
    .set({
      status: d.status,
      updated_at: d.at,
      ...(d.note
        ? {
            note_pdf: d.note.bytes,
            note_sha256: d.note.sha256,
            note_size: d.note.bytes.length,
            note_filename: d.note.filename,
          }
        : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function noteVerbaleBytes(db: Db, delegationId: number): Promise<Uint8Array | null> {
  const r = await db
    .selectFrom('event_delegations')
    .select('note_pdf')
    .where('id', '=', delegationId)
    .executeTakeFirst();
  return r?.note_pdf ?? null;
}

function delegateSelect(db: Db) {
  return db.selectFrom('event_delegates').selectAll();
}
type DelegateRow = Awaited<ReturnType<ReturnType<typeof delegateSelect>['execute']>>[number];

function delegateOf(r: DelegateRow): DelegateRecord {
  return {
    id: r.id,
    delegationId: r.delegation_id,
    eventId: r.event_id,
    position: r.position as DelegatePosition,
    category: r.category as DelegateCategory,
    title: r.title,
    givenName: r.given_name,
    familyName: r.family_name,
    nameKey: r.name_key,
    function: r.function,
    email: r.email,
    status: r.status as DelegateStatus,
    reason: r.reason,
    statusSince: r.status_since,
    funded: r.funded === 1,
    erasedAt: r.erased_at,
  };
}

/** People of some delegations, in the order they were registered. */
export async function listDelegates(db: Db, delegationIds: readonly number[]): Promise<DelegateRecord[]> {
  if (delegationIds.length === 0) return [];
  const rows = await delegateSelect(db).where('delegation_id', 'in', delegationIds).orderBy('id').execute();
  return rows.map(delegateOf);
}

export async function findDelegate(db: Db, eventId: number, id: number): Promise<DelegateRecord | null> {
  const r = await delegateSelect(db).where('id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
  return r ? delegateOf(r) : null;
}

export type DelegateFields = Pick<
  DelegateRecord,
  'position' | 'category' | 'title' | 'givenName' | 'familyName' | 'nameKey' | 'function' | 'email'
>;

export async function insertDelegate(
  db: Db,
  d: DelegateFields & { delegationId: number; eventId: number; status: DelegateStatus; at: string },
): Promise<number> {
  const row = await db
    .insertInto('event_delegates')
    .values({
      delegation_id: d.delegationId,
      event_id: d.eventId,
      position: d.position,
      category: d.category,
      title: d.title,
      given_name: d.givenName,
      family_name: d.familyName,
      name_key: d.nameKey,
      function: d.function,
      email: d.email,
      status: d.status,
      reason: null,
      status_since: d.at,
      funded: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDelegateDetails(db: Db, id: number, d: DelegateFields): Promise<void> {
  await db
    .updateTable('event_delegates')
    .set({
      position: d.position,
      title: d.title,
      given_name: d.givenName,
      family_name: d.familyName,
      function: d.function,
      email: d.email,
    })
    .where('id', '=', id)
    .execute();
}

export async function setDelegateStatus(
  db: Db,
  id: number,
  status: DelegateStatus,
  reason: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable('event_delegates')
    .set({ status, reason, status_since: at })
    .where('id', '=', id)
    .execute();
}

export async function appendLog(db: Db, entries: readonly LogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('event_delegation_log')
    .values(
      entries.map((e) => ({
        event_id: e.eventId,
        delegation_id: e.delegationId,
        delegate_id: e.delegateId,
        change: e.change,
        from_status: e.from,
        to_status: e.to,
        reason: e.reason,
        recorded_at: e.at,
        recorded_by: e.by,
      })),
    )
    .execute();
}

export async function listLog(db: Db, delegationId: number): Promise<LogEntry[]> {
  const rows = await db
    .selectFrom('event_delegation_log')
    .selectAll()
    .where('delegation_id', '=', delegationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    delegationId: r.delegation_id,
    delegateId: r.delegate_id,
    change: r.change,
    from: r.from_status,
    to: r.to_status,
    reason: r.reason,
    at: r.recorded_at,
    by: r.recorded_by,
  }));
}

/** People of an event per category and status: the figures (they survive erasure). */
export interface CategoryCount {
  category: DelegateCategory;
  status: DelegateStatus;
  n: number;
}

export async function countByCategory(db: Db, eventId: number): Promise<CategoryCount[]> {
  return (await countByCategoryOf(db, [eventId])).get(eventId) ?? [];
}

/** People per category and status, for each of these events; an event with nobody has no entry. */
export async function countByCategoryOf(
  db: Db,
  eventIds: readonly number[],
): Promise<Map<number, CategoryCount[]>> {
  const out = new Map<number, CategoryCount[]>();
  for (const part of chunksOf(eventIds)) {
    const rows = await db
      .selectFrom('event_delegates')
      .select(['event_id', 'category', 'status'])
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('event_id', 'in', part)
      .groupBy(['event_id', 'category', 'status'])
      .execute();
    for (const r of rows)
      push(out, r.event_id, {
        category: r.category as DelegateCategory,
        status: r.status as DelegateStatus,
        n: Number(r.n),
      });
  }
  return out;
}

/** Places held now, per category. */
export async function heldPlaces(db: Db, eventId: number): Promise<Held> {
  const held = Object.fromEntries(DELEGATE_CATEGORIES.map((c) => [c, 0])) as Held;
  for (const r of await countByCategory(db, eventId)) {
    if (HOLDS_PLACE.includes(r.status)) held[r.category] += r.n;
  }
  return held;
}

/**
 * For each of these events, the States with a delegation and those with at least one approved person: every
 * event has an entry, zero where nobody registered.
 */
export async function stateCountsOf(
  db: Db,
  eventIds: readonly number[],
): Promise<Map<number, { registered: number; attending: number }>> {
  const out = new Map(eventIds.map((id) => [id, { registered: 0, attending: 0 }]));
  for (const part of chunksOf(eventIds)) {
    const registered = await db
      .selectFrom('event_delegations')
      .select('event_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('event_id', 'in', part)
      .groupBy('event_id')
      .execute();
    for (const r of registered) {
      const counts = out.get(r.event_id);
      if (counts) counts.registered = Number(r.n);
    }
    const attending = await db
      .selectFrom('event_delegates')
      .innerJoin('event_delegations', 'event_delegations.id', 'event_delegates.delegation_id')
      .select('event_delegates.event_id')
      .select((eb) => eb.fn.count<number | string>('event_delegations.participant_id').distinct().as('n'))
      .where('event_delegates.event_id', 'in', part)
      .where('event_delegates.status', '=', 'approved')
      .groupBy('event_delegates.event_id')
      .execute();
    for (const r of attending) {
      const counts = out.get(r.event_id);
      if (counts) counts.attending = Number(r.n);
    }
  }
  return out;
}

/**
 * Whether any State registered a delegation to the event, and the States with at least one approved person
 * (sorted): who attended, as the follow-up counts it.
 */
export async function attendingStates(
  db: Db,
  eventId: number,
): Promise<{ registered: boolean; states: string[] }> {
  return (await attendingStatesOf(db, [eventId])).get(eventId) ?? { registered: false, states: [] };
}

/** attendingStates for each of these events: every one has an entry. */
export async function attendingStatesOf(
  db: Db,
  eventIds: readonly number[],
): Promise<Map<number, { registered: boolean; states: string[] }>> {
  const out = new Map(eventIds.map((id) => [id, { registered: false, states: [] as string[] }]));
  for (const part of chunksOf(eventIds)) {
    const registered = await db
      .selectFrom('event_delegations')
      .select('event_id')
      .distinct()
      .where('event_id', 'in', part)
      .execute();
    for (const r of registered) {
      const entry = out.get(r.event_id);
      if (entry) entry.registered = true;
    }
    const rows = await db
      .selectFrom('event_delegates')
      .innerJoin('event_delegations', 'event_delegations.id', 'event_delegates.delegation_id')
      .select(['event_delegates.event_id', 'event_delegations.participant_id'])
      .distinct()
      .where('event_delegates.event_id', 'in', part)
      .where('event_delegates.status', '=', 'approved')
      .orderBy('event_delegates.event_id')
      .orderBy('event_delegations.participant_id')
      .execute();
    for (const r of rows) out.get(r.event_id)?.states.push(r.participant_id);
  }
  return out;
}

/** The waiting list of an event, first registered first. */
export async function waitingList(db: Db, eventId: number): Promise<DelegateRecord[]> {
  const rows = await delegateSelect(db)
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('id')
    .execute();
  return rows.map(delegateOf);
}

/** The capacities set for these events; an event without one (no limit) has no entry. */
export async function findCapacities(db: Db, eventIds: readonly number[]): Promise<Map<number, Capacity>> {
  const out = new Map<number, Capacity>();
  for (const part of chunksOf(eventIds)) {
    const rows = await db.selectFrom('event_capacities').selectAll().where('event_id', 'in', part).execute();
    for (const r of rows)
      out.set(r.event_id, {
        overall: r.overall,
        categories: {
          delegate: r.delegate,
          adviser: r.adviser,
          expert: r.expert,
          observer: r.observer,
          press: r.press,
        },
      });
  }
  return out;
}

export async function saveCapacity(
  db: Db,
  eventId: number,
  c: Capacity,
  at: string,
  by: string,
): Promise<void> {
  const values = { overall: c.overall, ...c.categories, updated_at: at, updated_by: by };
  await db
    .insertInto('event_capacities')
    .values({ event_id: eventId, ...values })
    .onConflict((oc) => oc.column('event_id').doUpdateSet(values))
    .execute();
}

/** People waiting for review across events, oldest first, with their event's title. */
export async function pendingQueue(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: Array<DelegateRecord & { eventTitle: string; state: string }> }> {
  const total = await db
    .selectFrom('event_delegates')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('event_delegates')
    .innerJoin('events', 'events.id', 'event_delegates.event_id')
    .innerJoin('event_delegations', 'event_delegations.id', 'event_delegates.delegation_id')
    .selectAll('event_delegates')
    .select(['events.title as event_title', 'event_delegations.participant_id as state'])
    .where('event_delegates.status', '=', 'pending')
    .orderBy('event_delegates.status_since')
    .orderBy('event_delegates.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ ...delegateOf(r), eventTitle: r.event_title, state: r.state })),
  };
}

/** Events that ended before `before` and still hold personal data of their delegations. */
export async function eventsWithPersonalData(
  db: Db,
  before: string,
): Promise<Array<{ id: number; end: string }>> {
  return db
    .selectFrom('events')
    .select(['id', 'end_date as end'])
    .where('end_date', '<', before)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('event_delegations')
          .select('event_delegations.id')
          .whereRef('event_delegations.event_id', '=', 'events.id')
          .where('event_delegations.erased_at', 'is', null),
      ),
    )
    .orderBy('id')
    .execute();
}

/** Clears an event's personal data: names, titles, functions, e-mails, reasons, note verbale bytes and names. */
export async function eraseEventPersonalData(db: Db, eventId: number, at: string): Promise<void> {
  await db
    .updateTable('event_delegates')
    .set({
      title: null,
      given_name: null,
      family_name: null,
      name_key: null,
      function: null,
      email: null,
      reason: null,
      erased_at: at,
    })
    .where('event_id', '=', eventId)
    .execute();
  await db
    .updateTable('event_delegations')
    .set({ note_pdf: null, note_filename: null, erased_at: at })
    .where('event_id', '=', eventId)
    .execute();
  // The only update the log's triggers allow: a reason cleared.
  await db
    .updateTable('event_delegation_log')
    .set({ reason: null })
    .where('event_id', '=', eventId)
    .where('reason', 'is not', null)
    .execute();
}
