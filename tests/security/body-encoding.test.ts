// Request bodies are UTF-8: bytes that are not valid UTF-8 are refused (never turned into U+FFFD and stored),
// and a body that says it is in another charset is refused as a media type Palermo does not take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ referenceData: false });
});
afterAll(() => t.close());

/** `{"id":"ZZZ","name":"Caf<0xE9>","kind":"other"}`: Latin-1 bytes, not UTF-8. */
const LATIN1_JSON = Buffer.concat([
  Buffer.from('{"id":"ZZZ","name":"Caf'),
  Buffer.from([0xe9]),
  Buffer.from('","kind":"other"}'),
]);

function post(url: string, contentType: string, payload: Buffer) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...t.auth, 'content-type': contentType, 'idempotency-key': `key-${Math.random()}` },
    payload,
  });
}

async function donorCount(): Promise<number> {
  const rows = await t.store.db.selectFrom('donors').select('id').where('id', '=', 'ZZZ').execute();
  return rows.length;
}

describe('request bodies are UTF-8', () => {
  it('refuses a JSON body that is not valid UTF-8 (400), storing nothing', async () => {
    const res = await post('/api/fund/donors', 'application/json', LATIN1_JSON);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as Problem).detail).toMatch(/not valid UTF-8/);
    expect(await donorCount()).toBe(0);
  });

  it('refuses an uploaded CSV file that is not valid UTF-8 (400)', async () => {
    const csv = Buffer.concat([
      Buffer.from('currency,month,rate,source\nEUR,2026-01,0.9,Caf'),
      Buffer.from([0xe9, 0x0a]),
    ]);
    const res = await post('/api/fund/rates/import', 'text/csv', csv);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as Problem).detail).toMatch(/not valid UTF-8/);
  });

  it('answers 415 to a body in another charset than UTF-8', async () => {
    const body = Buffer.from('{"id":"ZZZ","name":"Cafe","kind":"other"}', 'utf16le');
    for (const type of ['application/json; charset=utf-16', 'text/csv; charset=ISO-8859-1']) {
      const res = await post(
        type.startsWith('text') ? '/api/fund/rates/import' : '/api/fund/donors',
        type,
        body,
      );
      expect(res.statusCode, `${type}: ${res.body}`).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.json() as Problem).detail).toMatch(/UTF-8/);
    }
  });

  it('still takes UTF-8, with or without a charset parameter', async () => {
    for (const type of [
      'application/json',
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
    ]) {
      const res = await post(
        '/api/fund/donors',
        type,
        Buffer.from(JSON.stringify({ id: `Z${type.length}`, name: 'Café', kind: 'other' })),
      );
      expect(res.statusCode, `${type}: ${res.body}`).toBe(201);
    }
  });
});
