// Two versions compared, field by field and line by line: two versions of one draft, or a new draft against
// the frozen report it was started from (a new draft shows what changed since).
import type { ReportComparison } from '../contract.ts';
import { compareDrafts } from '../domain/compare.ts';
import type { Db } from '../repository.ts';
import { versionDraft, visibleReport } from './drafts.ts';

export async function compareReportVersions(
  db: Db,
  id: number,
  query: { fromVersion: number; toVersion: number; fromReport?: number | undefined },
): Promise<ReportComparison> {
  const fromReport = query.fromReport ?? id;
  await visibleReport(db, 'secretariat', id);
  if (fromReport !== id) await visibleReport(db, 'secretariat', fromReport);
  const a = await versionDraft(db, fromReport, query.fromVersion);
  const b = await versionDraft(db, id, query.toVersion);
  return {
    from: { report: fromReport, version: query.fromVersion },
    to: { report: id, version: query.toVersion },
    ...compareDrafts(a, b),
  };
}
