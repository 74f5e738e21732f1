import { toDayNumber, type IsoDate } from '../../common/dates.ts';
import { CONSENT_KINDS } from '../../treaties/domain/types.ts';
import type {
  EventFollowUpHeader,
  FollowUpAction,
  FollowUpAssistanceRequest,
  FollowUpEvent,
  Observed,
} from './follow-up-types.ts';

export interface Dated {
  day: number;
  date: IsoDate;
  kind: string;
}

/** A State's signatures and consents for one instrument, each list in date order. */
export interface PairHistory {
  signatures: Dated[];
  consents: Dated[];
}

/** participant id → instrument id → history. */
export type ActionIndex = Map<string, Map<string, PairHistory>>;

const CONSENT = new Set<string>(CONSENT_KINDS);

/** Date order, then kind, so that the input's order never changes which same-day action is "first". */
const byDay = (a: Dated, b: Dated) => a.day - b.day || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);

/** Calls `place` with each item known at `asOfDay` (dated then or before); returns how many were later. */
function known<T extends { date: IsoDate }>(
  items: readonly T[],
  asOfDay: number,
  place: (item: T, day: number) => void,
): number {
  let ignored = 0;
  for (const item of items) {
    const day = toDayNumber(item.date);
    if (day > asOfDay) ignored++;
    else place(item, day);
  }
  return ignored;
}

/** Indexes the actions known at `asOfDay`; those dated later are counted, not used. */
export function indexActions(
  actions: readonly FollowUpAction[],
  asOfDay: number,
): { index: ActionIndex; ignored: number } {
  const index: ActionIndex = new Map();
  const ignored = known(actions, asOfDay, (a, day) => {
    let byInstrument = index.get(a.participantId);
    if (!byInstrument) index.set(a.participantId, (byInstrument = new Map()));
    let history = byInstrument.get(a.instrumentId);
    if (!history) byInstrument.set(a.instrumentId, (history = { signatures: [], consents: [] }));
    (CONSENT.has(a.kind) ? history.consents : history.signatures).push({ day, date: a.date, kind: a.kind });
  });
  for (const byInstrument of index.values())
    for (const h of byInstrument.values()) {
      h.signatures.sort(byDay);
      h.consents.sort(byDay);
    }
  return { index, ignored };
}

/** Assistance requests known at `asOfDay` by participant, in date order. */
export function indexRequests(
  requests: readonly FollowUpAssistanceRequest[],
  asOfDay: number,
): { index: Map<string, Dated[]>; ignored: number } {
  const index = new Map<string, Dated[]>();
  const ignored = known(requests, asOfDay, (r, day) => {
    let list = index.get(r.participantId);
    if (!list) index.set(r.participantId, (list = []));
    list.push({ day, date: r.date, kind: 'assistance request' });
  });
  for (const list of index.values()) list.sort(byDay);
  return { index, ignored };
}

/** The header of an event's follow-up. */
export const headerOf = (
  e: FollowUpEvent,
  instruments: { ids: string[]; from: EventFollowUpHeader['instrumentsFrom'] },
): EventFollowUpHeader => ({
  eventId: e.id,
  kind: e.kind,
  start: e.start,
  end: e.end,
  instruments: instruments.ids,
  instrumentsFrom: instruments.from,
});

/** The first entry dated on or after `day` (binary search over a list in date order), or null. */
export function firstFrom(list: readonly Dated[] | undefined, day: number): Dated | null {
  if (!list || list.length === 0) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Dated).day < day) lo = mid + 1;
    else hi = mid;
  }
  return list[lo] ?? null;
}

/** True when some entry of the list is dated from `fromDay` to `toDay`, both included. */
export function anyBetween(list: readonly Dated[] | undefined, fromDay: number, toDay: number): boolean {
  const first = firstFrom(list, fromDay);
  return first !== null && first.day <= toDay;
}

/**
 * An action seen from the event's first day on, measured from its last day. Days of the event itself count
 * as day 0: an instrument deposited at a treaty event is an outcome of that event's days, never "before".
 */
export function observe(d: Dated, endDay: number, windowDays: number): Observed {
  const daysAfterEnd = Math.max(0, d.day - endDay);
  return {
    on: d.date,
    kind: d.kind,
    daysAfterEnd,
    duringEvent: d.day < endDay,
    withinWindow: daysAfterEnd <= windowDays,
  };
}
