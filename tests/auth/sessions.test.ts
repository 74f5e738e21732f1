// Sessions (OWASP ASVS 5.0 V7): a `__Host-` cookie that is HttpOnly, Secure and SameSite=Lax; a new id at
// every sign-in; logout, idle (30 min) and absolute (12 h) timeouts enforced on the server; the same answer
// after the same work for unknown and known emails; account changes, password resets and invitations;
// and no mass assignment on the account endpoints.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_COOKIE } from '../../src/auth/http.ts';
import { changeUser } from '../../src/auth/services/accounts.ts';
import {
  DONOR,
  activeUser,
  createAuthApp,
  fieldsOf,
  freshEmail,
  HOUR,
  isSignedIn,
  linkSecretIn,
  settled,
  login,
  loginRequest,
  me,
  MINUTE,
  notification,
  PASSWORD,
  problemOf,
  signedIn,
  withSession,
  type Account,
  type AuthApp,
  type Session,
} from './helpers.ts';

// Every argon2 verification the application runs, by the hash it verified against: the unknown-email path
// must do the same work as the wrong-password path. A behaviour check, not a timing benchmark.
const argon2 = vi.hoisted(() => ({ verified: [] as string[] }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      argon2.verified.push(String(args[0]));
      return real.verify(...args);
    },
  };
});

let t: AuthApp;
let focal: Account;

beforeAll(async () => {
  t = await createAuthApp();
  focal = await activeUser(t, 'focal_point', { states: ['ARM'] });
});
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  t.time.set('2026-06-30T12:00:00.000Z');
});

const post = (url: string, payload: unknown, headers: Record<string, string> = t.auth) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const patch = (url: string, payload: unknown, headers: Record<string, string> = t.auth) =>
  t.app.inject({ method: 'PATCH', url, headers, payload: payload as object });
const logout = (s: Session) =>
  t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: withSession(s) });

describe('sign-in and the session cookie', () => {
  it('sets a __Host- session cookie: HttpOnly, Secure, SameSite=Lax, Path=/, no Domain', async () => {
    const res = await loginRequest(t, focal.email, focal.password);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(cookie?.domain).toBeUndefined();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/^__Host-palermo_session=/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/'])
      expect(raw).toContain(attribute);
    expect(raw).not.toMatch(/domain=/i);
  });

  it('signs a focal point in at once (no second factor for non-Secretariat roles)', async () => {
    const s = await login(t, focal);
    expect(s.stage).toBe('signed_in');
    const res = await me(t, s);
    expect(res.json()).toMatchObject({
      signedIn: true,
      stage: 'signed_in',
      csrfToken: s.csrf,
      user: { id: focal.id, email: focal.email, role: 'focal_point', states: ['ARM'] },
    });
    expect((res.json() as { permissions: string[] }).permissions).toContain('registry.record');
    expect(res.body).not.toMatch(/password|mfaSecret|argon2/i);
  });

  // The onSend hook used to overwrite the route's no-store with `public, no-cache` (fixed in c474de9).
  it('marks the answer of GET /api/auth/me (user and CSRF token) no-store', async () => {
    const res = await me(t, await login(t, focal));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('gives a new session id at each sign-in; logging out one session leaves the other', async () => {
    const a = await login(t, focal);
    const b = await login(t, focal);
    expect(a.cookie).not.toBe(b.cookie);
    expect(a.csrf).not.toBe(b.csrf);
    expect(await isSignedIn(t, a)).toBe(true);
    expect(await isSignedIn(t, b)).toBe(true);
    expect((await logout(a)).statusCode).toBe(204);
    expect(await isSignedIn(t, a)).toBe(false);
    expect(await isSignedIn(t, b)).toBe(true);
  });

  it('revokes the session on the server at logout: the replayed cookie opens nothing', async () => {
    const s = await login(t, focal);
    const out = await logout(s);
    expect(out.statusCode).toBe(204);
    // The browser is told to drop the cookie…
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value ?? '').toBe('');
    // …and a copy kept by an attacker is dead on the server.
    const replay = await me(t, s);
    expect(replay.json()).toMatchObject({ signedIn: false, stage: null, csrfToken: null, user: null });
    problemOf(await post('/api/actions', notification(), withSession(s)), 401);
  });

  it('refuses a logout without the CSRF token, and the session stays open', async () => {
    const s = await login(t, focal);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: withSession(s, false),
    });
    problemOf(res, 403);
    expect(await isSignedIn(t, s)).toBe(true);
  });
});

describe('timeouts', () => {
  it('ends a session after 30 minutes without requests', async () => {
    const s = await login(t, focal);
    t.time.advance(29 * MINUTE);
    expect(await isSignedIn(t, s)).toBe(true); // activity restarts the idle clock
    t.time.advance(29 * MINUTE);
    expect(await isSignedIn(t, s)).toBe(true);
    t.time.advance(30 * MINUTE + 1_000);
    expect(await isSignedIn(t, s)).toBe(false);
    t.time.advance(5 * MINUTE);
    expect(await isSignedIn(t, s)).toBe(false);
  });

  it('ends a session 12 hours after sign-in, however active', async () => {
    const s = await login(t, focal);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.time.advance(20 * MINUTE);
      expect(await isSignedIn(t, s), `after ${minutes} minutes`).toBe(true);
    }
    t.time.advance(20 * MINUTE); // 12 h exactly
    expect(await isSignedIn(t, s)).toBe(false);
  });

  describe('with a configured session policy (idle 10 min, absolute 1 h)', () => {
    let short: AuthApp;
    let user: Account;
    beforeAll(async () => {
      short = await createAuthApp({ sessionPolicy: { idleMs: 10 * MINUTE, absoluteMs: HOUR } });
      user = await activeUser(short, 'focal_point', { states: ['ARM'] });
    });
    afterAll(async () => {
      await short?.close();
    });

    it('ends a session after 10 minutes without requests', async () => {
      const s = await login(short, user);
      short.time.advance(9 * MINUTE);
      expect(await isSignedIn(short, s)).toBe(true);
      short.time.advance(10 * MINUTE + 1_000);
      expect(await isSignedIn(short, s)).toBe(false);
    });

    // BUG (src/auth/routes.ts, POST /api/auth/login and /mfa/verify): signIn, verifySecondFactor and
    // setSessionCookie are called without the app's session policy, so the default 12 h applies.
    it('ends a session 1 hour after sign-in, however active', async () => {
      const s = await login(short, user);
      for (let minutes = 9; minutes < 60; minutes += 9) {
        short.time.advance(9 * MINUTE);
        expect(await isSignedIn(short, s), `after ${minutes} minutes`).toBe(true);
      }
      short.time.advance(9 * MINUTE); // 63 minutes
      expect(await isSignedIn(short, s)).toBe(false);
    });

    it('gives the cookie the same lifetime (Max-Age 3600)', async () => {
      const res = await loginRequest(short, user.email, user.password);
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.maxAge).toBe(3600);
    });
  });
});

describe('the same answer, after the same work, whatever the email', () => {
  let wrongBody: unknown;

  it.each([
    ['an unknown email', async () => ({ email: freshEmail('nobody'), password: PASSWORD })],
    ['a wrong password', async () => ({ email: focal.email, password: 'not the right password' })],
    [
      'a disabled account, with its right password',
      async () => {
        const u = await activeUser(t, 'donor', { donors: [DONOR] });
        await changeUser(t.service(), u.id, { status: 'disabled' });
        return u;
      },
    ],
    [
      'an invited account, which has no password yet',
      async () => {
        const email = freshEmail('invited');
        const res = await post('/api/users', {
          email,
          displayName: 'Invited',
          role: 'focal_point',
          states: ['ARM'],
        });
        expect(res.statusCode).toBe(201);
        return { email, password: PASSWORD };
      },
    ],
  ])('refuses %s with 401, the same body, and one argon2id verification', async (_case, make) => {
    const credentials = await make();
    argon2.verified.length = 0;
    const res = await loginRequest(t, credentials.email, credentials.password);
    const body = problemOf(res, 401);
    expect(res.cookies).toEqual([]);
    expect(body.detail).toBe('the email or the password is wrong');
    expect(JSON.stringify(body)).not.toContain(credentials.email);
    wrongBody ??= body;
    expect(body).toEqual(wrongBody);
    // The work: exactly one argon2 verification, against a hash as costly as a real one.
    expect(argon2.verified).toHaveLength(1);
    expect(argon2.verified[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('changes to an account end its sessions', () => {
  it('a disabled user is signed out at once and cannot sign in again until enabled', async () => {
    const u = await activeUser(t, 'donor', { donors: [DONOR] });
    const s = await login(t, u);
    expect((await patch(`/api/users/${u.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect(await isSignedIn(t, s)).toBe(false);
    problemOf(await loginRequest(t, u.email, u.password), 401);
    expect((await patch(`/api/users/${u.id}`, { status: 'active' })).statusCode).toBe(200);
    expect(await isSignedIn(t, s)).toBe(false); // the old session stays ended
    await login(t, u);
  });

  it('a change of role ends every session of the user; a change of name does not', async () => {
    const u = await activeUser(t, 'donor', { donors: [DONOR] });
    const a = await login(t, u);
    const b = await login(t, u);
    expect((await patch(`/api/users/${u.id}`, { displayName: 'Renamed' })).statusCode).toBe(200);
    expect(await isSignedIn(t, a)).toBe(true);
    const res = await patch(`/api/users/${u.id}`, { role: 'programme_officer', donors: [] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await isSignedIn(t, a)).toBe(false);
    expect(await isSignedIn(t, b)).toBe(false);
    const again = await login(t, u);
    expect(again.stage).toBe('mfa_enrolment_required'); // now a Secretariat role
  });

  // Regression (fixed in c474de9): changeUser read participants outside its transaction; on SQLite, whose
  // one connection the transaction holds, the request never answered and the whole process stalled.
  // Own app, so that a relapse (an answer that never comes) fails this test alone, at its time limit.
  it('disables a focal point (whose States are checked) without stalling the store', async () => {
    const own = await createAuthApp();
    try {
      const u = await activeUser(own, 'focal_point', { states: ['ARM'] });
      const s = await login(own, u);
      const answer = await own.app.inject({
        method: 'PATCH',
        url: `/api/users/${u.id}`,
        headers: own.auth,
        payload: { status: 'disabled' },
      });
      expect(answer.statusCode).toBe(200);
      expect(await isSignedIn(own, s)).toBe(false);
    } finally {
      await own.close();
    }
  });
});

describe('password reset', () => {
  const ask = (email: string) => post('/api/auth/password-reset', { email }, {});
  const confirm = (token: string, password: string) =>
    post('/api/auth/password-reset/confirm', { token, password }, {});

  it('answers 202 with the same body for known and unknown emails; only the known one gets mail', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const mails = t.mail.length;
    const known = await ask(u.email);
    const unknown = await ask(freshEmail('nobody'));
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    expect(known.headers['content-type']).toBe(unknown.headers['content-type']);
    await settled();
    expect(t.mail.slice(mails).map((m) => m.to)).toEqual([u.email]);
    expect(t.mail.at(-1)?.text).toMatch(/\/account\/reset#[A-Za-z0-9_-]{43}/);
  });

  it('sends no mail to invited or disabled accounts', async () => {
    const invited = freshEmail('invited');
    await post('/api/users', { email: invited, displayName: 'I', role: 'donor', donors: [DONOR] });
    const disabled = await activeUser(t, 'donor', { donors: [DONOR] });
    await changeUser(t.service(), disabled.id, { status: 'disabled' });
    const mails = t.mail.length;
    for (const email of [invited, disabled.email]) expect((await ask(email)).statusCode).toBe(202);
    await settled();
    expect(t.mail.length).toBe(mails);
  });

  // BUG (src/auth/services/accounts.ts, requestPasswordReset): the mail is sent inside the request, so a
  // known email answers only once the mail server has (a timing oracle on which emails exist), and a
  // mail server failure turns the known email's 202 into a 500. Fix: queue the mail, answer at once.
  // The slow mail server never answers: a known email's answer that waited for it would never come, and the
  // test would fail at its time limit. The mail was asked for all the same (the work is done after the answer).
  describe('whatever the mail server does', () => {
    it.each([
      ['is slow', () => new Promise<void>(() => {})],
      ['fails', () => Promise.reject(new Error('smtp: connection refused'))],
    ])('answers a known email as an unknown one when the mail server %s', async (_case, reply) => {
      const asked: string[] = [];
      const send = (m: { to: string }) => {
        asked.push(m.to);
        return reply();
      };
      const slow = await createAuthApp({ mailer: { send } });
      try {
        const u = await activeUser(slow, 'donor', { donors: [DONOR] });
        const answer = (email: string) =>
          slow.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
        const unknown = await answer(freshEmail('nobody'));
        const known = await answer(u.email);
        expect(unknown.statusCode).toBe(202);
        expect(known.statusCode).toBe(202);
        expect(known.body).toBe(unknown.body);
        await settled();
        expect(asked).toEqual([u.email]);
      } finally {
        await slow.close();
      }
    });
  });

  it('sets a new password once; the old password stops working and open sessions end', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    const before = await login(t, u);
    await ask(u.email);
    const secret = await linkSecretIn(t.mail, u.email);
    const fresh = 'a brand new passphrase';
    expect((await confirm(secret, fresh)).statusCode).toBe(204);
    expect(fieldsOf(await confirm(secret, 'yet another passphrase'))).toEqual(['token']);
    expect(await isSignedIn(t, before)).toBe(false);
    problemOf(await loginRequest(t, u.email, u.password), 401);
    await login(t, { email: u.email, password: fresh });
  });

  it('keeps the link when the new password is refused', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    await ask(u.email);
    const secret = await linkSecretIn(t.mail, u.email);
    expect(fieldsOf(await confirm(secret, 'short'))).toEqual(['password']);
    expect((await confirm(secret, 'a long enough passphrase')).statusCode).toBe(204);
  });

  it('expires the link after 60 minutes', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    await ask(u.email);
    const late = await linkSecretIn(t.mail, u.email);
    t.time.advance(60 * MINUTE + 1_000);
    expect(fieldsOf(await confirm(late, 'a brand new passphrase'))).toEqual(['token']);
    await ask(u.email);
    const inTime = await linkSecretIn(t.mail, u.email);
    t.time.advance(59 * MINUTE);
    expect((await confirm(inTime, 'a brand new passphrase')).statusCode).toBe(204);
  });

  it('does not accept a reset link as an invitation, nor an invitation as a reset link', async () => {
    const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
    await ask(u.email);
    const reset = await linkSecretIn(t.mail, u.email);
    const invited = freshEmail('invited');
    await post('/api/users', { email: invited, displayName: 'I', role: 'focal_point', states: ['ARM'] });
    const invitation = await linkSecretIn(t.mail, invited);
    const accept = (token: string) =>
      post('/api/auth/invitation/accept', { token, password: 'a brand new passphrase' }, {});
    expect(fieldsOf(await accept(reset))).toEqual(['token']);
    expect(fieldsOf(await confirm(invitation, 'a brand new passphrase'))).toEqual(['token']);
  });
});

describe('invitation', () => {
  it('sends a link by mail; accepting it sets the password and activates the account, once', async () => {
    const email = freshEmail('invitee');
    const mails = t.mail.length;
    const created = await post('/api/users', {
      email,
      displayName: 'Invitee',
      role: 'focal_point',
      states: ['ARM'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json() as { id: string; status: string };
    expect(user.status).toBe('invited');
    expect(t.mail.slice(mails).map((m) => m.to)).toEqual([email]);
    expect(t.mail.at(-1)?.text).toMatch(/\/account\/invitation#[A-Za-z0-9_-]{43}/);
    problemOf(await loginRequest(t, email, PASSWORD), 401);

    const secret = await linkSecretIn(t.mail, email);
    const accept = (password: string) => post('/api/auth/invitation/accept', { token: secret, password }, {});
    expect((await accept(PASSWORD)).statusCode).toBe(204);
    const users = (await t.app.inject({ method: 'GET', url: '/api/users', headers: t.auth })).json() as {
      users: Array<{ id: string; status: string }>;
    };
    expect(users.users.find((u) => u.id === user.id)?.status).toBe('active');
    const s = await login(t, { email, password: PASSWORD });
    expect(s.stage).toBe('signed_in');
    expect(fieldsOf(await accept('another passphrase here'))).toEqual(['token']);
  });

  it('expires an invitation after 72 hours', async () => {
    const email = freshEmail('late');
    await post('/api/users', { email, displayName: 'Late', role: 'focal_point', states: ['ARM'] });
    t.time.advance(72 * HOUR);
    const res = await post(
      '/api/auth/invitation/accept',
      { token: await linkSecretIn(t.mail, email), password: PASSWORD },
      {},
    );
    expect(fieldsOf(res)).toEqual(['token']);
  });
});

describe('mass assignment', () => {
  const privileged = {
    isAdmin: true,
    approvedBy: 'someone',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB',
    mfaEnabled: false,
  };

  it.each(Object.entries(privileged))(
    'POST /api/users refuses %s with 422 naming it',
    async (field, value) => {
      const email = freshEmail('mass');
      const res = await post('/api/users', {
        email,
        displayName: 'Mass',
        role: 'focal_point',
        states: ['ARM'],
        [field]: value,
      });
      expect(fieldsOf(res)).toContain(field);
      const users = (await t.app.inject({ method: 'GET', url: '/api/users', headers: t.auth })).json() as {
        users: Array<{ email: string }>;
      };
      expect(users.users.map((u) => u.email)).not.toContain(email);
    },
  );

  it.each(Object.entries({ ...privileged, email: 'other@example.org', id: crypto.randomUUID() }))(
    'PATCH /api/users/{id} refuses %s with 422 naming it, and changes nothing',
    async (field, value) => {
      const u = await activeUser(t, 'focal_point', { states: ['ARM'] });
      const s = await login(t, u);
      const res = await patch(`/api/users/${u.id}`, { displayName: 'Changed', [field]: value });
      expect(fieldsOf(res)).toContain(field);
      expect(await isSignedIn(t, s)).toBe(true);
      expect((await me(t, s)).json()).toMatchObject({ user: { displayName: 'Test focal_point' } });
    },
  );

  it.each(Object.entries({ ...privileged, role: 'admin', stage: 'signed_in' }))(
    'POST /api/auth/login refuses %s with 422 naming it, and opens no session',
    async (field, value) => {
      const res = await post(
        '/api/auth/login',
        { email: focal.email, password: focal.password, [field]: value },
        {},
      );
      expect(fieldsOf(res)).toContain(field);
      expect(res.cookies).toEqual([]);
    },
  );
});

describe('an administrator and its own account', () => {
  it('cannot change its own role nor disable itself; another administrator can', async () => {
    const admin = await activeUser(t, 'admin');
    const s = await signedIn(t, admin);
    for (const change of [{ role: 'fund_officer' }, { status: 'disabled' }]) {
      const res = await patch(`/api/users/${admin.id}`, change, withSession(s));
      expect(problemOf(res, 409).errors?.[0]?.field).toBe('role');
    }
    expect((await me(t, s)).json()).toMatchObject({ signedIn: true, user: { role: 'admin' } });
    const other = await patch(`/api/users/${admin.id}`, { role: 'fund_officer' });
    expect(other.statusCode, other.body).toBe(200);
    expect(await isSignedIn(t, s)).toBe(false);
  });
});
