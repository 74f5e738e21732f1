// The wire contract of what events leave behind: documents per language, outcomes adopted, and commitments by
// named States with their status as at today. Zod schemas shared by the API, the CLI and the web. Request
// bodies carry no schema id (ids on input schemas collide in the OpenAPI document); answers are described by
// plain output schemas.
import { z } from 'zod';
import { IsoDateSchema, MAX_ID, PartialDateSchema } from '../common/contract.ts';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { ActionKindSchema, InstrumentIdSchema, ParticipantIdSchema } from '../treaties/contract.ts';
import { COMMITMENT_KINDS, DOCUMENT_KINDS, OUTCOME_KINDS, SHOWN_STATUSES } from './domain/commitments.ts';
import { UN_LANGUAGES } from './domain/events.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const line = (max: number) => text(max).regex(ONE_LINE, ONE_LINE_MESSAGE);

/** Where a document is published: an http(s) address. Documents are referenced, never uploaded. */
export const DocumentUrlSchema = z
  .string()
  .trim()
  .max(2_000)
  .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'must be an http or https address')
  .refine((u) => URL.canParse(u), { message: 'must be an http or https address' });

export const DocumentInputSchema = z.strictObject({
  language: z.enum(UN_LANGUAGES),
  kind: z.enum(DOCUMENT_KINDS),
  title: line(300),
  /** The UN document symbol, where it has one (CTOC/COP/2005/2). */
  symbol: line(60).nullable(),
  url: DocumentUrlSchema,
});
export type DocumentInput = z.infer<typeof DocumentInputSchema>;

export const DocumentQuerySchema = z.strictObject({ language: z.enum(UN_LANGUAGES).optional() });

export const OutcomeInputSchema = z.strictObject({
  kind: z.enum(OUTCOME_KINDS),
  title: line(300),
  text: text(50_000),
  adoptedOn: IsoDateSchema,
});
export type OutcomeInput = z.infer<typeof OutcomeInputSchema>;

export const CommitmentInputSchema = z.strictObject({
  stateId: ParticipantIdSchema,
  instrumentId: InstrumentIdSchema,
  what: z.enum(COMMITMENT_KINDS),
  /** The commitment as the outcome words it. */
  text: text(2_000),
  /** Due by: a day, a month ("by June 2005": 2005-06) or a year; null when no date was given. */
  due: PartialDateSchema.nullable(),
});
export type CommitmentInput = z.infer<typeof CommitmentInputSchema>;

export const CommitmentMetInputSchema = z.strictObject({
  /** The registry action that met the commitment (GET /api/actions/{actionId}). */
  actionId: z.int().positive().max(MAX_ID),
});
export type CommitmentMetInput = z.infer<typeof CommitmentMetInputSchema>;

export const CommitmentWithdrawalInputSchema = z.strictObject({ reason: line(500) });
export type CommitmentWithdrawalInput = z.infer<typeof CommitmentWithdrawalInputSchema>;

export const CommitmentQuerySchema = z.strictObject({
  state: ParticipantIdSchema.optional(),
  event: z.coerce.number().int().positive().max(MAX_ID).optional(),
  status: z.enum(SHOWN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type CommitmentQuery = z.infer<typeof CommitmentQuerySchema>;

const Named = z.object({ id: z.string(), name: z.string() });

export const EventDocumentSchema = z
  .object({
    id: z.int(),
    eventId: z.int(),
    language: z.enum(UN_LANGUAGES),
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string(),
    symbol: z.string().nullable(),
    url: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'EventDocument' });
export type EventDocumentView = z.infer<typeof EventDocumentSchema>;

export const EventDocumentListSchema = z
  .object({ documents: z.array(EventDocumentSchema) })
  .meta({ id: 'EventDocumentList' });

export const OutcomeSchema = z
  .object({
    id: z.int(),
    eventId: z.int(),
    kind: z.enum(OUTCOME_KINDS),
    title: z.string(),
    text: z.string(),
    adoptedOn: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'Outcome' });
export type OutcomeView = z.infer<typeof OutcomeSchema>;

export const OutcomeListSchema = z.object({ outcomes: z.array(OutcomeSchema) }).meta({ id: 'OutcomeList' });

/** The registry action that met a commitment, as the registry dates it. */
const MetBySchema = z.object({ actionId: z.int(), kind: ActionKindSchema, date: z.string().nullable() });

export const CommitmentSchema = z
  .object({
    id: z.int(),
    event: z.object({ id: z.int(), title: z.string(), start: z.string() }),
    state: Named,
    instrumentId: z.string(),
    what: z.enum(COMMITMENT_KINDS),
    text: z.string(),
    /** As given: YYYY, YYYY-MM or YYYY-MM-DD; null when no date was given. */
    due: z.string().nullable(),
    /** The last day the due date stands for (2005-06 → 2005-06-30): overdue after it. */
    dueBy: z.string().nullable(),
    /** As at `asOf` of the answer: open, overdue (open and past due), met or withdrawn. */
    status: z.enum(SHOWN_STATUSES),
    metBy: MetBySchema.nullable(),
    withdrawnReason: z.string().nullable(),
    revision: z.int(),
    recordedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Commitment' });
export type CommitmentView = z.infer<typeof CommitmentSchema>;

export const CommitmentListSchema = z
  .object({ asOf: z.string(), commitments: z.array(CommitmentSchema), total: z.int() })
  .meta({ id: 'CommitmentList' });
export type CommitmentList = z.infer<typeof CommitmentListSchema>;

export const CommitmentChangeSchema = z.object({
  revision: z.int(),
  change: z.enum(['recorded', 'met', 'withdrawn']),
  status: z.enum(['open', 'met', 'withdrawn']),
  metByActionId: z.int().nullable(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const CommitmentDetailSchema = z
  .object({ asOf: z.string(), commitment: CommitmentSchema, history: z.array(CommitmentChangeSchema) })
  .meta({ id: 'CommitmentDetail' });
export type CommitmentDetail = z.infer<typeof CommitmentDetailSchema>;

/** Registry actions that would meet an open commitment: same State and instrument, fitting kind, after the event. */
export const CommitmentSuggestionsSchema = z
  .object({
    suggestions: z.array(
      z.object({
        commitmentId: z.int(),
        candidates: z.array(
          z.object({ actionId: z.int(), kind: ActionKindSchema, date: z.string().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'CommitmentSuggestions' });
export type CommitmentSuggestions = z.infer<typeof CommitmentSuggestionsSchema>;
