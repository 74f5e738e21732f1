// What happened after events (issue 14, item 7): the registry's exact-dated signatures and consents and the
// events' targets and invitations, handed to the pure computation (domain/follow-up.ts). Attendance is read
// from the approved delegates of a held event; where no delegation was recorded, the computation compares
// the target States' consents before and after. Assistance requests are confidential to their State: only the Secretariat's view takes them in.
import type { IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import {
  CONSENT_KINDS,
  SIGNATURE_KINDS,
  type ConsentKind,
  type SignatureKind,
} from '../../treaties/domain/types.ts';
import { listActionRecords, listInstruments } from '../../treaties/services/lookups.ts';
import { computeFollowUp } from '../domain/follow-up.ts';
import type {
  EventFollowUp,
  FollowUpAction,
  FollowUpEvent,
  FollowUpReport,
} from '../domain/follow-up-types.ts';
import type { EventFollowUpView, FollowUpQuery, KindFollowUpView } from '../follow-up-contract.ts';
import type { EventKind } from '../domain/events.ts';
import { attendingStatesOf } from '../delegations-repository.ts';
import { listEvents, listInvitationsOf, type Db, type EventRecord } from '../repository.ts';
import { loadStateBook, targetStatesOf, visibleEvent, visibleEvents, type StateBook } from './events.ts';
import { visibleTo, type EventViewer } from './viewer.ts';

/** The days States asked for technical assistance (given by the server: assistance is another feature). */
export type RequestDates = (db: Db) => Promise<Array<{ participantId: string; date: string }>>;

/** Most events pooled in one answer. */
const MAX_EVENTS = 10_000;

const STATUS_KINDS: readonly string[] = [...SIGNATURE_KINDS, ...CONSENT_KINDS];

async function registryActions(db: Db): Promise<FollowUpAction[]> {
  const records = await listActionRecords(db, { kinds: [...STATUS_KINDS] });
  // A corrected action is replaced by its correction's own row; a date of a month or a year cannot be
  // placed before or after an event's day.
  return records
    .filter((a) => a.correction === null && a.datePrecision === 'day' && a.date !== null)
    .map((a) => ({
      participantId: a.participantId,
      instrumentId: a.instrumentId,
      kind: a.kind as SignatureKind | ConsentKind,
      date: a.date as IsoDate,
    }));
}

/** The events as the computation takes them, their invitations and attendance read together. */
async function followUpEvents(
  db: Db,
  events: readonly EventRecord[],
  book: StateBook,
): Promise<FollowUpEvent[]> {
  const ids = events.map((e) => e.id);
  const invitations = await listInvitationsOf(db, ids);
  const attendance = await attendingStatesOf(db, ids);
  return events.map((e) => {
    const invited = (invitations.get(e.id) ?? []).map((i) => i.participantId);
    return {
      id: String(e.id),
      kind: e.kind,
      start: e.start,
      end: e.end,
      instruments: e.instruments,
      targetStates: targetStatesOf(e, book),
      invited: invited.length > 0 ? invited : null,
      attended: attendedStates(e, attendance.get(e.id)),
    };
  });
}

/**
 * Who attended: the States with an approved delegate, once the event was held and delegations were recorded
 * for it; null (not known) otherwise — the events of 2000-2004 name no attendees.
 */
function attendedStates(
  e: EventRecord,
  attendance: { registered: boolean; states: string[] } | undefined,
): string[] | null {
  if (e.status !== 'held' && e.status !== 'report_published') return null;
  return attendance?.registered ? attendance.states : null;
}

function asOfOf(query: FollowUpQuery, today: IsoDate): IsoDate {
  const asOf = query.asOf ?? today;
  if (asOf > today) {
    throw new DomainError(
      'validation',
      `asOf ${asOf} is in the future: the registry is known up to ${today}`,
      {
        field: 'asOf',
      },
    );
  }
  return asOf;
}

async function compute(
  db: Db,
  viewer: EventViewer,
  events: readonly EventRecord[],
  query: FollowUpQuery,
  asOf: IsoDate,
  requestDates: RequestDates | undefined,
): Promise<{ report: FollowUpReport; assistanceRequests: boolean }> {
  const book = await loadStateBook(db);
  const withRequests = viewer.kind === 'secretariat' && requestDates !== undefined;
  const followed = await followUpEvents(db, events, book);
  const report = computeFollowUp({
    events: followed,
    actions: await registryActions(db),
    assistanceRequests: withRequests ? await requestDates(db) : [],
    asOf,
    windowDays: query.windowDays,
    monthsAround: query.monthsAround,
    instrumentIds: (await listInstruments(db)).map((i) => i.id),
  });
  return { report, assistanceRequests: withRequests };
}

/** One event's follow-up, as the viewer may see the event. */
export async function eventFollowUp(
  db: Db,
  viewer: EventViewer,
  id: number,
  query: FollowUpQuery,
  today: IsoDate,
  requestDates?: RequestDates,
): Promise<EventFollowUpView> {
  const asOf = asOfOf(query, today);
  const event = await visibleEvent(db, viewer, id);
  if (event.status === 'cancelled') {
    throw new DomainError('conflict', 'a cancelled event was not held: there is nothing to follow up', {
      field: 'id',
    });
  }
  const { report, assistanceRequests } = await compute(db, viewer, [event], query, asOf, requestDates);
  const computed = report.events[0];
  if (!computed) throw new Error('the follow-up computation answered no event');
  const { followUp, withheld } = publicView(viewer, computed);
  return {
    asOf,
    windowDays: report.windowDays,
    monthsAround: report.monthsAround,
    assistanceRequests,
    withheld,
    followUp,
  };
}

/**
 * Several events' follow-up in one computation (the report to the Commission follows every event of its
 * period), each as the viewer may see it, in the order of `ids`. `asOf` is the caller's "as at" day.
 */
export async function eventsFollowUp(
  db: Db,
  viewer: EventViewer,
  ids: readonly number[],
  query: FollowUpQuery & { asOf: IsoDate },
): Promise<EventFollowUpView[]> {
  const events = await visibleEvents(db, viewer, ids);
  const { report, assistanceRequests } = await compute(db, viewer, events, query, query.asOf, undefined);
  const byId = new Map(report.events.map((e) => [e.eventId, e]));
  return ids.map((id) => {
    const computed = byId.get(String(id));
    if (!computed) throw new Error(`the follow-up computation answered no event ${id}`);
    const { followUp, withheld } = publicView(viewer, computed);
    const { windowDays, monthsAround } = report;
    return { asOf: query.asOf, windowDays, monthsAround, assistanceRequests, withheld, followUp };
  });
}

/**
 * Smallest group whose curve is shown outside the Secretariat: with fewer States, a curve read beside the
 * public registry (whose dates are public) would say which States attended.
 */
export const MIN_PUBLIC_GROUP = 5;

/**
 * What the public (and any account outside the Secretariat) sees of an attendance follow-up: the numbers,
 * not which States attended — the issue gives the public "numbers of States attending" — and no curve of a
 * group smaller than MIN_PUBLIC_GROUP.
 */
function publicView(
  viewer: EventViewer,
  f: EventFollowUp,
): { followUp: EventFollowUp; withheld: string | null } {
  if (viewer.kind === 'secretariat' || f.mode !== 'attendance') return { followUp: f, withheld: null };
  const small = f.attendees.length < MIN_PUBLIC_GROUP || f.comparison.length < MIN_PUBLIC_GROUP;
  return {
    followUp: {
      ...f,
      attendees: [],
      comparison: [],
      curves: small ? { attendees: emptyCurves(), comparison: emptyCurves() } : f.curves,
    },
    withheld:
      `which States attended is shown to the Secretariat only` +
      (small
        ? `; the curves too, as fewer than ${MIN_PUBLIC_GROUP} States attended or stayed away (${f.attendees.length} and ${f.comparison.length})`
        : ''),
  };
}

/** The events of one kind that were held, pooled, as the viewer may see them. */
export async function kindFollowUp(
  db: Db,
  viewer: EventViewer,
  kind: EventKind,
  query: FollowUpQuery,
  today: IsoDate,
  requestDates?: RequestDates,
): Promise<KindFollowUpView> {
  const asOf = asOfOf(query, today);
  const { events } = await listEvents(
    db,
    { kind, to: asOf, visibleTo: visibleTo(viewer), limit: MAX_EVENTS, offset: 0 },
    true,
  );
  const held = events.filter(
    (e) => (e.status === 'held' || e.status === 'report_published') && e.end <= asOf,
  );
  const { report, assistanceRequests } = await compute(db, viewer, held, query, asOf, requestDates);
  const pooled = report.byKind.find((k) => k.kind === kind);
  const empty = { attendees: emptyCurves(), comparison: emptyCurves() };
  const attendeePairs = pooled?.curves.attendees.all.atRiskAtStart ?? 0;
  const comparisonPairs = pooled?.curves.comparison.all.atRiskAtStart ?? 0;
  const hide =
    viewer.kind !== 'secretariat' &&
    (pooled?.attendanceEvents ?? 0) > 0 &&
    (attendeePairs < MIN_PUBLIC_GROUP || comparisonPairs < MIN_PUBLIC_GROUP);
  const shown = pooled && hide ? { ...pooled, curves: empty } : pooled;
  return {
    asOf,
    windowDays: report.windowDays,
    monthsAround: report.monthsAround,
    assistanceRequests,
    withheld: hide
      ? `the curves are shown to the Secretariat only: fewer than ${MIN_PUBLIC_GROUP} State–instrument pairs in a group`
      : null,
    ...(shown ?? {
      kind,
      events: 0,
      attendanceEvents: 0,
      regionEvents: 0,
      shown: `No ${kind.replace(/_/g, ' ')} was held by ${asOf}.`,
      curves: empty,
      region: { byInstrument: [], totals: { before: 0, during: 0, after: 0 } },
    }),
  };
}

function emptyCurves() {
  return {
    all: { atRiskAtStart: 0, excludedAlreadyParty: 0, consented: 0, steps: [], finalShare: 0 },
    byInstrument: [],
  };
}
