// Section III of the report to the Commission (res. 56/120 para 2; issue 15, item 3): the regional
// ministerial conferences and pre-ratification seminars held in the period, the States attending, the
// commitments made and met, and what followed — read through the events feature's own services, so that
// attendance, a commitment's status and the follow-up mean here what they mean there (docs/reports.md,
// "Sections III and IV: what is counted").
//
// The report is public once frozen, so it draws what the public may see of events: public events only (a
// non-public event is, outside the Secretariat and the States invited, as if it did not exist), numbers of
// States attending rather than their names, and the follow-up as the public sees it (curves of small groups
// withheld). Which States attended is read only to count distinct States across events.
import type { IsoDate } from '../../common/dates.ts';
import { parsePartialDate } from '../../common/dates.ts';
import type { Db } from '../../db/schema.ts';
import type { EventSummary } from '../../events/contract.ts';
import type { Attendance } from '../../events/delegation-contract.ts';
import { shownStatus, type CommitmentKind, type ShownStatus } from '../../events/domain/commitments.ts';
import type { EventKind } from '../../events/domain/events.ts';
import type { EventFollowUpView } from '../../events/follow-up-contract.ts';
import { FollowUpQuerySchema } from '../../events/follow-up-contract.ts';
import type { CommitmentView } from '../../events/outcome-contract.ts';
import { commitmentList } from '../../events/services/commitments-read.ts';
import { attendancesOf } from '../../events/services/delegations-read.ts';
import { eventList } from '../../events/services/events.ts';
import { eventsFollowUp } from '../../events/services/follow-up.ts';
import { attendingStatesOf } from '../../events/services/lookups.ts';
import type { EventViewer } from '../../events/services/viewer.ts';

/** The report is published: it sees events as the public does. */
const PUBLIC: EventViewer = { kind: 'public' };

/** The kinds resolution 56/120 para 2 names: the events section III counts. Other kinds are listed apart. */
export const PROMOTION_KINDS = ['regional_ministerial_conference', 'pre_ratification_seminar'] as const;

/** The largest page the events services give. */
const EVENT_PAGE = 500;
const COMMITMENT_PAGE = 1_000;

export interface Named {
  id: string;
  name: string;
}

/** A commitment made at an event, with its status as at the report's date. */
export interface ReportedCommitment {
  id: number;
  eventId: number;
  state: Named;
  instrumentId: string;
  what: CommitmentKind;
  /** As given: YYYY, YYYY-MM or YYYY-MM-DD; null when no date was given. */
  due: string | null;
  /** As at the report's date: met only when the registry action that met it is dated by then. */
  status: ShownStatus;
  /** The registry action that met it (dated by the "as at" day), or null. */
  metBy: { actionId: number; kind: string; date: string | null } | null;
}

/** Numbers of State–instrument pairs in a follow-up curve (no shares: they are not whole numbers). */
export interface CurveCounts {
  /** Pairs followed: States not yet party when the event began. */
  pairs: number;
  alreadyParty: number;
  /** Pairs with a consent to be bound within the window. */
  consented: number;
}

/** What followed an event, as the events feature's follow-up gives it to the public. */
export type ReportedFollowUp =
  | {
      mode: 'attendance';
      windowDays: number;
      observedUntil: IsoDate;
      /** Null when withheld: fewer than five States attended or stayed away (they could be named). */
      attendees: CurveCounts | null;
      comparison: CurveCounts | null;
    }
  | {
      mode: 'region';
      monthsAround: number;
      targetStates: number;
      /** State–instrument pairs with a consent in the months before, during and after. */
      totals: { before: number; during: number; after: number };
      byInstrument: Array<{ instrumentId: string; before: number; during: number; after: number }>;
    };

export interface ReportedEvent {
  id: number;
  kind: EventKind;
  title: string;
  status: 'held' | 'report_published';
  start: IsoDate;
  end: IsoDate;
  venue: { city: string | null; country: Named | null; online: boolean };
  hosts: Named[];
  instruments: string[];
  /** States with a delegation registered, and with at least one approved person (docs/events.md). */
  statesRegistered: number;
  statesAttending: number;
  commitments: ReportedCommitment[];
  commitmentsMade: number;
  /** Of the commitments made there, those met as at the report's date. */
  commitmentsMet: number;
  followUp: ReportedFollowUp;
}

export interface EventTotals {
  held: number;
  conferences: number;
  seminars: number;
  /** Distinct States with an approved person at one event or more. */
  statesAttending: number;
  commitmentsMade: number;
  /** Commitments met in the period (by a registry action dated within it), whenever they were made. */
  commitmentsMet: number;
}

export interface EventsSection {
  /** Conferences and seminars held in the period, in calendar order. */
  promotion: ReportedEvent[];
  /** Events of other kinds held in the period (treaty events, workshops, …), listed apart. */
  other: ReportedEvent[];
  totals: EventTotals;
  otherTotals: EventTotals;
  /** The commitments met in the period, at conferences and seminars of any date. */
  metInPeriod: ReportedCommitment[];
  otherMetInPeriod: ReportedCommitment[];
  /** For the data's fingerprint and counting only, never for publication: the States attending each event. */
  attendingStates: ReadonlyMap<number, readonly string[]>;
}

const isHeld = (e: EventSummary): boolean => e.status === 'held' || e.status === 'report_published';
const isPromotion = (kind: EventKind): boolean => (PROMOTION_KINDS as readonly string[]).includes(kind);

/** Whether a registry date (perhaps a month or a year) lies wholly on or before `day` / within the period. */
function wholly(date: string | null, from: IsoDate | null, to: IsoDate): boolean {
  const d = parsePartialDate(date);
  if (!d?.earliest || !d.latest) return false;
  return d.latest <= to && (from === null || d.earliest >= from);
}

/** Every public event that began by the period's end, in calendar order. */
async function eventsUpTo(db: Db, to: IsoDate): Promise<EventSummary[]> {
  const out: EventSummary[] = [];
  for (let offset = 0; ; offset += EVENT_PAGE) {
    const page = await eventList(db, PUBLIC, { to, limit: EVENT_PAGE, offset });
    out.push(...page.events);
    if (page.events.length < EVENT_PAGE || out.length >= page.total) return out;
  }
}

/** Every commitment of a public event, with the events feature's status as at `asAt`. */
async function allCommitments(db: Db, asAt: IsoDate): Promise<CommitmentView[]> {
  const out: CommitmentView[] = [];
  for (let offset = 0; ; offset += COMMITMENT_PAGE) {
    const page = await commitmentList(db, PUBLIC, asAt, { limit: COMMITMENT_PAGE, offset });
    out.push(...page.commitments);
    if (page.commitments.length < COMMITMENT_PAGE || out.length >= page.total) return out;
  }
}

/** A commitment as at the report's date: a meeting action dated later does not count yet. */
function commitmentAsAt(c: CommitmentView, asAt: IsoDate): ReportedCommitment {
  const met = c.metBy !== null && wholly(c.metBy.date, null, asAt);
  const status: ShownStatus =
    c.status === 'withdrawn' ? 'withdrawn' : met ? 'met' : shownStatus('open', c.dueBy, asAt);
  return {
    id: c.id,
    eventId: c.event.id,
    state: c.state,
    instrumentId: c.instrumentId,
    what: c.what,
    due: c.due,
    status,
    metBy: met && c.metBy ? { actionId: c.metBy.actionId, kind: c.metBy.kind, date: c.metBy.date } : null,
  };
}

function curveCounts(c: { atRiskAtStart: number; excludedAlreadyParty: number; consented: number }) {
  return { pairs: c.atRiskAtStart, alreadyParty: c.excludedAlreadyParty, consented: c.consented };
}

function followUpOf(view: EventFollowUpView): ReportedFollowUp {
  const f = view.followUp;
  if (f.mode === 'region') {
    return {
      mode: 'region',
      monthsAround: f.monthsAround,
      targetStates: f.targetStates,
      totals: f.totals,
      byInstrument: f.byInstrument.map((i) => ({
        instrumentId: i.instrumentId,
        before: i.before.length,
        during: i.during.length,
        after: i.after.length,
      })),
    };
  }
  // The public view empties both curves of a small group (they could name the States); a group it shows
  // has five States or more, so its curve is never empty.
  const empty = (g: typeof f.curves.attendees) =>
    g.all.atRiskAtStart === 0 && g.all.excludedAlreadyParty === 0 && g.all.steps.length === 0;
  const hidden = empty(f.curves.attendees) && empty(f.curves.comparison);
  return {
    mode: 'attendance',
    windowDays: view.windowDays,
    observedUntil: f.observedUntil,
    attendees: hidden ? null : curveCounts(f.curves.attendees.all),
    comparison: hidden ? null : curveCounts(f.curves.comparison.all),
  };
}

function totalsOf(events: readonly ReportedEvent[], states: ReadonlyMap<number, readonly string[]>) {
  const attending = new Set(events.flatMap((e) => states.get(e.id) ?? []));
  return {
    held: events.length,
    conferences: events.filter((e) => e.kind === 'regional_ministerial_conference').length,
    seminars: events.filter((e) => e.kind === 'pre_ratification_seminar').length,
    statesAttending: attending.size,
    commitmentsMade: events.reduce((n, e) => n + e.commitmentsMade, 0),
    commitmentsMet: 0,
  };
}

/**
 * Section III for the period (first and last day included) as at `asAt`: the events held — status held or
 * report published, last day within the period — with their attendance, commitments and follow-up.
 */
export async function gatherEvents(
  db: Db,
  period: { from: IsoDate; to: IsoDate },
  asAt: IsoDate,
): Promise<EventsSection> {
  const all = (await eventsUpTo(db, period.to)).filter(isHeld);
  const held = all.filter((e) => e.end >= period.from && e.end <= period.to);
  const commitments = (await allCommitments(db, asAt)).map((c) => commitmentAsAt(c, asAt));
  const followUps = await eventsFollowUp(
    db,
    PUBLIC,
    held.map((e) => e.id),
    { ...FollowUpQuerySchema.parse({}), asOf: asAt },
  );
  // Attendance and the States attending, read for all the events at once: a few queries, not a few per event.
  const ids = held.map((e) => e.id);
  const attendances = await attendancesOf(db, PUBLIC, ids);
  const attending = await attendingStatesOf(db, ids);
  const states = new Map<number, readonly string[]>(ids.map((id) => [id, attending.get(id)?.states ?? []]));
  const reported: ReportedEvent[] = [];
  for (const [i, e] of held.entries()) {
    const attendance = attendances[i] as Attendance;
    const own = commitments.filter((c) => c.eventId === e.id);
    reported.push({
      id: e.id,
      kind: e.kind,
      title: e.title,
      status: e.status as ReportedEvent['status'],
      start: e.start,
      end: e.end,
      venue: e.venue,
      hosts: e.hosts,
      instruments: e.instruments,
      statesRegistered: attendance.statesRegistered,
      statesAttending: attendance.statesAttending,
      commitments: own,
      commitmentsMade: own.length,
      commitmentsMet: own.filter((c) => c.status === 'met').length,
      followUp: followUpOf(followUps[i] as EventFollowUpView),
    });
  }
  const kindOf = new Map(all.map((e) => [e.id, e.kind]));
  const metInPeriod = commitments.filter(
    (c) => c.metBy !== null && kindOf.has(c.eventId) && wholly(c.metBy.date, period.from, period.to),
  );
  const promotionMet = metInPeriod.filter((c) => isPromotion(kindOf.get(c.eventId) as EventKind));
  const otherMet = metInPeriod.filter((c) => !isPromotion(kindOf.get(c.eventId) as EventKind));
  const promotion = reported.filter((e) => isPromotion(e.kind));
  const other = reported.filter((e) => !isPromotion(e.kind));
  return {
    promotion,
    other,
    totals: { ...totalsOf(promotion, states), commitmentsMet: promotionMet.length },
    otherTotals: { ...totalsOf(other, states), commitmentsMet: otherMet.length },
    metInPeriod: promotionMet,
    otherMetInPeriod: otherMet,
    attendingStates: states,
  };
}
