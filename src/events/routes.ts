// HTTP routes of events. Thin: validate (zod) → authorize (policy; which events a viewer may see is
// services/viewer.ts) → run the use case in one transaction → present. An event the caller may not see
// answers 404, so its existence is not disclosed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdParamSchema } from '../common/contract.ts';
import { nextLink, withNextLink } from '../common/paging.ts';
import { optionalWriteHeaders, sendWrite } from '../http/idempotent.ts';
import {
  problemResponses,
  registerRoutes,
  route,
  type FeatureRouteDeps,
  type RouteDeclaration,
} from '../http/routing.ts';
import {
  EventCorrectionSchema,
  EventInputSchema,
  EventListSchema,
  EventQuerySchema,
  EventRevisionSchema,
  EventSchema,
  EventStatusInputSchema,
  InvitationInputSchema,
  InvitationListSchema,
  InvitationResultSchema,
  DocumentLanguageSchema,
  NoteTemplateInputSchema,
  NoteTemplateSchema,
} from './contract.ts';
import { NOTE_PLACEHOLDERS } from './documents/note-template.ts';
import { ParticipantIdSchema } from '../treaties/contract.ts';
import {
  calendarFeed,
  currentNoteTemplate,
  eventCalendar,
  noteVerbaleOf,
  saveNoteTemplate,
} from './services/files.ts';
import {
  changeEventStatus,
  correctEvent,
  createEvent,
  eventList,
  eventRevisions,
  eventView,
} from './services/events.ts';
import { invitationList, inviteStates } from './services/invitations.ts';
import { eventViewerOf } from './services/viewer.ts';
import { eventFollowUp, kindFollowUp, type RequestDates } from './services/follow-up.ts';
import {
  EventFollowUpSchema,
  FollowUpQuerySchema,
  KindFollowUpQuerySchema,
  KindFollowUpSchema,
} from './follow-up-contract.ts';

const errors = problemResponses;
const IdParams = z.strictObject({ id: IdParamSchema });
const SECRETARIAT = { kind: 'secretariat' } as const;

export interface EventRouteDeps extends FeatureRouteDeps {
  /** Where the application is reached: event pages in calendar entries, and the calendar UIDs' host. */
  publicUrl: string;
  /** Where notes verbales are issued (PALERMO_NOTE_PLACE; Vienna, UNODC's seat, by default). */
  notePlace?: string;
  /** The days States asked for technical assistance, for the Secretariat's follow-up (src/server/app.ts). */
  assistanceRequestDates?: RequestDates;
}

export async function eventRoutes(app: FastifyInstance, deps: EventRouteDeps): Promise<void> {
  registerRoutes(app, eventRouteTable(deps));
}

function eventRouteTable(deps: EventRouteDeps): RouteDeclaration[] {
  const notePlace = deps.notePlace ?? process.env.PALERMO_NOTE_PLACE ?? 'Vienna';
  const calendarText = z.string().meta({ description: 'iCalendar (RFC 5545)' });
  const fileBytes = z.any().meta({ description: 'the file' });
  const tags = ['Events'];
  const viewer = (request: FastifyRequest) => eventViewerOf(request.principal);

  return [
    route({
      method: 'GET',
      url: '/api/events',
      operationId: 'listEvents',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'The events calendar: conferences, seminars and sessions in date order',
        description:
          'Public events for everyone; signed in, also the events the account may see (the Secretariat: all; ' +
          'a focal point: those its States were invited to). `from`/`to` select events that overlap the period.',
        querystring: EventQuerySchema,
        response: { 200: EventListSchema, ...errors },
      },
      handler: async (request, reply) => {
        const { cursor, ...list } = await eventList(
          deps.context(request).store.db,
          viewer(request),
          request.query,
        );
        const next = nextLink(request.url, request.query.limit, cursor, ['offset']);
        return { ...list, next: withNextLink(reply, next) };
      },
    }),

    route({
      method: 'POST',
      url: '/api/events',
      operationId: 'recordEvent',
      policy: 'events.manage',
      schema: {
        tags,
        summary: 'Record an event (it starts planned)',
        headers: optionalWriteHeaders,
        body: EventInputSchema,
        response: { 201: EventSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          const id = await createEvent(ctx, db, request.body);
          return { status: 201, body: await eventView(db, SECRETARIAT, id) };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id',
      operationId: 'getEvent',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'One event: hosts, venue, the States it is for, agenda, languages, status and provenance',
        params: IdParams,
        response: { 200: EventSchema, ...errors },
      },
      handler: async (request) =>
        eventView(deps.context(request).store.db, viewer(request), request.params.id),
    }),

    route({
      method: 'PUT',
      url: '/api/events/:id',
      operationId: 'correctEvent',
      policy: 'events.manage',
      schema: {
        tags,
        summary: 'Correct an event: the whole event as it should read, the revision corrected, and why',
        description:
          'Refused with 409 when the event changed since `revision`; every version is kept (`/revisions`).',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: EventCorrectionSchema,
        response: { 200: EventSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await correctEvent(ctx, db, request.params.id, request.body);
          return { status: 200, body: await eventView(db, SECRETARIAT, request.params.id) };
        });
      },
    }),

    route({
      method: 'POST',
      url: '/api/events/:id/status',
      operationId: 'changeEventStatus',
      policy: 'events.manage',
      schema: {
        tags,
        summary: 'Move an event along its life cycle, or postpone or cancel it with the reason',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: EventStatusInputSchema,
        response: { 200: EventSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => {
          await changeEventStatus(ctx, db, request.params.id, request.body);
          return { status: 200, body: await eventView(db, SECRETARIAT, request.params.id) };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/revisions',
      operationId: 'listEventRevisions',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'Every version of an event, oldest first, with why it changed',
        params: IdParams,
        response: { 200: z.array(EventRevisionSchema), ...errors },
      },
      handler: async (request) =>
        eventRevisions(deps.context(request).store.db, viewer(request), request.params.id),
    }),

    route({
      method: 'POST',
      url: '/api/events/:id/invitations',
      operationId: 'inviteStates',
      policy: 'events.manage',
      schema: {
        tags,
        summary: 'Invite States by region, group, development class or name: one note verbale each',
        description:
          'Regions, groups and development classes are resolved as at the event’s first day. A State already ' +
          'invited is listed in `alreadyInvited` and not invited again.',
        params: IdParams,
        headers: optionalWriteHeaders,
        body: InvitationInputSchema,
        response: { 201: InvitationResultSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        return sendWrite(request, reply, ctx, async (db) => ({
          status: 201,
          body: await inviteStates(ctx, db, request.params.id, request.body),
        }));
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/invitations',
      operationId: 'listInvitations',
      policy: 'invitations.read',
      schema: {
        tags,
        summary: "An event's invitations (a focal point sees its own States')",
        params: IdParams,
        response: { 200: InvitationListSchema, ...errors },
      },
      handler: async (request) => ({
        invitations: await invitationList(deps.context(request).store.db, viewer(request), request.params.id),
      }),
    }),

    route({
      method: 'GET',
      url: '/api/events.ics',
      operationId: 'getEventsCalendar',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'The public events as an iCalendar feed (RFC 5545) to subscribe to',
        response: { 200: calendarText, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const text = await calendarFeed(ctx.store.db, ctx.clock.now(), deps.publicUrl);
        return sendCalendar(reply, text, 'palermo-events.ics');
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/event.ics',
      operationId: 'getEventCalendarEntry',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'One event as an iCalendar file',
        params: IdParams,
        response: { 200: calendarText, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const text = await eventCalendar(
          ctx.store.db,
          viewer(request),
          request.params.id,
          ctx.clock.now(),
          deps.publicUrl,
        );
        return sendCalendar(reply, text, `palermo-event-${request.params.id}.ics`);
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/invitations/:participantId/note-verbale.:format',
      operationId: 'getInvitationNoteVerbale',
      policy: 'invitations.read',
      schema: {
        tags,
        summary: 'The note verbale of one invitation, as DOCX (to adjust and sign) or PDF (to send)',
        description:
          'From the Secretariat’s template in the invitation’s language (`/api/note-templates/{language}`). ' +
          'The Secretariat and the invited State only.',
        params: z.strictObject({
          id: IdParamSchema,
          participantId: ParticipantIdSchema,
          format: z.enum(['docx', 'pdf']),
        }),
        response: { 200: fileBytes, ...errors },
      },
      handler: async (request, reply) => {
        const { id, participantId, format } = request.params;
        const note = await noteVerbaleOf(
          deps.context(request).store.db,
          viewer(request),
          id,
          participantId,
          notePlace,
        );
        const documents = await import('./documents/note-verbale.ts');
        const bytes =
          format === 'pdf' ? await documents.noteVerbalePdf(note) : await documents.noteVerbaleDocx(note);
        return reply
          .type(
            format === 'pdf'
              ? 'application/pdf'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          )
          .header(
            'content-disposition',
            `attachment; filename="note-verbale-${id}-${participantId}.${format}"`,
          )
          .send(bytes);
      },
    }),

    route({
      method: 'GET',
      url: '/api/note-templates/:language',
      operationId: 'getNoteTemplate',
      policy: 'events.manage',
      schema: {
        tags,
        summary: 'The template of the note verbale of invitation in use for a language, and its placeholders',
        params: z.strictObject({ language: DocumentLanguageSchema }),
        response: { 200: NoteTemplateSchema, ...errors },
      },
      handler: async (request) => ({
        ...(await currentNoteTemplate(deps.context(request).store.db, request.params.language)),
        placeholders: [...NOTE_PLACEHOLDERS],
      }),
    }),

    route({
      method: 'PUT',
      url: '/api/note-templates/:language',
      operationId: 'saveNoteTemplate',
      policy: 'events.manage',
      schema: {
        tags,
        summary: 'Save a new version of the note verbale template (earlier versions are kept)',
        description:
          'Placeholders are checked: an unknown one, a stray brace, or a template without `{{reference}}` and `{{state}}` is refused at `body`.',
        params: z.strictObject({ language: DocumentLanguageSchema }),
        headers: optionalWriteHeaders,
        body: NoteTemplateInputSchema,
        response: { 200: NoteTemplateSchema, ...errors },
      },
      handler: async (request, reply) => {
        const ctx = deps.context(request);
        const { language } = request.params;
        return sendWrite(request, reply, ctx, async (db) => {
          await saveNoteTemplate(ctx, db, language, request.body.body);
          return {
            status: 200,
            body: { ...(await currentNoteTemplate(db, language)), placeholders: [...NOTE_PLACEHOLDERS] },
          };
        });
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/follow-up',
      operationId: 'getEventsFollowUp',
      policy: 'events.read',
      schema: {
        tags,
        summary: 'What happened after the events of one kind that were held, pooled',
        description:
          'Attending States against invited States that stayed away (cumulative share over time, with the table ' +
          'behind it), and where attendance is not recorded the target States’ consents before and after. ' +
          '"After" is not "because of": the answer says what it shows.',
        querystring: KindFollowUpQuerySchema,
        response: { 200: KindFollowUpSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        const { kind, ...query } = request.query;
        return kindFollowUp(
          ctx.store.db,
          viewer(request),
          kind,
          query,
          ctx.clock.today(),
          deps.assistanceRequestDates,
        );
      },
    }),

    route({
      method: 'GET',
      url: '/api/events/:id/follow-up',
      operationId: 'getEventFollowUp',
      policy: 'events.read',
      schema: {
        tags,
        summary:
          'What happened after one event: signatures, consents and assistance requests, with days after',
        description:
          'Assistance requests are confidential to their State: they are taken into account in the Secretariat’s ' +
          'view only (`assistanceRequests`).',
        params: IdParams,
        querystring: FollowUpQuerySchema,
        response: { 200: EventFollowUpSchema, ...errors },
      },
      handler: async (request) => {
        const ctx = deps.context(request);
        return eventFollowUp(
          ctx.store.db,
          viewer(request),
          request.params.id,
          request.query,
          ctx.clock.today(),
          deps.assistanceRequestDates,
        );
      },
    }),
  ];
}

function sendCalendar(reply: FastifyReply, text: string, name: string): FastifyReply {
  return reply
    .type('text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(text);
}
