// The obligations calendar's wire contract (zod): a State's calendar of notifications owed to the depositary,
// the public view of what it has made, the Secretariat's overdue list, and the completeness date it sets.
// Imported by the server, the CLI and (types only) the web.
import { z } from 'zod';
import { IsoDateSchema } from '../common/contract.ts';
import { ParticipantIdSchema } from '../treaties/contract.ts';

export const OBLIGATION_STATUSES = ['made', 'outstanding', 'not_recorded', 'overdue'] as const;
export const TIMINGS = ['at_signature_or_deposit', 'at_deposit', 'within_months', 'standing'] as const;

const MadeBySchema = z.object({
  actionId: z.number().int(),
  kind: z.string(),
  /** The statement's date as recorded (a day, a month, a year), or null: not known. */
  date: z.string().nullable(),
});

export const ObligationSchema = z
  .object({
    instrumentId: z.string(),
    article: z.string(),
    reference: z.string().meta({ example: '18(13)' }),
    text: z.string(),
    obligation: z.enum(['mandatory', 'consider']),
    timing: z.enum(TIMINGS),
    months: z.number().int().nullable(),
    condition: z.string().nullable().meta({
      description: 'who alone owes it (UNTOC 5(3), 16(5)(a)); such a duty is never called overdue',
    }),
    status: z.enum(OBLIGATION_STATUSES).meta({
      description:
        'made (a notification or declaration of record names this paragraph); outstanding (not yet due, or standing and kept complete); not_recorded (no record here, and the Secretariat does not keep this State complete over the whole period it could have been made in); overdue (kept complete, no record, due date passed)',
    }),
    dueOn: IsoDateSchema.nullable(),
    opensOn: IsoDateSchema.nullable(),
    basis: z.string(),
    madeBy: MadeBySchema.nullable(),
    overdueSince: IsoDateSchema.nullable(),
  })
  .meta({ id: 'NotificationObligation' });

export const InstrumentCalendarSchema = z.object({
  instrumentId: z.string(),
  signedOn: z.string().nullable(),
  consentOn: z.string().nullable(),
  entryIntoForce: IsoDateSchema.nullable(),
  obligations: z.array(ObligationSchema),
  unattributed: z.array(MadeBySchema),
});

const CountsSchema = z.object({
  made: z.number().int(),
  outstanding: z.number().int(),
  not_recorded: z.number().int(),
  overdue: z.number().int(),
});

export const CompletenessSchema = z
  .object({
    participantId: z.string(),
    /** The first day from which this State's notifications are kept complete here; null: not said. */
    completeSince: IsoDateSchema.nullable(),
    reason: z.string().nullable(),
    recordedAt: z.string().nullable(),
    recordedByName: z.string().nullable(),
  })
  .meta({ id: 'NotificationCompleteness' });

export const ObligationCalendarSchema = z
  .object({
    participantId: z.string(),
    participantName: z.string(),
    asOf: IsoDateSchema,
    completeness: CompletenessSchema,
    counts: CountsSchema,
    instruments: z.array(InstrumentCalendarSchema),
  })
  .meta({ id: 'ObligationCalendar' });

/** What anyone may read: which obligations a State has made, with the record; nothing about the rest. */
export const MadeObligationsSchema = z
  .object({
    participantId: z.string(),
    participantName: z.string(),
    items: z.array(
      z.object({
        instrumentId: z.string(),
        reference: z.string(),
        text: z.string(),
        made: z.boolean(),
        madeBy: MadeBySchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'MadeObligations' });

export const OverdueQuerySchema = z.strictObject({
  instrument: z.string().max(20).optional(),
  region: z.string().max(60).optional(),
});

export const OverdueListSchema = z
  .object({
    asOf: IsoDateSchema,
    /** States whose notifications the Secretariat keeps complete: the only ones that can be overdue. */
    statesKeptComplete: z.number().int(),
    items: z.array(
      z.object({
        participantId: z.string(),
        participantName: z.string(),
        region: z.string().nullable(),
        instrumentId: z.string(),
        reference: z.string(),
        text: z.string(),
        dueOn: IsoDateSchema,
        overdueSince: IsoDateSchema,
      }),
    ),
  })
  .meta({ id: 'OverdueObligations' });

export const CompletenessInputSchema = z
  .strictObject({
    completeSince: IsoDateSchema.nullable().meta({
      description:
        'the first day from which this State’s notifications are all recorded here; null withdraws it',
    }),
    reason: z.string().trim().min(1).max(500),
  })
  .meta({ id: 'CompletenessInput' });

export const ObligationParams = z.strictObject({ participantId: ParticipantIdSchema });

export type ObligationCalendarView = z.infer<typeof ObligationCalendarSchema>;
export type ObligationView = z.infer<typeof ObligationSchema>;
export type MadeObligationsView = z.infer<typeof MadeObligationsSchema>;
export type OverdueListView = z.infer<typeof OverdueListSchema>;
export type CompletenessView = z.infer<typeof CompletenessSchema>;
export type CompletenessInput = z.infer<typeof CompletenessInputSchema>;
