// HTTP routes of the treaty registry. Thin: validate (zod) → authorize → call a use case → present.
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../auth/http.ts';
import type { ServiceContext } from '../context.ts';
import { checkRecorder } from './domain/recorders.ts';
import { IMPORT_MAX_BYTES } from '../common/csv-import.ts';
import { DomainError } from '../common/errors.ts';
import { IdParamSchema, IsoDateSchema, problemResponses } from '../common/contract.ts';
import {
  decodeCursor,
  NextLinkSchema,
  nextLink,
  pageOf,
  pageQueryShape,
  withNextLink,
} from '../common/paging.ts';
import {
  ActionEffectSchema,
  ActionRecordSchema,
  AsOfQuerySchema,
  CorrectActionSchema,
  CountryViewSchema,
  DefineInstrumentSchema,
  DifferenceQuerySchema,
  DifferenceSchema,
  InstrumentIdSchema,
  InstrumentSchema,
  InstrumentStatusSchema,
  ParticipantIdSchema,
  ParticipantSchema,
  RecordActionSchema,
} from './contract.ts';
import { acceptsGzip } from '../http/compress.ts';
import { cacheable } from './http-cache.ts';
import { memo } from './registry-state.ts';
import { listActionRecords } from './repository.ts';
import { actionRecords, presentAction } from './services/action-records.ts';
import { correctAction } from './services/correct-action.ts';
import { defineInstrument } from './services/define-instrument.ts';
import { statusCsv } from './services/export-status.ts';
import { importActionCsv, importParticipantTable } from './services/import-csv.ts';
import {
  getCountryView,
  getDifference,
  getInstrumentView,
  getParticipation,
  getStatus,
  statusFrom,
  checkAsOf,
  listInstrumentViews,
  presentParticipant,
} from './services/queries.ts';
import { optionalWriteHeaders, sendAnswer } from '../http/idempotent.ts';
import { registerRoutes, route, type RouteDeclaration } from '../http/routing.ts';
import { recordAction, recordActionOnce } from './services/record-action.ts';
import { statementRoutes } from './statement-routes.ts';
import { viewRoutes } from './view-routes.ts';

export interface RouteDeps {
  context: (request: FastifyRequest) => ServiceContext;
  /** Requests per minute and client on expensive endpoints (imports, whole-registry exports); false: no limit. */
  expensivePerMinute: number | false;
}

const errors = problemResponses;
const InstrumentParams = z.strictObject({ instrumentId: InstrumentIdSchema });

/** A page of recorded actions by id (src/common/paging.ts), with its next link in the body and the header. */
async function actionPage(
  ctx: ServiceContext,
  url: string,
  reply: FastifyReply,
  { limit, cursor }: { limit: number; cursor?: string | undefined },
  filter: { instrumentId?: string; participantId?: string },
) {
  const afterId = decodeCursor(cursor, ['int'] as const)?.[0];
  const rows = await actionRecords(ctx, ctx.store.db, {
    ...filter,
    ...(afterId !== undefined ? { afterId } : {}),
    limit: limit + 1,
  });
  const page = pageOf(rows, limit, (a) => [a.id]);
  return { actions: page.items, next: withNextLink(reply, nextLink(url, limit, page.cursor)) };
}
const ParticipantParams = z.strictObject({ participantId: ParticipantIdSchema });
const ActionParams = z.strictObject({ actionId: IdParamSchema });

const ImportResultSchema = z.object({ rows: z.number(), recorded: z.number(), alreadyPresent: z.number() });

/** Who may record what: the policy table's owner check, then the kinds a role records (domain/recorders.ts). */
function mayRecord(request: FastifyRequest, participantId: string, kind: string): void {
  authorize(request, 'registry.record', { state: participantId });
  checkRecorder(request.principal?.role, kind);
}

export async function treatyRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerRoutes(app, treatyRouteTable(deps));
  await viewRoutes(app, deps, errors);
  await statementRoutes(app, deps);
}

function treatyRouteTable(deps: RouteDeps): RouteDeclaration[] {
  const tags = ['Treaty registry'];
  const expensive =
    deps.expensivePerMinute === false
      ? {}
      : { rateLimit: { max: deps.expensivePerMinute, timeWindow: 60_000 } };

  return [
    route({
      method: 'GET',
      url: '/api/instruments',
      operationId: 'listInstruments',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Instruments with their final-clause parameters and entry into force',
        response: { 200: z.object({ instruments: z.array(InstrumentSchema) }) },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const snapshot = await ctx.registry.snapshot();
        if (cacheable(request, reply, `"i-${snapshot.version}"`)) return reply;
        return { instruments: await listInstrumentViews(ctx) };
      },
    }),

    route({
      method: 'POST',
      url: '/api/instruments',
      operationId: 'defineInstrument',
      policy: 'instrument.define',
      schema: {
        tags,
        summary: 'Define a new instrument (e.g. a treaty with N instruments + D days)',
        body: DefineInstrumentSchema,
        response: { 201: InstrumentSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        await defineInstrument(ctx, request.body);
        return reply.code(201).send(await getInstrumentView(ctx, request.body.id));
      },
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId',
      operationId: 'getInstrument',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'One instrument',
        params: InstrumentParams,
        response: { 200: InstrumentSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const snapshot = await ctx.registry.snapshot();
        const view = await getInstrumentView(ctx, request.params.instrumentId);
        if (cacheable(request, reply, `"i-${snapshot.version}-${view.id}"`)) return reply;
        return view;
      },
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/status',
      operationId: 'getInstrumentStatus',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Status as at a date: counts, entry into force, every participant',
        description:
          'asOf defaults to today. The answer is computed from recorded actions; every date carries its explanation.',
        params: InstrumentParams,
        querystring: AsOfQuerySchema,
        response: { 200: InstrumentStatusSchema, ...errors },
      },
      handler: (request, reply) => {
        const ctx = deps.context(request);
        const id = request.params.instrumentId;
        const asOf = request.query.asOf;
        const fresh = ctx.registry.current();
        // A fresh snapshot answers at once; otherwise the registry is checked (or built) first.
        if (fresh) {
          if (asOf !== undefined) checkAsOf(ctx, asOf);
          const date = asOf ?? ctx.clock.today();
          // One lookup for the answer as sent; the status itself is computed (or found) only the first time.
          const bytes = memo(fresh, `status-bytes:${id}:${date}`, () =>
            statusBytes(id, statusFrom(ctx, fresh, id, date)),
          );
          sendStatus(request, reply, bytes);
          return;
        }
        // Callback style (nothing returned): the answer, or the error, is sent when the snapshot is ready.
        getStatus(ctx, id, asOf).then(
          (answer) =>
            sendStatus(
              request,
              reply,
              memo(answer.snapshot, `status-bytes:${id}:${answer.asOf}`, () => statusBytes(id, answer)),
            ),
          (err: Error) => reply.send(err as never),
        );
      },
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/status.csv',
      operationId: 'exportInstrumentStatusCsv',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Status as at a date, as CSV',
        params: InstrumentParams,
        querystring: AsOfQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string().meta({ description: 'CSV, one row per participant' }), ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const { version, asOf, status } = await getStatus(
          ctx,
          request.params.instrumentId,
          request.query.asOf,
        );
        if (cacheable(request, reply, `"c-${version}-${request.params.instrumentId}-${asOf}"`)) return reply;
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="${request.params.instrumentId}-status-${asOf}.csv"`,
          )
          .send(statusCsv([status]));
      },
    }),

    route({
      method: 'GET',
      url: '/api/status.csv',
      operationId: 'exportStatusCsv',
      policy: 'registry.read',
      ...expensive,
      schema: {
        tags,
        summary: 'Status of every instrument as at a date, as one CSV',
        querystring: AsOfQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string().meta({ description: 'CSV, one row per participant' }), ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const snapshot = await ctx.registry.snapshot();
        const statuses = [];
        for (const i of snapshot.instruments)
          statuses.push((await getStatus(ctx, i.id, request.query.asOf)).status);
        const asOf = request.query.asOf ?? ctx.clock.today();
        if (cacheable(request, reply, `"c-${snapshot.version}-all-${asOf}"`)) return reply;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="status-${asOf}.csv"`)
          .send(statusCsv(statuses));
      },
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/changes',
      operationId: 'getInstrumentChanges',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'What changed between two dates',
        params: InstrumentParams,
        querystring: DifferenceQuerySchema,
        response: { 200: DifferenceSchema, ...errors },
      },
      handler: async (request) =>
        getDifference(
          deps.context(request),
          request.params.instrumentId,
          request.query.from,
          request.query.to,
        ),
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/participants/:participantId',
      operationId: 'getParticipation',
      policy: 'registry.read',
      schema: {
        tags,
        summary:
          "One participant's status on one instrument, every date with its explanation, and its history",
        params: z.strictObject({ instrumentId: InstrumentIdSchema, participantId: ParticipantIdSchema }),
        querystring: AsOfQuerySchema,
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
      handler: async (request) =>
        getParticipation(
          deps.context(request),
          request.params.instrumentId,
          request.params.participantId,
          request.query.asOf,
        ),
    }),

    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/actions',
      operationId: 'listInstrumentActions',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Every recorded action on an instrument, corrected ones included, by id, in pages',
        description:
          "Oldest first (by id). `participant` narrows to one participant's actions. Paged with `limit` and " +
          '`cursor`; `next` (and the Link header) names the next page.',
        params: InstrumentParams,
        querystring: z.strictObject({ participant: ParticipantIdSchema.optional(), ...pageQueryShape() }),
        response: {
          200: z.object({ actions: z.array(ActionRecordSchema), next: NextLinkSchema }),
          ...errors,
        },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        await getInstrumentView(ctx, request.params.instrumentId);
        const { participant, ...page } = request.query;
        return actionPage(ctx, request.url, reply, page, {
          instrumentId: request.params.instrumentId,
          ...(participant ? { participantId: participant } : {}),
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/actions',
      operationId: 'listActions',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Every recorded action, corrected ones included, by id, in pages',
        description:
          "`instrument` and `participant` narrow the list (a participant's actions on every instrument). " +
          'Oldest first (by id), paged with `limit` and `cursor`; `next` (and the Link header) names the next page.',
        querystring: z.strictObject({
          instrument: InstrumentIdSchema.optional(),
          participant: ParticipantIdSchema.optional(),
          ...pageQueryShape(),
        }),
        response: {
          200: z.object({ actions: z.array(ActionRecordSchema), next: NextLinkSchema }),
          ...errors,
        },
      },
      handler: async (request, reply) => {
        const { instrument, participant, ...page } = request.query;
        return actionPage(deps.context(request), request.url, reply, page, {
          ...(instrument ? { instrumentId: instrument } : {}),
          ...(participant ? { participantId: participant } : {}),
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/participants',
      operationId: 'listParticipants',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'Participants: States and regional economic integration organizations',
        querystring: AsOfQuerySchema,
        response: { 200: z.object({ participants: z.array(ParticipantSchema) }), ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const snapshot = await ctx.registry.snapshot();
        const on = request.query.asOf ?? ctx.clock.today();
        checkAsOf(ctx, on);
        if (cacheable(request, reply, `"p-${snapshot.version}-${on}"`)) return reply;
        return { participants: snapshot.participants.map((p) => presentParticipant(snapshot, p, on)) };
      },
    }),

    route({
      method: 'GET',
      url: '/api/participants/:participantId',
      operationId: 'getCountryView',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'One participant across every instrument (the country view)',
        params: ParticipantParams,
        querystring: AsOfQuerySchema,
        response: { 200: CountryViewSchema, ...errors },
      },
      handler: async (request) =>
        getCountryView(deps.context(request), request.params.participantId, request.query.asOf),
    }),

    route({
      method: 'POST',
      url: '/api/actions',
      operationId: 'recordAction',
      policy: 'registry.record',
      schema: {
        tags,
        summary: 'Record an action (signature, consent, declaration, notification, denunciation, …)',
        description:
          'With dryRun=true nothing is written and the answer previews the effect. With an Idempotency-Key, a retry of the same request gets the first answer (header idempotent-replayed: true) instead of recording the action twice; the same key with another body is refused (409).',
        querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
        headers: optionalWriteHeaders,
        body: RecordActionSchema,
        response: {
          200: z.object({ action: z.null(), effect: ActionEffectSchema }),
          201: z.object({ action: ActionRecordSchema, effect: ActionEffectSchema }),
          ...errors,
        },
      },
      handler: async (request, reply) => {
        mayRecord(request, request.body.participantId, request.body.kind);
        const ctx = deps.context(request);
        if (request.query.dryRun === 'true') {
          const { effect } = await recordAction(ctx, request.body, { dryRun: true });
          return reply.code(200).send({ action: null, effect });
        }
        const key = request.headers['idempotency-key'];
        const answer = await recordActionOnce(ctx, request.body, {
          key: typeof key === 'string' ? key : null,
          operation: 'POST /api/actions',
        });
        return sendAnswer(reply as FastifyReply, answer);
      },
    }),

    route({
      method: 'GET',
      url: '/api/actions/:actionId',
      operationId: 'getAction',
      policy: 'registry.read',
      schema: {
        tags,
        summary: 'One recorded action',
        params: ActionParams,
        response: { 200: ActionRecordSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const [action] = await actionRecords(ctx, ctx.store.db, { ids: [request.params.actionId] });
        if (!action)
          throw new DomainError('not_found', `action ${request.params.actionId} does not exist`, {
            field: 'actionId',
          });
        return action;
      },
    }),

    route({
      method: 'POST',
      url: '/api/actions/:actionId/corrections',
      operationId: 'correctAction',
      policy: 'registry.record',
      schema: {
        tags,
        summary: 'Correct a recorded action: replace it or void it; the history stays',
        params: ActionParams,
        body: CorrectActionSchema,
        response: {
          201: z.object({ corrected: ActionRecordSchema, replacement: ActionRecordSchema.nullable() }),
          ...errors,
        },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const [original] = await listActionRecords(ctx.store.db, { ids: [request.params.actionId] });
        if (!original) {
          throw new DomainError('not_found', `action ${request.params.actionId} does not exist`, {
            field: 'actionId',
          });
        }
        mayRecord(request, original.participantId, original.kind);
        if (request.body.replacement)
          mayRecord(request, request.body.replacement.participantId, request.body.replacement.kind);
        const result = await correctAction(ctx, request.params.actionId, request.body);
        return reply.code(201).send({
          corrected: presentAction(result.corrected, ctx.principal),
          replacement: result.replacement && presentAction(result.replacement, ctx.principal),
        });
      },
    }),

    route({
      method: 'POST',
      url: '/api/imports/participant-table',
      operationId: 'importParticipantTable',
      policy: 'registry.import',
      ...expensive,
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary: 'Import a participant table (CSV, shared format); all-or-nothing, idempotent',
        consumes: ['text/csv'],
        querystring: z.strictObject({
          instrumentId: InstrumentIdSchema.optional(),
          asOf: IsoDateSchema.optional(),
        }),
        body: z.string(),
        response: { 200: ImportResultSchema, ...errors },
      },
      handler: async (request) => {
        return importParticipantTable(deps.context(request), request.body, {
          instrumentId: request.query.instrumentId,
        });
      },
    }),

    route({
      method: 'POST',
      url: '/api/imports/actions',
      operationId: 'importActions',
      policy: 'registry.import',
      ...expensive,
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary: 'Import actions (CSV, generic action format); all-or-nothing, idempotent',
        consumes: ['text/csv'],
        body: z.string(),
        response: { 200: ImportResultSchema, ...errors },
      },
      handler: async (request) => {
        return importActionCsv(deps.context(request), request.body);
      },
    }),
  ];
}

/** The status answer as sent, made once per registry version, instrument and date. */
interface StatusBytes {
  json: Buffer;
  /** Made at the first request that accepts gzip. */
  gzip: Buffer | null;
  etag: string;
  gzipEtag: string;
}

function statusBytes(
  id: string,
  { version, asOf, status }: Awaited<ReturnType<typeof getStatus>>,
): StatusBytes {
  return {
    json: Buffer.from(JSON.stringify(status)),
    gzip: null,
    etag: `"s-${version}-${id}-${asOf}"`,
    gzipEtag: `"s-${version}-${id}-${asOf}-gz"`,
  };
}

/**
 * The status answer. Browsers all accept gzip (the body shrinks about eightfold); each encoding has its own
 * ETag. The JSON is serialised, and compressed, once per registry version and date (the bytes and their
 * validators are kept together, found with one lookup): the public status is the most read answer. Fastify
 * sends a Buffer as is; the route's schema still documents its shape.
 */
function sendStatus<Reply extends FastifyReply>(
  request: FastifyRequest,
  reply: Reply,
  bytes: StatusBytes,
): Reply {
  const gzip = acceptsGzip(request);
  reply.header('vary', 'accept-encoding');
  if (cacheable(request, reply, gzip ? bytes.gzipEtag : bytes.etag)) return reply;
  let body = bytes.json;
  if (gzip) {
    body = bytes.gzip ??= gzipSync(bytes.json, { level: 6 });
    reply.header('content-encoding', 'gzip');
  }
  reply.type('application/json; charset=utf-8').send(body);
  return reply;
}
