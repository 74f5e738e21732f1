// The reports' only SQL: report rows, their versions (append-only) and the files of frozen reports
// (append-only). Row types stay here; callers get records. The store refuses any change to a frozen report
// (migration 017), so a bug above cannot rewrite an issued report.
import type { Db } from '../db/schema.ts';

export type { Db };

export interface ReportRecord {
  id: number;
  status: 'draft' | 'frozen';
  headVersion: number;
  startedFrom: number | null;
  createdAt: string;
  createdBy: string;
  frozenAt: string | null;
  frozenBy: string | null;
  frozenVersion: number | null;
  fingerprint: string | null;
}

export interface VersionRecord {
  reportId: number;
  version: number;
  /** The draft as saved, JSON. */
  content: string;
  savedAt: string;
  savedBy: string;
}

export interface FileRecord {
  locale: string;
  format: string;
  sha256: string;
  size: number;
  fingerprint: string;
}

type ReportRow = {
  id: number;
  status: string;
  head_version: number;
  started_from: number | null;
  created_at: string;
  created_by: string;
  frozen_at: string | null;
  frozen_by: string | null;
  frozen_version: number | null;
  fingerprint: string | null;
};

const toReport = (r: ReportRow): ReportRecord => ({
  id: r.id,
  status: r.status === 'frozen' ? 'frozen' : 'draft',
  headVersion: r.head_version,
  startedFrom: r.started_from,
  createdAt: r.created_at,
  createdBy: r.created_by,
  frozenAt: r.frozen_at,
  frozenBy: r.frozen_by,
  frozenVersion: r.frozen_version,
  fingerprint: r.fingerprint,
});

export async function insertReport(
  db: Db,
  r: { startedFrom: number | null; at: string; by: string },
): Promise<number> {
  const row = await db
    .insertInto('reports')
    .values({
      status: 'draft',
      head_version: 1,
      started_from: r.startedFrom,
      created_at: r.at,
      created_by: r.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findReport(db: Db, id: number): Promise<ReportRecord | null> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toReport(row) : null;
}

/** The report, locked against other writers (PostgreSQL) until the transaction ends. */
export async function findReportForUpdate(
  db: Db,
  postgres: boolean,
  id: number,
): Promise<ReportRecord | null> {
  let q = db.selectFrom('reports').selectAll().where('id', '=', id);
  if (postgres) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toReport(row) : null;
}

export async function listReports(
  db: Db,
  filter: { status?: 'draft' | 'frozen' | undefined },
): Promise<Array<ReportRecord & { content: string; savedAt: string }>> {
  let q = db
    .selectFrom('reports as r')
    .innerJoin('report_versions as v', (j) =>
      // A frozen report's head is the version frozen: no version is saved after it.
      j.onRef('v.report_id', '=', 'r.id').onRef('v.version', '=', 'r.head_version'),
    )
    .selectAll('r')
    .select(['v.content', 'v.saved_at'])
    .orderBy('r.id', 'desc');
  if (filter.status) q = q.where('r.status', '=', filter.status);
  const rows = await q.execute();
  return rows.map((r) => ({ ...toReport(r), content: r.content, savedAt: r.saved_at }));
}

/** Adds a version; false when that version number exists already (another save came first). */
export async function insertVersion(db: Db, v: VersionRecord): Promise<boolean> {
  const row = await db
    .insertInto('report_versions')
    .values({
      report_id: v.reportId,
      version: v.version,
      content: v.content,
      saved_at: v.savedAt,
      saved_by: v.savedBy,
    })
    .onConflict((oc) => oc.columns(['report_id', 'version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves the report's latest version on, only from the version the save was based on. */
export async function advanceHead(db: Db, id: number, from: number, to: number): Promise<boolean> {
  const r = await db
    .updateTable('reports')
    .set({ head_version: to })
    .where('id', '=', id)
    .where('head_version', '=', from)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findVersion(db: Db, reportId: number, version: number): Promise<VersionRecord | null> {
  const row = await db
    .selectFrom('report_versions')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row
    ? {
        reportId: row.report_id,
        version: row.version,
        content: row.content,
        savedAt: row.saved_at,
        savedBy: row.saved_by,
      }
    : null;
}

export async function listVersions(
  db: Db,
  reportId: number,
): Promise<Array<Omit<VersionRecord, 'content' | 'reportId'>>> {
  const rows = await db
    .selectFrom('report_versions')
    .select(['version', 'saved_at', 'saved_by'])
    .where('report_id', '=', reportId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: r.version, savedAt: r.saved_at, savedBy: r.saved_by }));
}

/** The "as at" date of the latest report frozen with an earlier one: the previous report's. */
export async function previousFrozenAsAt(
  db: Db,
  asAt: string,
  exceptId: number | null,
): Promise<string | null> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('report_versions as v', (j) =>
      j.onRef('v.report_id', '=', 'r.id').onRef('v.version', '=', 'r.frozen_version'),
    )
    .select(['r.id', 'v.content'])
    .where('r.status', '=', 'frozen')
    .where('r.id', '!=', exceptId ?? 0)
    .execute();
  let best: string | null = null;
  for (const r of rows) {
    const at = (JSON.parse(r.content) as { asAt: string }).asAt;
    if (at < asAt && (best === null || at > best)) best = at;
  }
  return best;
}

export async function insertFile(
  db: Db,
  f: FileRecord & { reportId: number; bytes: Uint8Array; at: string; by: string },
): Promise<void> {
  await db
    .insertInto('report_files')
    .values({
      report_id: f.reportId,
      locale: f.locale,
      format: f.format,
      bytes: f.bytes,
      sha256: f.sha256,
      size: f.size,
      fingerprint: f.fingerprint,
      recorded_at: f.at,
      recorded_by: f.by,
    })
    .execute();
}

export async function markFrozen(
  db: Db,
  id: number,
  f: { version: number; fingerprint: string; at: string; by: string },
): Promise<boolean> {
  const r = await db
    .updateTable('reports')
    .set({
      status: 'frozen',
      frozen_version: f.version,
      fingerprint: f.fingerprint,
      frozen_at: f.at,
      frozen_by: f.by,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .where('head_version', '=', f.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listFiles(db: Db, reportId: number): Promise<FileRecord[]> {
  return db
    .selectFrom('report_files')
    .select(['locale', 'format', 'sha256', 'size', 'fingerprint'])
    .where('report_id', '=', reportId)
    .orderBy('locale')
    .orderBy('id')
    .execute();
}

export async function fileBytes(
  db: Db,
  reportId: number,
  locale: string,
  format: string,
): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('report_files')
    .select('bytes')
    .where('report_id', '=', reportId)
    .where('locale', '=', locale)
    .where('format', '=', format)
    .executeTakeFirst();
  return row?.bytes ?? null;
}
