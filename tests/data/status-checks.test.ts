// Official signature and party counts on dated points (tests/fixtures/status-checks.csv) against the status
// the API computes from the real participant tables, and the 2024 totals of reference/instruments.csv.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

interface StatusCheck {
  instrument: string;
  as_of: string;
  official_signatories: string;
  official_parties: string;
  data_signatories: string;
  data_parties: string;
  match: string;
  source: string;
  note: string;
}

interface Counts {
  signatories: number;
  contractingParties: number;
  partiesInForce: number;
  pendingEntryIntoForce: number;
  uncertain: number;
  withdrawn: number;
}

const checks = parse(readFileSync(new URL('../fixtures/status-checks.csv', import.meta.url), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as StatusCheck[];

const instruments = parse(readFileSync(new URL('../../reference/instruments.csv', import.meta.url), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as Array<{
  id: string;
  parties_official: string;
  parties_official_as_of: string;
  signatories_official: string;
}>;

/** An official figure: exact ("124"), approximate ("~80": not comparable exactly) or not given (""). */
function official(text: string): { exact: number } | { approximate: number } | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.startsWith('~')) return { approximate: Number(t.slice(1)) };
  return { exact: Number(t) };
}

let t: TestApp;

async function countsAt(instrumentId: string, asOf: string): Promise<Counts> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/instruments/${instrumentId}/status?asOf=${asOf}`,
  });
  expect(res.statusCode).toBe(200);
  return (res.json() as { counts: Counts }).counts;
}

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('official counts on dated points (status-checks.csv)', () => {
  it('the fixture has 18 checks: 15 matching, 3 off by one', () => {
    expect(checks).toHaveLength(18);
    expect(checks.filter((c) => c.match === 'yes')).toHaveLength(15);
    expect(checks.filter((c) => c.match === 'no')).toHaveLength(3);
  });

  it.each(checks)(
    '$instrument as at $as_of: data give $data_signatories signatories, $data_parties parties (match: $match)',
    async (row) => {
      const counts = await countsAt(row.instrument, row.as_of);
      // What the participant tables give: always exact.
      expect(counts.signatories).toBe(Number(row.data_signatories));
      expect(counts.contractingParties).toBe(Number(row.data_parties));

      const sig = official(row.official_signatories);
      const parties = official(row.official_parties);
      if (row.match === 'yes') {
        // The official figures agree with the data wherever they are exact; "~80" ("close to 80", UNIS
        // L/PMO/12) is only compared through the data column above.
        if (sig && 'exact' in sig) expect(counts.signatories).toBe(sig.exact);
        if (sig && 'approximate' in sig)
          expect(Math.abs(counts.signatories - sig.approximate)).toBeLessThanOrEqual(5);
        if (parties && 'exact' in parties) expect(counts.contractingParties).toBe(parties.exact);
      } else {
        // Three official figures are one lower than the data (reference/SOURCES.md, status-checks.csv): TIP
        // (28) and SoM (27) at 2003-07-10 come from a UN DPI press briefing, the Firearms figure (35) at
        // 2005-03-08 from the abstract of the SG report to the CCPCJ's 14th session. Both are secondary
        // reports, and their figures most likely lag behind the depositary's by one instrument deposited
        // shortly before the stated date; the data (UNTC) are kept, and the difference is pinned here.
        expect(row.match).toBe('no');
        const differences: number[] = [];
        if (sig && 'exact' in sig) differences.push(counts.signatories - sig.exact);
        if (parties && 'exact' in parties) differences.push(counts.contractingParties - parties.exact);
        const off = differences.filter((d) => d !== 0);
        expect(off).toEqual([1]);
      }
    },
  );

  it('the three mismatches are exactly the ones SOURCES.md names', () => {
    const mismatches = checks.filter((c) => c.match === 'no').map((c) => `${c.instrument}@${c.as_of}`);
    expect(mismatches).toEqual(['TIP@2003-07-10', 'SOM@2003-07-10', 'FIREARMS@2005-03-08']);
  });
});

describe('official 2024 totals (instruments.csv, UNTC Apr/May 2024)', () => {
  const official2024 = (id: string) => {
    const row = instruments.find((i) => i.id === id);
    if (!row) throw new Error(`no instrument ${id}`);
    return {
      parties: Number(row.parties_official),
      asOf: row.parties_official_as_of,
      signatories: Number(row.signatories_official),
    };
  };

  it('the dates and totals are those of the reference file', () => {
    expect(official2024('UNTOC')).toEqual({ parties: 192, asOf: '2024-05-04', signatories: 147 });
    expect(official2024('TIP')).toEqual({ parties: 182, asOf: '2024-04-20', signatories: 117 });
    expect(official2024('SOM')).toEqual({ parties: 152, asOf: '2024-04-26', signatories: 112 });
    expect(official2024('FIREARMS')).toEqual({ parties: 123, asOf: '2024-05-04', signatories: 52 });
  });

  it.each(['UNTOC', 'FIREARMS'])('%s: contracting parties equal the official total', async (id) => {
    const o = official2024(id);
    const counts = await countsAt(id, o.asOf);
    expect(counts.contractingParties).toBe(o.parties);
    expect(counts.signatories).toBe(o.signatories);
  });

  it('TIP falls short of the official 182: 159 in the 2014 table + 22 later consents identified = 181', async () => {
    // participants-updates-post2014.csv identifies 22 of the 23 TIP parties that joined after 2014-07-10;
    // 1 is not identified (SOURCES.md, "Completeness"). Three identified rows have no date (Eritrea,
    // Pakistan, State of Palestine) and one only a window (Palau, 2019-04-01 to 2020-03-31): the loader bounds
    // the undated ones by the official count's date, so all 22 are contracting parties on 2024-04-20, though
    // for three of them the day of entry into force is not known (counted as "uncertain", not in force).
    const o = official2024('TIP');
    const counts = await countsAt('TIP', o.asOf);
    expect(counts.contractingParties).toBe(159 + 22);
    expect(counts.contractingParties).toBe(181);
    expect(o.parties - counts.contractingParties).toBe(1);
    expect(counts.signatories).toBe(117);
    const res = await t.app.inject({ method: 'GET', url: `/api/instruments/TIP/status?asOf=${o.asOf}` });
    const uncertain = (
      res.json() as { participants: Array<{ participantId: string; state: string }> }
    ).participants
      .filter((p) => p.state === 'uncertain')
      .map((p) => p.participantId)
      .sort();
    expect(uncertain).toEqual(['ERI', 'PAK', 'PSE']);
    expect(counts.uncertain).toBe(3);
  });

  it('SOM falls short of the official 152: 138 in the 2014 table + 8 identified before 2024 = 146', async () => {
    // Of the 14 SoM parties that joined after 2014-07-10, 8 are identified (SOURCES.md); 6 are not.
    // The file's two other SoM rows (Somalia 2025, South Sudan 2025) are after 2024 and count only later.
    const o = official2024('SOM');
    const counts = await countsAt('SOM', o.asOf);
    expect(counts.contractingParties).toBe(138 + 8);
    expect(counts.contractingParties).toBe(146);
    expect(o.parties - counts.contractingParties).toBe(6);
    const today = await countsAt('SOM', '2026-06-30');
    expect(today.contractingParties).toBe(146 + 2);
    // SOURCES.md: the counts give 141 SoM parties by November 2014 (Angola, Barbados and one more that no
    // source names); the data give the two known ones.
    expect((await countsAt('SOM', '2014-11-30')).contractingParties).toBe(138 + 2);
  });

  it('the 2014 tables alone give 179 / 159 / 138 / 109 contracting parties (as at 2014-07-10)', async () => {
    expect((await countsAt('UNTOC', '2014-07-10')).contractingParties).toBe(179);
    expect((await countsAt('TIP', '2014-07-10')).contractingParties).toBe(159);
    expect((await countsAt('SOM', '2014-07-10')).contractingParties).toBe(138);
    expect((await countsAt('FIREARMS', '2014-07-10')).contractingParties).toBe(109);
  });
});

describe('the four consents added in December 2026, each as precise as its source and no more', () => {
  async function stateOf(instrumentId: string, participantId: string, asOf: string): Promise<string> {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/instruments/${instrumentId}/status?asOf=${asOf}`,
    });
    const participants = (res.json() as { participants: Array<{ participantId: string; state: string }> })
      .participants;
    return participants.find((p) => p.participantId === participantId)?.state ?? 'none';
  }

  it.each([
    // Sierra Leone, TIP: ratified in August 2014, day not known; in force 30 days after (art. 17(2)).
    ['TIP', 'SLE', '2014-07-31', 'signatory'],
    ['TIP', 'SLE', '2014-08-15', 'uncertain'],
    ['TIP', 'SLE', '2014-09-01', 'uncertain'],
    ['TIP', 'SLE', '2014-10-01', 'party'],
    // Palau, TIP: acceded between 2019-04-01 and 2020-03-31, no date (US TIP Report 2020's period).
    ['TIP', 'PLW', '2019-03-31', 'none'],
    ['TIP', 'PLW', '2019-12-31', 'uncertain'],
    ['TIP', 'PLW', '2020-04-15', 'uncertain'],
    ['TIP', 'PLW', '2020-05-01', 'party'],
    // Barbados, SoM: ratified 2014-11-11; in force on the 30th day after (art. 22(2)).
    ['SOM', 'BRB', '2014-11-10', 'signatory'],
    ['SOM', 'BRB', '2014-11-11', 'party_pending'],
    ['SOM', 'BRB', '2014-12-11', 'party'],
    // Comoros, SoM: acceded in 2020, before 2020-12-24 (UNODC: "the 150th State Party").
    ['SOM', 'COM', '2019-12-31', 'none'],
    ['SOM', 'COM', '2020-07-01', 'uncertain'],
    ['SOM', 'COM', '2020-12-25', 'uncertain'],
    ['SOM', 'COM', '2021-01-24', 'party'],
  ])('%s %s as at %s: %s', async (instrumentId, participantId, asOf, state) => {
    expect(await stateOf(instrumentId, participantId, asOf)).toBe(state);
  });
});
