// `palermo events …` as users run it: a real process on a fresh store with the real data, the follow-up table
// of the Bamako seminar of 2003, the calendar file, and bad input answered on stderr with a non-zero exit.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { palermoOn } from '../helpers/cli.ts';
import { testStoreOptions } from '../helpers/store.ts';

const { options, cleanup } = testStoreOptions();
const palermo = palermoOn(options);

beforeAll(() => {
  const r = palermo('migrate');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 120_000);
afterAll(async () => cleanup());

describe('palermo events', { timeout: 60_000 }, () => {
  it('lists the events of 2000-2004 in date order', () => {
    const r = palermo('events', 'list', '--to', '2004-12-31');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('11 event(s)');
    expect(lines[0]).toMatch(/2000-12-12–12-15 {2}held +Palermo, Italy/);
    const json = JSON.parse(palermo('events', 'list', '--kind', 'regional_seminar', '-f', 'json').stdout);
    expect(json.events.map((e: { venue: { city: string } }) => e.venue.city)).toEqual([
      'Addis Ababa',
      'Bangkok',
      'San José',
      'Beirut',
    ]);
  });

  it('prints the Bamako seminar’s follow-up: Western Africa before and after, and says what it shows', () => {
    const id = JSON.parse(
      palermo('events', 'list', '--kind', 'pre_ratification_seminar', '-f', 'json').stdout,
    ).events[0].id;
    const r = palermo('events', 'follow-up', String(id), '--as-of', '2014-07-10');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/in the 12 months before the event and in the 12 months after it/);
    expect(r.stdout).toContain('UNTOC            2       0      6  GMB SEN | BEN CPV GIN LBR NER TGO');
    expect(r.stdout).toContain('all              6       0     17');
  });

  it('pools the regional seminars of 2004', () => {
    const r = palermo('events', 'follow-up', '--kind', 'regional_seminar', '--as-of', '2014-07-10');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('4 held event(s) of kind regional seminar');
    expect(r.stdout).toContain('all             70       2     75');
  });

  it('writes the public calendar as iCalendar', () => {
    const r = palermo('events', 'calendar');
    expect(r.code, r.stderr).toBe(0);
    const events = new ICAL.Component(ICAL.parse(r.stdout)).getAllSubcomponents('vevent');
    expect(events).toHaveLength(11);
  });

  it.each([
    [['events', 'follow-up', '5', '--as-of', '2099-01-01'], /^validation: asOf 2099-01-01 is in the future/],
    [
      ['events', 'follow-up', '5', '--as-of', '2014-02-30'],
      /^validation: --as-of: "2014-02-30" is not a real date/,
    ],
    [['events', 'follow-up'], /^validation: name one event, or a kind of event with --kind/],
    [['events', 'show', '999'], /^not_found: event "999" does not exist/],
    [['events', 'show', 'x1'], /^validation: event: "x1" is not an event number/],
    [['events', 'list', '--kind', 'party'], /^validation: kind: Invalid option/],
  ])('refuses %j with one line on stderr', (args, message) => {
    const r = palermo(...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
