// Reports to the Commission (/api/reports/…), typed from the server's own schemas (type-only imports: nothing
// of the server is bundled but the lists of its pure domain). Writes that may be retried carry the
// Idempotency-Key of their form submission; freezing does not (a retry after success is refused as frozen).
import type { z } from 'zod';
import type {
  ReportComparisonSchema,
  ReportDraftInputSchema,
  ReportFileSchema,
  ReportListSchema,
  ReportSaveSchema,
  ReportVersionListSchema,
  ReportViewSchema,
} from '../../src/reports/contract.ts';
import { getFresh, sendWith, withQuery } from './api.ts';

export { REPORT_FORMATS } from '../../src/reports/domain/document.ts';
export { REPORT_LOCALES } from '../../src/reports/domain/format.ts';
export { FORMATS as TEMPLATE_FORMATS } from '../../src/reports/domain/format.ts';
export { PARAGRAPH_SLOTS } from '../../src/reports/domain/input.ts';
export { FIGURES, REPORT_SECTIONS } from '../../src/reports/domain/figures.ts';
export { DEFAULT_PARAGRAPHS } from '../../src/reports/domain/default-paragraphs.ts';

export type ReportSummary = z.infer<typeof ReportListSchema>['reports'][number];
export type ReportView = z.infer<typeof ReportViewSchema>;
export type ReportDraft = ReportView['draft'];
export type ReportFile = z.infer<typeof ReportFileSchema>;
export type ReportFormat = ReportFile['format'];
export type ReportLocale = ReportFile['locale'];
export type ReportStatus = ReportSummary['status'];
export type ParagraphSlot = keyof ReportDraft['texts']['en']['paragraphs'];
export type ReportVersion = z.infer<typeof ReportVersionListSchema>['versions'][number];
export type ReportComparison = z.infer<typeof ReportComparisonSchema>;
export type NewReport = z.input<typeof ReportDraftInputSchema>;
export type ReportSave = z.input<typeof ReportSaveSchema>;

const one = (id: number) => `/api/reports/${id}`;

export const listReports = async (signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof ReportListSchema>>('/api/reports', signal)).reports;

export const getReport = (id: number, signal?: AbortSignal) => getFresh<ReportView>(one(id), signal);

export const listReportVersions = async (id: number, signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof ReportVersionListSchema>>(`${one(id)}/versions`, signal)).versions;

/** Two versions compared; `fromReport`: `fromVersion` is of that report (the frozen one a draft started from). */
export const compareReport = (
  id: number,
  versions: { fromVersion: number; toVersion: number; fromReport?: number | undefined },
  signal?: AbortSignal,
) =>
  getFresh<ReportComparison>(
    withQuery(`${one(id)}/compare`, {
      fromVersion: String(versions.fromVersion),
      toVersion: String(versions.toVersion),
      fromReport: versions.fromReport === undefined ? null : String(versions.fromReport),
    }),
    signal,
  );

/** A draft produced now as a file, marked DRAFT (the Secretariat's; opened in the browser). */
export const previewUrl = (id: number, format: ReportFormat, locale: ReportLocale, version: number) =>
  withQuery(`${one(id)}/preview.${format}`, { locale, version: String(version) });

/** A frozen report's file, exactly as stored when it was frozen. */
export const downloadUrl = (id: number, format: ReportFormat, locale: ReportLocale) =>
  withQuery(`${one(id)}/download.${format}`, { locale });

export const createReport = (input: NewReport, key: string) =>
  sendWith<ReportView>('POST', '/api/reports', { json: input, idempotencyKey: key });

export const saveReport = (id: number, input: ReportSave, key: string) =>
  sendWith<ReportView>('PUT', one(id), { json: input, idempotencyKey: key });

export const freezeReport = (id: number, version: number) =>
  sendWith<ReportView>('POST', `${one(id)}/freeze`, { json: { version } });

export const startNextReport = (id: number, key: string) =>
  sendWith<ReportView>('POST', `${one(id)}/next`, { idempotencyKey: key });
