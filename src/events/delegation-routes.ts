// HTTP routes of delegations: registration by a State (or the Secretariat on its behalf), review per person,
// capacity, the approval queue, numbers of attendance for everyone, and the files (note verbale, participant
// list, certificate). Names and notes verbales answer only to the Secretariat and the delegation's own State
// (services/viewer.ts); anyone else gets 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdParamSchema } from '../common/contract.ts';
import { optionalWriteHeaders, sendWrite } from '../http/idempotent.ts';
import {
  problemResponses,
  registerRoutes,
  route,
  type FeatureRouteDeps,
  type RouteDeclaration,
} from '../http/routing.ts';
import {
  AttendanceSchema,
  CapacityInputSchema,
  DelegationInputSchema,
  DelegationListSchema,
  DelegationResultSchema,
  QueueQuerySchema,
  QueueSchema,
  ReviewInputSchema,
  ReviewResultSchema,
} from './delegation-contract.ts';
import { noteVerbaleMaxBytes, registerDelegation } from './services/delegations.ts';
import { attendanceCertificate, participantList } from './services/delegations-files.ts';
import { attendanceOf, delegationList, noteVerbaleFile } from './services/delegations-read.ts';
import { approvalQueue, reviewDelegate, setCapacity } from './services/delegations-review.ts';
import { eventViewerOf } from './services/viewer.ts';

const errors = problemResponses;
const IdParams = z.strictObject({ id: IdParamSchema });
const DelegationParams = z.strictObject({ id: IdParamSchema, delegationId: IdParamSchema });
const DelegateParams = z.strictObject({ id: IdParamSchema, delegateId: IdParamSchema });
const CertificateQuery = z.strictObject({ language: z.enum(['en', 'fr']).default('en') });
const file = (description: string) => ({ 200: z.string().meta({ description }), ...errors });

export interface DelegationRouteDeps extends FeatureRouteDeps {
  /** Largest note verbale, in bytes; default from PALERMO_NOTE_VERBALE_MAX_BYTES or 5 MiB. */
  noteVerbaleMaxBytes?: number;
}

export async function delegationRoutes(app: FastifyInstance, deps: DelegationRouteDeps): Promise<void> {
  registerRoutes(app, delegationRouteTable(deps));
}

function sendFile(reply: FastifyReply, name: string, type: string, body: Buffer | string | Uint8Array) {
  return reply
    .header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'private, no-store')
    .type(type)
    .send(Buffer.isBuffer(body) || typeof body === 'string' ? body : Buffer.from(body));
}

function delegationRouteTable(deps: DelegationRouteDeps): RouteDeclaration[] {
  const tags = ['Events'];
  const viewer = (request: FastifyRequest) => eventViewerOf(request.principal);
  const pdfMaxBytes = deps.noteVerbaleMaxBytes ?? noteVerbaleMaxBytes(process.env);
  // Base64 is 4/3 of the bytes; the rest of the body (names, functions) fits in the margin.
  const bodyLimit = Math.ceil((pdfMaxBytes * 4) / 3) + 256 * 1024;

  return [
    route({
      method: 'POST',
      url: '/api/events/:id/delegations',
      operationId: 'registerDelegation',
      policy: 'delegation.register',
      bodyLimit,
      schema: {
        tags,
        summary: "Register a State's whole delegation, with its note verbale (PDF, base64)",
        description:
          'One submission per State and event: a later one updates the delegation (people left out are ' +
          'withdrawn; those asked for changes return to review). The note verbale is checked by its content ' +
          `and may have at most ${pdfMaxBytes} bytes. Beyond an event's capacity people go on the waiting list.`,
        params: IdParams,
        headers: optionalWriteHeaders,
        body: DelegationInputSchema,
        response: { 201: DelegationResultSchema, 200: DelegationResultSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const result = await registerDelegation(ctx, db, request.params.id, request.body, { pdfMaxBytes });
          return { status: result.updated ? 200 : 201, body: result };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/delegations',
      operationId: 'listDelegations',
      policy: 'delegation.read',
      schema: {
        tags,
        summary: "An event's delegations with their people and log (a focal point sees its own States')",
        params: IdParams,
        response: { 200: DelegationListSchema, ...errors },
      },
      handler: async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return {
          delegations: await delegationList(
            deps.context(request).store.db,
            viewer(request),
            request.params.id,
          ),
        };
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/delegations/:delegationId/note-verbale.pdf',
      operationId: 'getDelegationNoteVerbale',
      policy: 'delegation.read',
      schema: {
        tags,
        summary: "A delegation's note verbale, as submitted",
        params: DelegationParams,
        produces: ['application/pdf'],
        response: file('The PDF as the State submitted it'),
      },
      handler: async (request, reply) => {
        const { id, delegationId } = request.params;
        const note = await noteVerbaleFile(deps.context(request).store.db, viewer(request), id, delegationId);
        reply.header('x-content-sha256', note.sha256);
        return sendFile(reply, note.filename, 'application/pdf', note.bytes);
      },
    }),

    route({
      method: 'POST',
      url: '/api/events/:id/delegates/:delegateId/review',
      operationId: 'reviewDelegate',
      policy: 'delegation.review',
      schema: {
        tags,
        summary: "Approve one person's registration, ask for changes, or refuse it (with the reason)",
        params: DelegateParams,
        headers: optionalWriteHeaders,
        body: ReviewInputSchema,
        response: { 200: ReviewResultSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 200,
          body: await reviewDelegate(ctx, db, request.params.id, request.params.delegateId, request.body),
        }));
      },
    }),

    route({
      method: 'PUT',
      url: '/api/events/:id/capacity',
      operationId: 'setEventCapacity',
      policy: 'delegation.review',
      schema: {
        tags,
        summary: "Set an event's places, overall and per category (null: no limit)",
        params: IdParams,
        headers: optionalWriteHeaders,
        body: CapacityInputSchema,
        response: { 200: z.strictObject({ movedUp: z.array(z.number().int()) }), ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 200,
          body: { movedUp: await setCapacity(ctx, db, request.params.id, request.body) },
        }));
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/attendance',
      operationId: 'getEventAttendance',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'Numbers of an event: States registered and attending, people per category (never names)',
        params: IdParams,
        response: { 200: AttendanceSchema, ...errors },
      },
      handler: async (request) =>
        attendanceOf(deps.context(request).store.db, viewer(request), request.params.id),
    }),

    route({
      method: 'GET',
      url: '/api/delegations/queue',
      operationId: 'listDelegatesAwaitingReview',
      policy: 'delegation.review',
      schema: {
        tags,
        summary: 'The approval queue: people waiting for review across events, oldest first',
        querystring: QueueQuerySchema,
        response: { 200: QueueSchema, ...errors },
      },
      handler: async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return approvalQueue(deps.context(request).store.db, request.query);
      },
    }),

    ...(['csv', 'xlsx'] as const).map((format) =>
      route({
        method: 'GET',
        url: `/api/events/:id/participants.${format}`,
        operationId: format === 'csv' ? 'exportParticipantsCsv' : 'exportParticipantsXlsx',
        policy: 'delegation.review',
        schema: {
          tags,
          summary: `The participant list of an event, as ${format.toUpperCase()}`,
          params: IdParams,
          produces: [
            format === 'csv'
              ? 'text/csv'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ],
          response: file('One row per person: State, position, category, names, function, status, funded'),
        },
        handler: async (request, reply) => {
          const f = await participantList(deps.context(request).store.db, request.params.id, format);
          return sendFile(reply, f.name, f.type, f.body);
        },
      }),
    ),

    route({
      method: 'GET',
      url: '/api/events/:id/delegates/:delegateId/certificate.pdf',
      operationId: 'getAttendanceCertificate',
      policy: 'delegation.read',
      schema: {
        tags,
        summary: 'The certificate of attendance of an approved participant of a held event',
        params: DelegateParams,
        querystring: CertificateQuery,
        produces: ['application/pdf'],
        response: file('The certificate, PDF'),
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const { id, delegateId } = request.params;
        const pdf = await attendanceCertificate(
          ctx,
          ctx.store.db,
          viewer(request),
          id,
          delegateId,
          request.query.language,
        );
        return sendFile(reply, `certificate-${id}-${delegateId}.pdf`, 'application/pdf', pdf);
      },
    }),
  ];
}
