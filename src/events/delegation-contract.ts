// The wire contract of delegations: zod schemas shared by the API, the CLI and the web. Answers to writes
// carry ids and statuses, never names: the stored answer of an idempotent write (src/db/write.ts) then
// holds no personal data that erasure would have to find.
import { z } from 'zod';
import { MAX_ID } from '../common/contract.ts';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { ParticipantIdSchema } from '../treaties/contract.ts';
import {
  DELEGATE_CATEGORIES,
  DELEGATE_POSITIONS,
  DELEGATE_STATUSES,
  REVIEW_DECISIONS,
} from './domain/delegations.ts';

const line = (max: number) => z.string().trim().min(1).max(max).regex(ONE_LINE, ONE_LINE_MESSAGE);
const Id = z.number().int().positive().max(MAX_ID);

export const DelegateCategorySchema = z.enum(DELEGATE_CATEGORIES);
export const DelegateStatusSchema = z.enum(DELEGATE_STATUSES);

export const DelegateInputSchema = z.strictObject({
  position: z.enum(DELEGATE_POSITIONS),
  category: DelegateCategorySchema,
  title: line(60).nullable(),
  givenName: line(120),
  familyName: line(120),
  function: line(200).nullable(),
  email: z.email().max(254).nullable(),
});
export type DelegateInput = z.infer<typeof DelegateInputSchema>;

/**
 * The note verbale, base64 in the JSON body: Palermo parses JSON and CSV bodies only (no multipart parser is
 * installed), and one JSON body keeps the submission one request, checked whole before anything is written.
 */
export const NoteVerbaleInputSchema = z.strictObject({
  filename: line(200),
  contentBase64: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64 (RFC 4648, no line breaks)')
    .meta({ description: 'The PDF, base64; checked by its content, not its name' }),
});

export const DelegationInputSchema = z.strictObject({
  state: ParticipantIdSchema,
  delegates: z.array(DelegateInputSchema).min(1).max(60),
  noteVerbale: NoteVerbaleInputSchema.nullable().meta({
    description: 'Required with the first submission; a later one keeps the note already given when null',
  }),
});
export type DelegationInput = z.infer<typeof DelegationInputSchema>;

const PersonStatusSchema = z.strictObject({
  id: Id,
  position: z.enum(DELEGATE_POSITIONS),
  category: DelegateCategorySchema,
  status: DelegateStatusSchema,
});

export const DelegationResultSchema = z
  .strictObject({
    delegationId: Id,
    state: ParticipantIdSchema,
    status: z.string(),
    updated: z.boolean().meta({ description: 'The State had registered before: its delegation was updated' }),
    delegates: z.array(PersonStatusSchema),
  })
  .meta({ id: 'DelegationResult' });
export type DelegationResult = z.infer<typeof DelegationResultSchema>;

export const ReviewInputSchema = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  reason: line(1000).nullable(),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

export const ReviewResultSchema = z
  .strictObject({
    delegate: PersonStatusSchema,
    movedUp: z.array(Id).meta({ description: 'People who left the waiting list for the place freed' }),
  })
  .meta({ id: 'ReviewResult' });

export const DelegateSchema = PersonStatusSchema.extend({
  title: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  function: z.string().nullable(),
  email: z.string().nullable(),
  reason: z.string().nullable(),
  statusSince: z.string(),
  funded: z.boolean(),
  erased: z.boolean(),
}).meta({ id: 'Delegate' });
export type DelegateView = z.infer<typeof DelegateSchema>;

export const DelegationSchema = z
  .strictObject({
    id: Id,
    eventId: Id,
    state: z.strictObject({ id: z.string(), name: z.string() }),
    status: z.string(),
    noteVerbale: z.strictObject({
      sha256: z.string(),
      size: z.number().int(),
      filename: z.string().nullable(),
      available: z.boolean(),
    }),
    submittedAt: z.string(),
    updatedAt: z.string(),
    erased: z.boolean(),
    delegates: z.array(DelegateSchema),
    log: z.array(
      z.strictObject({
        delegateId: Id.nullable(),
        change: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        reason: z.string().nullable(),
        at: z.string(),
        by: z.string(),
      }),
    ),
  })
  .meta({ id: 'Delegation' });
export type DelegationView = z.infer<typeof DelegationSchema>;

export const DelegationListSchema = z
  .strictObject({ delegations: z.array(DelegationSchema) })
  .meta({ id: 'DelegationList' });

const Places = z.number().int().min(0).max(100_000).nullable();
export const CapacityInputSchema = z.strictObject({
  overall: Places,
  categories: z.strictObject({
    delegate: Places,
    adviser: Places,
    expert: Places,
    observer: Places,
    press: Places,
  }),
});
export type CapacityInput = z.infer<typeof CapacityInputSchema>;

const PerCategory = z.strictObject({
  delegate: z.number().int(),
  adviser: z.number().int(),
  expert: z.number().int(),
  observer: z.number().int(),
  press: z.number().int(),
});

/** What everyone may know of an event's attendance: numbers only, never names. */
export const AttendanceSchema = z
  .strictObject({
    eventId: Id,
    statesRegistered: z.number().int().meta({ description: 'States with a delegation registered' }),
    statesAttending: z.number().int().meta({ description: 'States with at least one approved person' }),
    approved: PerCategory,
    waitlisted: PerCategory,
    capacity: CapacityInputSchema,
  })
  .meta({ id: 'Attendance' });
export type Attendance = z.infer<typeof AttendanceSchema>;

export const QueueQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const QueueSchema = z
  .strictObject({
    total: z.number().int(),
    items: z.array(
      DelegateSchema.extend({
        eventId: Id,
        eventTitle: z.string(),
        delegationId: Id,
        state: z.strictObject({ id: z.string(), name: z.string() }),
      }),
    ),
  })
  .meta({ id: 'ApprovalQueue' });
export type Queue = z.infer<typeof QueueSchema>;
