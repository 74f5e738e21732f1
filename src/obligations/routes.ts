// HTTP routes of the obligations calendar (docs/obligations.md): a State's calendar and its iCalendar feed
// (the State's focal point and the Secretariat: 'obligations.read', 404 for anyone else), which obligations a
// State has made (public), the Secretariat's overdue list, and the completeness date it sets.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ProblemSchema } from '../common/contract.ts';
import { authorize } from '../auth/http.ts';
import { optionalWriteHeaders, sendWrite } from '../http/idempotent.ts';
import { problemResponses, registerRoutes, route, type FeatureRouteDeps } from '../http/routing.ts';
import type { FastifyInstance } from 'fastify';
import {
  CompletenessInputSchema,
  CompletenessSchema,
  MadeObligationsSchema,
  ObligationCalendarSchema,
  ObligationParams,
  OverdueListSchema,
  OverdueQuerySchema,
} from './contract.ts';
import { obligationsIcs } from './ical.ts';
import {
  madeObligations,
  obligationCalendar,
  overdueObligations,
  setCompleteness,
} from './services/calendar.ts';

export interface ObligationRouteDeps extends FeatureRouteDeps {
  /** The server's public address, for the calendar's links and UIDs. */
  publicUrl: string;
}

const errors = { ...problemResponses, 400: ProblemSchema };
const calendarText = z.any().meta({ description: 'an iCalendar (RFC 5545) document, text/calendar' });

export async function obligationRoutes(app: FastifyInstance, deps: ObligationRouteDeps): Promise<void> {
  const tags = ['Obligations'];
  const base = deps.publicUrl.replace(/\/+$/, '');
  const own = (request: FastifyRequest, participantId: string) =>
    authorize(request, 'obligations.read', { state: participantId });

  registerRoutes(app, [
    route({
      method: 'GET',
      url: '/api/participants/:participantId/obligations',
      operationId: 'getObligationCalendar',
      policy: 'obligations.read',
      schema: {
        tags,
        summary: "A State's calendar of the notifications it owes the depositary, and whether each was made",
        description:
          'From the provisions catalogue: what falls due at signature or deposit, within a period, or stands. ' +
          'An obligation with no record is not_recorded unless the Secretariat keeps the State complete over the ' +
          'whole period it could have been made in; only then can it be overdue.',
        params: ObligationParams,
        response: { 200: ObligationCalendarSchema, ...errors },
      },
      handler: async (request) => {
        own(request, request.params.participantId);
        return obligationCalendar(deps.context(request), request.params.participantId);
      },
    }),

    route({
      method: 'GET',
      url: '/api/participants/:participantId/obligations.ics',
      operationId: 'getObligationCalendarIcs',
      policy: 'obligations.read',
      schema: {
        tags,
        summary: "A State's calendar of obligations as iCalendar (RFC 5545): one all-day event per due day",
        params: ObligationParams,
        response: { 200: calendarText, ...errors },
      },
      handler: async (request, reply) => {
        own(request, request.params.participantId);
        const ctx = deps.context(request);
        const calendar = await obligationCalendar(ctx, request.params.participantId);
        const text = obligationsIcs(calendar, {
          host: new URL(base).host,
          now: ctx.clock.now(),
          url: `${base}/countries/${calendar.participantId}/obligations`,
        });
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', `attachment; filename="obligations-${calendar.participantId}.ics"`)
          .send(text);
      },
    }),

    route({
      method: 'GET',
      url: '/api/participants/:participantId/obligations/made',
      operationId: 'listMadeObligations',
      policy: 'obligations.public',
      schema: {
        tags,
        summary: 'Which notifications a State owes and whether each is recorded as made (public)',
        description:
          'made: false means only that no notification is recorded here, never that the State defaulted.',
        params: ObligationParams,
        response: { 200: MadeObligationsSchema, ...errors },
      },
      handler: async (request) => madeObligations(deps.context(request), request.params.participantId),
    }),

    route({
      method: 'GET',
      url: '/api/obligations/overdue',
      operationId: 'listOverdueObligations',
      policy: 'obligations.overdue',
      schema: {
        tags,
        summary:
          'Overdue notifications of the States the Secretariat keeps complete, by instrument and region',
        querystring: OverdueQuerySchema,
        response: { 200: OverdueListSchema, ...errors },
      },
      handler: async (request) => overdueObligations(deps.context(request), request.query),
    }),

    route({
      method: 'PUT',
      url: '/api/participants/:participantId/obligations/completeness',
      operationId: 'setNotificationCompleteness',
      policy: 'obligations.complete',
      schema: {
        tags,
        summary: "Set from which day the registry holds all of a State's notifications (null withdraws it)",
        params: ObligationParams,
        headers: optionalWriteHeaders,
        body: CompletenessInputSchema,
        response: { 200: CompletenessSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 200,
          body: await setCompleteness(ctx, db, request.params.participantId, request.body),
        }));
      },
    }),
  ]);
}
