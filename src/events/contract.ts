// The wire contract of events: zod schemas shared by the API, the CLI and the web.
import { z } from 'zod';
import { IsoDateSchema, MAX_ID } from '../common/contract.ts';
import { NextLinkSchema, pageQueryShape } from '../common/paging.ts';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { InstrumentIdSchema, ParticipantIdSchema } from '../treaties/contract.ts';
import { EVENT_KINDS, EVENT_STATUSES, TARGET_KINDS, UN_LANGUAGES } from './domain/events.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
/** Names and titles: one line (src/common/text.ts). */
const line = (max: number) => text(max).regex(ONE_LINE, ONE_LINE_MESSAGE);

export const EventKindSchema = z.enum(EVENT_KINDS);
export const EventStatusSchema = z.enum(EVENT_STATUSES);
export const LanguageSchema = z.enum(UN_LANGUAGES);
/** The languages notes verbales and certificates are written in today. */
export const DocumentLanguageSchema = z.enum(['en', 'fr']);

/** Who an event is for: a region, sub-region, UN regional group, development class, or one State. */
export const TargetSchema = z.strictObject({
  kind: z.enum(TARGET_KINDS),
  value: line(100),
});

/** An article as the instrument numbers it: "5", "34", "32(2)". */
export const ArticleSchema = z
  .string()
  .regex(/^\d{1,3}(\(\d{1,2}\))?$/, 'must be an article number such as 5 or 32(2)');

export const AgendaItemSchema = z.strictObject({
  title: line(300),
  instrumentId: InstrumentIdSchema.nullable(),
  articles: z.array(ArticleSchema).max(60),
});

export const VenueSchema = z.strictObject({
  city: line(120).nullable(),
  country: ParticipantIdSchema.nullable(),
  online: z.boolean(),
});

/** The fields of an event as the Secretariat writes them. Request bodies carry no schema id (the OpenAPI
 * document names only answers). */
const EventFieldsSchema = z.strictObject({
  kind: EventKindSchema,
  title: line(300),
  start: IsoDateSchema,
  end: IsoDateSchema,
  venue: VenueSchema,
  hosts: z.array(ParticipantIdSchema).max(20),
  coOrganisers: z.array(line(200)).max(20),
  targets: z.array(TargetSchema).max(250),
  instruments: z.array(InstrumentIdSchema).max(10),
  agenda: z.array(AgendaItemSchema).max(100),
  languages: z.array(LanguageSchema).min(1).max(6),
  interpretation: z.boolean(),
  public: z.boolean(),
  registrationDeadline: IsoDateSchema.nullable(),
  description: z.string().trim().max(5_000),
});

export const EventInputSchema = EventFieldsSchema;
export type EventInput = z.infer<typeof EventInputSchema>;

/** A correction of an event: the whole event as it should read, the revision it corrects, and why. */
export const EventCorrectionSchema = EventFieldsSchema.extend({
  revision: z.int().positive().max(MAX_ID),
  reason: line(500),
});
export type EventCorrection = z.infer<typeof EventCorrectionSchema>;

export const EventStatusInputSchema = z.strictObject({
  status: EventStatusSchema,
  reason: line(500).nullable(),
  revision: z.int().positive().max(MAX_ID),
});
export type EventStatusInput = z.infer<typeof EventStatusInputSchema>;

const Named = z.object({ id: z.string(), name: z.string() });

// Answers are described by plain output schemas, not the input ones: what was stored under older rules, or
// loaded from reference data (no language recorded, say), is still answered as it is.
const TargetView = z.object({ kind: z.enum(TARGET_KINDS), value: z.string() });
const AgendaItemView = z.object({
  title: z.string(),
  instrumentId: z.string().nullable(),
  articles: z.array(z.string()),
});

/** An event as a revision keeps it: its fields as written, with its status. */
const EventSnapshotSchema = z.object({
  kind: EventKindSchema,
  title: z.string(),
  start: z.string(),
  end: z.string(),
  venue: z.object({ city: z.string().nullable(), country: z.string().nullable(), online: z.boolean() }),
  hosts: z.array(z.string()),
  coOrganisers: z.array(z.string()),
  targets: z.array(TargetView),
  instruments: z.array(z.string()),
  agenda: z.array(AgendaItemView),
  languages: z.array(LanguageSchema),
  interpretation: z.boolean(),
  public: z.boolean(),
  registrationDeadline: z.string().nullable(),
  description: z.string(),
  status: EventStatusSchema,
  statusReason: z.string().nullable(),
});

export const EventSummarySchema = z
  .object({
    id: z.int(),
    kind: EventKindSchema,
    title: z.string(),
    status: EventStatusSchema,
    start: z.string(),
    end: z.string(),
    venue: z.object({ city: z.string().nullable(), country: Named.nullable(), online: z.boolean() }),
    hosts: z.array(Named),
    instruments: z.array(z.string()),
    public: z.boolean(),
  })
  .meta({ id: 'EventSummary' });
export type EventSummary = z.infer<typeof EventSummarySchema>;

export const EventSchema = EventSummarySchema.extend({
  statusReason: z.string().nullable(),
  coOrganisers: z.array(z.string()),
  targets: z.array(TargetView),
  /** The States the targets name, as at the event's first day. */
  targetStates: z.array(Named),
  agenda: z.array(AgendaItemView),
  languages: z.array(LanguageSchema),
  interpretation: z.boolean(),
  registrationDeadline: z.string().nullable(),
  description: z.string(),
  /** Where a reference event comes from; null for events recorded here. */
  provenance: z
    .object({ source: z.string(), note: z.string().nullable(), participants: z.string().nullable() })
    .nullable(),
  invitations: z.int(),
  revision: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the status may become next, for whoever may change it. */
  nextStatuses: z.array(EventStatusSchema),
}).meta({ id: 'Event' });
export type EventView = z.infer<typeof EventSchema>;

export const EventListSchema = z
  .object({ events: z.array(EventSummarySchema), total: z.int(), next: NextLinkSchema })
  .meta({ id: 'EventList' });

export const EventQuerySchema = z.strictObject({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  kind: EventKindSchema.optional(),
  status: EventStatusSchema.optional(),
  state: ParticipantIdSchema.optional(),
  ...pageQueryShape(200),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(0)
    .meta({ description: 'skip this many events (older clients; `cursor` is stable when events are added)' }),
});
export type EventQuery = z.infer<typeof EventQuerySchema>;

export const EventRevisionSchema = z
  .object({
    revision: z.int(),
    change: z.enum(['created', 'corrected', 'status', 'loaded']),
    reason: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z.string(),
    event: EventSnapshotSchema,
  })
  .meta({ id: 'EventRevision' });
export type EventRevision = z.infer<typeof EventRevisionSchema>;

export const InvitationInputSchema = z.strictObject({
  /** Whom to invite: regions, groups, development classes (as at the event's first day) or States. */
  invite: z.array(TargetSchema).min(1).max(250),
  sentOn: IsoDateSchema,
  language: LanguageSchema.default('en'),
});
export type InvitationInput = z.infer<typeof InvitationInputSchema>;

export const InvitationSchema = z
  .object({
    id: z.int(),
    eventId: z.int(),
    state: Named,
    reference: z.string(),
    addressee: z.string(),
    language: LanguageSchema,
    sentOn: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Invitation' });
export type InvitationView = z.infer<typeof InvitationSchema>;

export const InvitationResultSchema = z
  .object({
    invited: z.array(InvitationSchema),
    /** States the targets named that already had an invitation to this event. */
    alreadyInvited: z.array(z.string()),
  })
  .meta({ id: 'InvitationResult' });

export const InvitationListSchema = z
  .object({ invitations: z.array(InvitationSchema) })
  .meta({ id: 'InvitationList' });

export const NoteTemplateSchema = z
  .object({
    language: DocumentLanguageSchema,
    body: z.string(),
    /** True while the Secretariat has saved no version of its own. */
    isDefault: z.boolean(),
    recordedAt: z.string().nullable(),
    recordedBy: z.string().nullable(),
    placeholders: z.array(z.string()),
  })
  .meta({ id: 'NoteTemplate' });
export type NoteTemplateView = z.infer<typeof NoteTemplateSchema>;

export const NoteTemplateInputSchema = z.strictObject({ body: z.string().min(1).max(20_000) });
