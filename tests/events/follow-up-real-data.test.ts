// The follow-up of the real 2003–2004 seminars, whose attendees are not recorded: the target region's
// consents in the 12 months before and after each, from the shipped reference data (events, countries and
// participant tables in reference/), by
// computeFollowUp and by a deliberately plain second count written here (loops over the CSV rows, string
// comparisons of dates, no project code), which must agree. The table is kept in
// follow-up-real-data.golden.txt beside this file, to be quoted; `UPDATE_GOLDEN=1` rewrites it (never in CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  computeFollowUp,
  type FollowUpAction,
  type FollowUpEvent,
  type RegionFollowUp,
} from '../../src/events/domain/follow-up.ts';

const ROOT = join(import.meta.dirname, '../..');
const GOLDEN = join(import.meta.dirname, 'follow-up-real-data.golden.txt');
const FILES = { UNTOC: 'untoc', TIP: 'tip', SOM: 'som', FIREARMS: 'firearms' } as const;
const INSTRUMENTS = Object.keys(FILES) as Array<keyof typeof FILES>;
/** The participant tables' "as at" day (their `as_of` column). */
const AS_OF = '2014-07-10';

type Row = Record<string, string>;
const readCsv = (file: string): Row[] =>
  parse(readFileSync(join(ROOT, 'reference', file), 'utf8'), { columns: true, skip_empty_lines: true });

const countries = readCsv('countries.csv');
const tables = Object.fromEntries(INSTRUMENTS.map((id) => [id, readCsv(`participants-${FILES[id]}.csv`)]));

/** The columns of reference/countries.csv that a target kind of reference/events.csv names. */
const TARGET_COLUMNS: Record<string, string> = {
  region: 'region',
  subregion: 'subregion',
  intermediate_region: 'intermediate_region',
  un_group: 'un_group',
};

/** The States `kind:value` targets (`;`-separated) name, read straight from reference/countries.csv. */
function targets(list: string): string[] {
  const out = new Set<string>();
  for (const target of list.split(';')) {
    const [kind, value] = target.split(':') as [string, string];
    const column = TARGET_COLUMNS[kind];
    if (!column) throw new Error(`target kind ${kind} is not expected here`);
    for (const c of countries) if (c[column] === value) out.add(c.iso3 as string);
  }
  return [...out];
}

// The five seminars of 2003–2004, as the shipped reference/events.csv has them (its rows copy the shared
// events.csv, whose sources they keep: UNIS/CP/455 and the UNODC press release of 2003-11-28 for Bamako;
// unodc.org's 11th Congress regional preparatory meetings page for the four regional seminars), with the
// targets derived there (reference/README.md): Western Africa, Africa (ECA), Asia east of Western Asia and Oceania (ESCAP),
// Latin America and the Caribbean, Western Asia. No attendees are named: attendance is unknown.
const TITLES: Record<string, string> = {
  '2003-11-bamako-seminar': 'Bamako sub-regional seminar',
  '2004-03-addis-ababa-seminar': 'Addis Ababa regional seminar (ECA)',
  '2004-04-bangkok-seminar': 'Bangkok regional seminar (ESCAP)',
  '2004-04-san-jose-seminar': 'San José regional seminar (with ILANUD)',
  '2004-05-beirut-seminar': 'Beirut regional seminar (Western Asia)',
};
const SEMINARS: Array<{ event: FollowUpEvent; title: string; target: string }> = readCsv('events.csv')
  .filter((r) => (r.key as string) in TITLES)
  .map((r) => ({
    title: TITLES[r.key as string] as string,
    target: r.targets as string,
    event: {
      id: r.key as string,
      kind: r.event_kind as string,
      start: r.start as string,
      end: r.end as string,
      instruments: (r.instruments as string).split(';'),
      targetStates: targets(r.targets as string),
      invited: null,
      attended: null,
    },
  }));

const EXACT = /^\d{4}-\d{2}-\d{2}$/;

/** The registry's signatures and consents with exact days, as the events feature will pass them. */
function actionsFromTables(): FollowUpAction[] {
  const actions: FollowUpAction[] = [];
  for (const instrumentId of INSTRUMENTS)
    for (const r of tables[instrumentId] as Row[]) {
      const participantId = r.iso3 as string;
      if (EXACT.test(r.signature_date ?? ''))
        actions.push({ participantId, instrumentId, kind: 'signature', date: r.signature_date as string });
      if (EXACT.test(r.consent_date ?? ''))
        actions.push({
          participantId,
          instrumentId,
          kind: r.consent_kind as FollowUpAction['kind'],
          date: r.consent_date as string,
        });
    }
  return actions;
}

/** The plain count: one pass over the rows per event and instrument. Shifting the year is enough for
 * 12 months here (no event starts or ends on 29 February). */
function plainCount(event: FollowUpEvent) {
  const shiftYear = (d: string, by: number) => `${Number(d.slice(0, 4)) + by}${d.slice(4)}`;
  const out: Record<string, { before: string[]; during: string[]; after: string[] }> = {};
  for (const id of INSTRUMENTS) {
    const lists = { before: [] as string[], during: [] as string[], after: [] as string[] };
    for (const r of tables[id] as Row[]) {
      const d = r.consent_date ?? '';
      if (!event.targetStates.includes(r.iso3 as string) || !EXACT.test(d)) continue;
      if (d >= shiftYear(event.start, -1) && d < event.start) lists.before.push(r.iso3 as string);
      else if (d >= event.start && d <= event.end) lists.during.push(r.iso3 as string);
      else if (d > event.end && d <= shiftYear(event.end, 1)) lists.after.push(r.iso3 as string);
    }
    out[id] = { before: lists.before.sort(), during: lists.during.sort(), after: lists.after.sort() };
  }
  return out;
}

function table(views: RegionFollowUp[]): string {
  const lines = [
    `Consents to be bound (ratification, acceptance, approval, accession, succession) in the target States,`,
    `12 months before each seminar and 12 months after it; participant tables as at ${AS_OF}.`,
    `Attendance is not recorded for these events: the figures compare two periods, not attendees with others.`,
    `Generated by tests/events/follow-up-real-data.test.ts; both counts agree.`,
  ];
  for (const view of views) {
    const s = SEMINARS.find((x) => x.event.id === view.eventId);
    const p = view.periods;
    lines.push(
      '',
      `${s?.title}, ${view.start} to ${view.end}`,
      `  target: ${s?.target} (reference/countries.csv), ${view.targetStates} States`,
      `  before: ${p.before.from} to ${p.before.to}; during: ${p.during.from} to ${p.during.to}; after: ${p.after.from} to ${p.after.to}`,
      `  instrument  before  during  after  States before | States after`,
    );
    for (const row of view.byInstrument)
      lines.push(
        `  ${row.instrumentId.padEnd(10)}  ${String(row.before.length).padStart(6)}  ${String(row.during.length).padStart(6)}  ${String(row.after.length).padStart(5)}  ${row.before.join(' ') || '—'} | ${row.after.join(' ') || '—'}${row.during.length ? ` (during: ${row.during.join(' ')})` : ''}`,
      );
    lines.push(
      `  all four    ${String(view.totals.before).padStart(6)}  ${String(view.totals.during).padStart(6)}  ${String(view.totals.after).padStart(5)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('follow-up of the real 2003–2004 seminars (attendance unknown)', () => {
  const report = computeFollowUp({
    events: SEMINARS.map((s) => s.event),
    actions: actionsFromTables(),
    asOf: AS_OF,
    instrumentIds: INSTRUMENTS,
  });
  const views = report.events as RegionFollowUp[];

  it('takes the five seminars and their targets from the shipped reference data', () => {
    expect(SEMINARS.map((s) => [s.event.id, s.target, s.event.targetStates.length])).toEqual([
      ['2003-11-bamako-seminar', 'intermediate_region:Western Africa', 16],
      ['2004-03-addis-ababa-seminar', 'region:Africa', 54],
      [
        '2004-04-bangkok-seminar',
        'subregion:Central Asia;subregion:Eastern Asia;subregion:South-eastern Asia;subregion:Southern Asia;region:Oceania',
        46,
      ],
      ['2004-04-san-jose-seminar', 'subregion:Latin America and the Caribbean', 33],
      ['2004-05-beirut-seminar', 'subregion:Western Asia', 18],
    ]);
    for (const s of SEMINARS) expect(s.event.instruments).toEqual(INSTRUMENTS);
  });

  it('shows the region before and after for each, and says so', () => {
    expect(views.map((v) => [v.eventId, v.mode])).toEqual(SEMINARS.map((s) => [s.event.id, 'region']));
    for (const v of views) {
      expect(v.shown).toMatch(/12 months before the event and in the 12 months after it/);
      expect(v.shown).not.toMatch(/because/i);
    }
  });

  it('agrees with a plain count over the participant tables', () => {
    for (const v of views) {
      const plain = plainCount(SEMINARS.find((s) => s.event.id === v.eventId)?.event as FollowUpEvent);
      for (const row of v.byInstrument)
        expect({ id: v.eventId, ...row }).toEqual({
          id: v.eventId,
          instrumentId: row.instrumentId,
          ...plain[row.instrumentId],
        });
    }
    // Something was found: the comparison is not between two empty answers.
    expect(views.reduce((n, v) => n + v.totals.before + v.totals.after, 0)).toBeGreaterThan(20);
  });

  it('misses nothing from the later-updates file (all of it dated after the participant tables)', () => {
    for (const r of readCsv('participants-updates-post2014.csv'))
      expect(r.consent_date === '' || (r.consent_date as string) >= '2014', r.participant).toBe(true);
  });

  it('matches the reviewed table', () => {
    const text = table(views);
    if (process.env.UPDATE_GOLDEN && process.env.CI !== 'true' && process.env.CI !== '1')
      writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
