// The follow-up of the real 2003–2004 seminars, whose attendees are not recorded: the target region's
// consents in the 12 months before and after each, from the shipped participant tables (reference/), by
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

/** Target regions, from the M49 columns of reference/countries.csv. */
const REGIONS: Record<string, { words: string; member: (c: Row) => boolean }> = {
  westernAfrica: {
    words: 'Western Africa (M49 intermediate region)',
    member: (c) => c.intermediate_region === 'Western Africa',
  },
  africa: { words: 'Africa (M49 region; the ECA’s members)', member: (c) => c.region === 'Africa' },
  asiaPacific: {
    words: 'Asia without Western Asia, and Oceania (M49; ≈ ESCAP’s regional members)',
    member: (c) => (c.region === 'Asia' && c.subregion !== 'Western Asia') || c.region === 'Oceania',
  },
  latinAmerica: {
    words: 'Latin America and the Caribbean (M49 sub-region)',
    member: (c) => c.subregion === 'Latin America and the Caribbean',
  },
  westernAsia: { words: 'Western Asia (M49 sub-region)', member: (c) => c.subregion === 'Western Asia' },
};
const targets = (region: string) =>
  countries.filter((c) => REGIONS[region]?.member(c)).map((c) => c.iso3 as string);

// The five events, from /work/shared/data/events.csv (rows 6 and 8-11, with their sources there): the
// Bamako sub-regional seminar (UNIS/CP/455; UNODC press release 2003-11-28) on the instruments against
// terrorism and "UNTOC and its three Protocols", and the four seminars after the 11th Congress regional
// preparatory meetings on "implementation of UNTOC and Protocols" (unodc.org 11-crime-congress-rpms).
// No attendees are named: attendance is unknown.
const SEMINARS: Array<{ event: FollowUpEvent; title: string; region: string }> = [
  ['bamako-2003', 'Bamako sub-regional seminar', '2003-11-25', '2003-11-28', 'westernAfrica'],
  ['addis-ababa-2004', 'Addis Ababa regional seminar (ECA)', '2004-03-04', '2004-03-05', 'africa'],
  ['bangkok-2004', 'Bangkok regional seminar (ESCAP)', '2004-04-01', '2004-04-02', 'asiaPacific'],
  ['san-jose-2004', 'San José regional seminar (with ILANUD)', '2004-04-22', '2004-04-23', 'latinAmerica'],
  ['beirut-2004', 'Beirut regional seminar (Western Asia)', '2004-05-01', '2004-05-02', 'westernAsia'],
].map(([id, title, start, end, region]) => ({
  title: title as string,
  region: region as string,
  event: {
    id: id as string,
    kind: id === 'bamako-2003' ? 'pre-ratification seminar' : 'regional seminar',
    start: start as string,
    end: end as string,
    instruments: INSTRUMENTS,
    targetStates: targets(region as string),
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
      `  target: ${REGIONS[s?.region ?? '']?.words}, ${view.targetStates} States`,
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

  it('derives the target regions from reference/countries.csv', () => {
    expect(SEMINARS.map((s) => s.event.targetStates.length)).toEqual([16, 54, 46, 33, 18]);
    expect(SEMINARS[0]?.event.targetStates).toContain('MLI');
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
