// HTTP routes of statements of record: per instrument (filters kind, article, participant; JSON, CSV or
// XLSX), per participant across the instruments, and the dispute-settlement obligations between two States.
// Public reads. Thin: validate (zod) → authorize (policy) → use case → present.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { problemResponses } from '../common/contract.ts';
import { registerRoutes, route, type FeatureRouteDeps, type RouteDeclaration } from '../http/routing.ts';
import { InstrumentIdSchema, ParticipantIdSchema } from './contract.ts';
import { cacheable } from './http-cache.ts';
import { statementsCsv, statementsXlsx } from './services/export-statements.ts';
import {
  disputeSettlementBetween,
  instrumentStatements,
  participantStatements,
} from './services/statements.ts';
import {
  DisputeSettlementQuerySchema,
  DisputeSettlementSchema,
  InstrumentStatementsSchema,
  ParticipantStatementsSchema,
  StatementsQuerySchema,
} from './statements-contract.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = problemResponses;

export async function statementRoutes(app: FastifyInstance, deps: FeatureRouteDeps): Promise<void> {
  registerRoutes(app, statementRouteTable(deps));
}

function send(reply: FastifyReply, name: string, type: string, body: string | Buffer): FastifyReply {
  return reply.header('content-disposition', `attachment; filename="${name}"`).type(type).send(body);
}

function statementRouteTable(deps: FeatureRouteDeps): RouteDeclaration[] {
  const tags = ['Treaty registry'];
  const InstrumentParams = z.strictObject({ instrumentId: InstrumentIdSchema });
  const ParticipantParams = z.strictObject({ participantId: ParticipantIdSchema });

  return [
    route({
      method: 'GET',
      url: '/api/instruments/:instrumentId/statements',
      operationId: 'listInstrumentStatements',
      policy: 'statements.read',
      schema: {
        tags,
        summary:
          'Declarations, reservations, objections, notifications and territorial applications of record',
        description:
          'Filters: kind, article (e.g. kind=reservation&article=35(2): every opt-out from the UNTOC dispute clause), participant. The summary of a statement is a paraphrase with its source, not the official text; a null date is "date not known". textNotRecorded lists who made a statement whose text is not recorded here; coverage.line says how much is recorded. format=csv or xlsx downloads the same as a file.',
        params: InstrumentParams,
        querystring: StatementsQuerySchema,
        response: { 200: InstrumentStatementsSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const { format, ...filter } = request.query;
        const snapshot = await ctx.registry.snapshot();
        const answer = await instrumentStatements(ctx, request.params.instrumentId, filter);
        const tag = [
          snapshot.version,
          answer.instrumentId,
          format,
          filter.kind,
          filter.article,
          filter.participant,
        ];
        if (cacheable(request, reply, `"st-${encodeURIComponent(tag.join('|'))}"`)) return reply;
        const base = `${answer.instrumentId}-statements`;
        if (format === 'csv')
          return send(reply, `${base}.csv`, 'text/csv; charset=utf-8', statementsCsv(answer));
        if (format === 'xlsx') return send(reply, `${base}.xlsx`, XLSX, await statementsXlsx(answer));
        return answer;
      },
    }),

    route({
      method: 'GET',
      url: '/api/participants/:participantId/statements',
      operationId: 'listParticipantStatements',
      policy: 'statements.read',
      schema: {
        tags,
        summary: "A participant's statements on every instrument, and what is known of them",
        description:
          "knowledge per instrument: recorded; text_not_recorded (a statement was made, its text is not recorded here: see listed); nothing_recorded (which is not 'none made').",
        params: ParticipantParams,
        response: { 200: ParticipantStatementsSchema, ...errors },
      },
      handler: async (request) => participantStatements(deps.context(request), request.params.participantId),
    }),

    route({
      method: 'GET',
      url: '/api/participants/:participantId/dispute-settlement',
      operationId: 'getDisputeSettlement',
      policy: 'statements.read',
      schema: {
        tags,
        summary: 'Which dispute-settlement obligations run between two States today',
        description:
          'Per instrument: excluded (an opt-out by either State, e.g. UNTOC 35(3)), not_both_parties, or binds_unless_unrecorded_opt_out (no opt-out recorded here; the set held is partial, and textNotRecorded names who made statements whose text is not recorded).',
        params: ParticipantParams,
        querystring: DisputeSettlementQuerySchema,
        response: { 200: DisputeSettlementSchema, ...errors },
      },
      handler: async (request) =>
        disputeSettlementBetween(deps.context(request), request.params.participantId, request.query.with),
    }),
  ];
}
