// Limits every CSV import keeps (docs/import-formats.md, "Limits"): a bounded answer whatever the number of
// bad rows (the first 100 problems and a count of the rest), at most 100,000 rows a file, the same text rules
// as the JSON API in every cell, and a server that keeps answering while an import runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { MAX_REPORTED_PROBLEMS } from '../../src/common/csv-import.ts';
import { ACTION_CSV_COLUMNS } from '../../src/treaties/services/import-csv.ts';
import { writtenCounts, type Problem, type Res } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestStore } from '../helpers/store.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const RATES_HEADER = 'currency,month,rate,source';
const ACTION_HEADER = ACTION_CSV_COLUMNS.join(',');

function postCsv(url: string, body: string): Promise<Res> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...t.auth, 'content-type': 'text/csv' },
    payload: body,
  });
}

async function rateCount(): Promise<number> {
  const rows = await t.store.db.selectFrom('exchange_rates').select('currency').execute();
  return rows.length;
}

/** `n` rows of the rates format, each wrong in three fields. */
const badRates = (n: number) =>
  [RATES_HEADER, ...Array.from({ length: n }, (_, i) => `E${i % 10},2026-13,x${i},`)].join('\n');

/** `n` rows of the generic action format, each with a kind that does not exist. */
const badActions = (n: number) =>
  [
    ACTION_HEADER,
    ...Array.from(
      { length: n },
      (_, i) => `UNTOC,ARM,promise,2004-02-${String((i % 28) + 1).padStart(2, '0')},,,,,,,,,s${i},`,
    ),
  ].join('\n');

function expectCapped(res: Res, total: RegExp): Problem {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(422);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const p = res.json() as Problem;
  expect(p.errors?.length).toBe(MAX_REPORTED_PROBLEMS);
  expect(p.detail).toMatch(total);
  expect(p.detail).toMatch(/the first 100 are listed/);
  // Bounded whatever the file: 100 problems are a few kilobytes.
  expect(res.body.length).toBeLessThan(50_000);
  return p;
}

describe('every import reports a bounded list of problems', () => {
  it('rates: 20,000 bad rows give the first 100 problems and the count of all', async () => {
    const before = await rateCount();
    const p = expectCapped(
      await postCsv('/api/fund/rates/import', badRates(20_000)),
      /^80000 problem\(s\) in the rate file/,
    );
    expect(p.errors?.[0]?.field).toBe('line 2: currency');
    expect(await rateCount()).toBe(before);
  });

  it('actions: 5,000 refused rows give the first 100 and the count of all', async () => {
    const before = await writtenCounts(t.store);
    const p = expectCapped(await postCsv('/api/imports/actions', badActions(5_000)), /^5000 rows refused/);
    expect(p.errors?.[0]?.field).toBe('line 2, kind');
    expect(await writtenCounts(t.store)).toEqual(before);
  });

  it('participant table: every refused row counted, the first 100 listed', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `X,ARM,,2004-01-01,promise,,s${i},`);
    const res = await postCsv(
      '/api/imports/participant-table?instrumentId=UNTOC',
      ['participant,iso3,signature_date,consent_date,consent_kind,as_of,source,notes', ...rows].join('\n'),
    );
    expectCapped(res, /^300 rows refused/);
  });
});

describe('every import refuses a file over its limits', () => {
  it('rates: more than 100,000 rows is refused (422), nothing written', async () => {
    const before = await rateCount();
    const rows = Array.from({ length: 100_001 }, () => 'EUR,2026-01,0.9,UN');
    const res = await postCsv('/api/fund/rates/import', [RATES_HEADER, ...rows].join('\n'));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as Problem).detail).toMatch(/more than 100,000 rows/);
    expect(res.body.length).toBeLessThan(50_000);
    expect(await rateCount()).toBe(before);
  });

  it('rates: a body over 10 MiB is refused with 413 problem+json', async () => {
    const res = await postCsv('/api/fund/rates/import', `${RATES_HEADER}\n${'x'.repeat(10 * 1024 * 1024)}`);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('every cell follows the text rules of the JSON API', () => {
  it('rates: a NUL or an escape character in a cell is refused at its line and column', async () => {
    const before = await rateCount();
    const res = await postCsv(
      '/api/fund/rates/import',
      `${RATES_HEADER}\nEUR,2026-01,0.9,UN\u0000rates\nGBP,2026-01,0.8,UN \u001b[31mred\n`,
    );
    expect(res.statusCode, res.body).toBe(422);
    const p = res.json() as Problem;
    expect(p.errors).toEqual([
      { field: 'line 2: source', message: 'text contains a control character' },
      { field: 'line 3: source', message: 'text contains a control character' },
    ]);
    expect(await rateCount()).toBe(before);
  });

  it('actions: every cell with a control character is reported, not only the first', async () => {
    const lines = [1, 2, 3].map((i) => `UNTOC,ARM,notification,2004-02-1${i},,,18(13),,,,,,src\u0007${i},`);
    const res = await postCsv('/api/imports/actions', [ACTION_HEADER, ...lines].join('\n'));
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json() as Problem).errors?.map((e) => e.field)).toEqual([
      'line 2, source',
      'line 3, source',
      'line 4, source',
    ]);
  });
});

describe('the server keeps answering while an import runs', () => {
  // The server listens on a port and the requests go through the network, so a /healthz request can only be
  // answered when the import gives the event loop a turn. The import is known to be running when its handler
  // starts (a preHandler hook); /healthz is asked then, and must be answered before the import is.
  for (const [name, url, body] of [
    ['rates', '/api/fund/rates/import', () => badRates(40_000)],
    ['actions', '/api/imports/actions', () => badActions(40_000)],
  ] as const) {
    it(`answers /healthz during a large ${name} import`, { timeout: 120_000 }, async () => {
      const s = await createTestStore({ referenceData: name === 'actions' });
      const app = await buildApp({
        store: s.store,
        registry: s.registry,
        clock: s.clock,
        webDir: '',
        signInPerMinute: false,
        expensivePerMinute: false,
        maxEventLoopDelayMs: false,
      });
      let started: () => void = () => undefined;
      const importStarted = new Promise<void>((resolve) => (started = resolve));
      app.addHook('preHandler', async (request) => {
        if (request.url === url) started();
      });
      try {
        const base = await app.listen({ port: 0, host: '127.0.0.1' });
        const { token } = await issueToken(s.ctx('test-setup'), { name: 'admin', role: 'admin' });
        const order: string[] = [];
        const importDone = fetch(`${base}${url}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          body: body(),
        }).then(async (res) => {
          order.push('import');
          return res.status;
        });
        await importStarted;
        const health = fetch(`${base}/healthz`).then((res) => {
          order.push('healthz');
          return res.status;
        });
        expect(await health).toBe(200);
        expect(await importDone).toBe(422);
        expect(order).toEqual(['healthz', 'import']);
      } finally {
        await app.close();
        await s.close();
      }
    });
  }
});
