// The read endpoints the web pages use, over the real data, on the store in use: the dashboard (counts,
// newest actions, parties over time checked against the status endpoint), statements and footnotes, the
// XLSX download and the map's countries.
import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_CSV_HEADER } from '../../src/treaties/services/export-status.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND, TEST_TODAY } from '../helpers/store.ts';

let t: TestApp;
const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

interface Point {
  on: string;
  parties: number;
  contractingParties: number;
  signatories: number;
}
interface DashboardRow {
  instrumentId: string;
  counts: { partiesInForce: number; signatories: number };
  entryIntoForce: { on: string } | null;
  newest: Array<{ participantId: string; kind: string; date: string }>;
  timeline: Point[];
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`read endpoints for the web pages (${STORE_KIND})`, () => {
  it('dashboard: counts today, entry into force, newest actions, parties over time', async () => {
    const res = await get('/api/dashboard');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeDefined();
    const body = res.json() as { asOf: string; instruments: DashboardRow[] };
    expect(body.asOf).toBe(TEST_TODAY);
    const untoc = body.instruments.find((i) => i.instrumentId === 'UNTOC')!;
    expect(untoc.counts).toMatchObject({ partiesInForce: 193, signatories: 147 });
    expect(untoc.entryIntoForce?.on).toBe('2003-09-29');
    expect(untoc.newest[0]).toMatchObject({ participantId: 'SSD', kind: 'accession', date: '2023-10-20' });
    expect(untoc.newest).toHaveLength(5);
    // The timeline is sorted, changes at every point, and agrees with the status endpoint on its dates.
    const points = untoc.timeline;
    expect(points.map((p) => p.on)).toEqual([...points.map((p) => p.on)].sort());
    expect(points.at(-1)!.parties).toBe(193);
    const sample = [points[0]!, points[10]!, points[Math.floor(points.length / 2)]!, points.at(-1)!];
    for (const p of sample) {
      const status = (await get(`/api/instruments/UNTOC/status?asOf=${p.on}`)).json() as {
        counts: { partiesInForce: number; contractingParties: number; signatories: number };
      };
      expect(status.counts).toMatchObject({
        partiesInForce: p.parties,
        contractingParties: p.contractingParties,
        signatories: p.signatories,
      });
    }
    // The day UNTOC entered into force (art. 38(1)): every State that had deposited by then became a party.
    expect(points.find((p) => p.on === '2003-09-29')?.parties).toBe(41);
    // Gzip for browsers, and a 304 on revalidation.
    const gz = await get('/api/dashboard', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(body);
    expect((await get('/api/dashboard', { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(304);
  });

  it('annotations: footnotes per participant; a recorded declaration appears, a corrected one does not', async () => {
    const before = (await get('/api/instruments/UNTOC/annotations')).json() as {
      participants: Array<{ participantId: string; statements: unknown[]; footnotes: string[] }>;
    };
    expect(before.participants.find((p) => p.participantId === 'CZE')?.footnotes).toEqual(['now Czechia']);
    const recorded = await t.app.inject({
      method: 'POST',
      url: '/api/actions',
      headers: t.auth,
      payload: {
        instrumentId: 'UNTOC',
        participantId: 'ARM',
        kind: 'declaration',
        date: '2026-02-01',
        article: '35(3)',
        source: 'note verbale',
      },
    });
    expect(recorded.statusCode).toBe(201);
    const after = (await get('/api/instruments/UNTOC/annotations')).json() as typeof before;
    expect(after.participants.find((p) => p.participantId === 'ARM')?.statements).toEqual([
      {
        actionId: (recorded.json() as { action: { id: number } }).action.id,
        kind: 'declaration',
        date: '2026-02-01',
        article: '35(3)',
        territory: null,
        text: null,
        summary: null,
      },
    ]);
    const id = (recorded.json() as { action: { id: number } }).action.id;
    const voided = await t.app.inject({
      method: 'POST',
      url: `/api/actions/${id}/corrections`,
      headers: t.auth,
      payload: { reason: 'recorded twice' },
    });
    expect(voided.statusCode).toBe(201);
    const last = (await get('/api/instruments/UNTOC/annotations')).json() as typeof before;
    expect(last.participants.find((p) => p.participantId === 'ARM')?.statements ?? []).toEqual([]);
    expect((await get('/api/instruments/NOPE/annotations')).statusCode).toBe(404);
  });

  it('status.xlsx: the same columns and rows as the CSV, dates as text', async () => {
    const res = await get('/api/instruments/UNTOC/status.xlsx?asOf=2003-09-29');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="UNTOC-status-2003-09-29.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...STATUS_CSV_HEADER]);
    const csv = (await get('/api/instruments/UNTOC/status.csv?asOf=2003-09-29')).body.trim().split('\r\n');
    expect(sheet.rowCount).toBe(csv.length);
    const armenia = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(typeof armenia[7]).toBe('string');
    expect((await get(`/api/instruments/UNTOC/status.xlsx?asOf=2999-01-01`)).statusCode).toBe(422);
  });

  it('geo/countries: TopoJSON with every UN Member State but Tuvalu, keyed by M49', async () => {
    const res = await get('/api/geo/countries', { 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const topo = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as {
      objects: { countries: { geometries: Array<{ id?: string }> } };
    };
    const ids = new Set(topo.objects.countries.geometries.map((g) => g.id));
    const participants = (await get('/api/participants')).json() as {
      participants: Array<{ id: string; m49: string | null; unMember: boolean }>;
    };
    const missing = participants.participants
      .filter((p) => p.unMember && !ids.has(p.m49 ?? ''))
      .map((p) => p.id);
    expect(missing).toEqual(['TUV']); // drawn as a marker by the web map
  });
});
