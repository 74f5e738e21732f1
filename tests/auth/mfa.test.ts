// Multi-factor authentication (TOTP, RFC 6238) for the Secretariat roles: enrolment before any use of the
// account, a new session id once the code is verified, no replay of a code, one step of clock drift either
// side and no more. Other roles sign in with their password alone.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, SECRETARIAT_ROLES, type Role } from '../../src/auth/domain/policy.ts';
import {
  resolveSession,
  verifySecondFactor,
  type ResolvedSession,
} from '../../src/auth/services/sessions.ts';
import {
  DONOR,
  activeUser,
  codeAt,
  createAuthApp,
  enrol,
  fieldsOf,
  isSignedIn,
  login,
  me,
  MINUTE,
  problemOf,
  sessionCookieOf,
  verifyRequest,
  withSession,
  type Account,
  type AuthApp,
  type Session,
} from './helpers.ts';

let t: AuthApp;

beforeAll(async () => {
  t = await createAuthApp();
});
afterAll(async () => {
  await t?.close();
});

const users = (s: Session) =>
  t.app.inject({ method: 'GET', url: '/api/users', headers: withSession(s, false) });
const startEnrolment = (s: Session) =>
  t.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: withSession(s) });

/** An administrator with an authenticator enrolled; the clock is then moved on, past the enrolment code. */
async function enrolledAdmin(): Promise<{ admin: Account; secret: string }> {
  const admin = await activeUser(t, 'admin');
  const { secret } = await enrol(t, await login(t, admin));
  t.time.advance(5 * MINUTE);
  return { admin, secret };
}

describe('a Secretariat account without an authenticator', () => {
  it.each(SECRETARIAT_ROLES)('a %s signs in at stage mfa_enrolment_required', async (role) => {
    const s = await login(t, await activeUser(t, role));
    expect(s.stage).toBe('mfa_enrolment_required');
  });

  it('cannot use the administration routes until enrolled', async () => {
    const s = await login(t, await activeUser(t, 'admin'));
    problemOf(await users(s), 401);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: withSession(s),
      payload: { email: 'x@example.org', displayName: 'X', role: 'admin' },
    });
    problemOf(create, 401);
    const who = (await me(t, s)).json() as { signedIn: boolean; stage: string; permissions: string[] };
    expect(who).toMatchObject({ signedIn: false, stage: 'mfa_enrolment_required' });
    // Only what anyone may do, signed in or not.
    const publicActions = Object.entries(POLICY)
      .filter(([, p]) => p.public)
      .map(([action]) => action)
      .sort();
    expect(who.permissions.sort()).toEqual(publicActions);
  });

  it('enrols: a secret and an otpauth URI; the right code signs in under a new session id', async () => {
    const admin = await activeUser(t, 'admin');
    const first = await login(t, admin);
    const started = await startEnrolment(first);
    expect(started.statusCode, started.body).toBe(200);
    const { secret, otpauthUri } = started.json() as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits, base32
    const uri = new URL(otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Palermo:${admin.email}`);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret,
      issuer: 'Palermo',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });

    const res = await verifyRequest(t, first, codeAt(secret, t.time));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'signed_in', user: { id: admin.id, mfaEnabled: true } });
    const second: Session = {
      cookie: sessionCookieOf(res),
      csrf: (res.json() as { csrfToken: string }).csrfToken,
      stage: 'signed_in',
    };
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrf).not.toBe(first.csrf);
    expect((await users(second)).statusCode).toBe(200);
    // The half-signed-in session is gone, not promoted.
    expect((await me(t, first)).json()).toMatchObject({ signedIn: false, stage: null });
    problemOf(await users(first), 401);
  });

  it('refuses a wrong code with 422 on field code, and stays at the same stage', async () => {
    const s = await login(t, await activeUser(t, 'admin'));
    const { secret } = (await startEnrolment(s)).json() as { secret: string };
    const right = codeAt(secret, t.time);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(fieldsOf(await verifyRequest(t, s, wrong))).toEqual(['code']);
    expect(fieldsOf(await verifyRequest(t, s, '12345'))).toEqual(['code']);
    expect(fieldsOf(await verifyRequest(t, s, 'abcdef'))).toEqual(['code']);
    expect((await me(t, s)).json()).toMatchObject({
      stage: 'mfa_enrolment_required',
      user: { mfaEnabled: false },
    });
    expect((await verifyRequest(t, s, right)).statusCode).toBe(200);
  });

  it('must start enrolment before verifying a code (409 on field code)', async () => {
    const s = await login(t, await activeUser(t, 'admin'));
    expect(problemOf(await verifyRequest(t, s, '123456'), 409).errors?.[0]?.field).toBe('code');
  });
});

describe('a Secretariat account with an authenticator', () => {
  it('needs the code at the next sign-in (stage mfa_required), and nothing works before it', async () => {
    const { admin, secret } = await enrolledAdmin();
    const s = await login(t, admin);
    expect(s.stage).toBe('mfa_required');
    problemOf(await users(s), 401);
    // Nor can the half-signed-in session enrol an authenticator of its own choosing.
    expect(problemOf(await startEnrolment(s), 409).errors?.[0]?.field).toBe('mfa');
    const res = await verifyRequest(t, s, codeAt(secret, t.time));
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { stage: string }).stage).toBe('signed_in');
    expect(await isSignedIn(t, s)).toBe(false); // rotated
  });

  it('refuses a code used once already (replay), even from another session', async () => {
    const { admin, secret } = await enrolledAdmin();
    const code = codeAt(secret, t.time);
    const a = await login(t, admin);
    expect((await verifyRequest(t, a, code)).statusCode).toBe(200);
    const b = await login(t, admin);
    expect(fieldsOf(await verifyRequest(t, b, code))).toEqual(['code']);
    // An older code from the drift window is no better once a newer one was used.
    expect(fieldsOf(await verifyRequest(t, b, codeAt(secret, t.time, -1)))).toEqual(['code']);
  });

  it.each([
    [-2, false],
    [-1, true],
    [0, true],
    [1, true],
    [2, false],
  ])('takes the code of step %i from now: %s', async (steps, accepted) => {
    const { admin, secret } = await enrolledAdmin();
    t.time.advance(10_000); // inside a step, not on its edge
    const s = await login(t, admin);
    const res = await verifyRequest(t, s, codeAt(secret, t.time, steps));
    if (accepted) {
      expect(res.statusCode, res.body).toBe(200);
    } else {
      expect(fieldsOf(res)).toEqual(['code']);
      expect((await verifyRequest(t, s, codeAt(secret, t.time))).statusCode).toBe(200);
    }
  });

  // BUG (src/auth/services/sessions.ts, verifySecondFactor): the last used step is read before the
  // transaction and written without a condition, so two requests carrying the same code both pass. Shown
  // through the service, where the interleaving is certain (over HTTP it happens now and then on PostgreSQL).
  it('accepts one code once even when two sessions send it at the same moment', async () => {
    const { admin, secret } = await enrolledAdmin();
    const ctx = t.service();
    const sessions = [];
    for (const s of [await login(t, admin), await login(t, admin)])
      sessions.push(await resolveSession(ctx, s.cookie));
    const code = codeAt(secret, t.time);
    const meta = { userAgent: null, ip: null };
    // PostgreSQL: open a few pool connections first, so that both requests really run side by side.
    if (t.store.dialect === 'postgres')
      await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.05)`.execute(t.store.db)));
    const results = await Promise.allSettled(
      sessions.map((s) => verifySecondFactor(ctx, s as ResolvedSession, code, meta)),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });
});

describe('other roles', () => {
  it.each<[Role, { states?: string[]; donors?: string[] }]>([
    ['focal_point', { states: ['ARM'] }],
    ['donor', { donors: [DONOR] }],
  ])('a %s is signed in by its password alone', async (role, scopes) => {
    const s = await login(t, await activeUser(t, role, scopes));
    expect(s.stage).toBe('signed_in');
    expect((await me(t, s)).json()).toMatchObject({ signedIn: true, stage: 'signed_in' });
  });
});
