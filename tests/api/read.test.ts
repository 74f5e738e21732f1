// The read side of the API over the real data: instruments, status as at a date (with caching headers),
// differences, one participant, the country view, participants, OpenAPI, docs, errors and CSV export.
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { RegistryState } from '../../src/treaties/registry-state.ts';
import { STATUS_CSV_HEADER } from '../../src/treaties/services/export-status.ts';
import type { Problem } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/store.ts';

let t: TestApp;

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

function expectProblem(res: Awaited<ReturnType<typeof get>>, status: number): Problem {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Problem;
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.type).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

const METRICS_TOKEN = 'metrics-token-of-the-read-tests-0123';

beforeAll(async () => {
  t = await createTestApp({ app: { metricsToken: METRICS_TOKEN } });
});

afterAll(async () => {
  await t?.close();
});

describe('instruments', () => {
  it('are listed in depositary order: the Convention, then its Protocols a, b, c', async () => {
    // MTDSG XVIII-12, XVIII-12-a (TIP), XVIII-12-b (SoM), XVIII-12-c (Firearms). Fails at present: the sort
    // key of listInstruments (src/treaties/repository.ts) puts "|" after the MTDSG number, and "|" sorts
    // after "-", so "XVIII-12|…" comes after "XVIII-12-a|…" and the Convention is listed last.
    const res = await get('/api/instruments');
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { instruments: Array<{ id: string }> }).instruments.map((i) => i.id);
    expect(ids).toEqual(['UNTOC', 'TIP', 'SOM', 'FIREARMS']);
  });

  it('carry their final-clause parameters', async () => {
    const res = await get('/api/instruments/TIP');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'TIP',
      mtdsgNo: 'XVIII-12-a',
      threshold: 40,
      eifDays: 90,
      laterDays: 30,
      laterRule: 'later_of',
      reioCounted: false,
      parentId: 'UNTOC',
      parentRequirementArticle: '37(2)',
    });
  });

  it('the list and one instrument have an ETag and must be revalidated; If-None-Match gives 304', async () => {
    for (const url of ['/api/instruments', '/api/instruments/UNTOC']) {
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect(first.headers['cache-control']).toBe('public, no-cache');
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    }
  });
});

describe('status as at a date', () => {
  it('has the documented shape', async () => {
    const res = await get('/api/instruments/UNTOC/status?asOf=2003-09-29');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as Record<string, unknown> & {
      counts: Record<string, number>;
      participants: Array<Record<string, unknown>>;
    };
    expect(Object.keys(body).sort()).toEqual(
      [
        'asOf',
        'counts',
        'eif',
        'instrumentId',
        'instrumentInForce',
        'instrumentsCounted',
        'participants',
      ].sort(),
    );
    expect(body).toMatchObject({ instrumentId: 'UNTOC', asOf: '2003-09-29', instrumentInForce: 'yes' });
    expect(Object.keys(body.counts).sort()).toEqual(
      [
        'contractingParties',
        'partiesInForce',
        'pendingEntryIntoForce',
        'signatories',
        'uncertain',
        'withdrawn',
      ].sort(),
    );
    for (const v of Object.values(body.counts)) expect(Number.isInteger(v)).toBe(true);
    expect(body.counts).toMatchObject({ signatories: 147, contractingParties: 52 });
    expect(body.participants.length).toBeGreaterThan(0);
    const arm = body.participants.find((p) => p.participantId === 'ARM');
    expect(Object.keys(arm ?? {}).sort()).toEqual(
      [
        'participantId',
        'name',
        'kind',
        'region',
        'unGroup',
        'state',
        'signed',
        'signatureKind',
        'signatureDate',
        'consented',
        'consentKind',
        'consentDate',
        'consentPrecision',
        'inForce',
        'eif',
        'denunciationEffective',
      ].sort(),
    );
    expect(arm).toMatchObject({ name: 'Armenia', state: 'party', consentDate: '2003-07-01', inForce: 'yes' });
    expect(arm?.signatureKind).toBe('signature');
  });

  it('has an ETag and Cache-Control; If-None-Match answers 304', async () => {
    const url = '/api/instruments/UNTOC/status?asOf=2005-01-01';
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(res.headers['cache-control']).toBe('public, no-cache');
    const cached = await get(url, { 'if-none-match': etag });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    // A list of tags that includes it matches too; another date has another tag.
    expect((await get(url, { 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304);
    const other = await get('/api/instruments/UNTOC/status?asOf=2005-01-02', { 'if-none-match': etag });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it('answers gzip to clients that accept it, with its own ETag, and the same JSON', async () => {
    const url = '/api/instruments/UNTOC/status?asOf=2005-01-01';
    const plain = await get(url);
    const zipped = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect((await get(url, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();
  });

  it('every other read carries a validator too: If-None-Match on the country view answers 304', async () => {
    const first = await get('/api/participants/ARM');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await get('/api/participants/ARM', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/api/participants/ALB', { 'if-none-match': etag })).statusCode).toBe(200);
  });

  it('asOf defaults to today (the fixed test clock)', async () => {
    const res = await get('/api/instruments/UNTOC/status');
    expect(res.statusCode).toBe(200);
    expect(res.json().asOf).toBe(TEST_TODAY);
    const explicit = await get(`/api/instruments/UNTOC/status?asOf=${TEST_TODAY}`);
    expect(explicit.json().counts).toEqual(res.json().counts);
  });

  it('an impossible date (2003-02-30) is refused: 422 problem+json naming asOf', async () => {
    const p = expectProblem(await get('/api/instruments/UNTOC/status?asOf=2003-02-30'), 422);
    expect(p.errors?.[0]?.field).toBe('asOf');
    expect(p.errors?.[0]?.message).toMatch(/real calendar day/);
  });

  it('a badly written date is refused too', async () => {
    for (const bad of ['2003-9-29', '29.09.2003', '2003-13-01', 'today']) {
      const p = expectProblem(await get(`/api/instruments/UNTOC/status?asOf=${bad}`), 422);
      expect(p.errors?.[0]?.field).toBe('asOf');
    }
  });

  it('a future date is refused: 422, status is known up to today', async () => {
    const p = expectProblem(await get('/api/instruments/UNTOC/status?asOf=2026-07-01'), 422);
    expect(p.errors?.[0]?.field).toBe('asOf');
    expect(p.detail).toMatch(/future/);
  });

  it('an unknown query parameter is refused', async () => {
    const p = expectProblem(await get('/api/instruments/UNTOC/status?asOf=2005-01-01&as_of=2005-01-01'), 422);
    expect(JSON.stringify(p.errors)).toMatch(/as_of/);
  });
});

describe('not found', () => {
  it('an unknown instrument: 404 problem+json', async () => {
    const p = expectProblem(await get('/api/instruments/NOPE'), 404);
    expect(p.detail).toMatch(/NOPE/);
    expectProblem(await get('/api/instruments/NOPE/status'), 404);
    expectProblem(await get('/api/instruments/NOPE/actions'), 404);
  });

  it('the status endpoint answers the same with a fresh snapshot in hand and while one is built', async () => {
    // A registry of its own that counts a snapshot fresh for a minute (the server's counts it so for
    // 100 ms): "fresh" must not depend on how fast a loaded machine runs the three requests.
    const registry = new RegistryState(t.store, 60_000);
    const app = await buildApp({ store: t.store, registry, clock: t.clock, webDir: '' });
    try {
      const read = (url: string) => app.inject({ method: 'GET', url });
      // Forgotten: the next read builds the snapshot (the answer waits for it); the one after finds it fresh.
      for (const fresh of [false, true]) {
        if (!fresh) registry.invalidate();
        expect(registry.current() !== null, `fresh ${fresh}`).toBe(fresh);
        expectProblem(await read('/api/instruments/NOPE/status'), 404);
        if (!fresh) registry.invalidate();
        expectProblem(await read(`/api/instruments/UNTOC/status?asOf=9999-01-01`), 422);
        if (!fresh) registry.invalidate();
        const ok = await read('/api/instruments/UNTOC/status?asOf=2005-03-08');
        expect(ok.statusCode).toBe(200);
        expect((ok.json() as { counts: { contractingParties: number } }).counts.contractingParties).toBe(100);
      }
    } finally {
      await app.close();
    }
  });

  it('an unknown participant: 404 problem+json', async () => {
    const p = expectProblem(await get('/api/instruments/UNTOC/participants/XXX'), 404);
    expect(p.errors?.[0]?.field).toBe('participantId');
    expectProblem(await get('/api/participants/XXX'), 404);
  });

  it('an unknown route: 404 problem+json', async () => {
    const p = expectProblem(await get('/api/no-such-thing'), 404);
    expect(p.detail).toMatch(/no route/);
    expectProblem(await get('/nothing-here'), 404);
  });
});

describe('changes between two dates', () => {
  it('UNTOC from 2003-07-01 to 2003-09-29 lists the parties whose state changed', async () => {
    const res = await get('/api/instruments/UNTOC/changes?from=2003-07-01&to=2003-09-29');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      countsFrom: { contractingParties: number; partiesInForce: number };
      countsTo: { contractingParties: number; partiesInForce: number };
      changes: Array<{ participantId: string; name: string; from: string; to: string }>;
    };
    expect(body).toMatchObject({ instrumentId: 'UNTOC', from: '2003-07-01', to: '2003-09-29' });
    expect(body.countsFrom.contractingParties).toBe(40);
    expect(body.countsFrom.partiesInForce).toBe(0);
    expect(body.countsTo.contractingParties).toBe(52);
    const byId = new Map(body.changes.map((c) => [c.participantId, c]));
    // The 40th instrument (Armenia) was deposited on 2003-07-01: pending then, in force on 2003-09-29.
    expect(byId.get('ARM')).toEqual({
      participantId: 'ARM',
      name: 'Armenia',
      from: 'party_pending',
      to: 'party',
    });
    // Afghanistan deposited on 2003-09-24: not yet in force on 2003-09-29.
    expect(byId.get('AFG')).toMatchObject({ from: 'signatory', to: 'party_pending' });
    // Costa Rica deposited on 2003-07-24: in force with the Convention.
    expect(byId.get('CRI')).toMatchObject({ from: 'signatory', to: 'party' });
    // Every change is a real change, and every party counted on either day that changed is listed.
    for (const c of body.changes) expect(c.from).not.toBe(c.to);
    expect(body.changes.filter((c) => c.to === 'party')).toHaveLength(body.countsTo.partiesInForce);
    // Nobody whose state stayed the same is listed (Iran signed in 2000 and has been a signatory since).
    expect(byId.has('IRN')).toBe(false);
  });

  it('refuses a future end date', async () => {
    const p = expectProblem(await get('/api/instruments/UNTOC/changes?from=2003-07-01&to=2027-01-01'), 422);
    expect(p.errors?.[0]?.field).toBe('to');
  });

  it('needs both dates', async () => {
    expectProblem(await get('/api/instruments/UNTOC/changes?from=2003-07-01'), 422);
  });
});

describe('one participant on one instrument', () => {
  it('Costa Rica on UNTOC: in force with the Convention, not before its own entry into force', async () => {
    const res = await get('/api/instruments/UNTOC/participants/CRI');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      participant: { id: string; name: string };
      asOf: string;
      status: { state: string; eif: { on: string; explanation: string } };
      participations: Array<{ consentDate: string; entryIntoForce: { on: string; explanation: string } }>;
      actions: Array<{ kind: string; date: string }>;
    };
    expect(body.participant).toMatchObject({ id: 'CRI', name: 'Costa Rica' });
    expect(body.asOf).toBe(TEST_TODAY);
    expect(body.status.state).toBe('party');
    const eif = body.participations[0]?.entryIntoForce;
    expect(body.participations[0]?.consentDate).toBe('2003-07-24');
    expect(eif?.on).toBe('2003-09-29');
    expect(eif?.explanation).toContain("not before UNTOC's own entry into force");
    expect(eif?.explanation).toBe(
      "deposit 2003-07-24; art. 38(2): 30th day after → 2003-08-23; not before UNTOC's own entry into force (2003-09-29) → 2003-09-29",
    );
    expect(body.actions.map((a) => a.kind).sort()).toEqual(['ratification', 'signature']);
  });

  it('as at a date before its deposit, it is a signatory', async () => {
    const res = await get('/api/instruments/UNTOC/participants/CRI?asOf=2003-07-01');
    expect(res.statusCode).toBe(200);
    expect(res.json().status.state).toBe('signatory');
  });
});

describe('country view', () => {
  it('Armenia across the four instruments', async () => {
    const res = await get('/api/participants/ARM');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      participant: { id: string };
      asOf: string;
      instruments: Array<{ instrumentId: string; state: string; actions: unknown[] }>;
      notJoined: string[];
    };
    expect(body.participant.id).toBe('ARM');
    expect(body.instruments.map((i) => i.instrumentId).sort()).toEqual(['FIREARMS', 'SOM', 'TIP', 'UNTOC']);
    expect(Array.isArray(body.notJoined)).toBe(true);
    // Armenia is a party to the Convention and all three Protocols.
    for (const i of body.instruments) expect(i.state).toBe('party');
    expect(body.notJoined).toEqual([]);
    expect(body.instruments.find((i) => i.instrumentId === 'UNTOC')?.actions.length).toBeGreaterThan(0);
  });

  it('Iran signed UNTOC only: every instrument is "not joined"', async () => {
    const res = await get('/api/participants/IRN');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      instruments: Array<{ instrumentId: string; state: string }>;
      notJoined: string[];
    };
    expect(body.instruments.find((i) => i.instrumentId === 'UNTOC')?.state).toBe('signatory');
    expect([...body.notJoined].sort()).toEqual(['FIREARMS', 'SOM', 'TIP', 'UNTOC']);
  });

  it('as at a date before Armenia deposited, UNTOC is not joined', async () => {
    const res = await get('/api/participants/ARM?asOf=2003-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.json().notJoined).toContain('UNTOC');
  });
});

describe('participants', () => {
  it('198 entries: 193 UN Member States, Cook Islands, Niue, Holy See, State of Palestine and the EU', async () => {
    const res = await get('/api/participants');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeDefined();
    const list = (
      res.json() as { participants: Array<{ id: string; name: string; kind: string; unMember: boolean }> }
    ).participants;
    expect(list).toHaveLength(198);
    expect(new Set(list.map((p) => p.id)).size).toBe(198);
    expect(list.find((p) => p.id === 'EUU')).toMatchObject({ kind: 'reio', name: 'European Union' });
    expect(list.filter((p) => p.kind === 'reio').map((p) => p.id)).toEqual(['EUU']);
    expect(list.find((p) => p.id === 'VAT')).toMatchObject({
      name: 'Holy See',
      kind: 'state',
      unMember: false,
    });
    expect(list.filter((p) => p.unMember)).toHaveLength(193);
  });
});

describe('documentation', () => {
  it('OpenAPI at /openapi.json lists the paths', async () => {
    const res = await get('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/instruments',
      '/api/instruments/{instrumentId}',
      '/api/instruments/{instrumentId}/status',
      '/api/instruments/{instrumentId}/status.csv',
      '/api/instruments/{instrumentId}/changes',
      '/api/instruments/{instrumentId}/participants/{participantId}',
      '/api/instruments/{instrumentId}/actions',
      '/api/participants',
      '/api/participants/{participantId}',
      '/api/actions',
      '/api/actions/{actionId}',
      '/api/actions/{actionId}/corrections',
      '/api/imports/participant-table',
      '/api/imports/actions',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(Object.keys(doc.paths['/api/actions'] ?? {})).toContain('post');
    expect(paths).not.toContain('/openapi.json');
  });

  it('/docs answers', async () => {
    const res = await get('/docs');
    expect([200, 301, 302]).toContain(res.statusCode);
    if (res.statusCode !== 200) {
      const target = await get(String(res.headers.location));
      expect(target.statusCode).toBe(200);
    } else {
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
  });
});

describe('CSV export', () => {
  it('/api/instruments/UNTOC/status.csv as at 2003-09-29: a header and one row per participant present', async () => {
    const res = await get('/api/instruments/UNTOC/status.csv?asOf=2003-09-29');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('UNTOC-status-2003-09-29.csv');
    expect(res.headers.etag).toBeDefined();
    const lines = res.body.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(STATUS_CSV_HEADER.join(','));
    const rows = parse(res.body, { columns: true }) as Array<Record<string, string>>;
    expect(rows.every((r) => r.instrument === 'UNTOC' && r.as_of === '2003-09-29')).toBe(true);
    // Every participant with a state on that day: the 147 signatories (signature closed 2002-12-12) and the
    // 52 contracting parties, of which 49 had signed and 3 acceded without signing (Comoros 2003-09-25,
    // Belize and Lao PDR 2003-09-26): 147 + 3 = 150 rows, not 52.
    const status = (await get('/api/instruments/UNTOC/status?asOf=2003-09-29')).json() as {
      counts: { signatories: number; contractingParties: number };
      participants: unknown[];
    };
    expect(rows).toHaveLength(status.participants.length);
    const parties = rows.filter((r) => r.state === 'party' || r.state === 'party_pending');
    expect(parties).toHaveLength(status.counts.contractingParties);
    expect(parties).toHaveLength(52);
    const signatories = rows.filter((r) => r.signature_date !== '');
    expect(signatories).toHaveLength(147);
    const acceded = parties.filter((r) => r.signature_date === '');
    expect(acceded.map((r) => r.participant_id).sort()).toEqual(['BLZ', 'COM', 'LAO']);
    expect(rows).toHaveLength(147 + acceded.length);
    expect(rows).toHaveLength(150);
    expect(rows.filter((r) => r.state === 'none')).toHaveLength(0);
    expect(rows.find((r) => r.participant_id === 'ARM')).toMatchObject({
      state: 'party',
      consent_date: '2003-07-01',
      entry_into_force: '2003-09-29',
    });
  });
});

describe('health', () => {
  it('answers liveness and readiness', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });
});

describe('metrics', () => {
  it('exposes Prometheus metrics to the holder of the metrics token: requests, latency, errors, event loop, pool', async () => {
    await get('/api/instruments');
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'palermo_http_requests_total{method="GET",route="/api/instruments",status="2xx"}',
      'palermo_http_request_duration_seconds_bucket',
      'palermo_http_errors_total',
      'palermo_nodejs_eventloop_lag_seconds',
      'palermo_db_pool_connections{state="total"}',
    ]) {
      expect(res.body).toContain(name);
    }
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(404);
  });
});
