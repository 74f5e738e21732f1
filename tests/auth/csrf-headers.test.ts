// Cross-site request forgery (synchronizer token + Origin check), reads that change nothing, the security
// headers of every response, and error answers that never show a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT } from '../../src/server/app.ts';
import { writtenCounts, type Res } from '../helpers/api.ts';
import { TEST_TODAY } from '../helpers/store.ts';
import {
  DONOR,
  activeUser,
  auditCount,
  createAuthApp,
  login,
  notification,
  problemOf,
  signedIn,
  withSession,
  type AuthApp,
  type Session,
} from './helpers.ts';

let t: AuthApp;
let focal: Session;
let admin: Session;

beforeAll(async () => {
  t = await createAuthApp();
  focal = await login(t, await activeUser(t, 'focal_point', { states: ['ARM'] }));
  admin = await signedIn(t, await activeUser(t, 'admin'));
});
afterAll(async () => {
  await t?.close();
});

/** What a request may not change: the audit trail and the registry (its version, actions, corrections). */
async function state() {
  return { audit: await auditCount(t), ...(await writtenCounts(t.store)) };
}

const record = (headers: Record<string, string>, body: object = notification()) =>
  t.app.inject({ method: 'POST', url: '/api/actions', headers, payload: body });

describe('CSRF: a state-changing request riding on the session cookie', () => {
  it.each([
    ['without x-csrf-token', () => withSession(focal, false)],
    ['with a wrong x-csrf-token', () => ({ ...withSession(focal, false), 'x-csrf-token': 'guess' })],
    ["with another session's token", () => ({ ...withSession(focal, false), 'x-csrf-token': admin.csrf })],
    [
      'with the right token but Origin https://evil.example',
      () => ({
        ...withSession(focal),
        origin: 'https://evil.example',
      }),
    ],
    [
      'with the right token but Origin null (sandboxed frame)',
      () => ({
        ...withSession(focal),
        origin: 'null',
      }),
    ],
  ])('is refused %s (403), and writes nothing', async (_case, headers) => {
    const before = await state();
    problemOf(await record(headers()), 403);
    expect(await state()).toEqual(before);
  });

  it('passes with the right token: a focal point of ARM records an ARM notification', async () => {
    const res = await record(withSession(focal), notification('ARM', { date: '2026-06-02' }));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('passes with the right token from this very site (Origin equal to Host)', async () => {
    const res = await record(
      { ...withSession(focal), host: 'palermo.example', origin: 'https://palermo.example' },
      notification('ARM', { date: '2026-06-03' }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses a foreign Origin on a bearer-token request too', async () => {
    problemOf(await record({ ...t.auth, origin: 'https://evil.example' }), 403);
  });

  it('is refused on every state-changing operation of the API without the token', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => m !== 'get')
        .map((m) => [m.toUpperCase(), path] as const),
    );
    expect(operations.length).toBeGreaterThanOrEqual(14);
    const before = await state();
    for (const [method, path] of operations) {
      const url = path
        .replace('{userId}', crypto.randomUUID())
        .replace('{tokenId}', crypto.randomUUID())
        .replace('{actionId}', '1');
      const res = await t.app.inject({
        method: method as 'POST',
        url,
        headers: { ...withSession(admin, false), 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  // BUG (src/auth/http.ts, needsPolicy): it tests the raw request.url, but the router decodes the path,
  // so POST /%61pi/auth/login reaches the login route with no Origin check (and no session or token
  // resolved). Fix: decide on request.routeOptions.url (the matched route), not on request.url.
  it('refuses a foreign Origin however the path is spelled (/%61pi/… is /api/…)', async () => {
    const account = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: account.email, password: account.password },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('reads change nothing', () => {
  // Sensitive reads (users, tokens, the audit trail) leave a `read.*` row in the audit trail by design;
  // nothing else may be written, and the registry must not move.
  it('no GET of the API changes the registry or writes anything but its read.* audit row', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Records that exist in this database, where there are any; record ids that exist nowhere answer 404.
    const fill: Record<string, string> = {
      instrumentId: 'UNTOC',
      participantId: 'ARM',
      actionId: '1',
      donorId: 'FUND',
      id: '1',
      resultId: '1',
      format: 'pdf',
      language: 'en',
      delegationId: '1',
      delegateId: '1',
    };
    const query: Record<string, string> = {
      from: '2003-01-01',
      to: TEST_TODAY,
      asOf: TEST_TODAY,
      kind: 'regional_seminar',
      fromVersion: '1',
      toVersion: '1',
      with: 'DZA',
    };
    const reads = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([path, ops]) => {
        const params = (ops.get as { parameters?: Array<{ in: string; name: string }> }).parameters ?? [];
        // `kind` is an event kind on the events' reads, a statement kind on the statements'.
        const value = (name: string) =>
          name === 'kind' && path.includes('/statements') ? 'reservation' : query[name];
        const qs = params
          .filter((p) => p.in === 'query' && value(p.name))
          .map((p) => `${p.name}=${value(p.name)}`);
        // The notification feeds name an instrument or a participant `{id}`.
        const id = path.startsWith('/api/instruments/')
          ? 'UNTOC'
          : path.startsWith('/api/participants/')
            ? 'ARM'
            : fill.id;
        const url = path.replace(
          /\{(\w+)\}/g,
          (_m, name: string) => (name === 'id' ? id : fill[name]) ?? 'X',
        );
        return qs.length ? `${url}?${qs.join('&')}` : url;
      });
    expect(reads.length).toBeGreaterThanOrEqual(16);
    const callers: Array<[string, Record<string, string>]> = [
      ['anonymous', {}],
      ['focal point session', withSession(focal, false)],
      ['admin session', withSession(admin, false)],
      ['admin token', t.auth],
    ];
    const before = await state();
    const expectedReads: string[] = [];
    for (const [who, headers] of callers) {
      for (const url of [...reads, '/openapi.json', '/docs', '/healthz', '/readyz']) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        expect(res.statusCode, `${who} GET ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (who.startsWith('admin')) {
          // An administrator may read everything: 200, or 404 for a fund or assistance record (or export), or an
          // invitation's note, that this database does not hold.
          const missing =
            /\/(pledges|transactions|allocations|requests|projects|delegations|delegates|commitments|reports)\/1(\/|$)|\/iati\.xml$|\/note-verbale\./.test(
              url,
            );
          expect(res.statusCode, `${who} GET ${url}`).toBe(missing && res.statusCode === 404 ? 404 : 200);
          const sensitive = /^\/api\/(users|tokens|audit)(\?|$)/.exec(url);
          if (sensitive) expectedReads.push(`read.${sensitive[1]}`);
        }
      }
    }
    const after = await state();
    expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    const rows = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('seq', '>', before.audit)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(expectedReads);
  });
});

const CSP_MUST = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"];

function expectSecurityHeaders(res: Res, label: string): void {
  const h = res.headers;
  const csp = String(h['content-security-policy'] ?? '');
  for (const directive of CSP_MUST) expect(csp, `${label}: CSP`).toContain(directive);
  expect(String(h['strict-transport-security']), `${label}: HSTS`).toMatch(/max-age=(\d{8,}|3153[6-9]\d{3})/);
  expect(h['x-content-type-options'], `${label}: nosniff`).toBe('nosniff');
  expect(h['referrer-policy'], `${label}: Referrer-Policy`).toMatch(
    /^(no-referrer|same-origin|strict-origin)/,
  );
  expect(h['x-powered-by'], `${label}: X-Powered-By`).toBeUndefined();
  expect(h.server, `${label}: Server`).toBeUndefined();
}

describe('security headers on every response', () => {
  const cases: Array<[string, () => Promise<Res>, number]> = [
    ['an API read', () => t.app.inject({ method: 'GET', url: '/api/instruments' }), 200],
    [
      'a CSV export',
      () => t.app.inject({ method: 'GET', url: `/api/instruments/UNTOC/status.csv?asOf=${TEST_TODAY}` }),
      200,
    ],
    [
      'a revalidated read (304)',
      async () => {
        const first = await t.app.inject({ method: 'GET', url: '/api/participants' });
        return t.app.inject({
          method: 'GET',
          url: '/api/participants',
          headers: { 'if-none-match': String(first.headers.etag) },
        });
      },
      304,
    ],
    ['a HEAD request', () => t.app.inject({ method: 'HEAD', url: '/api/instruments' }), 200],
    [
      'an unknown record (404 problem)',
      () => t.app.inject({ method: 'GET', url: '/api/instruments/NOPE' }),
      404,
    ],
    ['an unknown route (404)', () => t.app.inject({ method: 'GET', url: '/no/such/page' }), 404],
    ['a refusal to sign in (401)', () => t.app.inject({ method: 'GET', url: '/api/users' }), 401],
    [
      'a bad bearer token (401)',
      () =>
        t.app.inject({
          method: 'GET',
          url: '/api/instruments',
          headers: { authorization: 'Bearer plm_nothing' },
        }),
      401,
    ],
    ['a CSRF refusal (403)', () => record(withSession(focal, false)), 403],
    ['a validation error (422)', () => record(t.auth, { instrumentId: 42 }), 422],
    [
      'a logout (204)',
      async () => {
        const s = await login(t, await activeUser(t, 'donor', { donors: [DONOR] }));
        return t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: withSession(s) });
      },
      204,
    ],
    ['the OpenAPI document', () => t.app.inject({ method: 'GET', url: '/openapi.json' }), 200],
    ['the API documentation page', () => t.app.inject({ method: 'GET', url: '/docs' }), 200],
    ['the liveness check', () => t.app.inject({ method: 'GET', url: '/healthz' }), 200],
    ['the readiness check', () => t.app.inject({ method: 'GET', url: '/readyz' }), 200],
  ];

  it.each(cases)('%s', async (label, request, status) => {
    const res = await request();
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    expectSecurityHeaders(res, label);
  });

  it('on the web application too: its index, its assets and its client-side routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palermo-web-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Palermo</title><div id="root"></div>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1);');
    const web = await createAuthApp({ webDir: dir });
    try {
      for (const url of ['/', '/app.js', '/treaties/UNTOC', '/account/reset']) {
        const res = await web.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expectSecurityHeaders(res, url);
      }
    } finally {
      await web.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Regression (fixed in c474de9): every 200 GET under /api/ was `public, no-cache`, signed-in reads too.
  it('lets no shared cache store what a signed-in request reads (users, tokens, audit trail)', async () => {
    const cached: string[] = [];
    for (const url of ['/api/users', '/api/tokens', '/api/audit', '/api/audit/verification']) {
      const res = await t.app.inject({ method: 'GET', url, headers: t.auth });
      expect(res.statusCode).toBe(200);
      const cc = String(res.headers['cache-control']);
      if (cc.includes('public') || !/no-store|private/.test(cc)) cached.push(`${url}: ${cc}`);
    }
    expect(cached).toEqual([]);
  });
});

// Errors Fastify raises before routing — a bad percent-encoding (FST_ERR_BAD_URL, 400), a path parameter
// over maxParamLength (FST_ERR_MAX_PARAM_LENGTH, 414) — skipped the error handler and every hook at
// a5bc23b: plain JSON echoing the URL, no security headers. Fixed by `frameworkErrors` in the working tree
// while these tests were written; kept as regression tests.
describe('errors never show a stack trace', () => {
  const json = { 'content-type': 'application/json' };
  const huge = `{"notes":"${'x'.repeat(JSON_BODY_LIMIT + 10)}"}`;
  const cases: Array<[string, () => Promise<Res>]> = [
    [
      'malformed JSON',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/actions',
          headers: { ...t.auth, ...json },
          payload: '{"instrumentId":',
        }),
    ],
    [
      'JSON with a __proto__ key',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/actions',
          headers: { ...t.auth, ...json },
          payload: '{"__proto__":{"isAdmin":true}}',
        }),
    ],
    [
      'JSON with constructor.prototype',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { ...t.auth, ...json },
          payload: '{"constructor":{"prototype":{"isAdmin":true}}}',
        }),
    ],
    [
      'wrong types',
      () => record(t.auth, { instrumentId: 42, participantId: ['ARM'], kind: null, date: {}, source: 1e400 }),
    ],
    [
      'NaN and negative numbers in a query',
      () => t.app.inject({ method: 'GET', url: '/api/audit?after=-1&limit=NaN', headers: t.auth }),
    ],
    ['2^63 in a path', () => t.app.inject({ method: 'GET', url: '/api/actions/9223372036854775808' })],
    [
      'a very long path parameter',
      () => t.app.inject({ method: 'GET', url: `/api/instruments/${'A'.repeat(5_000)}` }),
    ],
    [
      'odd unicode (lone surrogate, NUL, right-to-left)',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: json,
          payload: '{"email":"\\ud800\\u0000\\u202e@example.org","password":"\\udfff"}',
        }),
    ],
    [
      'a body over the limit',
      () =>
        t.app.inject({ method: 'POST', url: '/api/actions', headers: { ...t.auth, ...json }, payload: huge }),
    ],
    [
      'a CSV over the import limit',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/imports/actions',
          headers: { ...t.auth, 'content-type': 'text/csv' },
          payload: 'a,b\n'.repeat(3_000_000),
        }),
    ],
    [
      'a deeply nested body',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { ...t.auth, ...json },
          payload: `{"states":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
        }),
    ],
    [
      'an unsupported content type',
      () =>
        t.app.inject({
          method: 'POST',
          url: '/api/actions',
          headers: { ...t.auth, 'content-type': 'application/xml' },
          payload: '<a/>',
        }),
    ],
    [
      'a bearer token of 10 000 characters',
      () =>
        t.app.inject({
          method: 'GET',
          url: '/api/users',
          headers: { authorization: `Bearer plm_${'x'.repeat(10_000)}` },
        }),
    ],
    [
      'a junk session cookie',
      () =>
        t.app.inject({
          method: 'GET',
          url: '/api/users',
          headers: { cookie: '__Host-palermo_session=%%%; other=;;' },
        }),
    ],
    [
      'a bad percent-encoding in the path',
      () => t.app.inject({ method: 'GET', url: '/api/instruments/%E0%A4%A' }),
    ],
    [
      // PostgreSQL refuses NUL in text: the address's text is checked like a body's, before any query.
      'NUL in a query value that goes to the store',
      () => t.app.inject({ method: 'GET', url: '/api/fund/allocations?purposeRef=%00', headers: t.auth }),
    ],
    [
      'NUL in a path parameter',
      () => t.app.inject({ method: 'GET', url: '/api/instruments/%00', headers: t.auth }),
    ],
  ];

  it('names the query parameter whose text holds a control character', async () => {
    for (const url of [
      '/api/fund/allocations?purposeRef=%00',
      '/api/fund/allocations?purposeRef=EVT-1%01',
      '/api/fund/allocations?purposeRef=a&purposeRef=%7F',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: t.auth });
      expect(res.statusCode, url).toBe(422);
      const body = res.json() as { detail: string; errors: Array<{ field: string; message: string }> };
      expect(body.errors[0], url).toEqual({
        field: 'purposeRef',
        message: 'text contains a control character',
      });
    }
    // A value within the rules still reads.
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/fund/allocations?purposeRef=EVT-1',
      headers: t.auth,
    });
    expect(ok.statusCode).toBe(200);
  });

  it.each(cases)('%s', async (label, request) => {
    const res = await request();
    expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, label).toBeLessThan(500);
    expect(res.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|\/work\/|\bstack\b/);
    expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
    expect((res.json() as { status: number }).status).toBe(res.statusCode);
    expectSecurityHeaders(res, label);
  });
});
