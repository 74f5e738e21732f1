// The wire contract of the events follow-up (what happened after an event): plain output schemas mirroring
// src/events/domain/follow-up-types.ts, so the web derives its types from here.
import { z } from 'zod';
import { IsoDateSchema } from '../common/contract.ts';
import { EventKindSchema } from './contract.ts';

const Observed = z.object({
  on: z.string(),
  kind: z.string(),
  daysAfterEnd: z.int(),
  duringEvent: z.boolean(),
  withinWindow: z.boolean(),
});

const InstrumentFollowUp = z.object({
  instrumentId: z.string(),
  standingBefore: z.enum(['party', 'signatory', 'none']),
  atRisk: z.boolean(),
  excludedBecause: z.string().nullable(),
  signature: Observed.nullable(),
  consent: Observed.nullable(),
});

const StateFollowUp = z.object({
  participantId: z.string(),
  /** Null for everyone but the Secretariat: requests are confidential to their State. */
  assistanceRequest: Observed.nullable(),
  instruments: z.array(InstrumentFollowUp),
});

const CurveStep = z.object({
  day: z.int(),
  atRisk: z.int(),
  consents: z.int(),
  censored: z.int(),
  cumulativeShare: z.number(),
});

const Curve = z.object({
  atRiskAtStart: z.int(),
  excludedAlreadyParty: z.int(),
  consented: z.int(),
  steps: z.array(CurveStep),
  finalShare: z.number(),
});

const GroupCurves = z.object({
  all: Curve,
  byInstrument: z.array(z.object({ instrumentId: z.string(), curve: Curve })),
});

const Header = {
  eventId: z.string(),
  kind: z.string(),
  start: z.string(),
  end: z.string(),
  instruments: z.array(z.string()),
  instrumentsFrom: z.enum(['agenda', 'all instruments (agenda not recorded)']),
};

const Period = z.object({ from: z.string().nullable(), to: z.string().nullable(), cutAtAsOf: z.boolean() });
const Totals = z.object({ before: z.int(), during: z.int(), after: z.int() });

export const AttendanceFollowUpSchema = z.object({
  ...Header,
  mode: z.literal('attendance'),
  comparisonFrom: z.enum(['invited', 'target States (invitations not recorded)']),
  observedUntil: z.string(),
  observedDays: z.int(),
  censoredBy: z.enum(['window', 'as-of date']),
  shown: z.string(),
  attendees: z.array(StateFollowUp),
  comparison: z.array(StateFollowUp),
  curves: z.object({ attendees: GroupCurves, comparison: GroupCurves }),
});

export const RegionFollowUpSchema = z.object({
  ...Header,
  mode: z.literal('region'),
  targetStates: z.int(),
  monthsAround: z.int(),
  shown: z.string(),
  periods: z.object({ before: Period, during: Period, after: Period }),
  byInstrument: z.array(
    z.object({
      instrumentId: z.string(),
      before: z.array(z.string()),
      during: z.array(z.string()),
      after: z.array(z.string()),
    }),
  ),
  totals: Totals,
});

export const EventFollowUpSchema = z
  .object({
    asOf: z.string(),
    windowDays: z.int(),
    monthsAround: z.int(),
    /** Whether assistance requests were taken into account (the Secretariat's view only). */
    assistanceRequests: z.boolean(),
    /** What is left out of this view, and why (outside the Secretariat: who attended, small groups). */
    withheld: z.string().nullable(),
    followUp: z.discriminatedUnion('mode', [AttendanceFollowUpSchema, RegionFollowUpSchema]),
  })
  .meta({ id: 'EventFollowUp' });
export type EventFollowUpView = z.infer<typeof EventFollowUpSchema>;

export const KindFollowUpSchema = z
  .object({
    asOf: z.string(),
    windowDays: z.int(),
    monthsAround: z.int(),
    assistanceRequests: z.boolean(),
    withheld: z.string().nullable(),
    kind: z.string(),
    events: z.int(),
    attendanceEvents: z.int(),
    regionEvents: z.int(),
    shown: z.string(),
    curves: z.object({ attendees: GroupCurves, comparison: GroupCurves }),
    region: z.object({
      byInstrument: z.array(
        z.object({ instrumentId: z.string(), before: z.int(), during: z.int(), after: z.int() }),
      ),
      totals: Totals,
    }),
  })
  .meta({ id: 'KindFollowUp' });
export type KindFollowUpView = z.infer<typeof KindFollowUpSchema>;

export const FollowUpQuerySchema = z.strictObject({
  /** The "as at" day of the registry data used (default today). */
  asOf: IsoDateSchema.optional(),
  /** Days after the event followed (default 730, "within two years"). */
  windowDays: z.coerce.number().int().min(1).max(3_653).default(730),
  /** Months compared before and after when attendance is not known (default 12). */
  monthsAround: z.coerce.number().int().min(1).max(60).default(12),
});
export type FollowUpQuery = z.infer<typeof FollowUpQuerySchema>;

export const KindFollowUpQuerySchema = FollowUpQuerySchema.extend({ kind: EventKindSchema });
