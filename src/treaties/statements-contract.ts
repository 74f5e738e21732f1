// The wire contract of statements of record (declarations, reservations, objections, notifications,
// territorial applications): what is recorded, what is known to exist without its text, and what that
// means (dispute-clause opt-outs, territories). Shared by the API and the web.
import { z } from 'zod';
import { STATEMENT_KINDS } from './domain/types.ts';
import { CONFIDENCE_LEVELS, ParticipantIdSchema } from './contract.ts';

export const StatementKindSchema = z.enum(STATEMENT_KINDS);

export const StatementsQuerySchema = z.strictObject({
  kind: StatementKindSchema.optional(),
  article: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .meta({ description: 'the article as cited, e.g. 35(2); "art. 35.2" reads the same', example: '35(2)' }),
  participant: ParticipantIdSchema.optional(),
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .default('json')
    .meta({ description: 'csv or xlsx downloads the statements as a file' }),
});
export type StatementsQuery = z.infer<typeof StatementsQuerySchema>;

export const StatementSchema = z
  .object({
    id: z.number(),
    instrumentId: z.string(),
    participantId: z.string(),
    participantName: z.string(),
    kind: StatementKindSchema,
    article: z.string().nullable(),
    date: z.string().nullable().meta({ description: 'null: date not known (never made up)' }),
    datePrecision: z.enum(['day', 'month', 'year', 'unknown']),
    summary: z
      .string()
      .nullable()
      .meta({ description: 'a paraphrase of the statement, not its official text; read with its source' }),
    text: z.string().nullable().meta({ description: 'the official text, where recorded' }),
    confidence: z.enum(CONFIDENCE_LEVELS).nullable(),
    source: z.string(),
    notes: z.string().nullable(),
    disputeOptOut: z.boolean().meta({
      description: 'a reservation excluding the dispute-settlement clause (UNTOC 35(2), TIP 15(2), …)',
    }),
    territories: z
      .object({ covered: z.array(z.string()), excluded: z.array(z.string()) })
      .nullable()
      .meta({ description: 'for a territorial application: what its summary says it covers or excludes' }),
    target: z
      .object({
        actionId: z.number().nullable(),
        participantId: z.string().nullable(),
        participantName: z.string().nullable(),
        recorded: z.boolean().meta({ description: 'false: the statement objected to is not recorded here' }),
      })
      .nullable()
      .meta({ description: 'for an objection or a withdrawal: what it answers' }),
    objectionIds: z.array(z.number()).meta({ description: 'the objections recorded against this statement' }),
    objections: z
      .array(
        z.object({
          id: z.number(),
          participantId: z.string(),
          participantName: z.string(),
          date: z.string().nullable(),
        }),
      )
      .meta({ description: 'the same objections: who made each, and when (null: date not known)' }),
    withdrawn: z.boolean(),
  })
  .meta({ id: 'Statement' });

export const StatementIndexEntrySchema = z
  .object({
    instrumentId: z.string(),
    participantId: z.string(),
    participantName: z.string(),
    listedAs: z.string(),
    date: z.string().nullable(),
    source: z.string(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'StatementIndexEntry' });

export const StatementCoverageSchema = z
  .object({
    statements: z.number(),
    participants: z.number(),
    listedNotRecorded: z
      .number()
      .meta({ description: 'participants known to have made statements whose text is not recorded here' }),
    line: z.string(),
  })
  .meta({ id: 'StatementCoverage' });

export const InstrumentStatementsSchema = z
  .object({
    instrumentId: z.string(),
    coverage: StatementCoverageSchema,
    statements: z.array(StatementSchema),
    textNotRecorded: z.array(StatementIndexEntrySchema).meta({
      description: 'a statement was made, its text is not recorded here: who, and where it is listed',
    }),
  })
  .meta({ id: 'InstrumentStatements' });

export const StatementKnowledgeSchema = z.enum(['recorded', 'text_not_recorded', 'nothing_recorded']).meta({
  description:
    "recorded: statements recorded here; text_not_recorded: a statement was made, its text is not recorded here; nothing_recorded: nothing recorded here, which is not 'none made'",
});

export const ParticipantStatementsSchema = z
  .object({
    participantId: z.string(),
    participantName: z.string(),
    instruments: z.array(
      z.object({
        instrumentId: z.string(),
        knowledge: StatementKnowledgeSchema,
        statements: z.array(StatementSchema),
        listed: z.array(StatementIndexEntrySchema),
      }),
    ),
  })
  .meta({ id: 'ParticipantStatements' });

export const DisputeSettlementQuerySchema = z.strictObject({ with: ParticipantIdSchema });

export const DisputeSettlementSchema = z
  .object({
    participantId: z.string(),
    otherId: z.string(),
    asOf: z.string(),
    obligations: z.array(
      z.object({
        instrumentId: z.string(),
        clause: z.string(),
        obligation: z.enum(['binds_unless_unrecorded_opt_out', 'excluded', 'not_both_parties']),
        optOutIds: z.array(z.number()),
        optedOut: z.array(z.string()),
        textNotRecorded: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'DisputeSettlement' });
