// Events' API (/api/events/…), typed from the server's own schemas (type-only imports: nothing of the server
// is bundled but the lists of its pure domain). Writes carry the Idempotency-Key of their form submission.
import type { z } from 'zod';
import type {
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
} from '../../src/events/contract.ts';
import { getFresh, sendWith, withQuery } from './api.ts';

export {
  EVENT_KINDS,
  EVENT_STATUSES,
  NEEDS_REASON,
  TARGET_KINDS,
  UN_LANGUAGES,
} from '../../src/events/domain/events.ts';

export type EventList = z.infer<typeof EventListSchema>;
export type EventSummary = EventList['events'][number];
export type EventView = z.infer<typeof EventSchema>;
export type EventKind = EventView['kind'];
export type EventStatus = EventView['status'];
export type EventRevision = z.infer<typeof EventRevisionSchema>;
export type EventSnapshot = EventRevision['event'];
export type Invitation = z.infer<typeof InvitationListSchema>['invitations'][number];
export type InvitationResult = z.infer<typeof InvitationResultSchema>;
export type Target = EventView['targets'][number];
export type TargetKind = Target['kind'];
export type UnLanguage = EventView['languages'][number];

export type NewEvent = z.input<typeof EventInputSchema>;
export type EventCorrection = z.input<typeof EventCorrectionSchema>;
export type NewStatus = z.input<typeof EventStatusInputSchema>;
export type NewInvitations = z.input<typeof InvitationInputSchema>;
/** The calendar's filters: the server's query, each a string from the page's address. */
export type EventFilter = Partial<
  Record<Exclude<keyof z.input<typeof EventQuerySchema>, 'limit' | 'offset'>, string | null>
>;

/** The most events one calendar page asks for (the server's limit). */
export const CALENDAR_LIMIT = 500;

const one = (id: number) => `/api/events/${id}`;

export const listEvents = (filter: EventFilter, signal?: AbortSignal) =>
  getFresh<EventList>(withQuery('/api/events', { ...filter, limit: String(CALENDAR_LIMIT) }), signal);

export const getEvent = (id: number, signal?: AbortSignal) => getFresh<EventView>(one(id), signal);

export const listRevisions = (id: number, signal?: AbortSignal) =>
  getFresh<EventRevision[]>(`${one(id)}/revisions`, signal);

export const listInvitations = async (id: number, signal?: AbortSignal) =>
  (await getFresh<z.infer<typeof InvitationListSchema>>(`${one(id)}/invitations`, signal)).invitations;

/** The public events as an iCalendar feed, to subscribe to. */
export const CALENDAR_FEED_URL = '/api/events.ics';

/** One event as an iCalendar file. */
export const eventCalendarUrl = (id: number) => `${one(id)}/event.ics`;

/** An invitation's note verbale, as DOCX (to adjust and sign) or PDF (to send). */
export const noteVerbaleUrl = (id: number, participantId: string, format: 'docx' | 'pdf') =>
  `${one(id)}/invitations/${encodeURIComponent(participantId)}/note-verbale.${format}`;

export const createEvent = (input: NewEvent, key: string) =>
  sendWith<EventView>('POST', '/api/events', { json: input, idempotencyKey: key });

export const correctEvent = (id: number, input: EventCorrection, key: string) =>
  sendWith<EventView>('PUT', one(id), { json: input, idempotencyKey: key });

export const changeStatus = (id: number, input: NewStatus, key: string) =>
  sendWith<EventView>('POST', `${one(id)}/status`, { json: input, idempotencyKey: key });

export const inviteStates = (id: number, input: NewInvitations, key: string) =>
  sendWith<InvitationResult>('POST', `${one(id)}/invitations`, { json: input, idempotencyKey: key });
