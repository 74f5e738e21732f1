// The wire contract of the treaty registry: zod schemas shared by the API, the CLI and the web.
import { z } from 'zod';
import { ONE_LINE, ONE_LINE_MESSAGE } from '../common/text.ts';
import { IsoDateSchema, MAX_ID, PartialDateSchema } from '../common/contract.ts';
import {
  ACTION_KINDS,
  CONFIDENCE_LEVELS,
  CONSENT_KINDS,
  SIGNATURE_KINDS,
  SIGNATURE_MODES,
} from './domain/types.ts';

// Their home is the common contract; named here too for the modules that took them from here.
export { IsoDateSchema, MAX_ID, PartialDateSchema, ProblemSchema } from '../common/contract.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
/** Names and titles: one line (src/common/text.ts). */
const line = (max: number) => text(max).regex(ONE_LINE, ONE_LINE_MESSAGE);

export const InstrumentIdSchema = z
  .string()
  .regex(
    /^[A-Z][A-Z0-9_-]{1,31}$/,
    'must be 2-32 capital letters, digits, "_" or "-", starting with a letter',
  );
export const ParticipantIdSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter code such as ARM or EUU');

export const ActionKindSchema = z.enum(ACTION_KINDS);

export { CONFIDENCE_LEVELS };

export const RecordActionSchema = z
  .strictObject({
    instrumentId: InstrumentIdSchema,
    participantId: ParticipantIdSchema,
    kind: ActionKindSchema,
    date: PartialDateSchema.nullable(),
    notBefore: IsoDateSchema.nullish(),
    notAfter: IsoDateSchema.nullish(),
    article: text(40).nullish(),
    targetActionId: z.int().positive().max(MAX_ID).nullish(),
    targetParticipantId: ParticipantIdSchema.nullish(),
    territory: text(200).nullish(),
    depositaryRef: text(100).nullish().meta({ example: 'C.N.456.2003.TREATIES-12' }),
    text: z.string().max(20_000).nullish(),
    summary: text(2_000).nullish().meta({
      description:
        "a paraphrase of the statement, shown as a summary with its source, never as the official text ('text')",
    }),
    confidence: z
      .enum(CONFIDENCE_LEVELS)
      .nullish()
      .meta({ description: 'how sure the source is of the statement' }),
    source: text(2_000),
    notes: z.string().max(5_000).nullish(),
  })
  .meta({ id: 'RecordAction' });
export type RecordActionInput = z.infer<typeof RecordActionSchema>;

export const CorrectActionSchema = z
  .strictObject({
    reason: text(2_000),
    /** The action as it should have been; omit to void an entry that should never have been recorded. */
    replacement: RecordActionSchema.nullish(),
  })
  .meta({ id: 'CorrectAction' });
export type CorrectActionInput = z.infer<typeof CorrectActionSchema>;

const article = text(20);

export const DefineInstrumentSchema = z
  .strictObject({
    id: InstrumentIdSchema,
    title: line(500),
    shortTitle: line(80),
    mtdsgNo: text(40).nullish(),
    adoptedOn: IsoDateSchema,
    adoptionResolution: text(80).nullish(),
    signature: z.enum(SIGNATURE_MODES).optional().meta({
      description:
        "'none': not open for signature (participants accede); 'open': from signatureOpensOn until signatureClosesOn, or indefinitely without it. Default: 'open' when signatureOpensOn is given, else 'none'.",
    }),
    signatureOpensOn: IsoDateSchema.nullish(),
    signatureClosesOn: IsoDateSchema.nullish(),
    threshold: z.int().min(1).max(1000),
    eifDays: z.int().min(0).max(3650),
    laterDays: z.int().min(0).max(3650),
    laterRule: z.enum(['plus_days', 'later_of']),
    reioCounted: z.boolean(),
    parentId: InstrumentIdSchema.nullish(),
    denunciationMonths: z.int().min(0).max(120).default(12),
    eifArticle: article,
    laterArticle: article,
    signatureArticle: article,
    denunciationArticle: article,
    cascadeArticle: article.nullish(),
    parentRequirementArticle: article.nullish(),
    officialEifOn: IsoDateSchema.nullish(),
    source: text(2_000),
  })
  .refine((i) => !i.signatureOpensOn || !i.signatureClosesOn || i.signatureOpensOn <= i.signatureClosesOn, {
    message: 'signature window closes before it opens',
    path: ['signatureClosesOn'],
  })
  .refine((i) => i.signature !== 'open' || !!i.signatureOpensOn, {
    message: 'an instrument open for signature names the day it opens',
    path: ['signatureOpensOn'],
  })
  .refine((i) => i.signature !== 'none' || (!i.signatureOpensOn && !i.signatureClosesOn), {
    message: 'an instrument not open for signature has no signature dates',
    path: ['signature'],
  })
  .refine((i) => !i.signatureClosesOn || !!i.signatureOpensOn, {
    message: 'a closing date needs the day signature opens',
    path: ['signatureOpensOn'],
  })
  .meta({ id: 'DefineInstrument' });
export type DefineInstrumentInput = z.infer<typeof DefineInstrumentSchema>;

export const AsOfQuerySchema = z.strictObject({ asOf: IsoDateSchema.optional() });
export const DifferenceQuerySchema = z.strictObject({ from: IsoDateSchema, to: IsoDateSchema });

// Responses

export const ComputedDateSchema = z
  .object({
    on: z.string().nullable(),
    earliest: z.string().nullable(),
    latest: z.string().nullable(),
    pending: z.boolean().optional(),
    explanation: z.string(),
  })
  .meta({ id: 'ComputedDate' });

const Tri = z.enum(['yes', 'no', 'uncertain']);
const ParticipantState = z.enum(['none', 'signatory', 'party_pending', 'party', 'uncertain', 'withdrawn']);
const ConsentKindSchema = z.enum(CONSENT_KINDS);
const DatePrecisionSchema = z.enum(['day', 'month', 'year', 'unknown']);

export const InstrumentSchema = z
  .object({
    id: z.string(),
    mtdsgNo: z.string().nullable(),
    title: z.string(),
    shortTitle: z.string(),
    adoptedOn: z.string(),
    adoptionResolution: z.string().nullable(),
    signature: z.enum(SIGNATURE_MODES).meta({
      description: "'none': not open for signature; 'open': see signatureOpensOn and signatureClosesOn",
    }),
    signatureOpensOn: z.string().nullable(),
    signatureClosesOn: z
      .string()
      .nullable()
      .meta({ description: 'null while open for signature: open with no closing date' }),
    threshold: z.number(),
    eifDays: z.number(),
    laterDays: z.number(),
    laterRule: z.enum(['plus_days', 'later_of']),
    reioCounted: z.boolean(),
    parentId: z.string().nullable(),
    denunciationMonths: z.number(),
    eifArticle: z.string(),
    laterArticle: z.string(),
    signatureArticle: z.string(),
    denunciationArticle: z.string(),
    cascadeArticle: z.string().nullable(),
    parentRequirementArticle: z.string().nullable(),
    officialEifOn: z.string().nullable(),
    source: z.string(),
    entryIntoForce: ComputedDateSchema.nullable(),
    entryIntoForceExplanation: z.string(),
  })
  .meta({ id: 'Instrument' });

export const ParticipantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['state', 'reio']),
    iso3: z.string().nullable(),
    m49: z.string().nullable(),
    region: z.string().nullable(),
    subregion: z.string().nullable(),
    intermediateRegion: z.string().nullable(),
    unGroup: z.string().nullable(),
    unMember: z.boolean(),
    ldc: z.boolean(),
    lldc: z.boolean(),
    sids: z.boolean(),
    developmentClass: z.string().nullable(),
    notes: z.string().nullable(),
    source: z.string(),
  })
  .meta({ id: 'Participant' });

export const ParticipantStatusSchema = z
  .object({
    participantId: z.string(),
    name: z.string(),
    kind: z.enum(['state', 'reio']),
    region: z.string().nullable(),
    unGroup: z.string().nullable(),
    state: ParticipantState,
    signed: Tri,
    signatureKind: z.enum(SIGNATURE_KINDS).nullable().meta({
      description:
        "'succession_to_signature': a successor State's succession to its predecessor's signature (UNTC \"d\")",
    }),
    signatureDate: z.string().nullable(),
    consented: Tri,
    consentKind: ConsentKindSchema.nullable(),
    consentDate: z.string().nullable(),
    consentPrecision: DatePrecisionSchema.nullable(),
    inForce: Tri,
    eif: ComputedDateSchema.nullable(),
    denunciationEffective: ComputedDateSchema.nullable(),
  })
  .meta({ id: 'ParticipantStatus' });

export const CountsSchema = z
  .object({
    signatories: z.number(),
    contractingParties: z.number(),
    partiesInForce: z.number(),
    pendingEntryIntoForce: z.number(),
    uncertain: z.number(),
    withdrawn: z.number(),
  })
  .meta({ id: 'StatusCounts' });

export const InstrumentStatusSchema = z
  .object({
    instrumentId: z.string(),
    asOf: z.string(),
    instrumentInForce: Tri,
    eif: ComputedDateSchema.nullable(),
    instrumentsCounted: z.number(),
    counts: CountsSchema,
    participants: z.array(ParticipantStatusSchema),
  })
  .meta({ id: 'InstrumentStatus' });

export const ActionRecordSchema = z
  .object({
    id: z.number(),
    instrumentId: z.string(),
    participantId: z.string(),
    kind: ActionKindSchema,
    date: z.string().nullable(),
    datePrecision: DatePrecisionSchema,
    notBefore: z.string().nullable(),
    notAfter: z.string().nullable(),
    article: z.string().nullable(),
    targetActionId: z.number().nullable(),
    targetParticipantId: z.string().nullable(),
    territory: z.string().nullable(),
    depositaryRef: z.string().nullable(),
    text: z.string().nullable(),
    summary: z.string().nullable().meta({ description: 'a paraphrase, not the official text' }),
    confidence: z.enum(CONFIDENCE_LEVELS).nullable(),
    source: z.string(),
    notes: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z.string().nullable().meta({
      description: "the recording account's or token's internal id; null unless the Secretariat asks",
    }),
    recordedByName: z
      .string()
      .meta({ description: "who recorded it: the account's display name, or the token's" }),
    correction: z
      .object({
        reason: z.string(),
        replacementActionId: z.number().nullable(),
        correctedAt: z.string(),
        correctedBy: z.string().nullable(),
        correctedByName: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'Action' });

/** What recording an action changes (a dry run's preview, or the recorded action's answer). */
export const ActionEffectSchema = z
  .object({
    instrumentId: z.string(),
    participantId: z.string(),
    statusAfter: ParticipantStatusSchema.omit({ name: true, kind: true, region: true, unGroup: true }),
    instrumentEntryIntoForce: ComputedDateSchema.nullable(),
    summary: z.string(),
  })
  .meta({ id: 'ActionEffect' });

export const DifferenceSchema = z
  .object({
    instrumentId: z.string(),
    from: z.string(),
    to: z.string(),
    countsFrom: CountsSchema,
    countsTo: CountsSchema,
    changes: z.array(
      z.object({ participantId: z.string(), name: z.string(), from: ParticipantState, to: ParticipantState }),
    ),
  })
  .meta({ id: 'StatusDifference' });

/** One participant across every instrument: the country view. */
export const CountryViewSchema = z
  .object({
    participant: ParticipantSchema,
    asOf: z.string(),
    instruments: z.array(
      ParticipantStatusSchema.pick({
        state: true,
        signatureKind: true,
        signatureDate: true,
        consentKind: true,
        consentDate: true,
        consentPrecision: true,
        denunciationEffective: true,
      }).extend({
        instrumentId: z.string(),
        shortTitle: z.string(),
        title: z.string(),
        entryIntoForce: ComputedDateSchema.nullable(),
        actions: z.array(ActionRecordSchema),
      }),
    ),
    notJoined: z.array(z.string()).meta({ description: 'instruments it is not (or no longer) a party to' }),
  })
  .meta({ id: 'CountryView' });

export const TimelinePointSchema = z
  .object({
    on: z.string(),
    parties: z.number().meta({ description: 'parties for which the instrument is in force' }),
    contractingParties: z.number(),
    signatories: z.number(),
  })
  .meta({ id: 'TimelinePoint' });

export const DashboardSchema = z
  .object({
    asOf: z.string(),
    instruments: z.array(
      z.object({
        instrumentId: z.string(),
        mtdsgNo: z.string().nullable(),
        instrumentInForce: Tri,
        entryIntoForce: ComputedDateSchema.nullable(),
        counts: CountsSchema,
        newest: z.array(
          z.object({
            actionId: z.number(),
            participantId: z.string(),
            name: z.string(),
            kind: ActionKindSchema,
            date: z.string().nullable(),
          }),
        ),
        timeline: z.array(TimelinePointSchema).meta({
          description: 'one point at every date on which a count changes, oldest first',
        }),
      }),
    ),
  })
  .meta({ id: 'Dashboard' });

export const AnnotationsSchema = z
  .object({
    instrumentId: z.string(),
    participants: z.array(
      z.object({
        participantId: z.string(),
        statements: z.array(
          z.object({
            actionId: z.number(),
            kind: z.string(),
            date: z.string().nullable(),
            article: z.string().nullable(),
            territory: z.string().nullable(),
            text: z.string().nullable(),
            summary: z.string().nullable().meta({ description: 'a paraphrase, not the official text' }),
          }),
        ),
        footnotes: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'Annotations' });
