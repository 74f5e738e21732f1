// The iCalendar feed and `.ics` files read back by an independent parser (ical.js): every field survives,
// whatever the text holds, and the lines obey RFC 5545 (CRLF, 75 octets, folds between whole characters).
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  calendarStatus,
  escapeText,
  eventIcs,
  foldLine,
  icalendar,
  type CalendarEvent,
  type EventLifeCycle,
} from '../../src/events/documents/ical.ts';

const OPTIONS = { host: 'palermo.example.org', name: 'Palermo events', now: '2026-12-07T03:04:05.678Z' };

const seminar: CalendarEvent = {
  id: 42,
  title: 'Pre-ratification seminar, West Africa; UNTOC and Protocols',
  startOn: '2003-07-01',
  endOn: '2003-07-03',
  status: 'held',
  location: 'Dakar, Senegal',
  description: 'First line\nSecond line, with a comma; and a semicolon \\ and a backslash',
  url: 'https://palermo.example.org/events/42',
  updatedAt: '2003-06-15T10:20:30Z',
  sequence: 3,
};

// RFC 5545 §3.8.8.2 gives non-standard properties the TEXT type; ical.js reads unknown ones verbatim unless
// told, so the calendar name is declared as TEXT (as Apple and Google read it).
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

function onlyEvent(text: string): ICAL.Component {
  const events = parse(text).getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return events[0] as ICAL.Component;
}

/** Every physical line ends with CRLF and holds at most 75 octets; the text is valid UTF-8. */
function expectWellFormedLines(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.slice(0, -2).split('\r\n'))
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  expect(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'utf8'))).toBe(text);
}

describe('iCalendar feed', () => {
  it('writes the calendar and every field of an event, read back by ical.js', () => {
    const text = icalendar([seminar], OPTIONS);
    expectWellFormedLines(text);
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//United Nations//Palermo events//EN');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Palermo events');

    const event = onlyEvent(text);
    expect(event.getFirstPropertyValue('uid')).toBe('event-42@palermo.example.org');
    expect(String(event.getFirstPropertyValue('dtstamp'))).toBe('2026-12-07T03:04:05Z');
    const start = event.getFirstProperty('dtstart');
    expect(start?.type).toBe('date');
    expect(String(start?.getFirstValue())).toBe('2003-07-01');
    // DTEND of a DATE event is exclusive: the seminar ends on the 3rd, so DTEND is the 4th.
    expect(event.getFirstProperty('dtend')?.type).toBe('date');
    expect(String(event.getFirstPropertyValue('dtend'))).toBe('2003-07-04');
    expect(event.getFirstPropertyValue('summary')).toBe(seminar.title);
    expect(event.getFirstPropertyValue('location')).toBe('Dakar, Senegal');
    expect(event.getFirstPropertyValue('description')).toBe(seminar.description);
    expect(event.getFirstPropertyValue('url')).toBe('https://palermo.example.org/events/42');
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(event.getFirstPropertyValue('last-modified'))).toBe('2003-06-15T10:20:30Z');
    expect(event.getFirstPropertyValue('sequence')).toBe(3);
    // ical.js's event view agrees on the duration: three whole days.
    const view = new ICAL.Event(event);
    expect(view.duration.days).toBe(3);
  });

  it('escapes backslashes, commas, semicolons and line breaks in the raw text', () => {
    const text = icalendar([{ ...seminar, description: null }], OPTIONS);
    expect(text).toContain('SUMMARY:Pre-ratification seminar\\, West Africa\\; UNTOC and Protocols\r\n');
    expect(escapeText('a\\b,c;d\r\ne\rf\ng')).toBe('a\\\\b\\,c\\;d\\ne\\nf\\ng');
  });

  it('leaves out the optional fields when not given', () => {
    const text = icalendar(
      [{ id: 'x-1', title: 'One day', startOn: '2004-02-29', endOn: '2004-02-29', status: 'planned' }],
      OPTIONS,
    );
    const event = onlyEvent(text);
    for (const name of ['location', 'description', 'url', 'last-modified', 'sequence'])
      expect(event.getFirstProperty(name), name).toBeNull();
    expect(String(event.getFirstPropertyValue('dtend'))).toBe('2004-03-01');
    expect(event.getFirstPropertyValue('status')).toBe('TENTATIVE');
  });

  it('maps every step of the life cycle to a calendar status', () => {
    const expected: Record<EventLifeCycle, string> = {
      planned: 'TENTATIVE',
      invitations_sent: 'CONFIRMED',
      registration_open: 'CONFIRMED',
      registration_closed: 'CONFIRMED',
      held: 'CONFIRMED',
      report_published: 'CONFIRMED',
      postponed: 'TENTATIVE',
      cancelled: 'CANCELLED',
    };
    for (const [status, value] of Object.entries(expected)) {
      expect(calendarStatus(status as EventLifeCycle)).toBe(value);
      const event = onlyEvent(icalendar([{ ...seminar, status: status as EventLifeCycle }], OPTIONS));
      expect(event.getFirstPropertyValue('status')).toBe(value);
    }
  });

  it('folds long non-ASCII titles between whole characters and they read back intact', () => {
    const titles = [
      'Séminaire de pré-ratification sur la Convention des Nations Unies contre la criminalité transnationale organisée et ses Protocoles, à l’intention des États d’Afrique de l’Ouest et du Centre',
      'الحلقة الدراسية السابقة للتصديق على اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية والبروتوكولات الملحقة بها',
      '联合国打击跨国有组织犯罪公约及其议定书批准前区域研讨会，亚洲及太平洋地区；第二次会议',
      '𝄞'.repeat(60),
    ];
    const events = titles.map((title, i) => ({ ...seminar, id: i + 1, title, location: title }));
    const text = icalendar(events, OPTIONS);
    expectWellFormedLines(text);
    expect(text).toContain('\r\n ');
    const parsed = parse(text).getAllSubcomponents('vevent');
    expect(parsed.map((e) => e.getFirstPropertyValue('summary'))).toEqual(titles);
    expect(parsed.map((e) => e.getFirstPropertyValue('location'))).toEqual(titles);
  });

  it('never folds between a backslash and the character it escapes', () => {
    for (let n = 60; n < 80; n++) {
      const line = foldLine(`SUMMARY:${escapeText(`${'a'.repeat(n)},;\\,`)}`);
      for (const physical of line.split('\r\n')) expect(physical).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
    }
  });

  it('round-trips any text through escape, fold and parse (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(',', ';', '\\', '\n', '\r\n', '\r', '\\n', 'é', '𝄞', '中', 'ع', ' ', '\t', ':'),
    );
    const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (title, description) => {
        const ics = eventIcs({ ...seminar, title, description, location: title }, OPTIONS);
        expectWellFormedLines(ics);
        const event = onlyEvent(ics);
        // What is expected back: line breaks as LF, control characters other than tab dropped.
        // eslint-disable-next-line no-control-regex
        const normal = (s: string) =>
          s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
        expect(event.getFirstPropertyValue('summary') ?? '').toBe(normal(title));
        if (description) expect(event.getFirstPropertyValue('description') ?? '').toBe(normal(description));
        if (title) expect(event.getFirstPropertyValue('location') ?? '').toBe(normal(title));
        expect(parse(ics).getFirstPropertyValue('x-wr-calname') ?? '').toBe(normal(title));
      }),
      { numRuns: 300 },
    );
  });

  it('writes one VEVENT per event in a feed, each with its own UID', () => {
    const events = [1, 2, 3].map((id) => ({ ...seminar, id }));
    const vevents = parse(icalendar(events, OPTIONS)).getAllSubcomponents('vevent');
    expect(vevents.map((e) => e.getFirstPropertyValue('uid'))).toEqual([
      'event-1@palermo.example.org',
      'event-2@palermo.example.org',
      'event-3@palermo.example.org',
    ]);
    expect(parse(icalendar([], OPTIONS)).getAllSubcomponents('vevent')).toEqual([]);
  });

  it('refuses what would make a broken file', () => {
    expect(() => icalendar([{ ...seminar, endOn: '2003-06-30' }], OPTIONS)).toThrow(/ends .* before/);
    expect(() => icalendar([{ ...seminar, startOn: '2003-02-30' }], OPTIONS)).toThrow(RangeError);
    expect(() => icalendar([seminar], { ...OPTIONS, host: 'evil\r\nX-INJECT:1' })).toThrow(/host/);
    expect(() => icalendar([{ ...seminar, id: 'a b' }], OPTIONS)).toThrow(/UID/);
    expect(() => icalendar([{ ...seminar, url: 'javascript:alert(1)' }], OPTIONS)).toThrow(/http/);
    expect(() => icalendar([seminar], { ...OPTIONS, now: 'yesterday' })).toThrow(/now/);
    expect(() => icalendar([{ ...seminar, sequence: -1 }], OPTIONS)).toThrow(/sequence/);
  });
});
