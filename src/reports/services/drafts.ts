// Reports as records: start a draft (or the next one from a frozen report), save a new version of it — based
// on the version the writer read, so that two people saving at once never overwrite each other — and read
// them as the viewer may: the Secretariat every report, everyone else frozen reports only (a draft is 404).
import { createHash } from 'node:crypto';
import { actorLabel, actorNames } from '../../audit/actors.ts';
import { audit } from '../../audit/audit-log.ts';
import { SECRETARIAT_ROLES, type Principal } from '../../auth/domain/policy.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { listCurrencies } from '../../funds/services/lookups.ts';
import { listInstruments } from '../../treaties/services/lookups.ts';
import type { ReportDraftInput, ReportSave, ReportSummary, ReportView } from '../contract.ts';
import { MEDIA_TYPES, type ReportFormat } from '../domain/document.ts';
import { checkDraft, defaultPeriod, type DraftRules, type ReportDraft } from '../domain/draft.ts';
import { FIGURES } from '../domain/figures.ts';
import type { ReportLocale } from '../domain/format.ts';
import {
  advanceHead,
  findReport,
  findReportForUpdate,
  findVersion,
  insertReport,
  insertVersion,
  listFiles,
  listReports,
  listVersions,
  previousFrozenAsAt,
  type Db,
  type ReportRecord,
} from '../repository.ts';

export type ReportViewer = 'secretariat' | 'public';

/** The command line (no principal) and Secretariat accounts see drafts; everyone else frozen reports only. */
export function reportViewerOf(principal: Principal | null | undefined): ReportViewer {
  return principal === undefined || (principal !== null && SECRETARIAT_ROLES.includes(principal.role))
    ? 'secretariat'
    : 'public';
}

/** What a draft is checked against: today, the figure catalogue, the registry's instruments, the currencies. */
export async function draftRules(db: Db, today: string): Promise<DraftRules> {
  const instruments = await listInstruments(db);
  const currencies = await listCurrencies(db);
  return {
    today,
    catalogue: { figures: FIGURES, instrumentIds: instruments.map((i) => i.id) },
    currencyDecimals: new Map(currencies.map((c) => [c.code, c.minorUnits])),
  };
}

/** The draft as it will be stored: the period filled in where it was left out, then every rule checked. */
async function checkedDraft(
  ctx: ServiceContext,
  db: Db,
  input: ReportDraftInput,
  reportId: number | null,
): Promise<ReportDraft> {
  const { period, ...rest } = input;
  const previous = period?.from ? null : await previousFrozenAsAt(db, input.asAt, reportId);
  const draft: ReportDraft = { ...rest, period: defaultPeriod(input.asAt, previous, period) };
  const issues = checkDraft(draft, await draftRules(db, ctx.clock.today()));
  if (issues.length > 0) {
    const first = issues[0] as (typeof issues)[number];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new DomainError('validation', `${first.field}: ${first.message}${more}`, {
      field: first.field,
      issues,
    });
  }
  return draft;
}

const digest = (content: string): string => createHash('sha256').update(content).digest('hex');

async function writeVersion(
  ctx: ServiceContext,
  db: Db,
  reportId: number,
  version: number,
  draft: ReportDraft,
): Promise<boolean> {
  const content = JSON.stringify(draft);
  const saved = await insertVersion(db, {
    reportId,
    version,
    content,
    savedAt: ctx.clock.now(),
    savedBy: ctx.actor,
  });
  if (saved) {
    await audit(ctx, db, {
      action: version === 1 ? 'report.create' : 'report.save',
      entity: 'report',
      entityId: reportId,
      after: { version, asAt: draft.asAt, symbol: draft.symbol, contentSha256: digest(content) },
    });
  }
  return saved;
}

/** Starts a report: its first version. */
export async function createReport(ctx: ServiceContext, db: Db, input: ReportDraftInput): Promise<number> {
  const draft = await checkedDraft(ctx, db, input, null);
  const id = await insertReport(db, { startedFrom: null, at: ctx.clock.now(), by: ctx.actor });
  await writeVersion(ctx, db, id, 1, draft);
  return id;
}

/**
 * Starts the draft for the next session from a frozen report: its text and resources, the session's number
 * plus one, no symbol yet, as at today, and the period from the frozen report's "as at" date.
 */
export async function startNextReport(ctx: ServiceContext, db: Db, fromId: number): Promise<number> {
  const from = await visibleReport(db, 'secretariat', fromId);
  if (from.status !== 'frozen') {
    throw new DomainError('conflict', `report ${fromId} is a draft: a next report starts from a frozen one`, {
      field: 'id',
    });
  }
  const frozen = await versionDraft(db, fromId, from.frozenVersion ?? from.headVersion);
  const today = ctx.clock.today();
  const draft: ReportDraft = {
    ...frozen,
    symbol: null,
    date: today,
    asAt: today,
    // The day after the frozen report's date: a period counts its first and last days (draft.ts).
    period: defaultPeriod(today, frozen.asAt),
    session: { ...frozen.session, number: Math.min(999, frozen.session.number + 1) },
  };
  const id = await insertReport(db, { startedFrom: fromId, at: ctx.clock.now(), by: ctx.actor });
  await writeVersion(ctx, db, id, 1, draft);
  return id;
}

/** The report to change, locked until the transaction ends, or 404. */
export async function reportForUpdate(ctx: ServiceContext, db: Db, id: number): Promise<ReportRecord> {
  const report = await findReportForUpdate(db, ctx.store.dialect === 'postgres', id);
  if (!report) throw notFound('report', String(id));
  return report;
}

/** 409 at `field` when the report is frozen: an issued report is never edited. */
export function refuseFrozen(report: ReportRecord, field: string, what: string): void {
  if (report.status === 'frozen') {
    throw new DomainError(
      'conflict',
      `report ${report.id} was frozen on ${report.frozenAt?.slice(0, 10)} (version ${report.frozenVersion}) and ${what}; start the next report from it instead`,
      { field },
    );
  }
}

/** Who saved the version that came first, for the writer whose save lost the race. */
async function staleRefusal(db: Db, report: ReportRecord, base: number): Promise<DomainError> {
  const head = await findVersion(db, report.id, report.headVersion);
  const names = await actorNames(db, head ? [head.savedBy] : []);
  const who = head ? actorLabel(head.savedBy, names) : 'someone';
  return new DomainError(
    'conflict',
    `version ${report.headVersion} was saved by ${who} at ${head?.savedAt ?? 'an unknown time'}, after version ${base} you edited: nothing was overwritten; compare the versions, then save on version ${report.headVersion}`,
    { field: 'baseVersion' },
  );
}

/** Saves a new version of a draft, made from `baseVersion`: refused if another version came first. */
export async function saveReport(
  ctx: ServiceContext,
  db: Db,
  id: number,
  input: ReportSave,
): Promise<number> {
  const report = await reportForUpdate(ctx, db, id);
  refuseFrozen(report, 'baseVersion', 'cannot be edited');
  const { baseVersion, ...draftInput } = input;
  if (baseVersion > report.headVersion) {
    throw new DomainError('validation', `report ${id} has no version ${baseVersion}`, {
      field: 'baseVersion',
    });
  }
  if (baseVersion !== report.headVersion) throw await staleRefusal(db, report, baseVersion);
  const draft = await checkedDraft(ctx, db, draftInput, id);
  const version = baseVersion + 1;
  // The unique (report, version) and the guarded head are the last word when two saves meet (SQLite).
  if (
    !(await writeVersion(ctx, db, id, version, draft)) ||
    !(await advanceHead(db, id, baseVersion, version))
  )
    throw await staleRefusal(db, (await findReport(db, id)) ?? report, baseVersion);
  return version;
}

/** The report, or 404 when it does not exist or is a draft the viewer may not see. */
export async function visibleReport(db: Db, viewer: ReportViewer, id: number): Promise<ReportRecord> {
  const report = await findReport(db, id);
  if (!report || (viewer !== 'secretariat' && report.status !== 'frozen'))
    throw notFound('report', String(id));
  return report;
}

export async function versionDraft(db: Db, reportId: number, version: number): Promise<ReportDraft> {
  const v = await findVersion(db, reportId, version);
  if (!v) throw notFound('version', `${reportId}/${version}`, 'version');
  return JSON.parse(v.content) as ReportDraft;
}

/** Where a frozen report's file is downloaded from. */
export const fileUrl = (id: number, locale: ReportLocale, format: ReportFormat): string =>
  `/api/reports/${id}/download.${format}?locale=${locale}`;

function summaryOf(r: ReportRecord, draft: ReportDraft, savedAt: string): ReportSummary {
  return {
    id: r.id,
    status: r.status,
    symbol: draft.symbol,
    asAt: draft.asAt,
    session: draft.session.number,
    version: r.headVersion,
    updatedAt: savedAt,
    frozenAt: r.frozenAt,
  };
}

export async function reportView(db: Db, viewer: ReportViewer, id: number): Promise<ReportView> {
  const r = await visibleReport(db, viewer, id);
  const v = await findVersion(db, id, r.headVersion);
  if (!v) throw notFound('version', `${id}/${r.headVersion}`);
  const draft = JSON.parse(v.content) as ReportDraft;
  const names = viewer === 'secretariat' ? await actorNames(db, [v.savedBy, r.frozenBy ?? '']) : null;
  const label = (actor: string) => (names ? actorLabel(actor, names) : 'Secretariat');
  const files = r.status === 'frozen' ? await listFiles(db, id) : [];
  return {
    ...summaryOf(r, draft, v.savedAt),
    draft: { ...draft, resources: [...draft.resources] },
    savedAt: v.savedAt,
    savedBy: label(v.savedBy),
    startedFrom: r.startedFrom,
    frozen:
      r.status === 'frozen'
        ? {
            at: r.frozenAt ?? '',
            by: label(r.frozenBy ?? ''),
            version: r.frozenVersion ?? r.headVersion,
            fingerprint: r.fingerprint ?? '',
            files: files.map((f) => ({
              locale: f.locale as ReportLocale,
              format: f.format as ReportFormat,
              mediaType: MEDIA_TYPES[f.format as ReportFormat],
              size: f.size,
              sha256: f.sha256,
              url: fileUrl(id, f.locale as ReportLocale, f.format as ReportFormat),
            })),
          }
        : null,
  };
}

export async function reportList(
  db: Db,
  viewer: ReportViewer,
  query: { status?: 'draft' | 'frozen' | undefined },
): Promise<{ reports: ReportSummary[] }> {
  if (viewer !== 'secretariat' && query.status === 'draft') return { reports: [] };
  const rows = await listReports(db, { status: viewer === 'secretariat' ? query.status : 'frozen' });
  return { reports: rows.map((r) => summaryOf(r, JSON.parse(r.content) as ReportDraft, r.savedAt)) };
}

export async function reportVersions(
  db: Db,
  id: number,
): Promise<{ versions: Array<{ version: number; savedAt: string; savedBy: string }> }> {
  await visibleReport(db, 'secretariat', id);
  const rows = await listVersions(db, id);
  const names = await actorNames(
    db,
    rows.map((r) => r.savedBy),
  );
  return { versions: rows.map((r) => ({ ...r, savedBy: actorLabel(r.savedBy, names) })) };
}
