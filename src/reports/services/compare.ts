// Two versions compared, field by field and line by line: two versions of one draft, or a new draft against
// the frozen report it was started from (a new draft shows what changed since).
import type { ReportComparison } from '../contract.ts';
import { compareDrafts } from '../domain/compare.ts';
import type { Db } from '../repository.ts';
import { versionDraft, visibleReport } from './drafts.ts';

export async function compareReportVersions(
  db: Db,
  id: number,
  query: { from: number; to: number; fromReport?: number | undefined },
): Promise<ReportComparison> {
  const fromReport = query.fromReport ?? id;
  await visibleReport(db, 'secretariat', id);
  if (fromReport !== id) await visibleReport(db, 'secretariat', fromReport);
  const a = await versionDraft(db, fromReport, query.from);
  const b = await versionDraft(db, id, query.to);
  return {
    from: { report: fromReport, version: query.from },
    to: { report: id, version: query.to },
    ...compareDrafts(a, b),
  };
}
