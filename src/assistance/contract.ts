// The wire contract of technical assistance: zod schemas shared by the API, the CLI and the web.
import { z } from 'zod';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { AmountSchema, DonorIdSchema, EarmarkIdSchema } from '../funds/contract.ts';
import { IsoDateSchema, MAX_ID } from '../common/contract.ts';
import { NextLinkSchema } from '../common/paging.ts';
import { InstrumentIdSchema, ParticipantIdSchema } from '../treaties/contract.ts';
import { REQUEST_STATUSES } from './domain/workflow.ts';
import { ProjectSchema, RequestSchema } from './views.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
/** Names and titles: one line (src/common/text.ts). */
const line = (max: number) => text(max).regex(ONE_LINE, ONE_LINE_MESSAGE);
export const IdSchema = z.int().positive().max(MAX_ID);

export const ASSESSMENT_STATUSES = ['in_place', 'partly', 'not_in_place', 'not_applicable'] as const;
export const ASSISTANCE_KINDS = [
  'legislative_drafting',
  'institution_building',
  'training',
  'equipment',
  'model_laws',
  'mentoring',
] as const;
export const OUTCOME_KINDS = ['legislation_adopted', 'authority_notified', 'instrument_deposited'] as const;
/** How strongly an article binds a party: the provisions catalogue's obligation level. */
export const OBLIGATIONS = ['mandatory', 'consider', 'optional', 'none'] as const;

/** A provision is named by its instrument and article: "UNTOC 5", "TIP 6". */
export const ProvisionKeySchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_-]{1,31} \d{1,3}$/, 'must name an instrument and an article, e.g. "UNTOC 5"');

export const AssessmentInputSchema = z
  .strictObject({
    assessedOn: IsoDateSchema,
    entries: z
      .array(
        z.strictObject({
          provision: ProvisionKeySchema,
          status: z.enum(ASSESSMENT_STATUSES),
          measure: z.string().trim().max(2_000).nullish(),
          needs: z.array(z.enum(ASSISTANCE_KINDS)).max(ASSISTANCE_KINDS.length).default([]),
          note: z.string().trim().max(2_000).nullish(),
        }),
      )
      .min(1)
      .max(200),
  })
  .meta({ id: 'NewAssessment' });
export type AssessmentInput = z.infer<typeof AssessmentInputSchema>;

export const PublicationInputSchema = z
  .strictObject({ published: z.boolean() })
  .meta({ id: 'AssessmentPublication' });

export const DevelopmentClassInputSchema = z
  .strictObject({
    class: z.enum(['developing', 'transition', 'developed']),
    validFrom: IsoDateSchema,
    basis: text(300),
    source: text(500),
  })
  .meta({ id: 'NewDevelopmentClass' });
export type DevelopmentClassInput = z.infer<typeof DevelopmentClassInputSchema>;

export const RequestInputSchema = z
  .strictObject({
    participantId: ParticipantIdSchema,
    kind: z.enum(['implementation', 'preparatory']),
    /** Preparatory assistance: the instrument the State means to join. */
    instrumentId: InstrumentIdSchema.nullish(),
    title: line(300),
    description: text(10_000),
    provisions: z.array(ProvisionKeySchema).min(1).max(100),
    assistance: z.array(z.enum(ASSISTANCE_KINDS)).min(1).max(ASSISTANCE_KINDS.length),
    neededBy: IsoDateSchema.nullish(),
    estimatedCost: AmountSchema.nullish(),
    requestedOn: IsoDateSchema,
  })
  .meta({ id: 'NewAssistanceRequest' });
export type RequestInput = z.infer<typeof RequestInputSchema>;

export const StepInputSchema = z
  .strictObject({
    to: z.enum(REQUEST_STATUSES),
    reason: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'RequestStep' });
export type StepInput = z.infer<typeof StepInputSchema>;

export const OfferInputSchema = z
  .strictObject({
    donorId: DonorIdSchema.nullish(),
    partnerId: ParticipantIdSchema.nullish(),
    theme: text(100).nullish(),
    region: text(100).nullish(),
    instrumentId: InstrumentIdSchema.nullish(),
    amount: AmountSchema.nullish(),
    inKind: z.string().trim().max(2_000).nullish(),
    description: text(5_000),
  })
  .meta({ id: 'NewOffer' });
export type OfferInput = z.infer<typeof OfferInputSchema>;

export const ProjectInputSchema = z
  .strictObject({
    requestId: IdSchema,
    title: line(300),
    budget: AmountSchema,
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema,
    implementingPartner: line(300),
    beneficiaries: text(2_000),
    offerId: IdSchema.nullish(),
    published: z.boolean().default(false),
  })
  .meta({ id: 'NewProject' });
export type ProjectInput = z.infer<typeof ProjectInputSchema>;

export const ActivityInputSchema = z
  .strictObject({ title: line(300), startsOn: IsoDateSchema, endsOn: IsoDateSchema })
  .meta({ id: 'NewActivity' });
export type ActivityInput = z.infer<typeof ActivityInputSchema>;

export const ResultInputSchema = z
  .strictObject({
    title: line(300),
    indicator: text(500),
    unit: text(50),
    baseline: text(50),
    target: text(50),
  })
  .meta({ id: 'NewResult' });
export type ResultInput = z.infer<typeof ResultInputSchema>;

export const MeasurementInputSchema = z
  .strictObject({
    period: z
      .string()
      .regex(
        /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/,
        'must be a year, a month (YYYY-MM) or a quarter (YYYY-Q1)',
      ),
    actual: text(50),
    note: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'NewMeasurement' });
export type MeasurementInput = z.infer<typeof MeasurementInputSchema>;

export const OutcomeInputSchema = z
  .strictObject({
    kind: z.enum(OUTCOME_KINDS),
    happenedOn: IsoDateSchema,
    resultId: IdSchema.nullish(),
    /** legislation_adopted: the law, with its official reference. */
    citation: text(1_000).nullish(),
    /** authority_notified / instrument_deposited: the treaty action recorded in the registry. */
    actionId: IdSchema.nullish(),
  })
  .meta({ id: 'NewOutcome' });
export type OutcomeInput = z.infer<typeof OutcomeInputSchema>;

export const FundingInputSchema = z
  .strictObject({
    donorId: DonorIdSchema,
    earmarkId: EarmarkIdSchema,
    amount: AmountSchema,
    bookedOn: IsoDateSchema,
  })
  .meta({ id: 'ProjectFunding' });
export type FundingInput = z.infer<typeof FundingInputSchema>;

export const ProjectSpendingInputSchema = z
  .strictObject({
    allocationId: IdSchema,
    amount: AmountSchema,
    bookedOn: IsoDateSchema,
    reference: text(200).nullish(),
    memo: z.string().trim().max(2_000).nullish(),
  })
  .meta({ id: 'ProjectSpending' });
export type ProjectSpendingInput = z.infer<typeof ProjectSpendingInputSchema>;

// The answers' shapes live beside this file (views.ts); the contract is where every caller takes them from.
export {
  AssessmentSchema,
  ChainSchema,
  EligibilitySchema,
  OfferSchema,
  ProjectSchema,
  ProposalSchema,
  ProvisionSchema,
  RequestSchema,
} from './views.ts';

// The lists' pages, by id (docs/api.md "Paging"): `next` is also the `Link` header, null on the last page.
export const RequestListSchema = z
  .object({ requests: z.array(RequestSchema), next: NextLinkSchema })
  .meta({ id: 'AssistanceRequestList' });
export const ProjectListSchema = z
  .object({ projects: z.array(ProjectSchema), next: NextLinkSchema })
  .meta({ id: 'ProjectList' });

// Queries

export const ProvisionQuerySchema = z.strictObject({
  instrumentId: InstrumentIdSchema.optional(),
  theme: z.string().max(60).optional(),
  obligation: z.enum(OBLIGATIONS).optional(),
});

export const AssessmentQuerySchema = z.strictObject({
  theme: z.string().max(60).optional(),
  obligation: z.enum(OBLIGATIONS).optional(),
  instrumentId: InstrumentIdSchema.optional(),
  remaining: z.enum(['true', 'false']).optional(),
});
