import type { IsoDate } from '../../common/dates.ts';
import type { ConsentKind, SignatureKind } from '../../treaties/domain/types.ts';

/** One event as the follow-up needs it: dates, agenda, and who it was for, invited and attended. */
export interface FollowUpEvent {
  id: string;
  /** The event's kind (e.g. 'pre-ratification seminar'); events of one kind are also pooled. */
  kind: string;
  /** First and last day of the event (`start` ≤ `end`). */
  start: IsoDate;
  end: IsoDate;
  /**
   * Instrument ids on the agenda ('UNTOC', 'TIP', 'SOM', 'FIREARMS', as in reference/instruments.csv).
   * Empty when the agenda is not recorded: every instrument of `FollowUpInput.instrumentIds` is then used.
   */
  instruments: readonly string[];
  /** The States the event was for (participant ids: ISO3 codes as in reference/countries.csv). */
  targetStates: readonly string[];
  /** States invited; null when invitations are not recorded (the target States stand in for them). */
  invited: readonly string[] | null;
  /** States that attended; null when attendance is not known (then the region before/after is shown). */
  attended: readonly string[] | null;
}

/** A status-bearing registry action with an exact date (callers leave out month- or year-only dates). */
export interface FollowUpAction {
  participantId: string;
  instrumentId: string;
  kind: SignatureKind | ConsentKind;
  date: IsoDate;
}

export interface FollowUpAssistanceRequest {
  participantId: string;
  /** The day the request was made (submitted). */
  date: IsoDate;
}

export interface FollowUpInput {
  events: readonly FollowUpEvent[];
  actions: readonly FollowUpAction[];
  assistanceRequests?: readonly FollowUpAssistanceRequest[];
  /** The data's "as at" day: nothing later is known, so every observation is censored there. */
  asOf: IsoDate;
  /** Follow-up window in days after the event's end (default 730, "within two years"). */
  windowDays?: number;
  /** Months before the start and after the end compared when attendance is unknown (default 12). */
  monthsAround?: number;
  /**
   * The registry's instruments in display order: the order agenda items are listed in, and the agenda of
   * an event whose agenda is not recorded. Default: the instruments named in `actions`, sorted.
   */
  instrumentIds?: readonly string[];
}

/** An action seen after the event: the day, and how many days after the event's last day. */
export interface Observed {
  on: IsoDate;
  kind: string;
  /** Days after the event's end; 0 for the last day and for the days of the event itself. */
  daysAfterEnd: number;
  /** True when dated on a day of the event before its last (a deposit at a treaty event, say). */
  duringEvent: boolean;
  /** True when within the follow-up window (and so counted in the curves). */
  withinWindow: boolean;
}

/** Where a State stood with an instrument when the event began. */
export type StandingBefore = 'party' | 'signatory' | 'none';

export interface InstrumentFollowUp {
  instrumentId: string;
  standingBefore: StandingBefore;
  /** False when already a party before the event began: left out of the curves' denominators. */
  atRisk: boolean;
  /** Why the pair is left out of the curves, in words; null when it is counted. */
  excludedBecause: string | null;
  /** The first signature from the event's first day on (null if signed before, or never by `asOf`). */
  signature: Observed | null;
  /** The first consent to be bound from the event's first day on (null if a party before, or none yet). */
  consent: Observed | null;
}

export interface StateFollowUp {
  participantId: string;
  /** The first technical assistance request from the event's first day on, if any by `asOf`. */
  assistanceRequest: Observed | null;
  instruments: InstrumentFollowUp[];
}

/** One step of a Kaplan–Meier curve: the table behind the chart. */
export interface CurveStep {
  /** Days after the event's end. */
  day: number;
  /** Pairs still observed and not yet consented at the start of that day. */
  atRisk: number;
  /** Pairs whose first consent falls on that day. */
  consents: number;
  /** Pairs whose observation ends on that day without a consent (window or `asOf` reached). */
  censored: number;
  /** Estimated share of at-risk pairs that consented by that day (1 − Kaplan–Meier survival), in [0, 1]. */
  cumulativeShare: number;
}

/** A cohort curve over State–instrument pairs. */
export interface Curve {
  /** Pairs at risk at day 0 (not a party when the event began). */
  atRiskAtStart: number;
  /** Pairs left out because the State was already a party when the event began. */
  excludedAlreadyParty: number;
  /** Pairs with a first consent inside their observed window. */
  consented: number;
  steps: CurveStep[];
  /** The share at the last step (0 with no steps). */
  finalShare: number;
}

export interface GroupCurves {
  /** Every instrument on the agenda pooled: each State–instrument pair is one subject. */
  all: Curve;
  byInstrument: Array<{ instrumentId: string; curve: Curve }>;
}

/** What every event's follow-up starts with: the event, and the instruments followed. */
export interface EventFollowUpHeader {
  eventId: string;
  kind: string;
  start: IsoDate;
  end: IsoDate;
  instruments: string[];
  instrumentsFrom: 'agenda' | 'all instruments (agenda not recorded)';
}

/** Mode (a): attendance is known. */
export interface AttendanceFollowUp extends EventFollowUpHeader {
  mode: 'attendance';
  comparisonFrom: 'invited' | 'target States (invitations not recorded)';
  /** Last day observed: the window's end or `asOf`, whichever is earlier. */
  observedUntil: IsoDate;
  observedDays: number;
  censoredBy: 'window' | 'as-of date';
  /** What the figures are, in words. */
  shown: string;
  attendees: StateFollowUp[];
  comparison: StateFollowUp[];
  curves: { attendees: GroupCurves; comparison: GroupCurves };
}

export interface PeriodWindow {
  /** First and last day of the period; null when the period is empty (outside the calendar or not yet). */
  from: IsoDate | null;
  to: IsoDate | null;
  /** True when the period was cut short at `asOf`. */
  cutAtAsOf: boolean;
}

export interface RegionInstrumentCounts {
  instrumentId: string;
  /** Target States with a consent in each period, sorted by id. */
  before: string[];
  during: string[];
  after: string[];
}

/** Mode (b): attendance is not known, so the target States' consents before and after are compared. */
export interface RegionFollowUp extends EventFollowUpHeader {
  mode: 'region';
  targetStates: number;
  monthsAround: number;
  shown: string;
  periods: { before: PeriodWindow; during: PeriodWindow; after: PeriodWindow };
  byInstrument: RegionInstrumentCounts[];
  /** State–instrument pairs with a consent in each period. */
  totals: { before: number; during: number; after: number };
}

export type EventFollowUp = AttendanceFollowUp | RegionFollowUp;

/** Events of one kind pooled: each State–instrument pair once per event. */
export interface KindFollowUp {
  kind: string;
  events: number;
  attendanceEvents: number;
  regionEvents: number;
  shown: string;
  curves: { attendees: GroupCurves; comparison: GroupCurves };
  region: {
    byInstrument: Array<{ instrumentId: string; before: number; during: number; after: number }>;
    totals: { before: number; during: number; after: number };
  };
}

export interface FollowUpReport {
  asOf: IsoDate;
  windowDays: number;
  monthsAround: number;
  /** Events sorted by start day, then id. */
  events: EventFollowUp[];
  /** Kinds sorted by name. */
  byKind: KindFollowUp[];
  /** Inputs dated after `asOf`, not used (nothing after the "as at" day is known). */
  ignoredAfterAsOf: { actions: number; assistanceRequests: number };
}
