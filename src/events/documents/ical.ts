// iCalendar (RFC 5545) for events: the public feed and one `.ics` per event. Events are whole days in the
// host's calendar, so they are written as DATE values (no time, no time zone): a 1–3 July seminar stays on
// those days wherever the reader is. DTEND of a DATE event is exclusive (RFC 5545 §3.6.1), hence end + 1 day.
import { addDays, assertIsoDate, type IsoDate } from '../../common/dates.ts';

/** The life cycle of an event (issue 14, item 1). */
export type EventLifeCycle =
  | 'planned'
  | 'invitations_sent'
  | 'registration_open'
  | 'registration_closed'
  | 'held'
  | 'report_published'
  | 'postponed'
  | 'cancelled';

export interface CalendarEvent {
  id: string | number;
  title: string;
  startOn: IsoDate;
  /** Last day of the event, inclusive. */
  endOn: IsoDate;
  status: EventLifeCycle;
  location?: string | null;
  description?: string | null;
  /** The event's public page. */
  url?: string | null;
  /** When the record last changed (UTC ISO moment): LAST-MODIFIED. */
  updatedAt?: string | null;
  /** Revision counter (RFC 5545 §3.8.7.4): calendar clients replace an event when it grows. */
  sequence?: number | null;
}

export interface CalendarOptions {
  /** Domain that makes UIDs globally unique: `event-<id>@<host>`. */
  host: string;
  /** X-WR-CALNAME: the name clients show for the subscribed calendar. */
  name: string;
  /** The caller's clock (UTC ISO moment): DTSTAMP. */
  now: string;
}

const PRODID = '-//United Nations//Palermo events//EN';
const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?$/;

/**
 * STATUS of a VEVENT (RFC 5545 §3.8.1.11 allows TENTATIVE, CONFIRMED, CANCELLED). A planned event may
 * still move and a postponed one has no reliable dates: both are tentative. From the invitations on, the
 * dates are announced to States: confirmed.
 */
export function calendarStatus(status: EventLifeCycle): 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED' {
  switch (status) {
    case 'cancelled':
      return 'CANCELLED';
    case 'planned':
    case 'postponed':
      return 'TENTATIVE';
    default:
      return 'CONFIRMED';
  }
}

/**
 * TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped; every line break (CRLF,
 * CR or LF) becomes `\n`. Other control characters are not allowed in TEXT and are dropped (tab is kept).
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
  );
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space, which counts
 * towards their 75. A fold never falls inside a UTF-8 character nor between a backslash and the character it
 * escapes (unfolding would rejoin them, but some clients read escapes before unfolding).
 */
export function foldLine(line: string): string {
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const unit of units) {
    const size = Buffer.byteLength(unit, 'utf8');
    const limit = lines.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      lines.push(current);
      current = '';
      octets = 0;
    }
    current += unit;
    octets += size;
  }
  lines.push(current);
  return lines.join(`${CRLF} `);
}

/** `2026-12-07T03:04:05.678Z` → `20261207T030405Z` (a UTC DATE-TIME, RFC 5545 §3.3.5 form 2). */
function dateTimeUtc(moment: string, what: string): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what} must be an ISO moment, got "${moment}"`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

const dateValue = (date: IsoDate): string => date.replace(/-/g, '');

/** A URI property value: no escaping applies to URIs, so one that could break the line is refused. */
function uri(value: string): string {
  const parsed = new URL(value);
  if (!/^https?:$/.test(parsed.protocol)) throw new RangeError(`event URL must be http(s), got "${value}"`);
  return parsed.href;
}

function eventLines(event: CalendarEvent, options: CalendarOptions, dtstamp: string): string[] {
  const start = assertIsoDate(event.startOn, 'startOn');
  const end = assertIsoDate(event.endOn, 'endOn');
  if (end < start) throw new RangeError(`event ${event.id} ends (${end}) before it starts (${start})`);
  const id = String(event.id);
  if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new RangeError(`event id "${id}" cannot be used in a UID`);
  const lines = [
    'BEGIN:VEVENT',
    `UID:event-${id}@${options.host}`,
    `DTSTAMP:${dtstamp}`,
    `DTSTART;VALUE=DATE:${dateValue(start)}`,
    `DTEND;VALUE=DATE:${dateValue(addDays(end, 1))}`,
    `SUMMARY:${escapeText(event.title)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${uri(event.url)}`);
  lines.push(`STATUS:${calendarStatus(event.status)}`);
  if (event.updatedAt) lines.push(`LAST-MODIFIED:${dateTimeUtc(event.updatedAt, 'updatedAt')}`);
  if (event.sequence !== null && event.sequence !== undefined) {
    if (!Number.isSafeInteger(event.sequence) || event.sequence < 0)
      throw new RangeError(`sequence must be a whole number ≥ 0, got ${event.sequence}`);
    lines.push(`SEQUENCE:${event.sequence}`);
  }
  lines.push('END:VEVENT');
  return lines;
}

/** A VCALENDAR holding the events given (the feed), as text with CRLF line ends. */
export function icalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  if (!HOST.test(options.host)) throw new RangeError(`"${options.host}" is not a host name`);
  const dtstamp = dateTimeUtc(options.now, 'now');
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    ...events.flatMap((e) => eventLines(e, options, dtstamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** The `.ics` of one event: a calendar holding that event alone, named after it. */
export function eventIcs(event: CalendarEvent, options: Omit<CalendarOptions, 'name'>): string {
  return icalendar([event], { ...options, name: event.title });
}
