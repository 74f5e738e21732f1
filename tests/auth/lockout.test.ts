// Guessing: wrong passwords and wrong codes are counted per account (by its email, known or not) and per
// pre-MFA session, in the database, so every server process sees them. After 5 the account backs off
// (1 minute, doubling to at most 15: no lock an attacker can make permanent), each lock is audited and shown
// to administrators, who can lift it; after 5 wrong codes the pre-MFA session ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import type { Res } from '../helpers/api.ts';
import {
  activeUser,
  codeAt,
  createAuthApp,
  enrol,
  freshEmail,
  login,
  loginRequest,
  MINUTE,
  PASSWORD,
  problemOf,
  signedIn,
  verifyRequest,
  withSession,
  type AuthApp,
} from './helpers.ts';

// One application for the file (each test has its own accounts): building one per test is slow on PostgreSQL.
let t: AuthApp;
beforeAll(async () => {
  t = await createAuthApp();
});
afterAll(async () => {
  await t?.close();
});
const app = (): AuthApp => t as AuthApp;

const WRONG = 'wrong password, wrong password';

/** The audit rows of one action about one account. */
async function auditActions(
  action: string,
  userId: string,
): Promise<Array<{ entity_id: string | null; after_json: string | null }>> {
  return app()
    .store.db.selectFrom('audit_log')
    .select(['entity_id', 'after_json'])
    .where('action', '=', action)
    .where('entity_id', '=', userId)
    .execute();
}

function expectLocked(res: Res, maxSeconds: number): number {
  const body = problemOf(res, 429);
  expect(body.detail).toMatch(/too many failed attempts/);
  const retry = Number(res.headers['retry-after']);
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(maxSeconds);
  return retry;
}

describe('wrong passwords', { timeout: 180_000 }, () => {
  it('lock the account after 5, even against the right password, until the back-off ends', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    for (let i = 0; i < 5; i++) problemOf(await loginRequest(t, u.email, WRONG), 401);
    expectLocked(await loginRequest(t, u.email, u.password), 60);
    const locks = await auditActions('account.locked', u.id);
    expect(locks).toHaveLength(1);
    expect(locks[0]?.entity_id).toBe(u.id);
    t.time.advance(MINUTE + 1000);
    await login(t, u);
  });

  it('back off longer at each lock, at most 15 minutes, and a success starts afresh', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const retries: number[] = [];
    for (let lock = 0; lock < 6; lock++) {
      for (let i = 0; i < 5; i++) await loginRequest(app(), u.email, WRONG);
      const retry = expectLocked(await loginRequest(app(), u.email, u.password), 15 * 60);
      retries.push(retry);
      app().time.advance(retry * 1000 + 1000);
    }
    expect(retries).toEqual([60, 120, 240, 480, 900, 900]);
    await login(t, u);
    for (let i = 0; i < 5; i++) await loginRequest(t, u.email, WRONG);
    expect(expectLocked(await loginRequest(t, u.email, u.password), 60)).toBe(60);
  });

  it('answer an unknown email exactly as a known one', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const answers = async (email: string) => {
      const out: Array<[number, string | undefined]> = [];
      for (let i = 0; i < 7; i++) {
        const res = await loginRequest(app(), email, WRONG);
        out.push([res.statusCode, res.headers['retry-after'] as string | undefined]);
      }
      return out;
    };
    const known = await answers(u.email);
    expect(known.map((a) => a[0])).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await answers(freshEmail('nobody'))).toEqual(known);
  });

  it('are counted in the database: a second server process sees the first one’s failures', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const other = await buildApp({
      store: t.store,
      registry: t.registry,
      clock: t.time,
      webDir: '',
      signInPerMinute: false,
      maxEventLoopDelayMs: false,
    });
    try {
      for (let i = 0; i < 3; i++) await loginRequest(t, u.email, WRONG);
      for (let i = 0; i < 2; i++)
        await other.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: u.email, password: WRONG },
        });
      expectLocked(await loginRequest(t, u.email, u.password), 60);
    } finally {
      await other.close();
    }
  });
});

describe('wrong codes', { timeout: 180_000 }, () => {
  it('end the pre-MFA session after 5, and count against the account', async () => {
    const admin = await activeUser(t, 'admin');
    const { secret } = await enrol(t, await login(t, admin));
    t.time.advance(MINUTE);
    const s = await login(t, admin);
    expect(s.stage).toBe('mfa_required');
    const wrong = codeAt(secret, t.time, 10);
    for (let i = 0; i < 4; i++) problemOf(await verifyRequest(t, s, wrong), 422);
    const fifth = problemOf(await verifyRequest(t, s, wrong), 401);
    expect(fifth.detail).toMatch(/sign in again/);
    // The right code no longer helps this session.
    problemOf(await verifyRequest(t, s, codeAt(secret, t.time)), 401);
    expect(await auditActions('session.mfa_failures', admin.id)).toHaveLength(1);
    // The five wrong codes locked the account too: a new sign-in has to wait.
    expectLocked(await loginRequest(t, admin.email, PASSWORD), 60);
  });
});

describe('administrators', { timeout: 180_000 }, () => {
  it('see locked accounts and recent failures, and can lift a lock (audited)', async () => {
    const admin = await signedIn(t, await activeUser(t, 'admin'));
    const u = await activeUser(t, 'donor', { donors: ['ITA'] });
    for (let i = 0; i < 5; i++) await loginRequest(t, u.email, WRONG);
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: withSession(admin, false) });
    expect(list.statusCode, list.body).toBe(200);
    const row = (list.json() as { users: Array<{ id: string; signIn: unknown }> }).users.find(
      (x) => x.id === u.id,
    );
    expect(row?.signIn).toEqual({
      failures: 5,
      lastFailureAt: t.time.now(),
      lockedUntil: new Date(t.time.ms() + MINUTE).toISOString(),
    });
    const unlock = await t.app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/unlock`,
      headers: withSession(admin),
    });
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect((unlock.json() as { signIn: unknown }).signIn).toEqual({
      failures: 0,
      lastFailureAt: null,
      lockedUntil: null,
    });
    expect(await auditActions('account.unlock', u.id)).toHaveLength(1);
    await login(t, u);
  });
});
