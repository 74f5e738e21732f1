// CSV imports through the API: the participant-table format (the shipped reference files) and the generic
// action format. Each file is all-or-nothing and idempotent; every refused row is named by line and column.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/common/dates.ts';
import { ACTION_CSV_COLUMNS } from '../../src/treaties/services/import-csv.ts';
import { thirtyPlusNinety, writtenCounts, type Problem, type Res } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;

interface ImportResult {
  rows: number;
  recorded: number;
  alreadyPresent: number;
}

const TABLE_HEADER = 'participant,iso3,signature_date,consent_date,consent_kind,as_of,source,notes';
const ACTION_HEADER = ACTION_CSV_COLUMNS.join(',');

const get = (url: string) => t.app.inject({ method: 'GET', url });

function postCsv(url: string, body: string, headers: Record<string, string> = t.auth): Promise<Res> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: body,
  });
}
const importTable = (body: string, instrumentId = 'UNTOC') =>
  postCsv(`/api/imports/participant-table?instrumentId=${instrumentId}`, body);
const importActions = (body: string) => postCsv('/api/imports/actions', body);

/** One line of the generic action format, from named values. */
function actionLine(values: Partial<Record<(typeof ACTION_CSV_COLUMNS)[number], string>>): string {
  return ACTION_CSV_COLUMNS.map((c) => {
    const v = values[c] ?? '';
    return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  }).join(',');
}

/** What the store holds: rows of actions and corrections, and the registry version. */
const written = () => writtenCounts(t.store);

async function accepted(request: () => Promise<Res>): Promise<ImportResult> {
  const res = await request();
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportResult;
}

async function refused(request: () => Promise<Res>, status = 422): Promise<Problem> {
  const before = await written();
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(await written()).toEqual(before);
  return res.json() as Problem;
}

async function stateOf(instrumentId: string, participantId: string): Promise<string> {
  const res = await get(`/api/instruments/${instrumentId}/participants/${participantId}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { status: { state: string } }).status.state;
}

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('participant-table format', () => {
  it('re-importing the shipped participants-untoc.csv records nothing (idempotent)', async () => {
    const text = readFileSync(new URL('../../reference/participants-untoc.csv', import.meta.url), 'utf8');
    const table = parse(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
    // One action per signature and per consent: 147 + 179 (reference/SOURCES.md).
    const expected =
      table.filter((r) => r.signature_date).length + table.filter((r) => r.consent_kind).length;
    expect(expected).toBe(147 + 179);
    const before = await written();
    const result = await accepted(() => importTable(text));
    expect(result).toEqual({ rows: expected, recorded: 0, alreadyPresent: expected });
    expect(await written()).toEqual(before);
  });

  it('a new file adding a consent for a non-party is recorded; importing it again records nothing', async () => {
    expect(await stateOf('UNTOC', 'PNG')).toBe('none');
    const file = `${TABLE_HEADER}\nPapua New Guinea,PNG,,2025-05-01,accession,2025-05-02,test: import.test.ts,\n`;
    const before = await written();
    expect(await accepted(() => importTable(file))).toEqual({ rows: 1, recorded: 1, alreadyPresent: 0 });
    expect((await written()).actions).toBe(before.actions + 1);
    expect(await stateOf('UNTOC', 'PNG')).toBe('party');
    const detail = (await get('/api/instruments/UNTOC/participants/PNG')).json() as {
      participations: Array<{ consentKind: string; consentDate: string; entryIntoForce: { on: string } }>;
    };
    expect(detail.participations[0]).toMatchObject({
      consentKind: 'accession',
      consentDate: '2025-05-01',
      entryIntoForce: { on: '2025-05-31' },
    });

    const again = await written();
    expect(await accepted(() => importTable(file))).toEqual({ rows: 1, recorded: 0, alreadyPresent: 1 });
    expect(await written()).toEqual(again);
  });

  const GOOD = 'Solomon Islands,SLB,,2025-06-01,accession,,test: import.test.ts,';
  it.each([
    ['an unknown iso3', 'Nowhere,XXX,,2025-06-01,accession,,test,', 'line 3, iso3', /XXX/],
    ['an impossible date', 'Congo,COG,,2003-02-30,accession,,test,', 'line 3, consent_date', /YYYY-MM-DD/],
    [
      'a consent before adoption',
      'Congo,COG,,1999-05-01,accession,,test,',
      'line 3, consent_date',
      /before UNTOC was adopted/,
    ],
    ['a future date', 'Congo,COG,,2027-01-01,accession,,test,', 'line 3, consent_date', /future/],
    ['an unknown kind', 'Congo,COG,,2025-06-01,ratify,,test,', 'line 3, consent_kind', /not one of/],
    [
      'a signature after the window',
      'Congo,COG,2005-01-01,,,,test,',
      'line 3, signature_date',
      /art\. 36\(1\)/,
    ],
  ])(
    'one good row and %s: 422 naming line and column, and the good row is not written',
    async (_what, bad, field, message) => {
      const p = await refused(() => importTable(`${TABLE_HEADER}\n${GOOD}\n${bad}\n`));
      expect(p.errors).toHaveLength(1);
      expect(p.errors?.[0]?.field).toBe(field);
      expect(p.errors?.[0]?.message).toMatch(message);
      expect(p.detail).toMatch(/nothing was imported/);
      expect(await stateOf('UNTOC', 'SLB')).toBe('none');
    },
  );

  it('every bad row of a file is reported with its line', async () => {
    const file = [
      TABLE_HEADER,
      GOOD,
      'Nowhere,XXX,,2025-06-01,accession,,test,',
      'Congo,COG,,2003-02-30,accession,,test,',
      'Tuvalu,TUV,,1999-05-01,accession,,test,',
      'Somalia,SOM,,2027-01-01,accession,,test,',
    ].join('\n');
    const p = await refused(() => importTable(file));
    expect(p.errors?.map((e) => e.field)).toEqual([
      'line 3, iso3',
      'line 4, consent_date',
      'line 5, consent_date',
      'line 6, consent_date',
    ]);
    expect(await stateOf('UNTOC', 'SLB')).toBe('none');
  });

  it('malformed CSV (an unbalanced quote) is refused, naming the line', async () => {
    let p = await refused(() =>
      importTable(`${TABLE_HEADER}\n${GOOD}\nCongo,COG,,"2025-06-01,accession,,test,\n`),
    );
    expect(p.errors?.[0]?.field).toBe('line 3');
    expect(p.detail).toMatch(/malformed CSV at line 3/);
    // A stray quote inside a field, and a row with too many columns.
    p = await refused(() =>
      importTable(`${TABLE_HEADER}\n${GOOD}\nCongo,COG,,2025-06-01,acc"ession,,test,\n`),
    );
    expect(p.errors?.[0]?.field).toBe('line 3');
    p = await refused(() =>
      importTable(`${TABLE_HEADER}\n${GOOD}\nCongo,COG,,2025-06-01,accession,,test,,extra\n`),
    );
    expect(p.errors?.[0]?.field).toBe('line 3');
    expect(await stateOf('UNTOC', 'SLB')).toBe('none');
  });

  it('a duplicated row is refused: "duplicated row: repeats line N"', async () => {
    const p = await refused(() => importTable(`${TABLE_HEADER}\n${GOOD}\n${GOOD}\n`));
    expect(p.errors).toEqual([{ field: 'line 3', message: 'duplicated row: repeats line 2' }]);
    expect(await stateOf('UNTOC', 'SLB')).toBe('none');
  });

  it('a header without a required column is refused, naming it', async () => {
    const p = await refused(() =>
      importTable(
        'participant,iso3,signature_date,consent_date,as_of,source,notes\nSolomon Islands,SLB,,2025-06-01,,test,\n',
      ),
    );
    expect(p.detail).toContain('consent_kind');
    expect(p.errors?.[0]?.field).toBe('line 1');
  });

  it('a file without data rows, or without an instrument, is refused', async () => {
    await refused(() => importTable(`${TABLE_HEADER}\n`));
    const p = await refused(() => postCsv('/api/imports/participant-table', `${TABLE_HEADER}\n${GOOD}\n`));
    expect(p.errors?.[0]?.field).toBe('instrumentId');
  });

  it('an unknown instrument is refused', async () => {
    const p = await refused(() => importTable(`${TABLE_HEADER}\n${GOOD}\n`, 'NOPE'));
    expect(p.errors?.[0]?.field).toMatch(/^line 2/);
  });
});

describe('generic action format', () => {
  it('a notification under art. 18(13) for a party is recorded; again, nothing', async () => {
    const file = `${ACTION_HEADER}\n${actionLine({
      instrument: 'UNTOC',
      participant: 'ARM',
      kind: 'notification',
      date: '2025-01-10',
      article: '18(13)',
      text: 'Central authority for mutual legal assistance: Ministry of Justice, Yerevan',
      source: 'test: import.test.ts',
    })}\n`;
    expect(await accepted(() => importActions(file))).toEqual({ rows: 1, recorded: 1, alreadyPresent: 0 });
    const detail = (await get('/api/instruments/UNTOC/participants/ARM')).json() as {
      actions: Array<{ kind: string; article: string | null; date: string; text: string | null }>;
      status: { state: string };
    };
    expect(detail.actions.find((a) => a.kind === 'notification')).toMatchObject({
      article: '18(13)',
      date: '2025-01-10',
      text: expect.stringContaining('Ministry of Justice'),
    });
    expect(detail.status.state).toBe('party');
    expect(await accepted(() => importActions(file))).toEqual({ rows: 1, recorded: 0, alreadyPresent: 1 });
  });

  it('a notification without its article is refused at its line', async () => {
    const file = [
      ACTION_HEADER,
      actionLine({
        instrument: 'UNTOC',
        participant: 'ARM',
        kind: 'declaration',
        date: '2025-02-01',
        article: '35(3)',
        source: 'test',
      }),
      actionLine({
        instrument: 'UNTOC',
        participant: 'ARM',
        kind: 'notification',
        date: '2025-02-01',
        source: 'test',
      }),
    ].join('\n');
    const p = await refused(() => importActions(file));
    expect(p.errors).toHaveLength(1);
    expect(p.errors?.[0]?.field).toBe('line 3, article');
    const detail = (await get('/api/instruments/UNTOC/participants/ARM')).json() as {
      actions: Array<{ kind: string }>;
    };
    expect(detail.actions.some((a) => a.kind === 'declaration')).toBe(false);
  });

  it('an unknown kind or a non-numeric target_action is refused at its line', async () => {
    const file = [
      ACTION_HEADER,
      actionLine({
        instrument: 'UNTOC',
        participant: 'ARM',
        kind: 'marriage',
        date: '2025-02-01',
        source: 'test',
      }),
      actionLine({
        instrument: 'UNTOC',
        participant: 'ARM',
        kind: 'withdrawal',
        date: '2025-02-01',
        target_action: 'x',
        source: 'test',
      }),
    ].join('\n');
    const p = await refused(() => importActions(file));
    expect(p.errors?.map((e) => e.field)).toEqual(['line 2, kind', 'line 3, target_action']);
  });

  describe('a new instrument: 30 instruments + 90 days, REIO not counted', () => {
    const definition = thirtyPlusNinety('TEST30');

    it('is defined with POST /api/instruments', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/instruments',
        headers: t.auth,
        payload: definition,
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        id: 'TEST30',
        threshold: 30,
        eifDays: 90,
        reioCounted: false,
        entryIntoForce: null,
      });
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/instruments',
        headers: t.auth,
        payload: definition,
      });
      expect(again.statusCode).toBe(409);
      const list = (await get('/api/instruments')).json() as { instruments: Array<{ id: string }> };
      expect(list.instruments.map((i) => i.id)).toContain('TEST30');
    });

    it('31 consents via the generic format: in force on the 30th State deposit + 90 days; the EU not counted', async () => {
      const participants = (await get('/api/participants')).json() as {
        participants: Array<{ id: string; name: string; kind: string }>;
      };
      const states = participants.participants.filter((p) => p.kind === 'state').slice(0, 30);
      expect(states).toHaveLength(30);
      const dateOf = (k: number) => addDays('2004-01-05', 10 * k);
      const lines = states.map((s, k) =>
        actionLine({
          instrument: 'TEST30',
          participant: s.id,
          kind: 'accession',
          date: dateOf(k),
          source: 'test',
        }),
      );
      // The EU deposits early: were it counted, the 30th instrument would be the 29th State's.
      lines.splice(
        3,
        0,
        actionLine({
          instrument: 'TEST30',
          participant: 'EUU',
          kind: 'formal_confirmation',
          date: '2004-01-20',
          source: 'test',
        }),
      );
      const before = await written();
      expect(await accepted(() => importActions(`${ACTION_HEADER}\n${lines.join('\n')}\n`))).toEqual({
        rows: 31,
        recorded: 31,
        alreadyPresent: 0,
      });
      expect((await written()).actions).toBe(before.actions + 31);

      const thirtieth = dateOf(29);
      const eif = addDays(thirtieth, 90);
      const view = (await get('/api/instruments/TEST30')).json() as {
        entryIntoForce: { on: string; explanation: string };
      };
      expect(view.entryIntoForce.on).toBe(eif);
      expect(view.entryIntoForce.explanation).toBe(
        `30th instrument deposited ${thirtieth} (${states[29]?.name}); art. 68(1): 90th day after → ${eif}`,
      );
      expect(view.entryIntoForce.on).not.toBe(addDays(dateOf(28), 90));
      const status = (await get(`/api/instruments/TEST30/status?asOf=${eif}`)).json() as {
        instrumentsCounted: number;
        instrumentInForce: string;
        counts: { contractingParties: number; partiesInForce: number };
      };
      expect(status.instrumentsCounted).toBe(30);
      expect(status.instrumentInForce).toBe('yes');
      expect(status.counts.contractingParties).toBe(31);
      expect(status.counts.partiesInForce).toBe(31);
      const before30 = (await get(`/api/instruments/TEST30/status?asOf=${addDays(eif, -1)}`)).json() as {
        instrumentInForce: string;
      };
      expect(before30.instrumentInForce).toBe('no');
      const eu = (await get('/api/instruments/TEST30/participants/EUU')).json() as {
        participations: Array<{ entryIntoForce: { on: string } }>;
      };
      expect(eu.participations[0]?.entryIntoForce.on).toBe(eif);
    });

    it('a State depositing afterwards: 30th day after, art. 68(2)', async () => {
      const file = `${ACTION_HEADER}\n${actionLine({ instrument: 'TEST30', participant: 'ZWE', kind: 'accession', date: '2006-01-10', source: 'test' })}\n`;
      expect(await accepted(() => importActions(file))).toMatchObject({ recorded: 1 });
      const zwe = (await get('/api/instruments/TEST30/participants/ZWE')).json() as {
        participations: Array<{ entryIntoForce: { on: string; explanation: string } }>;
      };
      expect(zwe.participations[0]?.entryIntoForce.on).toBe('2006-02-09');
      expect(zwe.participations[0]?.entryIntoForce.explanation).toContain('art. 68(2)');
    });
  });
});
