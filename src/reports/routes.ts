// HTTP routes of the report to the Commission as a record. Thin: validate (zod) → authorize (policy; drafts
// are the Secretariat's, services/drafts.ts answers 404 to anyone else) → run the use case → present. The
// files are produced by the producer the server was given (AppOptions.reportProducer); without one, previews
// and freezing answer 503.
import type { FastifyReply, FastifyRequest, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParamSchema, ProblemSchema } from '../common/contract.ts';
import { optionalWriteHeaders, sendWrite } from '../http/idempotent.ts';
import {
  problemResponses,
  registerRoutes,
  route,
  type FeatureRouteDeps,
  type RouteDeclaration,
} from '../http/routing.ts';
import {
  ReportComparisonSchema,
  ReportCompareQuerySchema,
  ReportDraftInputSchema,
  ReportFileQuerySchema,
  ReportFormatSchema,
  ReportFreezeSchema,
  ReportListQuerySchema,
  ReportListSchema,
  ReportPreviewQuerySchema,
  ReportSaveSchema,
  ReportVersionListSchema,
  ReportViewSchema,
} from './contract.ts';
import { MEDIA_TYPES, type ReportFormat } from './domain/document.ts';
import type { ReportLocale } from './domain/format.ts';
import { compareReportVersions } from './services/compare.ts';
import {
  createReport,
  reportList,
  reportVersions,
  reportView,
  reportViewerOf,
  saveReport,
  startNextReport,
} from './services/drafts.ts';
import { fileName, freezeReport, frozenFile, previewReport } from './services/files.ts';
import type { ReportProducer } from './services/producer.ts';

const errors = { ...problemResponses, 503: ProblemSchema };
const IdParams = z.strictObject({ id: IdParamSchema });
const FileParams = z.strictObject({ id: IdParamSchema, format: ReportFormatSchema });

export interface ReportRouteDeps extends FeatureRouteDeps {
  /** Produces a report's files (src/reports/services/producer.ts); absent: previews and freezing answer 503. */
  producer?: ReportProducer | undefined;
}

export async function reportRoutes(app: FastifyInstance, deps: ReportRouteDeps): Promise<void> {
  registerRoutes(app, reportRouteTable(deps));
}

function sendFile(
  reply: FastifyReply,
  bytes: Uint8Array,
  format: ReportFormat,
  name: string,
  disposition: 'attachment' | 'inline',
): FastifyReply {
  return reply
    .type(MEDIA_TYPES[format])
    .header('content-disposition', `${disposition}; filename="${name}"`)
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

function reportRouteTable(deps: ReportRouteDeps): RouteDeclaration[] {
  const tags = ['Reports'];
  const fileBytes = z.any().meta({ description: 'the file (HTML, DOCX, PDF or XLSX)' });
  const viewer = (request: FastifyRequest) => reportViewerOf(request.principal);
  const view = (request: FastifyRequest, id: number) =>
    reportView(deps.context(request).store.db, 'secretariat', id);

  return [
    route({
      method: 'GET',
      url: '/api/reports',
      operationId: 'listReports',
      policy: 'reports.read',
      schema: {
        tags,
        summary: 'Reports to the Commission, newest first',
        description: 'The public sees frozen reports only; the Secretariat also sees drafts.',
        querystring: ReportListQuerySchema,
        response: { 200: ReportListSchema, ...errors },
      },
      handler: async (request) => reportList(deps.context(request).store.db, viewer(request), request.query),
    }),

    route({
      method: 'POST',
      url: '/api/reports',
      operationId: 'startReport',
      policy: 'reports.manage',
      schema: {
        tags,
        summary: 'Start a report: its first draft version',
        description:
          'Every paragraph is checked against the figure catalogue: an unknown placeholder is 422 at ' +
          '`texts.<locale>.paragraphs.<slot>` with its line and column. The period, when left out, runs from the ' +
          'previous frozen report’s "as at" date (the Convention’s adoption, 2000-11-15, for the first) to the ' +
          '"as at" date.',
        headers: optionalWriteHeaders,
        body: ReportDraftInputSchema,
        response: { 201: ReportViewSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await createReport(ctx, db, request.body);
          return { status: 201, body: await reportView(db, 'secretariat', id) };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/reports/:id',
      operationId: 'getReport',
      policy: 'reports.read',
      schema: {
        tags,
        summary: 'One report: its latest version (or the version frozen) and, when frozen, its files',
        description: 'A draft is 404 to anyone but the Secretariat.',
        params: IdParams,
        response: { 200: ReportViewSchema, ...errors },
      },
      handler: async (request) =>
        reportView(deps.context(request).store.db, viewer(request), request.params.id),
    }),

    route({
      method: 'PUT',
      url: '/api/reports/:id',
      operationId: 'saveReportDraft',
      policy: 'reports.manage',
      schema: {
        tags,
        summary: 'Save a new version of a draft, made from `baseVersion`',
        description:
          'Refused with 409 at `baseVersion` when another version was saved since (the answer says who saved ' +
          'which version when; nothing is overwritten), and with 409 when the report is frozen.',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: ReportSaveSchema,
        response: { 200: ReportViewSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await saveReport(ctx, db, request.params.id, request.body);
          return { status: 200, body: await reportView(db, 'secretariat', request.params.id) };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/reports/:id/versions',
      operationId: 'listReportVersions',
      policy: 'reports.manage',
      schema: {
        tags,
        summary: 'Every version of a report, oldest first: who saved it, when',
        params: IdParams,
        response: { 200: ReportVersionListSchema, ...errors },
      },
      handler: async (request) => reportVersions(deps.context(request).store.db, request.params.id),
    }),

    route({
      method: 'GET',
      url: '/api/reports/:id/compare',
      operationId: 'compareReportVersions',
      policy: 'reports.manage',
      schema: {
        tags,
        summary: 'What changed between two versions: fields, and texts line by line',
        description:
          '`fromVersion` and `toVersion` are versions of this report; with `fromReport`, `fromVersion` is a version of that report ' +
          '(the frozen report a new draft started from).',
        params: IdParams,
        querystring: ReportCompareQuerySchema,
        response: { 200: ReportComparisonSchema, ...errors },
      },
      handler: async (request) =>
        compareReportVersions(deps.context(request).store.db, request.params.id, request.query),
    }),

    route({
      method: 'GET',
      url: '/api/reports/:id/preview.:format',
      operationId: 'previewReport',
      policy: 'reports.manage',
      schema: {
        tags,
        summary: 'A draft as a file, produced now and marked DRAFT (not stored)',
        description: '503 when the server has no report producer.',
        params: FileParams,
        querystring: ReportPreviewQuerySchema,
        response: { 200: fileBytes, ...errors },
      },
      handler: async (request, reply) => {
        const { id, format } = request.params;
        const locale: ReportLocale = request.query.locale;
        const bytes = await previewReport(deps.context(request), deps.producer, id, {
          locale,
          format,
          version: request.query.version,
        });
        reply.header('cache-control', 'no-store');
        return sendFile(reply, bytes, format, `report-${id}-draft-${locale}.${format}`, 'inline');
      },
    }),

    route({
      method: 'POST',
      url: '/api/reports/:id/freeze',
      operationId: 'freezeReport',
      policy: 'reports.manage',
      schema: {
        tags,
        summary: 'Freeze a report: every format in both languages stored with the data fingerprint',
        description:
          '`version` must be the latest (409 otherwise). Refused with 422 when the data is illustrative, 409 ' +
          'when already frozen, 503 without a report producer. A retry after success answers 409 (frozen).',
        params: IdParams,
        body: ReportFreezeSchema,
        response: { 200: ReportViewSchema, ...errors },
      },
      handler: async (request) => {
        await freezeReport(deps.context(request), deps.producer, request.params.id, request.body.version);
        return view(request, request.params.id);
      },
    }),

    route({
      method: 'POST',
      url: '/api/reports/:id/next',
      operationId: 'startNextReport',
      policy: 'reports.manage',
      schema: {
        tags,
        summary: 'Start the draft for the next session from a frozen report',
        description:
          'Its text and resources, the session number plus one, no symbol, as at today, the period from the ' +
          'frozen report’s "as at" date. Compare it with `fromReport`.',
        params: IdParams,
        headers: optionalWriteHeaders,
        response: { 201: ReportViewSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await startNextReport(ctx, db, request.params.id);
          return { status: 201, body: await reportView(db, 'secretariat', id) };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/reports/:id/download.:format',
      operationId: 'downloadReport',
      policy: 'reports.read',
      schema: {
        tags,
        summary: 'A frozen report’s file, exactly as stored when it was frozen',
        description:
          'Named after the symbol (E_CN.15_2005_8-en.pdf). A draft has no files (404 to the public).',
        params: FileParams,
        querystring: ReportFileQuerySchema,
        response: { 200: fileBytes, ...errors },
      },
      handler: async (request, reply) => {
        const { id, format } = request.params;
        const locale: ReportLocale = request.query.locale;
        const file = await frozenFile(deps.context(request).store.db, viewer(request), id, locale, format);
        return sendFile(reply, file.bytes, format, fileName(id, file.symbol, locale, format), 'attachment');
      },
    }),
  ];
}
