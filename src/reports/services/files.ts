// The files of a report: a preview of a draft (produced on request, marked DRAFT, never stored), freezing
// (every format in both languages produced once, stored with the data fingerprint, the report then
// immutable), and the download of a frozen report's file — the stored bytes exactly, never produced again.
import { createHash } from 'node:crypto';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { REPORT_FORMATS, type ReportFormat } from '../domain/document.ts';
import { reportInputOf, type ReportDraft } from '../domain/draft.ts';
import { REPORT_LOCALES, type ReportLocale } from '../domain/format.ts';
import { fileBytes, insertFile, markFrozen, type Db } from '../repository.ts';
import {
  draftRules,
  refuseFrozen,
  reportForUpdate,
  versionDraft,
  visibleReport,
  type ReportViewer,
} from './drafts.ts';
import { producedFile, requireProducer, type ReportProducer } from './producer.ts';

async function inputOf(ctx: ServiceContext, db: Db, draft: ReportDraft, locale: ReportLocale) {
  const rules = await draftRules(db, ctx.clock.today());
  return reportInputOf(draft, locale, rules.currencyDecimals);
}

/** One format of a draft (its latest version, or `version`), produced now and marked as a draft. */
export async function previewReport(
  ctx: ServiceContext,
  producer: ReportProducer | undefined,
  id: number,
  options: { locale: ReportLocale; format: ReportFormat; version?: number | undefined },
): Promise<Buffer> {
  const db = ctx.store.db;
  const report = await visibleReport(db, 'secretariat', id);
  const draft = await versionDraft(db, id, options.version ?? report.headVersion);
  const produce = requireProducer(producer);
  const produced = await produce(await inputOf(ctx, db, draft, options.locale), {
    draft: true,
    formats: [options.format],
    context: ctx,
  });
  return producedFile(produced, options.format);
}

interface FrozenFile {
  locale: ReportLocale;
  format: ReportFormat;
  bytes: Buffer;
}

/**
 * Produces every file of `version` for freezing, outside any transaction (producing takes time; writers
 * should not wait on it). Refused when the data is illustrative, or changed between the languages.
 */
async function produceAll(
  ctx: ServiceContext,
  produce: ReportProducer,
  draft: ReportDraft,
): Promise<{ files: FrozenFile[]; fingerprint: string }> {
  const files: FrozenFile[] = [];
  const fingerprints = new Set<string>();
  for (const locale of REPORT_LOCALES) {
    const produced = await produce(await inputOf(ctx, ctx.store.db, draft, locale), {
      draft: false,
      formats: REPORT_FORMATS,
      context: ctx,
    });
    if (produced.illustrative) {
      throw new DomainError(
        'validation',
        'the report is drawn from the illustrative data: only the real dataset enters a report, so it cannot be frozen',
        { field: 'version' },
      );
    }
    fingerprints.add(produced.fingerprint);
    for (const format of REPORT_FORMATS)
      files.push({ locale, format, bytes: producedFile(produced, format) });
  }
  if (fingerprints.size !== 1) {
    throw new DomainError('conflict', 'the records changed while the report was produced: freeze it again', {
      field: 'version',
    });
  }
  return { files, fingerprint: [...fingerprints][0] as string };
}

/** Freezes `version` (the latest): every file stored with the fingerprint, the report immutable after. */
export async function freezeReport(
  ctx: ServiceContext,
  producer: ReportProducer | undefined,
  id: number,
  version: number,
): Promise<void> {
  const before = await visibleReport(ctx.store.db, 'secretariat', id);
  refuseFrozen(before, 'version', 'cannot be frozen again');
  const produce = requireProducer(producer);
  const stale = () =>
    new DomainError(
      'conflict',
      `version ${version} is not the latest version of report ${id}: read the latest and freeze that`,
      { field: 'version' },
    );
  if (before.headVersion !== version) throw stale();
  const { files, fingerprint } = await produceAll(
    ctx,
    produce,
    await versionDraft(ctx.store.db, id, version),
  );
  await ctx.store.db.transaction().execute(async (db) => {
    const report = await reportForUpdate(ctx, db, id);
    refuseFrozen(report, 'version', 'cannot be frozen again');
    if (report.headVersion !== version) throw stale();
    const at = ctx.clock.now();
    for (const f of files) {
      await insertFile(db, {
        reportId: id,
        locale: f.locale,
        format: f.format,
        bytes: f.bytes,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        size: f.bytes.length,
        fingerprint,
        at,
        by: ctx.actor,
      });
    }
    if (!(await markFrozen(db, id, { version, fingerprint, at, by: ctx.actor }))) throw stale();
    await audit(ctx, db, {
      action: 'report.freeze',
      entity: 'report',
      entityId: id,
      after: { version, fingerprint, files: files.length },
    });
  });
}

/** A frozen report's file as stored when it was frozen. */
export async function frozenFile(
  db: Db,
  viewer: ReportViewer,
  id: number,
  locale: ReportLocale,
  format: ReportFormat,
): Promise<{ bytes: Uint8Array; symbol: string | null }> {
  const report = await visibleReport(db, viewer, id);
  if (report.status !== 'frozen') {
    throw new DomainError(
      'conflict',
      `report ${id} is a draft: it has no files until it is frozen (preview it)`,
      {
        field: 'id',
      },
    );
  }
  const bytes = await fileBytes(db, id, locale, format);
  if (!bytes) throw notFound('file', `${id}/${locale}.${format}`);
  const draft = await versionDraft(db, id, report.frozenVersion ?? report.headVersion);
  return { bytes, symbol: draft.symbol };
}

/** A file name from the symbol (E/CN.15/2005/8 → E_CN.15_2005_8-en.pdf), or from the report's number. */
export function fileName(
  id: number,
  symbol: string | null,
  locale: ReportLocale,
  format: ReportFormat,
): string {
  const base = symbol ? symbol.replaceAll('/', '_') : `report-${id}`;
  return `${base.replace(/[^A-Za-z0-9._-]/g, '_')}-${locale}.${format}`;
}
