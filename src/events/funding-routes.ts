// HTTP routes of an event's funding: the budget, allocations from a donor's earmark, what the Fund paid for
// each approved participant (travel, DSA), and the view of budget against actual. Writes are the
// Secretariat's fund officers' (policy `events.fund`); the view answers the Secretariat in full and a donor
// for its own money only (services/funding-read.ts), 404 to anyone else.
import type { FastifyInstance } from 'fastify';
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
  BudgetInputSchema,
  BudgetResultSchema,
  EventAllocationInputSchema,
  EventAllocationResultSchema,
  EventFundingSchema,
  ParticipantCostInputSchema,
  ParticipantCostResultSchema,
} from './funding-contract.ts';
import { allocateToEvent, payParticipant, setEventBudget } from './services/funding.ts';
import { eventFunding } from './services/funding-read.ts';
import { fundingViewerOf } from './services/viewer.ts';

const errors = problemResponses;
const IdParams = z.strictObject({ id: IdParamSchema });

export async function eventFundingRoutes(app: FastifyInstance, deps: FeatureRouteDeps): Promise<void> {
  registerRoutes(app, fundingRouteTable(deps));
}

function fundingRouteTable(deps: FeatureRouteDeps): RouteDeclaration[] {
  const tags = ['Events'];
  return [
    route({
      method: 'PUT',
      url: '/api/events/:id/funding/budget',
      operationId: 'setEventBudget',
      policy: 'events.fund',
      schema: {
        tags,
        summary: "Set an event's budget for funded participation (US dollars)",
        description: 'Every change is kept; the latest counts. Refused for a cancelled event.',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: BudgetInputSchema,
        response: { 200: BudgetResultSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 200,
          body: await setEventBudget(ctx, db, request.params.id, request.body),
        }));
      },
    }),

    route({
      method: 'POST',
      url: '/api/events/:id/funding/allocations',
      operationId: 'allocateEventFunds',
      policy: 'events.fund',
      schema: {
        tags,
        summary: "Allocate money to an event from a donor's earmark, through the fund ledger",
        description:
          "The allocation's purpose is the event (`EVT-<id>`), with its instrument, the region its States share " +
          "and its State when it is for one: the earmark's rules apply as to any allocation. Refused for a " +
          'cancelled event.',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: EventAllocationInputSchema,
        response: { 201: EventAllocationResultSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          body: await allocateToEvent(ctx, db, request.params.id, request.body),
        }));
      },
    }),

    route({
      method: 'POST',
      url: '/api/events/:id/funding/payments',
      operationId: 'payParticipantAllowance',
      policy: 'events.fund',
      schema: {
        tags,
        summary:
          "Pay an approved participant's travel or daily subsistence allowance from an event's allocation",
        description:
          'Posted through the ledger as spending of the allocation, with its programme support costs (13% unless ' +
          "the donor's agreement says otherwise). The participant is marked funded.",
        params: IdParams,
        headers: optionalWriteHeaders,
        body: ParticipantCostInputSchema,
        response: { 201: ParticipantCostResultSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          body: await payParticipant(ctx, db, request.params.id, request.body),
        }));
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/funding',
      operationId: 'getEventFunding',
      policy: 'events.funding.read',
      schema: {
        tags,
        summary:
          "An event's funding: budget against actual, allocations, and the participants the Fund paid for",
        description:
          'The Secretariat sees it all; a donor only its own allocations and the participants its money paid for ' +
          '(no names, no budget).',
        params: IdParams,
        response: { 200: EventFundingSchema, ...errors },
      },
      handler: async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return eventFunding(
          deps.context(request).store.db,
          fundingViewerOf(request.principal),
          request.params.id,
        );
      },
    }),
  ];
}
