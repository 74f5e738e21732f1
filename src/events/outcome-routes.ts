// HTTP routes of what events leave behind: documents per language, outcomes, and commitments by named States
// with their status as at today. Reads follow the event's visibility (an event the caller may not see answers
// 404, with everything it left behind); writes are the Secretariat's ('outcomes.manage').
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
  CommitmentDetailSchema,
  CommitmentInputSchema,
  CommitmentListSchema,
  CommitmentMetInputSchema,
  CommitmentQuerySchema,
  CommitmentSuggestionsSchema,
  CommitmentWithdrawalInputSchema,
  DocumentInputSchema,
  DocumentQuerySchema,
  EventDocumentListSchema,
  EventDocumentSchema,
  OutcomeInputSchema,
  OutcomeListSchema,
  OutcomeSchema,
} from './outcome-contract.ts';
import { markCommitmentMet, recordCommitment, withdrawCommitment } from './services/commitments.ts';
import { commitmentDetail, commitmentList, commitmentSuggestions } from './services/commitments-read.ts';
import { addDocument, documentList, outcomeList, recordOutcome } from './services/outcomes.ts';
import { eventViewerOf } from './services/viewer.ts';

const errors = problemResponses;
const IdParams = z.strictObject({ id: IdParamSchema });
const SECRETARIAT = { kind: 'secretariat' } as const;

export async function eventOutcomeRoutes(app: FastifyInstance, deps: FeatureRouteDeps): Promise<void> {
  registerRoutes(app, [...documentRoutes(deps), ...commitmentRoutes(deps)]);
}

const tags = ['Events'];
const viewer = (request: FastifyRequest) => eventViewerOf(request.principal);

function documentRoutes(deps: FeatureRouteDeps): RouteDeclaration[] {
  return [
    route({
      method: 'GET',
      url: '/api/events/:id/documents',
      operationId: 'listEventDocuments',
      policy: 'events.read',
      schema: {
        tags,
        summary: "An event's documents, per language: referenced by their address, never uploaded",
        params: IdParams,
        querystring: DocumentQuerySchema,
        response: { 200: EventDocumentListSchema, ...errors },
      },
      handler: async (request) => ({
        documents: await documentList(
          deps.context(request).store.db,
          viewer(request),
          request.params.id,
          request.query.language,
        ),
      }),
    }),
    route({
      method: 'POST',
      url: '/api/events/:id/documents',
      operationId: 'addEventDocument',
      policy: 'outcomes.manage',
      schema: {
        tags,
        summary: 'Add a document of an event in one language: its title, symbol and where it is published',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: DocumentInputSchema,
        response: { 201: EventDocumentSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          body: await addDocument(ctx, db, request.params.id, request.body),
        }));
      },
    }),
    route({
      method: 'GET',
      url: '/api/events/:id/outcomes',
      operationId: 'listEventOutcomes',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'What an event adopted: a declaration, conclusions, recommendations, its report',
        params: IdParams,
        response: { 200: OutcomeListSchema, ...errors },
      },
      handler: async (request) => ({
        outcomes: await outcomeList(deps.context(request).store.db, viewer(request), request.params.id),
      }),
    }),
    route({
      method: 'POST',
      url: '/api/events/:id/outcomes',
      operationId: 'recordEventOutcome',
      policy: 'outcomes.manage',
      schema: {
        tags,
        summary: 'Record an outcome adopted by an event that was held',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: OutcomeInputSchema,
        response: { 201: OutcomeSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          body: await recordOutcome(ctx, db, request.params.id, request.body),
        }));
      },
    }),
  ];
}

function commitmentRoutes(deps: FeatureRouteDeps): RouteDeclaration[] {
  const detail = (request: FastifyRequest, db: Parameters<typeof commitmentDetail>[0], id: number) =>
    commitmentDetail(db, SECRETARIAT, deps.context(request).clock.today(), id);
  return [
    route({
      method: 'GET',
      url: '/api/events/:id/commitments',
      operationId: 'listEventCommitments',
      policy: 'events.read',
      schema: {
        tags,
        summary:
          "States' commitments at an event, with their status as at today: open, overdue, met, withdrawn",
        params: IdParams,
        response: { 200: CommitmentListSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        return commitmentList(ctx.store.db, viewer(request), ctx.clock.today(), {
          event: request.params.id,
          limit: 1_000,
          offset: 0,
        });
      },
    }),
    route({
      method: 'POST',
      url: '/api/events/:id/commitments',
      operationId: 'recordCommitment',
      policy: 'outcomes.manage',
      schema: {
        tags,
        summary: 'Record a commitment a State made at an event that was held',
        description:
          'The instrument may be any instrument of the registry. `due` is a day, month or year not before the ' +
          'event began; overdue is computed, never stored.',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: CommitmentInputSchema,
        response: { 201: CommitmentDetailSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await recordCommitment(ctx, db, request.params.id, request.body);
          return { status: 201, body: await detail(request, db, id) };
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/events/:id/commitments/suggestions',
      operationId: 'suggestCommitmentActions',
      policy: 'outcomes.manage',
      schema: {
        tags,
        summary: 'Registry actions that would meet the open commitments of an event, to link them',
        description:
          'For each open or overdue commitment: actions of the same State and instrument, of a kind that fulfils ' +
          'it, dated on or after the event’s first day.',
        params: IdParams,
        response: { 200: CommitmentSuggestionsSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        return commitmentSuggestions(ctx.store.db, request.params.id, ctx.clock.today());
      },
    }),
    route({
      method: 'GET',
      url: '/api/commitments',
      operationId: 'listCommitments',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'Commitments by State, event and status as at today, of the events the caller may see',
        querystring: CommitmentQuerySchema,
        response: { 200: CommitmentListSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        return commitmentList(ctx.store.db, viewer(request), ctx.clock.today(), request.query);
      },
    }),
    route({
      method: 'GET',
      url: '/api/commitments/:id',
      operationId: 'getCommitment',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'One commitment with every change it went through',
        params: IdParams,
        response: { 200: CommitmentDetailSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        return commitmentDetail(ctx.store.db, viewer(request), ctx.clock.today(), request.params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/commitments/:id/met',
      operationId: 'markCommitmentMet',
      policy: 'outcomes.manage',
      schema: {
        tags,
        summary: 'Mark a commitment met by the registry action that met it',
        description:
          'The action must be of the same State and instrument, of a kind that fulfils the commitment, and dated ' +
          'on or after the event’s first day; refused at `actionId` otherwise.',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: CommitmentMetInputSchema,
        response: { 200: CommitmentDetailSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await markCommitmentMet(ctx, db, request.params.id, request.body);
          return { status: 200, body: await detail(request, db, request.params.id) };
        });
      },
    }),
    route({
      method: 'POST',
      url: '/api/commitments/:id/withdrawal',
      operationId: 'withdrawCommitment',
      policy: 'outcomes.manage',
      schema: {
        tags,
        summary: 'Withdraw an open commitment, with the reason',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: CommitmentWithdrawalInputSchema,
        response: { 200: CommitmentDetailSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await withdrawCommitment(ctx, db, request.params.id, request.body);
          return { status: 200, body: await detail(request, db, request.params.id) };
        });
      },
    }),
  ];
}
