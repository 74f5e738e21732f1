// Shared pieces of the authentication tests: a clock the test can move, the application built on it,
// users created through the service, and sign-in (with the second factor where the role needs one).
import { expect } from 'vitest';
import { SESSION_COOKIE } from '../../src/auth/http.ts';
import { createUser } from '../../src/auth/services/accounts.ts';
import { recordDonor } from '../../src/funds/services/catalog.ts';
import type { Role } from '../../src/auth/domain/policy.ts';
import { hotp, totpStep } from '../../src/auth/totp.ts';
import type { AppOptions } from '../../src/server/app.ts';
import type { Clock } from '../../src/common/clock.ts';
import type { ServiceContext } from '../../src/context.ts';
import type { Problem, Res } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { TEST_TODAY } from '../helpers/store.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A clock the test moves by hand: idle and absolute timeouts, link expiry, TOTP time steps. */
export interface MovableClock extends Clock {
  ms(): number;
  set(iso: string): void;
  advance(ms: number): void;
}

export function movableClock(start = `${TEST_TODAY}T12:00:00.000Z`): MovableClock {
  let t = Date.parse(start);
  return {
    today: () => new Date(t).toISOString().slice(0, 10),
    now: () => new Date(t).toISOString(),
    ms: () => t,
    set: (iso) => void (t = Date.parse(iso)),
    advance: (ms) => void (t += ms),
  };
}

export interface AuthApp extends TestApp {
  /** The clock the application runs on (the `clock` of TestApp stays the fixed one of the store). */
  time: MovableClock;
  /** A service context on the movable clock. */
  service(actor?: string): ServiceContext;
}

/** The application in-process on a movable clock, with the administrator's token of createTestApp. */
/** Work the application does after its answer (password-reset links), started but perhaps not finished. */
const afterAnswers: Array<Promise<void>> = [];

/** Waits for the work done after the answers given so far (mail read right after a request needs it). */
export async function settled(): Promise<void> {
  while (afterAnswers.length > 0) await Promise.all(afterAnswers.splice(0));
}

export async function createAuthApp(app: Partial<AppOptions> = {}): Promise<AuthApp> {
  const time = movableClock();
  const t = await createTestApp({
    app: { clock: time, afterAnswer: (work) => void afterAnswers.push(work()), ...app },
  });
  // Donor accounts act for a donor the Fund knows (accounts.checkScopes).
  await recordDonor(t.ctx('test-setup'), t.store.db, {
    id: DONOR,
    name: 'Italy',
    kind: 'state',
    participantId: 'ITA',
  });
  return { ...t, time, service: (actor = 'test') => ({ ...t.ctx(actor), clock: time }) };
}

export const PASSWORD = 'correct horse battery staple';

/** The donor that the donor accounts of these tests act for, recorded in every AuthApp. */
export const DONOR = 'ITA';

let counter = 0;
/** A fresh, unique email for each user a test creates. */
export function freshEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${counter}.${Date.now().toString(36)}@example.org`;
}

export interface Account {
  id: string;
  email: string;
  password: string;
  role: Role;
}

/** An active user with a password (as the CLI creates them), straight through the service. */
export async function activeUser(
  t: AuthApp,
  role: Role,
  scopes: { states?: string[]; donors?: string[] } = {},
): Promise<Account> {
  const email = freshEmail(role.replace('_', '-'));
  const { user } = await createUser(
    t.service('test-setup'),
    { email, displayName: `Test ${role}`, role, password: PASSWORD, ...scopes },
    { mailer: { send: async () => {} }, publicUrl: 'https://palermo.example' },
  );
  return { id: user.id, email, password: PASSWORD, role };
}

/** A signed-in (or half signed-in) browser session: its cookie and CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
  stage: string;
}

export function sessionCookieOf(res: Res): string {
  const c = res.cookies.find((k) => k.name === SESSION_COOKIE);
  expect(c, `no ${SESSION_COOKIE} cookie in ${JSON.stringify(res.headers['set-cookie'])}`).toBeDefined();
  return (c as { value: string }).value;
}

/** Headers of a request riding on the session: the cookie and, by default, the CSRF token. */
export function withSession(s: Session, csrf = true): Record<string, string> {
  return {
    cookie: `${SESSION_COOKIE}=${s.cookie}`,
    ...(csrf ? { 'x-csrf-token': s.csrf } : {}),
  };
}

export function loginRequest(t: TestApp, email: string, password: string): Promise<Res> {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
}

/** Signs in with email and password; the answer must be 200. */
export async function login(t: TestApp, account: { email: string; password: string }): Promise<Session> {
  const res = await loginRequest(t, account.email, account.password);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { stage: string; csrfToken: string };
  return { cookie: sessionCookieOf(res), csrf: body.csrfToken, stage: body.stage };
}

export function verifyRequest(t: TestApp, s: Session, code: string): Promise<Res> {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/mfa/verify',
    headers: withSession(s),
    payload: { code },
  });
}

/** The code an authenticator shows `steps` 30-second steps from the clock's now. */
export function codeAt(secret: string, clock: MovableClock, steps = 0): string {
  return hotp(secret, totpStep(clock.ms()) + steps);
}

/** Enrols an authenticator on a session at stage mfa_enrolment_required; returns the secret and the new session. */
export async function enrol(t: AuthApp, s: Session): Promise<{ secret: string; session: Session }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: withSession(s) });
  expect(res.statusCode, res.body).toBe(200);
  const { secret } = res.json() as { secret: string };
  const verified = await verifyRequest(t, s, codeAt(secret, t.time));
  expect(verified.statusCode, verified.body).toBe(200);
  const body = verified.json() as { stage: string; csrfToken: string };
  return { secret, session: { cookie: sessionCookieOf(verified), csrf: body.csrfToken, stage: body.stage } };
}

/** A fully signed-in session for any role: a Secretariat account without MFA enrols an authenticator first. */
export async function signedIn(t: AuthApp, account: Account): Promise<Session> {
  const s = await login(t, account);
  if (s.stage === 'signed_in') return s;
  expect(s.stage).toBe('mfa_enrolment_required');
  return (await enrol(t, s)).session;
}

export function me(t: TestApp, s: Session): Promise<Res> {
  return t.app.inject({ method: 'GET', url: '/api/auth/me', headers: withSession(s, false) });
}

/** Whether the session still signs its holder in (GET /api/auth/me). */
export async function isSignedIn(t: TestApp, s: Session): Promise<boolean> {
  const res = await me(t, s);
  expect(res.statusCode).toBe(200);
  return (res.json() as { signedIn: boolean }).signedIn;
}

/** Checks an RFC 9457 refusal and returns its body. */
export function problemOf(res: Res, status: number): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as Problem;
  expect(body.status).toBe(status);
  return body;
}

/** The fields a 422 names. */
export function fieldsOf(res: Res): string[] {
  return (problemOf(res, 422).errors ?? []).map((e) => e.field);
}

export async function auditCount(t: TestApp): Promise<number> {
  const r = await t.store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A notification of ARM on UNTOC: a statement a focal point of ARM may record itself. */
export function notification(participantId = 'ARM', overrides: Record<string, unknown> = {}) {
  return {
    instrumentId: 'UNTOC',
    participantId,
    kind: 'notification',
    date: '2026-06-01',
    article: '18(13)',
    source: 'test: tests/auth',
    ...overrides,
  };
}

/** The link (its secret part) in the last mail sent to `to`. */
export async function linkSecretIn(mail: TestApp['mail'], to: string): Promise<string> {
  await settled();
  const m = [...mail].reverse().find((x) => x.to === to);
  expect(m, `no mail to ${to}`).toBeDefined();
  const match = /#([A-Za-z0-9_-]{20,})/.exec((m as { text: string }).text);
  expect(match, (m as { text: string }).text).not.toBeNull();
  return (match as RegExpExecArray)[1] as string;
}
