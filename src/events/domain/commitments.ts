// What events leave behind: their documents, the outcomes adopted, and commitments by named States, each later
// met (linked to the registry action that met it), overdue, or withdrawn. Pure: no I/O.
import type { IsoDate, PartialDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import { CONSENT_KINDS, SIGNATURE_KINDS, type ActionKind } from '../../treaties/domain/types.ts';
import type { EventStatus } from './events.ts';

export const DOCUMENT_KINDS = [
  'agenda',
  'information_note',
  'background',
  'report',
  'conclusions',
  'statement',
  'list_of_participants',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const OUTCOME_KINDS = ['declaration', 'conclusions', 'recommendations', 'report'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** What a State commits to. */
export const COMMITMENT_KINDS = [
  'ratification',
  'accession',
  'signature',
  'implementation',
  'other',
] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/** Stored statuses; `overdue` is computed from them and the day (open, and the due date passed). */
export const COMMITMENT_STATUSES = ['open', 'met', 'withdrawn'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const SHOWN_STATUSES = ['open', 'overdue', 'met', 'withdrawn'] as const;
export type ShownStatus = (typeof SHOWN_STATUSES)[number];

/** Outcomes and commitments belong to an event that took place. */
export function hasTakenPlace(status: EventStatus): boolean {
  return status === 'held' || status === 'report_published';
}

export function checkTakenPlace(status: EventStatus, what: string): void {
  if (!hasTakenPlace(status)) {
    throw new DomainError(
      'conflict',
      `${what} can be recorded only for an event that was held (this one is ${status.replace(/_/g, ' ')})`,
      { field: 'eventId' },
    );
  }
}

/**
 * The registry actions that fulfil a commitment. Ratification, acceptance and approval are the same consent
 * under a different name (UNTOC art. 36(3)), and a State that committed to ratify may accede instead (art.
 * 36(4)), so any consent meets a ratification or accession commitment; signature, or succession to a
 * signature, meets a signature commitment. Implementation and other commitments show in the registry as
 * statements (a notification under art. 18(13), a declaration), so any action but a denunciation may be named.
 */
export function fulfils(what: CommitmentKind, action: ActionKind): boolean {
  if (what === 'ratification' || what === 'accession')
    return (CONSENT_KINDS as readonly string[]).includes(action);
  if (what === 'signature') return (SIGNATURE_KINDS as readonly string[]).includes(action);
  return action !== 'denunciation';
}

/** A due date may not fall wholly before the event's first day (a partial date stands for its whole period). */
export function checkDue(due: PartialDate | null, eventStart: IsoDate): void {
  if (due?.latest && due.latest < eventStart) {
    throw new DomainError(
      'validation',
      `the commitment is due by ${due.text}, before the event began (${eventStart})`,
      { field: 'due' },
    );
  }
}

/** The status as at `today`: an open commitment whose whole due period has passed is overdue. */
export function shownStatus(
  status: CommitmentStatus,
  dueLatest: IsoDate | null,
  today: IsoDate,
): ShownStatus {
  if (status === 'open' && dueLatest !== null && dueLatest < today) return 'overdue';
  return status;
}

/** The first day an action can have been taken on, as the registry dates it; null when its date is unknown. */
export function earliestDay(date: PartialDate | null, notBefore: IsoDate | null): IsoDate | null {
  const earliest = date?.earliest ?? null;
  if (earliest && notBefore) return earliest > notBefore ? earliest : notBefore;
  return earliest ?? notBefore;
}

/** A registry action as the check below needs it. */
export interface ActionFacts {
  id: number;
  participantId: string;
  instrumentId: string;
  kind: ActionKind;
  /** The first day it can have been taken on; null when the registry does not date it. */
  earliestOn: IsoDate | null;
  /** Corrected in the registry: the record stands replaced and meets nothing. */
  corrected: boolean;
}

/** Why the action cannot meet the commitment, or null when it can. */
export function whyNotMet(
  commitment: { participantId: string; instrumentId: string; what: CommitmentKind },
  action: ActionFacts,
  eventStart: IsoDate,
): string | null {
  if (action.corrected)
    return `action ${action.id} was corrected in the registry: name the record that replaced it`;
  if (action.participantId !== commitment.participantId)
    return `action ${action.id} is ${action.participantId}'s, not ${commitment.participantId}'s`;
  if (action.instrumentId !== commitment.instrumentId)
    return `action ${action.id} concerns ${action.instrumentId}, not ${commitment.instrumentId}`;
  if (!fulfils(commitment.what, action.kind))
    return `a ${action.kind.replace(/_/g, ' ')} does not fulfil a commitment of ${commitment.what}`;
  if (action.earliestOn === null) return `action ${action.id} has no date in the registry`;
  if (action.earliestOn < eventStart)
    return `action ${action.id} is dated before the event began (${eventStart}): it cannot be what the State committed to there`;
  return null;
}
