// Quotas of machine clients and signed-in accounts (docs/api.md, "Limits and quotas"): every request made
// with an API token counts against that token's quota, whatever address it comes from; every request of a
// signed-in session against its account's. Each counted answer says where it stands with the IETF
// RateLimit and RateLimit-Policy fields; past the quota the answer is 429 problem+json with Retry-After,
// before any work. The clock is the application's, moved by hand: no test waits for a window to pass.
import { afterEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { DEFAULT_TOKEN_QUOTA, settingsFromEnv } from '../../src/auth/settings.ts';
import { parseQuota } from '../../src/http/rate-limit.ts';
import type { Res } from '../helpers/api.ts';
import {
  activeUser,
  auditCount,
  createAuthApp,
  login,
  MINUTE,
  notification,
  problemOf,
  withSession,
  type AuthApp,
} from '../auth/helpers.ts';

let t: AuthApp | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

const QUOTA = { requests: 3, windowSeconds: 60 };

function get(app: AuthApp, url: string, headers: Record<string, string>, remoteAddress?: string) {
  return app.app.inject({ method: 'GET', url, headers, ...(remoteAddress ? { remoteAddress } : {}) });
}

function expectOver(res: Res, policy: string, retryAfter: number): void {
  const body = problemOf(res, 429);
  expect(body.detail).toMatch(/too many requests/);
  expect(res.headers['retry-after']).toBe(String(retryAfter));
  expect(res.headers['ratelimit-policy']).toBe(`"${policy}";q=3;w=60`);
  expect(res.headers.ratelimit).toBe(`"${policy}";r=0;t=${retryAfter}`);
  expect(res.headers['x-request-id']).toBeTruthy();
}

describe('a quota per API token', () => {
  it('counts every request of one token, from any address, and refuses the next with 429', async () => {
    t = await createAuthApp({ tokenQuota: QUOTA });
    for (let i = 1; i <= 3; i++) {
      // A machine client behind several addresses is still one client.
      const res = await get(t, '/api/tokens', t.auth, `192.0.2.${i}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['ratelimit-policy']).toBe('"per-token";q=3;w=60');
      expect(res.headers.ratelimit).toBe(`"per-token";r=${3 - i};t=60`);
    }
    t.time.advance(20_000);
    expectOver(await get(t, '/api/tokens', t.auth, '198.51.100.9'), 'per-token', 40);
    // Public reads made with the token count too (the token is who calls).
    expectOver(await get(t, '/api/instruments', t.auth), 'per-token', 40);
  });

  it('holds back no other token, nor anonymous readers, and starts afresh with the next window', async () => {
    t = await createAuthApp({ tokenQuota: QUOTA });
    for (let i = 0; i < 3; i++) await get(t, '/api/tokens', t.auth);
    expectOver(await get(t, '/api/tokens', t.auth), 'per-token', 60);

    const other = await issueToken(t.service('test-setup'), { name: 'other client', role: 'admin' });
    const res = await get(t, '/api/tokens', { authorization: `Bearer ${other.token}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.ratelimit).toBe('"per-token";r=2;t=60');

    const anonymous = await get(t, '/api/instruments', {});
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers.ratelimit).toBeUndefined();
    expect(anonymous.headers['ratelimit-policy']).toBeUndefined();

    t.time.advance(59_000);
    expectOver(await get(t, '/api/tokens', t.auth), 'per-token', 1);
    t.time.advance(1_000);
    const next = await get(t, '/api/tokens', t.auth);
    expect(next.statusCode).toBe(200);
    expect(next.headers.ratelimit).toBe('"per-token";r=2;t=60');
  });

  it('refuses a write over the quota before any work: nothing recorded, no audit row', async () => {
    t = await createAuthApp({ tokenQuota: QUOTA });
    for (let i = 0; i < 3; i++) await get(t, '/api/tokens', t.auth);
    const rows = await auditCount(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/actions',
      headers: t.auth,
      payload: notification(),
    });
    expectOver(res, 'per-token', 60);
    expect(await auditCount(t)).toBe(rows);
  });

  it('lists both policies where an operation also has its own limit per client', async () => {
    t = await createAuthApp({ tokenQuota: QUOTA, expensivePerMinute: 5 });
    const res = await get(t, '/api/status.csv', t.auth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['ratelimit-policy']).toBe('"per-client";q=5;w=60, "per-token";q=3;w=60');
    expect(res.headers.ratelimit).toMatch(/^"per-client";r=4;t=\d+, "per-token";r=2;t=60$/);
  });

  it('counts nothing without a quota (false)', async () => {
    t = await createAuthApp({ tokenQuota: false });
    for (let i = 0; i < 5; i++) {
      const res = await get(t, '/api/tokens', t.auth);
      expect(res.statusCode).toBe(200);
      expect(res.headers.ratelimit).toBeUndefined();
    }
  });
});

describe('a quota per signed-in account', () => {
  it("counts a session's requests against its account, not against its address", async () => {
    t = await createAuthApp({ accountQuota: QUOTA, tokenQuota: QUOTA });
    const user = await activeUser(t, 'focal_point', { states: ['ARM'] });
    // Signing in is anonymous: it does not count.
    const session = await login(t, user);
    for (let i = 1; i <= 3; i++) {
      const res = await get(t, '/api/auth/me', withSession(session), `203.0.113.${i}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers.ratelimit).toBe(`"per-account";r=${3 - i};t=60`);
    }
    expectOver(await get(t, '/api/auth/me', withSession(session)), 'per-account', 60);
    // A second session of the same account shares its quota.
    const again = await login(t, user);
    expectOver(await get(t, '/api/auth/me', withSession(again)), 'per-account', 60);
    // The administrator's token is another caller.
    expect((await get(t, '/api/tokens', t.auth)).statusCode).toBe(200);
    t.time.advance(MINUTE);
    expect((await get(t, '/api/auth/me', withSession(session))).statusCode).toBe(200);
  });
});

describe('the quota settings', () => {
  it('reads <requests>/<window> with an optional unit, and off', () => {
    expect(parseQuota('Q', '1200/60')).toEqual({ requests: 1200, windowSeconds: 60 });
    expect(parseQuota('Q', ' 5000/1h ')).toEqual({ requests: 5000, windowSeconds: 3600 });
    expect(parseQuota('Q', '100000/1D')).toEqual({ requests: 100000, windowSeconds: 86400 });
    expect(parseQuota('Q', '10/30s')).toEqual({ requests: 10, windowSeconds: 30 });
    expect(parseQuota('Q', 'OFF')).toBe(false);
  });

  it.each(['', '0/60', '10/0', '10', '10/8d', 'ten/60', '10/60x', '-1/60', '1.5/60'])(
    'refuses %j, naming the setting',
    (value) => {
      expect(() => parseQuota('PALERMO_TOKEN_QUOTA', value)).toThrow(
        /^PALERMO_TOKEN_QUOTA: .* is not a quota/,
      );
    },
  );

  it('defaults to 1200 a minute for tokens and accounts, and stops the start on a wrong value', () => {
    expect(settingsFromEnv({}).tokenQuota).toEqual(DEFAULT_TOKEN_QUOTA);
    expect(settingsFromEnv({}).accountQuota).toEqual({ requests: 1200, windowSeconds: 60 });
    const set = settingsFromEnv({ PALERMO_TOKEN_QUOTA: '300/1m', PALERMO_ACCOUNT_QUOTA: 'off' });
    expect(set.tokenQuota).toEqual({ requests: 300, windowSeconds: 60 });
    expect(set.accountQuota).toBe(false);
    expect(() => settingsFromEnv({ PALERMO_ACCOUNT_QUOTA: 'lots' })).toThrow(/PALERMO_ACCOUNT_QUOTA/);
  });
});
