// Anti-automation: sign-in, second factor, password reset and one-time links allow a few attempts per
// minute and client (here 3); the next is refused with 429 problem+json and Retry-After, before any work.
// Each counted answer says so with the IETF RateLimit and RateLimit-Policy fields.
import { afterEach, describe, expect, it } from 'vitest';
import type { Res } from '../helpers/api.ts';
import {
  activeUser,
  auditCount,
  createAuthApp,
  freshEmail,
  login,
  PASSWORD,
  problemOf,
  withSession,
  type AuthApp,
} from './helpers.ts';

const LIMIT = 3;
let t: AuthApp | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

function expectTooMany(res: Res): void {
  const body = problemOf(res, 429);
  expect(body.detail).toMatch(/too many requests/);
  const retry = Number(res.headers['retry-after']);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(60);
  expect(res.headers['ratelimit-policy']).toBe(`"per-client";q=${LIMIT};w=60`);
  expect(res.headers.ratelimit).toBe(`"per-client";r=0;t=${retry}`);
  expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
}

/** One attempt at an endpoint; `app` is set up by `prepare` (a user to sign in as, a session…). */
interface Case {
  name: string;
  /** What an attempt within the limit answers. */
  status: number;
  prepare(app: AuthApp): Promise<(remoteAddress?: string) => Promise<Res>>;
}

const post =
  (app: AuthApp, url: string, payload: object, headers: Record<string, string> = {}) =>
  (remoteAddress?: string) =>
    app.app.inject({
      method: 'POST',
      url,
      payload,
      headers,
      ...(remoteAddress ? { remoteAddress } : {}),
    });

const cases: Case[] = [
  {
    name: 'POST /api/auth/login (wrong password)',
    status: 401,
    prepare: async (app) => {
      const u = await activeUser(app, 'focal_point', { states: ['ARM'] });
      return post(app, '/api/auth/login', { email: u.email, password: 'not the password at all' });
    },
  },
  {
    name: 'POST /api/auth/password-reset',
    status: 202,
    prepare: async (app) => {
      const u = await activeUser(app, 'focal_point', { states: ['ARM'] });
      return post(app, '/api/auth/password-reset', { email: u.email });
    },
  },
  {
    name: 'POST /api/auth/password-reset/confirm (made-up link)',
    status: 422,
    prepare: async (app) =>
      post(app, '/api/auth/password-reset/confirm', { token: 'x'.repeat(43), password: PASSWORD }),
  },
  {
    name: 'POST /api/auth/invitation/accept (made-up link)',
    status: 422,
    prepare: async (app) =>
      post(app, '/api/auth/invitation/accept', { token: 'x'.repeat(43), password: PASSWORD }),
  },
  {
    name: 'POST /api/auth/mfa/verify (wrong code)',
    status: 422,
    prepare: async (app) => {
      const s = await login(app, await activeUser(app, 'admin'));
      await app.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: withSession(s) });
      return post(app, '/api/auth/mfa/verify', { code: '000000' }, withSession(s));
    },
  },
];

describe(`at most ${LIMIT} attempts a minute per client`, () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: the next one is 429 with Retry-After',
    async (_name, c) => {
      t = await createAuthApp({ signInPerMinute: LIMIT });
      const attempt = await c.prepare(t);
      for (let i = 1; i <= LIMIT; i++) {
        const res = await attempt();
        expect(res.statusCode, `attempt ${i}: ${res.body}`).toBe(c.status);
        // The IETF RateLimit fields: the policy (LIMIT a 60-second window) and what is left of it.
        expect(res.headers['ratelimit-policy']).toBe(`"per-client";q=${LIMIT};w=60`);
        expect(res.headers.ratelimit).toMatch(new RegExp(`^"per-client";r=${LIMIT - i};t=\\d+$`));
        expect(res.headers['x-ratelimit-remaining']).toBeUndefined();
      }
      expectTooMany(await attempt());
      // Another client is not held back by this one.
      expect((await attempt('198.51.100.7')).statusCode).toBe(c.status);
    },
  );

  it('refuses the next sign-in even with the right password, before any work (no audit row)', async () => {
    t = await createAuthApp({ signInPerMinute: LIMIT });
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const attempt = post(t, '/api/auth/login', { email: u.email, password: 'not the password at all' });
    for (let i = 0; i < LIMIT; i++) await attempt();
    const rows = await auditCount(t);
    const right = await post(t, '/api/auth/login', { email: u.email, password: u.password })();
    expectTooMany(right);
    expect(right.cookies).toEqual([]);
    expect(await auditCount(t)).toBe(rows);
  });

  it('sends no mail for a refused password-reset request', async () => {
    t = await createAuthApp({ signInPerMinute: LIMIT });
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    for (let i = 0; i < LIMIT; i++) await post(t, '/api/auth/password-reset', { email: freshEmail() })();
    const mails = t.mail.length;
    expectTooMany(await post(t, '/api/auth/password-reset', { email: u.email })());
    expect(t.mail.length).toBe(mails);
  });
});
