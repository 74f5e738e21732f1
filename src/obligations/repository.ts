// The only SQL of the obligations calendar: the Secretariat's completeness dates (migration 020).
import type { Db } from '../db/schema.ts';

export type { Db };

export interface CompletenessRow {
  id: number;
  participantId: string;
  completeSince: string | null;
  reason: string;
  recordedAt: string;
  recordedBy: string;
}

/** The decision in force for each participant: its newest row (ids grow with every decision). */
export async function completenessInForce(
  db: Db,
  participantId?: string,
): Promise<Map<string, CompletenessRow>> {
  let q = db.selectFrom('notification_completeness').selectAll();
  if (participantId) q = q.where('participant_id', '=', participantId);
  const rows = await q.orderBy('id').execute();
  const byParticipant = new Map<string, CompletenessRow>();
  for (const r of rows) {
    byParticipant.set(r.participant_id, {
      id: r.id,
      participantId: r.participant_id,
      completeSince: r.complete_since,
      reason: r.reason,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
    });
  }
  return byParticipant;
}

export async function insertCompleteness(
  db: Db,
  row: { participantId: string; completeSince: string | null; reason: string; at: string; by: string },
): Promise<number> {
  const inserted = await db
    .insertInto('notification_completeness')
    .values({
      participant_id: row.participantId,
      complete_since: row.completeSince,
      reason: row.reason,
      recorded_at: row.at,
      recorded_by: row.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}
