// A State's calendar of obligations as iCalendar (RFC 5545): one all-day VEVENT per obligation that has a due
// day (standing obligations have none and are left out). The text escaping and line folding are the events
// feature's (src/events/documents/ical.ts), so both feeds follow the same reading of RFC 5545 §3.1 and §3.3.11.
import { addDays } from '../common/dates.ts';
import { escapeText, foldLine } from '../events/documents/ical.ts';
import type { ObligationCalendarView } from './contract.ts';

const CRLF = '\r\n';
const PRODID = '-//United Nations//Palermo obligations//EN';
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::\d{1,5})?$/;

const STATUS_WORDS: Record<
  ObligationCalendarView['instruments'][number]['obligations'][number]['status'],
  string
> = {
  made: 'made',
  outstanding: 'outstanding',
  not_recorded: 'not recorded here',
  overdue: 'overdue',
};

/** `2026-12-07T03:04:05.678Z` → `20261207T030405Z`. */
function stamp(moment: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(moment);
  if (!m) throw new RangeError(`"${moment}" is not an ISO moment`);
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z`;
}

export function obligationsIcs(
  calendar: ObligationCalendarView,
  options: { host: string; now: string; url: string },
): string {
  if (!HOST.test(options.host)) throw new RangeError(`"${options.host}" is not a host name`);
  const dtstamp = stamp(options.now);
  const events: string[] = [];
  for (const instrument of calendar.instruments) {
    for (const o of instrument.obligations) {
      if (o.dueOn === null) continue;
      const uid = `obligation-${calendar.participantId}-${o.instrumentId}-${o.reference.replace(/[^A-Za-z0-9]+/g, '.').replace(/\.$/, '')}@${options.host}`;
      const status = o.status === 'overdue' ? `overdue since ${o.overdueSince}` : STATUS_WORDS[o.status];
      events.push(
        'BEGIN:VEVENT',
        `UID:${uid}`,
        `DTSTAMP:${dtstamp}`,
        `DTSTART;VALUE=DATE:${o.dueOn.replace(/-/g, '')}`,
        // DTEND of a DATE event is exclusive (RFC 5545 §3.6.1).
        `DTEND;VALUE=DATE:${addDays(o.dueOn, 1).replace(/-/g, '')}`,
        `SUMMARY:${escapeText(`${o.instrumentId} art. ${o.reference}: ${status}`)}`,
        `DESCRIPTION:${escapeText(`${o.text}\nDue ${o.basis}.`)}`,
        `URL:${new URL(options.url).href}`,
        // A made obligation is done; the others are still to be acted on (or checked).
        `STATUS:${o.status === 'made' ? 'CONFIRMED' : 'TENTATIVE'}`,
        `CATEGORIES:${o.status.toUpperCase()}`,
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
      );
    }
  }
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`Notifications owed by ${calendar.participantName}`)}`,
    ...events,
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
