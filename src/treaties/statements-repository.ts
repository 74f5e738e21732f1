// The only SQL of statements beyond the actions table: the index of statements made whose text is not
// recorded here (migration 018), and the ids of actions by import key (to link an objection to the
// reservation it answers). Functions take the database first; row types do not leave this file.
import type { Db } from '../db/schema.ts';

export interface StatementIndexEntry {
  id: number;
  instrumentId: string;
  participantId: string;
  /** How the list the entry comes from labels it ("reservation and/or declaration", …). */
  listedAs: string;
  date: string | null;
  source: string;
  notes: string | null;
}

export type NewStatementIndexEntry = Omit<StatementIndexEntry, 'id'> & {
  importKey: string;
  recordedAt: string;
  recordedBy: string;
};

export async function listStatementIndex(
  db: Db,
  filter: { instrumentId?: string; participantId?: string } = {},
): Promise<StatementIndexEntry[]> {
  let q = db.selectFrom('statement_index').selectAll();
  if (filter.instrumentId) q = q.where('instrument_id', '=', filter.instrumentId);
  if (filter.participantId) q = q.where('participant_id', '=', filter.participantId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    instrumentId: r.instrument_id,
    participantId: r.participant_id,
    listedAs: r.listed_as,
    date: r.date_text,
    source: r.source,
    notes: r.notes,
  }));
}

export async function statementIndexKeys(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('statement_index').select('import_key').execute();
  return new Set(rows.map((r) => r.import_key));
}

export async function insertStatementIndexEntry(db: Db, e: NewStatementIndexEntry): Promise<void> {
  await db
    .insertInto('statement_index')
    .values({
      instrument_id: e.instrumentId,
      participant_id: e.participantId,
      listed_as: e.listedAs,
      date_text: e.date,
      source: e.source,
      notes: e.notes,
      import_key: e.importKey,
      recorded_at: e.recordedAt,
      recorded_by: e.recordedBy,
    })
    .execute();
}

/** The id of the action recorded under each import key found (reference rows carry one). */
export async function actionIdsByImportKeys(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (keys.length === 0) return found;
  const rows = await db
    .selectFrom('actions')
    .select(['id', 'import_key'])
    .where('import_key', 'in', [...keys])
    .execute();
  for (const r of rows) if (r.import_key) found.set(r.import_key, r.id);
  return found;
}
