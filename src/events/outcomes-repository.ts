// The SQL of what events leave behind: their documents, outcomes, and commitments with their history.
import type { IsoDate } from '../common/dates.ts';
import type { Db } from '../db/schema.ts';
import type {
  CommitmentKind,
  CommitmentStatus,
  DocumentKind,
  OutcomeKind,
  ShownStatus,
} from './domain/commitments.ts';
import type { UnLanguage } from './domain/events.ts';

export interface DocumentRecord {
  id: number;
  eventId: number;
  language: UnLanguage;
  kind: DocumentKind;
  title: string;
  symbol: string | null;
  url: string;
  recordedAt: string;
}

export interface OutcomeRecord {
  id: number;
  eventId: number;
  kind: OutcomeKind;
  title: string;
  text: string;
  adoptedOn: string;
  recordedAt: string;
}

export interface NewCommitment {
  eventId: number;
  participantId: string;
  instrumentId: string;
  what: CommitmentKind;
  text: string;
  dueText: string | null;
  dueEarliest: string | null;
  dueLatest: string | null;
}

export interface CommitmentRecord extends NewCommitment {
  id: number;
  eventTitle: string;
  eventStart: string;
  status: CommitmentStatus;
  metByActionId: number | null;
  withdrawnReason: string | null;
  revision: number;
  recordedAt: string;
  updatedAt: string;
}

export interface CommitmentChangeRecord {
  revision: number;
  change: 'recorded' | 'met' | 'withdrawn';
  status: CommitmentStatus;
  metByActionId: number | null;
  reason: string | null;
  recordedAt: string;
  recordedBy: string;
}

export async function insertDocument(
  db: Db,
  d: Omit<DocumentRecord, 'id' | 'recordedAt'>,
  at: string,
  by: string,
): Promise<number> {
  const row = await db
    .insertInto('event_documents')
    .values({
      event_id: d.eventId,
      language: d.language,
      kind: d.kind,
      title: d.title,
      symbol: d.symbol,
      url: d.url,
      recorded_at: at,
      recorded_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listDocuments(
  db: Db,
  eventId: number,
  language?: UnLanguage,
): Promise<DocumentRecord[]> {
  let q = db.selectFrom('event_documents').selectAll().where('event_id', '=', eventId);
  if (language) q = q.where('language', '=', language);
  const rows = await q.orderBy('language').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    language: r.language as UnLanguage,
    kind: r.kind as DocumentKind,
    title: r.title,
    symbol: r.symbol,
    url: r.url,
    recordedAt: r.recorded_at,
  }));
}

export async function insertOutcome(
  db: Db,
  o: Omit<OutcomeRecord, 'id' | 'recordedAt'>,
  at: string,
  by: string,
): Promise<number> {
  const row = await db
    .insertInto('event_outcomes')
    .values({
      event_id: o.eventId,
      kind: o.kind,
      title: o.title,
      text: o.text,
      adopted_on: o.adoptedOn,
      recorded_at: at,
      recorded_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listOutcomes(db: Db, eventId: number): Promise<OutcomeRecord[]> {
  const rows = await db
    .selectFrom('event_outcomes')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('adopted_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    kind: r.kind as OutcomeKind,
    title: r.title,
    text: r.text,
    adoptedOn: r.adopted_on,
    recordedAt: r.recorded_at,
  }));
}

export async function insertCommitment(db: Db, c: NewCommitment, at: string, by: string): Promise<number> {
  const row = await db
    .insertInto('commitments')
    .values({
      event_id: c.eventId,
      participant_id: c.participantId,
      instrument_id: c.instrumentId,
      what: c.what,
      text: c.text,
      due_text: c.dueText,
      due_earliest: c.dueEarliest,
      due_latest: c.dueLatest,
      status: 'open',
      met_by_action_id: null,
      withdrawn_reason: null,
      revision: 1,
      recorded_at: at,
      recorded_by: by,
      updated_at: at,
      updated_by: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCommitmentChange(
  db: Db,
  commitmentId: number,
  c: CommitmentChangeRecord,
): Promise<void> {
  await db
    .insertInto('commitment_history')
    .values({
      commitment_id: commitmentId,
      revision: c.revision,
      change: c.change,
      status: c.status,
      met_by_action_id: c.metByActionId,
      reason: c.reason,
      recorded_at: c.recordedAt,
      recorded_by: c.recordedBy,
    })
    .execute();
}

/**
 * Changes an open commitment's status, if it is still at `revision` (and open): false when another writer
 * changed it first, so the caller refuses rather than overwrite.
 */
export async function closeCommitment(
  db: Db,
  id: number,
  revision: number,
  change: { status: 'met' | 'withdrawn'; metByActionId: number | null; reason: string | null },
  at: string,
  by: string,
): Promise<boolean> {
  const result = await db
    .updateTable('commitments')
    .set({
      status: change.status,
      met_by_action_id: change.metByActionId,
      withdrawn_reason: change.reason,
      revision: revision + 1,
      updated_at: at,
      updated_by: by,
    })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CommitmentFilter {
  id?: number | undefined;
  eventId?: number | undefined;
  participantId?: string | undefined;
  /** The status as at `today` (overdue: open with its due period passed). */
  status?: ShownStatus | undefined;
  today: IsoDate;
  /** Only commitments of public events, or of public events and those these States were invited to. */
  visibleTo: { all: true } | { all: false; states: readonly string[] };
  limit: number;
  offset: number;
}

function commitmentQuery(db: Db, f: CommitmentFilter) {
  let q = db.selectFrom('commitments as c').innerJoin('events as e', 'e.id', 'c.event_id');
  if (f.id !== undefined) q = q.where('c.id', '=', f.id);
  if (f.eventId !== undefined) q = q.where('c.event_id', '=', f.eventId);
  if (f.participantId !== undefined) q = q.where('c.participant_id', '=', f.participantId);
  if (f.status === 'met' || f.status === 'withdrawn') q = q.where('c.status', '=', f.status);
  if (f.status === 'overdue')
    q = q
      .where('c.status', '=', 'open')
      .where('c.due_latest', 'is not', null)
      .where('c.due_latest', '<', f.today);
  if (f.status === 'open')
    q = q
      .where('c.status', '=', 'open')
      .where((eb) => eb.or([eb('c.due_latest', 'is', null), eb('c.due_latest', '>=', f.today)]));
  const visible = f.visibleTo;
  if (!visible.all) {
    const states = visible.states;
    q = q.where((eb) =>
      states.length === 0
        ? eb('e.public', '=', 1)
        : eb.or([
            eb('e.public', '=', 1),
            eb(
              'e.id',
              'in',
              eb.selectFrom('event_invitations').select('event_id').where('participant_id', 'in', states),
            ),
          ]),
    );
  }
  return q;
}

/** Commitments in the order they were recorded, with the total the filter matches. */
export async function listCommitments(
  db: Db,
  filter: CommitmentFilter,
): Promise<{ commitments: CommitmentRecord[]; total: number }> {
  const q = commitmentQuery(db, filter);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('c')
    .select(['e.title as event_title', 'e.start_date as event_start'])
    .orderBy('c.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: Number(total.n),
    commitments: rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventTitle: r.event_title,
      eventStart: r.event_start,
      participantId: r.participant_id,
      instrumentId: r.instrument_id,
      what: r.what as CommitmentKind,
      text: r.text,
      dueText: r.due_text,
      dueEarliest: r.due_earliest,
      dueLatest: r.due_latest,
      status: r.status as CommitmentStatus,
      metByActionId: r.met_by_action_id,
      withdrawnReason: r.withdrawn_reason,
      revision: r.revision,
      recordedAt: r.recorded_at,
      updatedAt: r.updated_at,
    })),
  };
}

/** PostgreSQL: locks the commitment for the rest of the transaction (SQLite has one writer at a time). */
export async function lockCommitment(db: Db, postgres: boolean, id: number): Promise<void> {
  if (postgres) await db.selectFrom('commitments').select('id').where('id', '=', id).forUpdate().execute();
}

export async function listCommitmentHistory(db: Db, id: number): Promise<CommitmentChangeRecord[]> {
  const rows = await db
    .selectFrom('commitment_history')
    .selectAll()
    .where('commitment_id', '=', id)
    .orderBy('revision')
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    change: r.change as CommitmentChangeRecord['change'],
    status: r.status as CommitmentStatus,
    metByActionId: r.met_by_action_id,
    reason: r.reason,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}
