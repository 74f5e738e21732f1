// Behind a TLS-terminating proxy: the client's address comes from X-Forwarded-For only when the socket's
// peer is a trusted proxy (PALERMO_TRUST_PROXY), so per-client limits key on the real client; /metrics is
// guarded by a bearer token (PALERMO_METRICS_TOKEN), never by the caller's address.
import { afterEach, describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../src/auth/settings.ts';
import { createAuthApp, type AuthApp } from './helpers.ts';

let t: AuthApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PROXY = '10.0.0.2';

function resetFrom(app: AuthApp, client: string, remoteAddress = PROXY) {
  return app.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset',
    payload: { email: 'nobody@example.org' },
    headers: { 'x-forwarded-for': client },
    remoteAddress,
  });
}

describe('trusted proxies', () => {
  it('keys the sign-in limits on the client named by a trusted proxy, not on the proxy', async () => {
    t = await createAuthApp({ signInPerMinute: 2, trustProxy: [PROXY] });
    expect((await resetFrom(t, '198.51.100.1')).statusCode).toBe(202);
    expect((await resetFrom(t, '198.51.100.1')).statusCode).toBe(202);
    expect((await resetFrom(t, '198.51.100.1')).statusCode).toBe(429);
    // Another client behind the same proxy is not locked out by the first one.
    expect((await resetFrom(t, '198.51.100.2')).statusCode).toBe(202);
  });

  it('ignores X-Forwarded-For from an address that is not a trusted proxy', async () => {
    t = await createAuthApp({ signInPerMinute: 2, trustProxy: [PROXY] });
    const direct = '203.0.113.7';
    expect((await resetFrom(t, '198.51.100.1', direct)).statusCode).toBe(202);
    expect((await resetFrom(t, '198.51.100.2', direct)).statusCode).toBe(202);
    // A forged header does not buy a fresh allowance.
    expect((await resetFrom(t, '198.51.100.3', direct)).statusCode).toBe(429);
  });

  it('reads the trusted proxies and the metrics token from the environment', () => {
    expect(
      settingsFromEnv({
        PALERMO_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
        PALERMO_METRICS_TOKEN: 'x'.repeat(32),
      }),
    ).toMatchObject({ trustProxy: ['127.0.0.1', '10.0.0.0/8'], metricsToken: 'x'.repeat(32) });
    expect(settingsFromEnv({})).toMatchObject({ trustProxy: false, metricsToken: null });
    expect(() => settingsFromEnv({ PALERMO_METRICS_TOKEN: 'short' })).toThrow(/PALERMO_METRICS_TOKEN/);
    expect(() => settingsFromEnv({ PALERMO_TRUST_PROXY: 'not an address' })).toThrow(/PALERMO_TRUST_PROXY/);
  });
});

describe('/metrics', () => {
  const TOKEN = 'metrics-token-0123456789abcdef0123';

  it('answers only with the metrics token, whatever the address (a local proxy forwards everyone)', async () => {
    t = await createAuthApp({ metricsToken: TOKEN, trustProxy: ['127.0.0.1'] });
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(404);
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.statusCode).toBe(404);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('palermo_http_requests_total');
  });

  it('is off when no token is set, even from this machine', async () => {
    t = await createAuthApp();
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(404);
  });
});
