// The only SQL of reference-data updates: which updates this database has applied, and the claim that makes
// each one run exactly once (migration 012).
import type { Db } from '../db/schema.ts';

export interface AppliedReferenceUpdate {
  id: string;
  title: string;
  appliedAt: string;
  appliedBy: string;
  summary: unknown;
}

export async function listAppliedReferenceUpdates(db: Db): Promise<AppliedReferenceUpdate[]> {
  const rows = await db.selectFrom('reference_updates').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    appliedAt: r.applied_at,
    appliedBy: r.applied_by,
    summary: r.summary_json === null ? null : (JSON.parse(r.summary_json) as unknown),
  }));
}

/**
 * Claims an update for this transaction: true when this transaction is the one applying it, false when it
 * was applied before (or by another process that committed first). It is the transaction's first write, so
 * on SQLite it takes the write lock before anything is read, and on PostgreSQL a second claimant waits on the
 * primary key until the first commits, then finds the row.
 */
export async function claimReferenceUpdate(
  db: Db,
  update: { id: string; title: string; appliedAt: string; appliedBy: string },
): Promise<boolean> {
  const result = await db
    .insertInto('reference_updates')
    .values({
      id: update.id,
      title: update.title,
      applied_at: update.appliedAt,
      applied_by: update.appliedBy,
      summary_json: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function recordReferenceUpdateSummary(db: Db, id: string, summaryJson: string): Promise<void> {
  await db.updateTable('reference_updates').set({ summary_json: summaryJson }).where('id', '=', id).execute();
}
