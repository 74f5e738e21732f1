// The audit trail over the API: listed in order with after/limit paging, to administrators only; its
// chain verifies; and every change made through the API adds exactly one row saying what was done, by
// whom, in which request (the x-request-id of the answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thirtyPlusNinety, type Res } from '../helpers/api.ts';
import {
  DONOR,
  activeUser,
  createAuthApp,
  fieldsOf,
  freshEmail,
  linkSecretIn,
  settled,
  login,
  loginRequest,
  notification,
  PASSWORD,
  problemOf,
  signedIn,
  withSession,
  type Account,
  type AuthApp,
  type Session,
} from './helpers.ts';

let t: AuthApp;
let adminToken: string; // actor of the requests made with t.auth
let admin: Account;
let adminSession: Session;

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  role: string | null;
  state: string | null;
  request_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
}

beforeAll(async () => {
  t = await createAuthApp();
  const tokens = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: t.auth })).json() as {
    tokens: Array<{ id: string; name: string }>;
  };
  adminToken = `token:${tokens.tokens.find((x) => x.name === 'test administrator')?.id}`;
  admin = await activeUser(t, 'admin');
  adminSession = await signedIn(t, admin);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = t.auth) =>
  t.app.inject({ method: 'GET', url, headers });
const send = (
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = t.auth,
) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function lastSeq(): Promise<number> {
  const r = await t.store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirstOrThrow();
  return Number(r.m ?? 0);
}

async function rowsAfter(seq: number): Promise<AuditRow[]> {
  return (await t.store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute()) as AuditRow[];
}

describe('GET /api/audit', () => {
  it('lists every row in order, page by page with after and limit', async () => {
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const res = await get(`/api/audit?after=${after}&limit=250`);
      expect(res.statusCode).toBe(200);
      const { rows } = res.json() as { rows: AuditRow[] };
      seen.push(...rows.map((r) => r.seq));
      if (rows.length < 250) break;
      after = rows.at(-1)?.seq as number;
    }
    // Reading the trail is itself recorded (read.audit), so the end moves while we read: it must not matter.
    expect(seen.length).toBeGreaterThan(1_000);
    expect(seen).toEqual(seen.map((_s, i) => i + 1));
  });

  it('returns exactly the rows after `after`, at most `limit`', async () => {
    const { rows } = (await get('/api/audit?after=10&limit=5')).json() as { rows: AuditRow[] };
    expect(rows.map((r) => r.seq)).toEqual([11, 12, 13, 14, 15]);
    const first = (await get('/api/audit')).json() as { rows: AuditRow[] };
    expect(first.rows.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_v, i) => i + 1));
  });

  it.each(['limit=0', 'limit=501', 'cursor=bad%20cursor'])(
    'refuses ?%s (400, as on every list)',
    async (query) => {
      const res = await get(`/api/audit?${query}`);
      expect(res.statusCode).toBe(400);
      expect((res.json() as { errors: Array<{ field: string }> }).errors[0]?.field).toBe(query.split('=')[0]);
    },
  );

  it.each([
    ['after=-1', 'after'],
    ['after=abc', 'after'],
    ['since=3', 'since'],
  ])('refuses ?%s (422 on %s)', async (query, field) => {
    expect(fieldsOf(await get(`/api/audit?${query}`))).toContain(field);
  });

  describe('is for administrators only', () => {
    let focalToken: string;
    let focal: Session;
    let unenrolled: Session;
    beforeAll(async () => {
      const issued = await send('POST', '/api/tokens', {
        name: 'ARM feed',
        role: 'focal_point',
        states: ['ARM'],
      });
      focalToken = (issued.json() as { token: string }).token;
      focal = await login(t, await activeUser(t, 'focal_point', { states: ['ARM'] }));
      unenrolled = await login(t, await activeUser(t, 'admin'));
    });

    it.each(['/api/audit', '/api/audit/verification'])('%s', async (url) => {
      problemOf(await get(url, {}), 401);
      problemOf(await get(url, { authorization: `Bearer ${focalToken}` }), 403);
      problemOf(await get(url, withSession(focal, false)), 403);
      problemOf(await get(url, withSession(unenrolled, false)), 401); // second factor not enrolled yet
      expect((await get(url, withSession(adminSession, false))).statusCode).toBe(200);
    });
  });
});

describe('GET /api/audit/verification', () => {
  it('finds the chain intact and counts every row', async () => {
    const res = await get('/api/audit/verification');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, rows: await lastSeq(), broken: null });
  });
});

describe('every change through the API adds exactly one row', () => {
  /** Prepares what the change needs (not measured), then makes it; says which row it must add. */
  interface Change {
    name: string;
    prepare(): Promise<{
      act: () => Promise<Res>;
      status: number;
      row: Partial<AuditRow> & { action: string; actor: string };
    }>;
  }

  const changes: Change[] = [
    {
      name: 'record an action (token)',
      prepare: async () => ({
        act: () => send('POST', '/api/actions', notification('ARM', { date: '2026-03-01' })),
        status: 201,
        row: { action: 'action.record', actor: adminToken, role: 'admin', state: 'ARM', entity: 'action' },
      }),
    },
    {
      name: 'record an action (focal point session)',
      prepare: async () => {
        const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
        const s = await login(t, u);
        return {
          act: () =>
            send('POST', '/api/actions', notification('ARM', { date: '2026-03-02' }), withSession(s)),
          status: 201,
          row: { action: 'action.record', actor: `user:${u.id}`, role: 'focal_point', state: 'ARM' },
        };
      },
    },
    {
      name: 'correct an action',
      prepare: async () => {
        const made = await send('POST', '/api/actions', notification('ARM', { date: '2026-03-03' }));
        const id = (made.json() as { action: { id: number } }).action.id;
        return {
          act: () =>
            send('POST', `/api/actions/${id}/corrections`, {
              reason: 'wrong date',
              replacement: notification('ARM', { date: '2026-03-04' }),
            }),
          status: 201,
          row: { action: 'action.correct', actor: adminToken, entity_id: String(id) },
        };
      },
    },
    {
      name: 'void an action',
      prepare: async () => {
        const made = await send('POST', '/api/actions', notification('ARM', { date: '2026-03-05' }));
        const id = (made.json() as { action: { id: number } }).action.id;
        return {
          act: () => send('POST', `/api/actions/${id}/corrections`, { reason: 'recorded by mistake' }),
          status: 201,
          row: { action: 'action.void', actor: adminToken, entity_id: String(id) },
        };
      },
    },
    {
      name: 'define an instrument',
      prepare: async () => ({
        act: () => send('POST', '/api/instruments', thirtyPlusNinety('AUDITED')),
        status: 201,
        row: { action: 'instrument.define', actor: adminToken, entity: 'instrument', entity_id: 'AUDITED' },
      }),
    },
    {
      name: 'create a user',
      prepare: async () => ({
        act: () =>
          send('POST', '/api/users', {
            email: freshEmail('new'),
            displayName: 'New',
            role: 'donor',
            donors: [DONOR],
          }),
        status: 201,
        row: { action: 'user.create', actor: adminToken, role: 'admin', entity: 'user' },
      }),
    },
    {
      name: 'change a user (administrator session)',
      prepare: async () => {
        const u = await activeUser(t, 'donor', { donors: [DONOR] });
        return {
          act: () =>
            send('PATCH', `/api/users/${u.id}`, { displayName: 'Renamed' }, withSession(adminSession)),
          status: 200,
          row: { action: 'user.change', actor: `user:${admin.id}`, role: 'admin', entity_id: u.id },
        };
      },
    },
    {
      name: 'issue a token',
      prepare: async () => ({
        act: () => send('POST', '/api/tokens', { name: 'new token', role: 'admin' }),
        status: 201,
        row: { action: 'token.issue', actor: adminToken, entity: 'token' },
      }),
    },
    {
      name: 'revoke a token',
      prepare: async () => {
        const issued = await send('POST', '/api/tokens', { name: 'short-lived', role: 'admin' });
        const id = (issued.json() as { details: { id: string } }).details.id;
        return {
          act: () => send('DELETE', `/api/tokens/${id}`),
          status: 200,
          row: { action: 'token.revoke', actor: adminToken, entity_id: id },
        };
      },
    },
    {
      name: 'sign in',
      prepare: async () => {
        const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
        return {
          act: () => loginRequest(t, u.email, u.password),
          status: 200,
          row: { action: 'session.open', actor: `user:${u.id}`, entity_id: u.id },
        };
      },
    },
    {
      name: 'fail to sign in',
      prepare: async () => ({
        act: () => loginRequest(t, freshEmail('nobody'), PASSWORD),
        status: 401,
        row: { action: 'session.refused', actor: 'anonymous' },
      }),
    },
    {
      name: 'sign out',
      prepare: async () => {
        const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
        const s = await login(t, u);
        return {
          act: () => send('POST', '/api/auth/logout', undefined, withSession(s)),
          status: 204,
          row: { action: 'session.close', actor: `user:${u.id}` },
        };
      },
    },
    {
      name: 'ask for a password reset',
      prepare: async () => {
        const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
        return {
          act: () => send('POST', '/api/auth/password-reset', { email: u.email }, {}),
          status: 202,
          row: { action: 'user.request_reset', actor: `user:${u.id}` },
        };
      },
    },
    {
      name: 'accept an invitation',
      prepare: async () => {
        const email = freshEmail('invitee');
        const created = await send('POST', '/api/users', {
          email,
          displayName: 'Invitee',
          role: 'donor',
          donors: [DONOR],
        });
        const id = (created.json() as { id: string }).id;
        const token = await linkSecretIn(t.mail, email);
        return {
          act: () => send('POST', '/api/auth/invitation/accept', { token, password: PASSWORD }, {}),
          status: 204,
          row: { action: 'user.accept_invitation', actor: `user:${id}`, entity_id: id },
        };
      },
    },
  ];

  it.each(changes.map((c) => [c.name, c] as const))('%s', async (_name, change) => {
    const { act, status, row } = await change.prepare();
    const before = await lastSeq();
    const res = await act();
    expect(res.statusCode, res.body).toBe(status);
    await settled();
    const added = await rowsAfter(before);
    expect(added.map((r) => r.action)).toEqual([row.action]);
    expect(added[0]).toMatchObject({
      ...row,
      request_id: res.headers['x-request-id'],
      at: t.time.now(),
    });
  });
});
