import { isIsoDate, toDayNumber, type IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import { CONSENT_KINDS, SIGNATURE_KINDS } from '../../treaties/domain/types.ts';
import type { FollowUpEvent, FollowUpInput } from './follow-up-types.ts';

/**
 * Bounds on the follow-up's input, well above any real use (the UN has 193 Member States; the Secretariat
 * holds a few dozen events a year) and low enough that one call cannot hold a server for long.
 */
export const FOLLOW_UP_LIMITS = {
  events: 10_000,
  statesPerList: 1_000,
  agendaInstruments: 100,
  actions: 1_000_000,
  assistanceRequests: 1_000_000,
  /** State–instrument pairs over all events together: the work the computation does. */
  pairs: 5_000_000,
  idLength: 100,
  /** A century: longer makes no sense for a treaty's follow-up. */
  windowDays: 36_525,
  monthsAround: 120,
} as const;

export const DEFAULT_WINDOW_DAYS = 730;
export const DEFAULT_MONTHS_AROUND = 12;

const invalid = (field: string, detail: string): DomainError =>
  new DomainError('validation', detail, { field });

function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > FOLLOW_UP_LIMITS.idLength)
    throw invalid(field, `must be an id of 1 to ${FOLLOW_UP_LIMITS.idLength} characters`);
  return value;
}

function checkDate(value: unknown, field: string): IsoDate {
  if (typeof value !== 'string' || !isIsoDate(value))
    throw invalid(field, 'must be a real calendar day written YYYY-MM-DD, 0001-01-01 to 9999-12-31');
  return value;
}

function checkCount(length: number, limit: number, field: string): void {
  if (length > limit) throw invalid(field, `at most ${limit} entries, got ${length}`);
}

function checkWhole(value: number | undefined, fallback: number, min: number, max: number, field: string) {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min || v > max)
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  return v;
}

function checkStates(list: readonly string[] | null, field: string): void {
  if (list === null) return;
  if (!Array.isArray(list)) throw invalid(field, 'must be a list of participant ids');
  checkCount(list.length, FOLLOW_UP_LIMITS.statesPerList, field);
  list.forEach((id, i) => checkId(id, `${field}[${i}]`));
}

function checkEvent(e: FollowUpEvent, i: number, registrySize: number): number {
  const at = `events[${i}]`;
  checkId(e.id, `${at}.id`);
  checkId(e.kind, `${at}.kind`);
  checkDate(e.start, `${at}.start`);
  checkDate(e.end, `${at}.end`);
  if (e.end < e.start) throw invalid(`${at}.end`, `the event ends (${e.end}) before it starts (${e.start})`);
  checkCount(e.instruments.length, FOLLOW_UP_LIMITS.agendaInstruments, `${at}.instruments`);
  e.instruments.forEach((id, j) => checkId(id, `${at}.instruments[${j}]`));
  checkStates(e.targetStates, `${at}.targetStates`);
  checkStates(e.invited, `${at}.invited`);
  checkStates(e.attended, `${at}.attended`);
  const states = (e.attended?.length ?? 0) + (e.invited ?? e.targetStates).length;
  return states * (e.instruments.length || registrySize);
}

const STATUS_KINDS = new Set<string>([...SIGNATURE_KINDS, ...CONSENT_KINDS]);

export interface CheckedOptions {
  /** The instruments in display order (`instrumentIds`, or those named in the actions, sorted). */
  registry: string[];
  asOf: IsoDate;
  asOfDay: number;
  windowDays: number;
  monthsAround: number;
}

/**
 * Refuses input beyond the limits or with an impossible date, saying where (a DomainError 'validation' with
 * its field); returns the options filled in.
 */
export function checkFollowUpInput(input: FollowUpInput): CheckedOptions {
  const asOf = checkDate(input.asOf, 'asOf');
  const windowDays = checkWhole(
    input.windowDays,
    DEFAULT_WINDOW_DAYS,
    0,
    FOLLOW_UP_LIMITS.windowDays,
    'windowDays',
  );
  const monthsAround = checkWhole(
    input.monthsAround,
    DEFAULT_MONTHS_AROUND,
    1,
    FOLLOW_UP_LIMITS.monthsAround,
    'monthsAround',
  );
  checkCount(input.events.length, FOLLOW_UP_LIMITS.events, 'events');
  checkCount(input.actions.length, FOLLOW_UP_LIMITS.actions, 'actions');
  const requests = input.assistanceRequests ?? [];
  checkCount(requests.length, FOLLOW_UP_LIMITS.assistanceRequests, 'assistanceRequests');
  checkCount(input.instrumentIds?.length ?? 0, FOLLOW_UP_LIMITS.agendaInstruments, 'instrumentIds');
  input.instrumentIds?.forEach((id, i) => checkId(id, `instrumentIds[${i}]`));
  input.actions.forEach((a, i) => {
    checkId(a.participantId, `actions[${i}].participantId`);
    checkId(a.instrumentId, `actions[${i}].instrumentId`);
    if (!STATUS_KINDS.has(a.kind))
      throw invalid(`actions[${i}].kind`, 'must be a signature or a consent to be bound');
    checkDate(a.date, `actions[${i}].date`);
  });
  requests.forEach((r, i) => {
    checkId(r.participantId, `assistanceRequests[${i}].participantId`);
    checkDate(r.date, `assistanceRequests[${i}].date`);
  });
  const registry = input.instrumentIds
    ? [...new Set(input.instrumentIds)]
    : [...new Set(input.actions.map((a) => a.instrumentId))].sort();
  const ids = new Set<string>();
  let pairs = 0;
  input.events.forEach((e, i) => {
    pairs += checkEvent(e, i, registry.length);
    if (ids.has(e.id)) throw invalid(`events[${i}].id`, `event "${e.id}" is listed twice`);
    ids.add(e.id);
  });
  if (pairs > FOLLOW_UP_LIMITS.pairs)
    throw invalid('events', `at most ${FOLLOW_UP_LIMITS.pairs} State–instrument pairs in all, got ${pairs}`);
  return { registry, asOf, asOfDay: toDayNumber(asOf), windowDays, monthsAround };
}
