// API tokens for machine clients: the secret is shown once and stored only as a hash; a token acts with
// its role and States; revoked, expired and made-up tokens are refused alike; and what a focal point's
// token changes is audited under the State concerned.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thirtyPlusNinety, type Res } from '../helpers/api.ts';
import { createAuthApp, HOUR, notification, problemOf, type AuthApp } from './helpers.ts';

let t: AuthApp;

beforeAll(async () => {
  t = await createAuthApp();
});
afterAll(async () => {
  await t?.close();
});

interface TokenView {
  id: string;
  name: string;
  role: string;
  states: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function issue(body: Record<string, unknown>): Promise<{ token: string; details: TokenView }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: t.auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { token: string; details: TokenView };
}

async function listed(): Promise<{ res: Res; tokens: TokenView[] }> {
  const res = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: t.auth });
  expect(res.statusCode).toBe(200);
  return { res, tokens: (res.json() as { tokens: TokenView[] }).tokens };
}

const record = (token: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/api/actions', headers: bearer(token), payload: body });

describe('issuing a token', () => {
  it('shows the secret once; the list and the store never hold it', async () => {
    const { token, details } = await issue({
      name: 'ARM registry feed',
      role: 'focal_point',
      states: ['ARM'],
    });
    expect(token).toMatch(/^plm_[A-Za-z0-9_-]{43}$/);
    expect(details).toMatchObject({ name: 'ARM registry feed', role: 'focal_point', states: ['ARM'] });
    expect(JSON.stringify(details)).not.toContain(token.slice(4));

    const { res, tokens } = await listed();
    expect(tokens.map((x) => x.id)).toContain(details.id);
    const hash = createHash('sha256').update(token).digest('hex');
    expect(res.body).not.toContain(token.slice(4));
    expect(res.body).not.toContain(hash);
    for (const view of tokens) expect(Object.keys(view)).not.toContain('token');

    const row = await t.store.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', details.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hash);
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
  });

  it('refuses a focal point token for no State (422 on states)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: t.auth,
      payload: { name: 'nobody', role: 'focal_point' },
    });
    expect(problemOf(res, 422).errors?.[0]?.field).toBe('states');
  });
});

describe('a focal point token for ARM', () => {
  let token: string;
  beforeAll(async () => {
    ({ token } = await issue({ name: 'ARM only', role: 'focal_point', states: ['ARM'] }));
  });

  it('records a notification of ARM', async () => {
    const res = await record(token, notification('ARM', { date: '2026-05-01' }));
    expect(res.statusCode, res.body).toBe(201);
  });

  it.each([
    ['a notification of GBR (another State)', notification('GBR'), 'only for records of the States'],
    [
      'a ratification of ARM (deposited with the Secretary-General)',
      notification('ARM', { kind: 'ratification', article: null }),
      'recorded by the Secretariat',
    ],
  ])('may not record %s (403)', async (_case, body, reason) => {
    expect(problemOf(await record(token, body), 403).detail).toContain(reason);
  });

  it.each([
    ['GET', '/api/users', undefined],
    ['GET', '/api/tokens', undefined],
    ['POST', '/api/tokens', { name: 'mine', role: 'admin' }],
    ['GET', '/api/audit', undefined],
    ['POST', '/api/instruments', thirtyPlusNinety('MINE')],
  ] as const)('may not %s %s (403)', async (method, url, payload) => {
    const res = await t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
    problemOf(res, 403);
  });
});

describe('tokens that no longer work', () => {
  const refusal = async (token: string): Promise<unknown> => {
    const res = await t.app.inject({ method: 'GET', url: '/api/instruments', headers: bearer(token) });
    return problemOf(res, 401); // never treated as anonymous, even on a public read
  };

  it('a revoked token is refused at once (DELETE /api/tokens/{id})', async () => {
    const { token, details } = await issue({ name: 'to revoke', role: 'focal_point', states: ['ARM'] });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/instruments', headers: bearer(token) })).statusCode,
    ).toBe(200);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${details.id}`, headers: t.auth });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as TokenView).revokedAt).toBe(t.time.now());
    await refusal(token);
    problemOf(await record(token, notification('ARM', { date: '2026-05-02' })), 401);
    expect((await listed()).tokens.find((x) => x.id === details.id)?.revokedAt).toBe(t.time.now());
  });

  it('revoking a token revokes those issued with it, and theirs, each audited', async () => {
    const parent = await issue({ name: 'provisioning', role: 'admin' });
    const issueWith = async (token: string, body: Record<string, unknown>) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: bearer(token),
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { token: string; details: TokenView };
    };
    const child = await issueWith(parent.token, { name: 'child', role: 'admin' });
    const grandchild = await issueWith(child.token, {
      name: 'grandchild',
      role: 'focal_point',
      states: ['ARM'],
    });
    const ok = (token: string) =>
      t.app.inject({ method: 'GET', url: '/api/instruments', headers: bearer(token) });
    expect((await ok(grandchild.token)).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/tokens/${parent.details.id}`,
      headers: t.auth,
    });
    expect(res.statusCode, res.body).toBe(200);
    await refusal(child.token);
    await refusal(grandchild.token);
    const tokens = (await listed()).tokens;
    for (const id of [child.details.id, grandchild.details.id])
      expect(tokens.find((x) => x.id === id)?.revokedAt).toBe(t.time.now());
    const audited = await t.store.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'token.revoke')
      .where('entity_id', 'in', [parent.details.id, child.details.id, grandchild.details.id])
      .execute();
    expect(audited.map((a) => a.entity_id).sort()).toEqual(
      [parent.details.id, child.details.id, grandchild.details.id].sort(),
    );
  });

  it('a token issued with a token stops when that one expires, even without a revocation', async () => {
    const expiresAt = new Date(t.time.ms() + HOUR).toISOString();
    const parent = await issue({ name: 'short-lived issuer', role: 'admin', expiresAt });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(parent.token),
      payload: { name: 'long-lived child', role: 'focal_point', states: ['ARM'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const child = (res.json() as { token: string }).token;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/instruments', headers: bearer(child) })).statusCode,
    ).toBe(200);
    t.time.advance(HOUR);
    await refusal(child);
  });

  it('a token past its expiry is refused', async () => {
    const expiresAt = new Date(t.time.ms() + HOUR).toISOString();
    const { token } = await issue({ name: 'for an hour', role: 'focal_point', states: ['ARM'], expiresAt });
    expect((await record(token, notification('ARM', { date: '2026-05-03' }))).statusCode).toBe(201);
    t.time.advance(HOUR - 1_000);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/instruments', headers: bearer(token) })).statusCode,
    ).toBe(200);
    t.time.advance(1_000);
    await refusal(token);
  });

  it('a token cannot be issued already expired', async () => {
    const expiresAt = new Date(t.time.ms() - 1_000).toISOString();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: t.auth,
      payload: { name: 'stillborn', role: 'admin', expiresAt },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('expiresAt');
  });

  it('a token acts only for existing States, and only a focal point acts for States', async () => {
    for (const body of [
      { name: 'x', role: 'focal_point', states: ['XXX'] },
      { name: 'x', role: 'admin', states: ['ARM'] },
      { name: 'x', role: 'focal_point' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: t.auth, payload: body });
      expect([404, 422]).toContain(res.statusCode);
    }
  });

  it('made-up and malformed credentials are refused, all with the same answer', async () => {
    const { token, details } = await issue({ name: 'revoked', role: 'admin' });
    await t.app.inject({ method: 'DELETE', url: `/api/tokens/${details.id}`, headers: t.auth });
    const answers = [];
    for (const authorization of [
      `Bearer plm_${'A'.repeat(43)}`,
      `Bearer ${token}`,
      `Bearer ${token.slice(4)}`,
      `Bearer ${token}x`,
      'Bearer ',
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      `bearer ${'plm_'}${'B'.repeat(43)}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/instruments', headers: { authorization } });
      answers.push(problemOf(res, 401));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });
});

describe('what a focal point token changes is audited under the State concerned', () => {
  it('records and corrections of ARM and BEL by one token: one row each, with its State', async () => {
    const { token, details } = await issue({
      name: 'two States',
      role: 'focal_point',
      states: ['ARM', 'BEL'],
    });
    const before = Number(
      (
        await t.store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
    const arm = await record(token, notification('ARM', { date: '2026-04-01' }));
    const bel = await record(token, notification('BEL', { date: '2026-04-02' }));
    expect([arm.statusCode, bel.statusCode]).toEqual([201, 201]);
    const belId = (bel.json() as { action: { id: number } }).action.id;
    const corrected = await t.app.inject({
      method: 'POST',
      url: `/api/actions/${belId}/corrections`,
      headers: bearer(token),
      payload: { reason: 'wrong date', replacement: notification('BEL', { date: '2026-04-03' }) },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);

    const rows = await t.store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'role', 'state', 'request_id'])
      .where('seq', '>', before)
      .orderBy('seq')
      .execute();
    const actor = `token:${details.id}`;
    expect(rows).toEqual([
      {
        action: 'action.record',
        actor,
        role: 'focal_point',
        state: 'ARM',
        request_id: arm.headers['x-request-id'],
      },
      {
        action: 'action.record',
        actor,
        role: 'focal_point',
        state: 'BEL',
        request_id: bel.headers['x-request-id'],
      },
      {
        action: 'action.correct',
        actor,
        role: 'focal_point',
        state: 'BEL',
        request_id: corrected.headers['x-request-id'],
      },
    ]);
    expect((await listed()).tokens.find((x) => x.id === details.id)?.lastUsedAt).toBe(t.time.now());
  });
});
