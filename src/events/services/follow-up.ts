// What happened after events (issue 14, item 7): the registry's exact-dated signatures and consents and the
// events' targets and invitations, handed to the pure computation (domain/follow-up.ts). Attendance is read
// when it is recorded; where it is not, the computation compares the target States' consents before and
// after. Assistance requests are confidential to their State: only the Secretariat's view takes them in.
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
import type { FollowUpAction, FollowUpEvent, FollowUpReport } from '../domain/follow-up-types.ts';
import type { EventFollowUpView, FollowUpQuery, KindFollowUpView } from '../follow-up-contract.ts';
import type { EventKind } from '../domain/events.ts';
import { listEvents, listInvitations, type Db, type EventRecord } from '../repository.ts';
import { loadStateBook, targetStatesOf, visibleEvent, type StateBook } from './events.ts';
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

async function followUpEvent(db: Db, e: EventRecord, book: StateBook): Promise<FollowUpEvent> {
  const invited = (await listInvitations(db, e.id)).map((i) => i.participantId);
  return {
    id: String(e.id),
    kind: e.kind,
    start: e.start,
    end: e.end,
    instruments: e.instruments,
    targetStates: targetStatesOf(e, book),
    invited: invited.length > 0 ? invited : null,
    // Attendance is recorded with delegations; until an event has them it is not known.
    attended: null,
  };
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
  const followed: FollowUpEvent[] = [];
  for (const e of events) followed.push(await followUpEvent(db, e, book));
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
  const followUp = report.events[0];
  if (!followUp) throw new Error('the follow-up computation answered no event');
  return {
    asOf,
    windowDays: report.windowDays,
    monthsAround: report.monthsAround,
    assistanceRequests,
    followUp,
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
  return {
    asOf,
    windowDays: report.windowDays,
    monthsAround: report.monthsAround,
    assistanceRequests,
    ...(pooled ?? {
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
