// Statements of record through the API, on the real data: the filters list exactly the file's rows (every
// opt-out from a dispute clause), objections are listed under the reservation they answer, the three states
// of knowledge are told apart, the downloads carry the same rows, and the dispute-settlement obligations
// between two States follow from the opt-outs.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReferenceCsv, type ReferenceRow } from '../helpers/reference-csv.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

type Row = ReferenceRow;
const read = readReferenceCsv;
const partial = read('statements-partial.csv');
const index = read('statements-index.csv');
const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];

interface Statement {
  id: number;
  participantId: string;
  kind: string;
  article: string | null;
  date: string | null;
  summary: string | null;
  text: string | null;
  disputeOptOut: boolean;
  target: { actionId: number | null; participantId: string | null; recorded: boolean } | null;
  objectionIds: number[];
}
interface InstrumentStatements {
  coverage: { statements: number; participants: number; listedNotRecorded: number; line: string };
  statements: Statement[];
  textNotRecorded: Array<{ participantId: string; source: string }>;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 180_000);
afterAll(async () => t?.close());

async function get<T>(url: string): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}
const statementsOf = (instrument: string, query = '') =>
  get<InstrumentStatements>(`/api/instruments/${instrument}/statements${query}`);
const keyOf = (r: {
  participantId?: string;
  iso3?: string;
  kind: string;
  article: string | null;
  date: string | null;
}) => [r.participantId ?? r.iso3, r.kind, r.article ?? '', r.date ?? ''].join(' ');

describe('statements per instrument', () => {
  it.each(INSTRUMENTS)(
    '%s: the recorded statements are the file’s rows, the coverage line says more exist',
    async (i) => {
      const answer = await statementsOf(i);
      const rows = partial.filter((r) => r.instrument === i);
      expect(answer.statements.map(keyOf).sort()).toEqual(
        rows
          .map((r) => keyOf({ ...r, kind: r.kind!, article: r.article || null, date: r.date || null }))
          .sort(),
      );
      expect(answer.coverage.statements).toBe(rows.length);
      expect(answer.coverage.participants).toBe(new Set(rows.map((r) => r.iso3)).size);
      expect(answer.coverage.listedNotRecorded).toBeGreaterThan(0);
      expect(answer.coverage.line).toMatch(
        /^\d+ statements? by \d+ participants? recorded here for .+; the depositary's list is longer: /,
      );
      expect(answer.statements.every((s) => s.text === null && s.summary !== null)).toBe(true);
    },
  );

  it('quotes the coverage line of UNTOC as the page shows it', async () => {
    expect((await statementsOf('UNTOC')).coverage.line).toBe(
      "33 statements by 19 participants recorded here for UNTOC; the depositary's list is longer: 6 other participants are known to have made statements whose text is not recorded here, and a participant with nothing recorded here may still have made one.",
    );
  });

  it.each([
    ['UNTOC', '35(2)'],
    ['TIP', '15(2)'],
    ['SOM', '20(2)'],
    ['FIREARMS', '16(2)'],
  ])(
    '%s: the opt-out filter (kind=reservation, article=%s) lists exactly the file’s rows',
    async (i, article) => {
      const answer = await statementsOf(i, `?kind=reservation&article=${encodeURIComponent(article)}`);
      const rows = partial.filter(
        (r) => r.instrument === i && r.kind === 'reservation' && r.article === article,
      );
      expect(answer.statements.map((s) => `${s.participantId} ${s.date ?? ''}`).sort()).toEqual(
        rows.map((r) => `${r.iso3} ${r.date}`).sort(),
      );
      expect(answer.statements.every((s) => s.disputeOptOut)).toBe(true);
      // "art. 35.2" is read the same way as "35(2)".
      const written = await statementsOf(
        i,
        `?kind=reservation&article=${encodeURIComponent(`art. ${article.replace('(', '.').replace(')', '')}`)}`,
      );
      expect(written.statements).toEqual(answer.statements);
    },
  );

  it("lists the 22 objections under Afghanistan's SoM reservation, each pointing back at it", async () => {
    const som = await statementsOf('SOM');
    const reservation = som.statements.find((s) => s.participantId === 'AFG' && s.kind === 'reservation')!;
    expect(reservation.objectionIds).toHaveLength(22);
    const objections = som.statements.filter((s) => reservation.objectionIds.includes(s.id));
    expect(
      objections.every(
        (o) => o.kind === 'objection' && o.target?.actionId === reservation.id && o.target.recorded,
      ),
    ).toBe(true);
    const byParticipant = await statementsOf('SOM', '?participant=AFG');
    expect(byParticipant.statements.map((s) => s.id)).toEqual([reservation.id]);
    expect((await statementsOf('SOM', '?kind=objection')).statements).toHaveLength(23);
  });

  it('downloads the same rows as CSV (date not known spelled out) and XLSX', async () => {
    const answer = await statementsOf('UNTOC');
    const csv = await t.app.inject({ method: 'GET', url: '/api/instruments/UNTOC/statements?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.body, { columns: true }) as Row[];
    expect(rows.filter((r) => r.recorded === 'recorded')).toHaveLength(answer.statements.length);
    expect(rows.filter((r) => r.recorded === 'text not recorded here')).toHaveLength(
      answer.textNotRecorded.length,
    );
    expect(rows.filter((r) => r.date === 'date not known')).toHaveLength(
      partial.filter((r) => r.instrument === 'UNTOC' && r.date === '').length,
    );
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/instruments/UNTOC/statements?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an unknown kind and an unknown instrument with a problem saying where', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/instruments/UNTOC/statements?kind=opinion' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('kind');
    expect((await t.app.inject({ method: 'GET', url: '/api/instruments/NOPE/statements' })).statusCode).toBe(
      404,
    );
  });
});

describe('statements per State: three states of knowledge', () => {
  const recorded = (i: string, p: string) => partial.some((r) => r.instrument === i && r.iso3 === p);
  const listed = (i: string, p: string) => index.some((r) => r.instrument === i && r.iso3 === p);

  it('reads "text not recorded here" for a State of the index file alone, with its source', async () => {
    const row = index.find((r) => !recorded(r.instrument!, r.iso3!))!;
    const answer = await get<{
      instruments: Array<{ instrumentId: string; knowledge: string; listed: Array<{ source: string }> }>;
    }>(`/api/participants/${row.iso3}/statements`);
    const on = answer.instruments.find((i) => i.instrumentId === row.instrument)!;
    expect(on.knowledge).toBe('text_not_recorded');
    expect(on.listed.map((l) => l.source)).toContain(row.source);
  });

  it('reads "nothing recorded here" for a State in neither file, and "recorded" where the file has rows', async () => {
    const answer = await get<{
      instruments: Array<{ instrumentId: string; knowledge: string; statements: unknown[] }>;
    }>('/api/participants/DZA/statements');
    expect(answer.instruments.map((i) => i.knowledge)).toEqual(INSTRUMENTS.map(() => 'recorded'));
    const nowhere = ['FRA', 'BRA', 'JPN', 'KEN'].find((p) =>
      INSTRUMENTS.every((i) => !recorded(i, p) && !listed(i, p)),
    )!;
    const none = await get<{ instruments: Array<{ knowledge: string }> }>(
      `/api/participants/${nowhere}/statements`,
    );
    expect(none.instruments.map((i) => i.knowledge)).toEqual(INSTRUMENTS.map(() => 'nothing_recorded'));
  });

  it("a State's own view lists the objections others made to its statements, and knows its objections' targets", async () => {
    type View = {
      instruments: Array<{
        instrumentId: string;
        statements: Array<{
          id: number;
          kind: string;
          objectionIds: number[];
          objections: Array<{ id: number; participantId: string; participantName: string }>;
          target: { actionId: number | null; participantName: string | null; recorded: boolean } | null;
        }>;
      }>;
    };
    const som = await statementsOf('SOM');
    const onInstrument = som.statements.find((s) => s.participantId === 'AFG' && s.kind === 'reservation')!;
    const afghanistan = await get<View>('/api/participants/AFG/statements');
    const reservation = afghanistan.instruments
      .find((i) => i.instrumentId === 'SOM')!
      .statements.find((s) => s.kind === 'reservation')!;
    expect(reservation.objectionIds).toEqual(onInstrument.objectionIds);
    const objectors = partial
      .filter((r) => r.instrument === 'SOM' && r.kind === 'objection' && /Afghanistan/.test(r.summary!))
      .map((r) => r.iso3)
      .sort();
    expect(reservation.objections.map((o) => o.participantId).sort()).toEqual(objectors);
    expect(reservation.objections.map((o) => o.id)).toEqual(reservation.objectionIds);
    const austria = await get<View>('/api/participants/AUT/statements');
    const objection = austria.instruments
      .find((i) => i.instrumentId === 'SOM')!
      .statements.find((s) => s.kind === 'objection' && s.target?.actionId === reservation.id)!;
    expect(objection.target).toEqual({
      actionId: reservation.id,
      participantId: 'AFG',
      participantName: 'Afghanistan',
      recorded: true,
    });
  });
});

describe('dispute-settlement obligations between two States', () => {
  it("China's opt-outs exclude the clauses between China and Germany; not so between Germany and Austria", async () => {
    type Answer = { obligations: Array<{ instrumentId: string; obligation: string; optedOut: string[] }> };
    const chn = await get<Answer>('/api/participants/DEU/dispute-settlement?with=CHN');
    expect(chn.obligations.find((o) => o.instrumentId === 'UNTOC')).toMatchObject({
      obligation: 'excluded',
      optedOut: ['CHN'],
    });
    expect(chn.obligations.find((o) => o.instrumentId === 'TIP')).toMatchObject({
      obligation: 'excluded',
      optedOut: ['CHN'],
    });
    const aut = await get<Answer>('/api/participants/DEU/dispute-settlement?with=AUT');
    expect(aut.obligations.find((o) => o.instrumentId === 'UNTOC')?.obligation).toBe(
      'binds_unless_unrecorded_opt_out',
    );
  });
});
