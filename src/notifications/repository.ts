// The notifications feature's only SQL: depositary notifications (append-only) and the per-year counter of
// the C.N. numbers Palermo allocates (migration 019).
import { sql, type Selectable } from 'kysely';
import type { Db, NotificationsTable } from '../db/schema.ts';

export type { Db };

export type NotificationRow = Selectable<NotificationsTable>;
export type NewNotificationRow = Omit<NotificationsTable, 'id'>;

/**
 * The next C.N. number of `year`, taken in the caller's transaction. The upsert locks the year's row on
 * PostgreSQL until the transaction ends, so concurrent writes take consecutive numbers, and a write that
 * rolls back gives its number back with it: no gap, no duplicate. SQLite has one writer at a time.
 */
export async function nextCnNumber(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('notification_numbers')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ last_number: sql<number>`notification_numbers.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

export async function insertNotification(db: Db, row: NewNotificationRow): Promise<number> {
  const inserted = await db.insertInto('notifications').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** The notification that stands for an action now: its own, or the corrigendum that put it in. */
export async function notificationOfAction(db: Db, actionId: number): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('category', '=', 'action'), eb('action_id', '=', actionId)]),
        eb('replacement_action_id', '=', actionId),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Ids of the actions announced by a notification already (their own, or a corrigendum's). */
export async function notifiedActionIds(db: Db): Promise<Set<number>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['action_id', 'replacement_action_id'])
    .orderBy('id')
    .execute();
  const out = new Set<number>();
  for (const r of rows) {
    out.add(Number(r.action_id));
    if (r.replacement_action_id !== null) out.add(Number(r.replacement_action_id));
  }
  return out;
}

export interface NotificationFilter {
  instrumentId?: string | undefined;
  participantId?: string | undefined;
  /** Ids above this one, oldest first (catching up). */
  since?: number | undefined;
  /** Ids below this one, newest first (browsing back). */
  before?: number | undefined;
  limit: number;
}

/**
 * One page of notifications: with `since`, those after it in the order they were issued; otherwise the
 * newest first (below `before` when given).
 */
export async function listNotifications(db: Db, f: NotificationFilter): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll();
  if (f.instrumentId) q = q.where('instrument_id', '=', f.instrumentId);
  if (f.participantId) q = q.where('participant_id', '=', f.participantId);
  if (f.since !== undefined) {
    return q.where('id', '>', f.since).orderBy('id', 'asc').limit(f.limit).execute();
  }
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function findNotifications(db: Db, ids: readonly number[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('notifications').selectAll().where('id', 'in', ids).orderBy('id').execute();
}

export async function findNotificationByReference(
  db: Db,
  reference: string,
): Promise<NotificationRow | undefined> {
  // A depositary C.N. may announce several actions (a ratification with its declarations): the first.
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('reference', '=', reference)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The newest notification of a feed and how many it holds: a feed's validator (append-only rows). */
export async function feedHead(
  db: Db,
  f: Pick<NotificationFilter, 'instrumentId' | 'participantId'>,
): Promise<{ lastId: number; lastRecordedAt: string | null; count: number }> {
  let q = db
    .selectFrom('notifications')
    .select((eb) => [
      eb.fn.max('id').as('last_id'),
      eb.fn.max('recorded_at').as('last_at'),
      eb.fn.countAll().as('n'),
    ]);
  if (f.instrumentId) q = q.where('instrument_id', '=', f.instrumentId);
  if (f.participantId) q = q.where('participant_id', '=', f.participantId);
  const row = await q.executeTakeFirstOrThrow();
  return {
    lastId: Number(row.last_id ?? 0),
    lastRecordedAt: (row.last_at as string | null) ?? null,
    count: Number(row.n),
  };
}
