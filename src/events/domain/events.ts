// Events as records (GA res. 56/120 para 2: regional ministerial conferences hosted by Governments and
// pre-ratification seminars funded by States): what an event is, its life cycle, and the checks on its dates.
// Pure: no I/O.
import { addDaysWithin, type IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';

/** The kinds of event the Secretariat organises or takes part in. */
export const EVENT_KINDS = [
  'regional_ministerial_conference',
  'pre_ratification_seminar',
  'regional_seminar',
  'subregional_workshop',
  'treaty_event',
  'conference_of_parties',
  'commission_session',
  'intergovernmental_committee',
  'expert_group',
  'panel',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * The life cycle: planned → invitations sent → registration open → registration closed → held → report
 * published; or postponed / cancelled, with the reason.
 */
export const EVENT_STATUSES = [
  'planned',
  'invitations_sent',
  'registration_open',
  'registration_closed',
  'held',
  'report_published',
  'postponed',
  'cancelled',
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

const BEFORE_HELD: readonly EventStatus[] = [
  'planned',
  'invitations_sent',
  'registration_open',
  'registration_closed',
];

/** Where each status may go next. Registration may be reopened; a postponed event is planned again. */
export const EVENT_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  planned: ['invitations_sent', 'registration_open', 'postponed', 'cancelled'],
  invitations_sent: ['registration_open', 'postponed', 'cancelled'],
  registration_open: ['registration_closed', 'postponed', 'cancelled'],
  registration_closed: ['registration_open', 'held', 'postponed', 'cancelled'],
  held: ['report_published'],
  report_published: [],
  postponed: ['planned', 'cancelled'],
  cancelled: [],
};

/** Statuses that need a reason when entered. */
export const NEEDS_REASON: readonly EventStatus[] = ['postponed', 'cancelled'];

/** The event's target: who it is for, as the Secretariat names them (resolved to States on a date). */
export const TARGET_KINDS = [
  'region',
  'subregion',
  'intermediate_region',
  'un_group',
  'development_class',
  'state',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The six official languages of the United Nations. */
export const UN_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type UnLanguage = (typeof UN_LANGUAGES)[number];

/** Longest event the register accepts: the Commission and the Conference of the Parties sit for two weeks. */
export const MAX_EVENT_DAYS = 62;

export function canRegister(status: EventStatus): boolean {
  return status === 'registration_open';
}

export function isBeforeHeld(status: EventStatus): boolean {
  return BEFORE_HELD.includes(status);
}

/** Checks a status change: allowed from the current status, with a reason where one is needed. */
export function checkTransition(
  from: EventStatus,
  to: EventStatus,
  reason: string | null,
  dates: { end: IsoDate; today: IsoDate },
): void {
  if (!EVENT_TRANSITIONS[from].includes(to)) {
    const next = EVENT_TRANSITIONS[from];
    throw new DomainError(
      'conflict',
      `an event that is ${from.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}` +
        (next.length > 0 ? ` (it can become: ${next.join(', ')})` : ' (its life cycle has ended)'),
      { field: 'status' },
    );
  }
  if (NEEDS_REASON.includes(to) && !reason) {
    throw new DomainError('validation', `say why the event is ${to}`, { field: 'reason' });
  }
  if (to === 'held' && dates.end > dates.today) {
    throw new DomainError(
      'validation',
      `an event ending on ${dates.end} cannot be recorded as held before then`,
      {
        field: 'status',
      },
    );
  }
}

/** Checks an event's dates: start on or before end, and no longer than MAX_EVENT_DAYS. */
export function checkEventDates(start: IsoDate, end: IsoDate): void {
  if (end < start) {
    throw new DomainError('validation', `the event ends (${end}) before it starts (${start})`, {
      field: 'end',
    });
  }
  const limit = addDaysWithin(start, MAX_EVENT_DAYS - 1);
  if (limit !== null && end > limit) {
    throw new DomainError('validation', `an event lasts at most ${MAX_EVENT_DAYS} days`, { field: 'end' });
  }
}
