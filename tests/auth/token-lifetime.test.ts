// A token is no stronger than the account that issued it: when that administrator is disabled or loses the
// role, the token stops working at once and is revoked (audited). Every token expires: 90 days unless said
// otherwise, and never later than that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExpiry } from '../../src/auth/token-expiry.ts';
import { DEFAULT_TOKEN_MAX_DAYS } from '../../src/auth/settings.ts';
import {
  activeUser,
  createAuthApp,
  fieldsOf,
  HOUR,
  problemOf,
  signedIn,
  withSession,
  type AuthApp,
} from './helpers.ts';

let t: AuthApp;
beforeAll(async () => {
  t = await createAuthApp();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 24 * HOUR;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const users = (token: string) => t.app.inject({ method: 'GET', url: '/api/users', headers: bearer(token) });

/** An administrator signed in with a session issues an admin token. */
async function adminWithToken(): Promise<{ adminId: string; token: string; tokenId: string }> {
  const admin = await activeUser(t, 'admin');
  const s = await signedIn(t, admin);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: withSession(s),
    payload: { name: 'nightly export', role: 'admin' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { token: string; details: { id: string } };
  expect((await users(body.token)).statusCode).toBe(200);
  return { adminId: admin.id, token: body.token, tokenId: body.details.id };
}

const change = (id: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: t.auth, payload });

async function revocationAudited(tokenId: string): Promise<boolean> {
  const rows = await t.store.db
    .selectFrom('audit_log')
    .select(['action'])
    .where('entity', '=', 'token')
    .where('entity_id', '=', tokenId)
    .execute();
  return rows.some((r) => r.action === 'token.revoke');
}

describe('tokens of an administrator who is disabled or loses the role', () => {
  it('stop working when the administrator is disabled, and are revoked in the audit trail', async () => {
    const { adminId, token, tokenId } = await adminWithToken();
    expect((await change(adminId, { status: 'disabled' })).statusCode).toBe(200);
    problemOf(await users(token), 401);
    expect(await revocationAudited(tokenId)).toBe(true);
  });

  it('stop working when the administrator becomes a programme officer', async () => {
    const { adminId, token, tokenId } = await adminWithToken();
    expect((await change(adminId, { role: 'programme_officer' })).statusCode).toBe(200);
    problemOf(await users(token), 401);
    expect(await revocationAudited(tokenId)).toBe(true);
  });

  it('are refused even if the account was changed behind the service (refused at authentication)', async () => {
    const { adminId, token } = await adminWithToken();
    await t.store.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', adminId).execute();
    problemOf(await users(token), 401);
  });
});

describe('lifetime', () => {
  it(`gives a token without an expiry the longest life, ${DEFAULT_TOKEN_MAX_DAYS} days`, async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: t.auth,
      payload: { name: 'feed', role: 'admin' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { token, details } = res.json() as { token: string; details: { expiresAt: string | null } };
    expect(details.expiresAt).toBe(new Date(t.time.ms() + DEFAULT_TOKEN_MAX_DAYS * DAY).toISOString());
    const me = () => users(token);
    expect((await me()).statusCode).toBe(200);
    t.time.advance(DEFAULT_TOKEN_MAX_DAYS * DAY + 1000);
    try {
      problemOf(await me(), 401);
    } finally {
      t.time.advance(-(DEFAULT_TOKEN_MAX_DAYS * DAY + 1000));
    }
  });

  it('refuses an expiry beyond the longest life', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: t.auth,
      payload: {
        name: 'forever',
        role: 'admin',
        expiresAt: new Date(t.time.ms() + (DEFAULT_TOKEN_MAX_DAYS + 1) * DAY).toISOString(),
      },
    });
    expect(fieldsOf(res)).toEqual(['expiresAt']);
  });

  it('expires a token issued before there was a longest life, counted from its issue', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: t.auth,
      payload: { name: 'old style', role: 'admin' },
    });
    const { token, details } = res.json() as { token: string; details: { id: string } };
    await t.store.db
      .updateTable('api_tokens')
      .set({ expires_at: null })
      .where('id', '=', details.id)
      .execute();
    expect((await users(token)).statusCode).toBe(200);
    t.time.advance(DEFAULT_TOKEN_MAX_DAYS * DAY + 1000);
    try {
      problemOf(await users(token), 401);
    } finally {
      t.time.advance(-(DEFAULT_TOKEN_MAX_DAYS * DAY + 1000));
    }
  });
});

describe('--expires of palermo token create', () => {
  const now = '2026-03-10T12:00:00.000Z';
  it('takes a number of days or weeks, or the last day of validity', () => {
    expect(parseExpiry('30d', now)).toBe('2026-04-09T12:00:00.000Z');
    expect(parseExpiry('2w', now)).toBe('2026-03-24T12:00:00.000Z');
    // Valid through the day named: it expires when that day ends (UTC).
    expect(parseExpiry('2026-05-31', now)).toBe('2026-06-01T00:00:00.000Z');
  });
  it('refuses anything else, saying what it takes', () => {
    for (const bad of ['30', '0d', 'tomorrow', '2026-02-30', '-3d', '2026-5-31'])
      expect(() => parseExpiry(bad, now), bad).toThrow(/--expires/);
  });
});
