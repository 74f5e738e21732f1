// Request ids a client can quote to support: every answer carries X-Request-Id (successes, 304s, problems,
// the router's own refusals); a well-formed id the client sends (one UUID) is used as is, in the answer and
// in the audit trail; anything else is ignored and a fresh UUID made, so no client text reaches the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ referenceData: false });
});

afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });

describe('X-Request-Id', () => {
  it('is on every answer: a read, a 304, a 404, a 422, a bad address', async () => {
    const read = await get('/api/fund/currencies');
    expect(read.statusCode).toBe(200);
    const etag = String(read.headers.etag);
    const answers = [
      read,
      await get('/api/fund/currencies', { 'if-none-match': etag }),
      await get('/api/no-such-thing'),
      await get('/api/fund/pledges/0', t.auth),
      await get('/api/%zz'),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 304, 404, 422, 400]);
    const ids = answers.map((r) => String(r.headers['x-request-id']));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reuses a well-formed id the client sends, in the answer and in the audit trail', async () => {
    const mine = 'C0FFEE00-1234-4abc-8def-0123456789AB';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/fund/donors',
      headers: { ...t.auth, 'idempotency-key': 'request-id-donor-1', 'x-request-id': mine },
      payload: { id: 'RQID', name: 'Request Id Foundation', kind: 'foundation' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['x-request-id']).toBe(mine.toLowerCase());
    const trail = await get('/api/audit?after=0&limit=500', t.auth);
    expect(trail.statusCode).toBe(200);
    expect(trail.body).toContain(`"request_id":"${mine.toLowerCase()}"`);
    // A problem quotes it too.
    const refused = await get('/api/fund/pledges/0', { ...t.auth, 'x-request-id': mine });
    expect(refused.headers['x-request-id']).toBe(mine.toLowerCase());
  });

  it('ignores anything that is not one UUID and makes a fresh one', async () => {
    for (const sent of [
      'not-a-uuid',
      'c0ffee00-1234-4abc-8def-0123456789ab; drop table',
      `c0ffee00-1234-4abc-8def-0123456789ab\u00a0`,
      'c0ffee00-1234-4abc-8def-0123456789ab, c0ffee00-1234-4abc-8def-0123456789ac',
      'x'.repeat(5000),
    ]) {
      const res = await get('/api/fund/currencies', { 'x-request-id': sent });
      expect(res.statusCode).toBe(200);
      const id = String(res.headers['x-request-id']);
      expect(id, sent.slice(0, 60)).toMatch(UUID);
      expect(id).not.toBe(sent);
    }
  });
});
