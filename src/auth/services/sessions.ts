// Sign-in, multi-factor authentication, server-side sessions and API tokens.
//
// A session id is 32 random bytes; only its SHA-256 is stored, so a copy of the database opens no session.
// Sessions end after 30 minutes idle or 12 hours in all, at logout, or when an administrator changes the
// user. The id changes at sign-in and again when the second factor is verified (no fixation).
import { randomBytes, randomUUID } from 'node:crypto';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import { decide, SECRETARIAT_ROLES, type Principal, type Role } from '../domain/policy.ts';
import { settingsFromEnv } from '../settings.ts';
import { verifyDecoy, verifyPassword } from '../passwords.ts';
import type { SessionStage, TokenView } from '../contract.ts';
import {
  findSession,
  findTokenByHash,
  findUserByEmail,
  findUserById,
  insertSession,
  insertToken,
  listTokens,
  markTokenUsed,
  revokeSession,
  revokeToken,
  revokeTokensCreatedBy,
  findToken,
  spendMfaStep,
  touchSession,
  updateUser,
  type ApiToken,
  type User,
} from '../repository.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from '../totp.ts';
import { isSealed, openSecret, sealSecret, secretKeyOf } from '../secret-box.ts';
import { MAX_MFA_FAILURES_PER_SESSION } from '../domain/lockout.ts';
import { countMfaFailure } from '../lockout-repository.ts';
import { accountKey, checkNotLocked, recordFailure, recordSuccess } from './lockout.ts';
import { checkScopes, hashSecret, newSecret, presentUser, type UserView } from './accounts.ts';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

/** Where a signed-in session stands: fully signed in, or waiting for the second factor or its enrolment. */
export type { SessionStage };

export interface OpenSession {
  /** The cookie value; shown once, never stored. */
  sessionId: string;
  csrfToken: string;
  stage: SessionStage;
  user: UserView;
}

export interface ResolvedSession {
  idHash: string;
  csrfToken: string;
  stage: SessionStage;
  user: User;
  principal: Principal | null;
}

const WRONG = 'the email or the password is wrong';

function stageOf(user: User, mfaVerified: boolean): SessionStage {
  if (mfaVerified) return 'signed_in';
  if (user.mfaEnabled) return 'mfa_required';
  return SECRETARIAT_ROLES.includes(user.role) ? 'mfa_enrolment_required' : 'signed_in';
}

export function principalOf(user: User, via: 'session' | 'token'): Principal {
  return { userId: user.id, role: user.role, states: user.states, donors: user.donors, via };
}

async function openSession(
  ctx: ServiceContext,
  user: User,
  mfaVerified: boolean,
  meta: { userAgent: string | null; ip: string | null },
  policy: SessionPolicy,
): Promise<OpenSession> {
  const sessionId = newSecret();
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const stage = stageOf(user, mfaVerified);
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      idHash: hashSecret(sessionId),
      userId: user.id,
      csrfToken,
      mfaVerified: stage === 'signed_in',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(Date.parse(now) + policy.absoluteMs).toISOString(),
      revokedAt: null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip,
    });
    await audit({ ...ctx, actor: `user:${user.id}` }, trx, {
      action: 'session.open',
      entity: 'user',
      entityId: user.id,
      after: { stage, ip: meta.ip },
    });
  });
  return { sessionId, csrfToken, stage, user: presentUser(user) };
}

/**
 * Checks email and password. Unknown emails, disabled accounts and wrong passwords get the same answer after
 * the same work (an argon2 verification), so the answer tells nothing about which emails exist.
 */
export async function signIn(
  ctx: ServiceContext,
  input: { email: string; password: string },
  meta: { userAgent: string | null; ip: string | null },
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<OpenSession> {
  const key = accountKey(input.email);
  // A locked account (or email) is refused before any password is checked: the right password does not
  // help while it backs off, and the answer is the same for every email.
  await checkNotLocked(ctx, key);
  const user = await findUserByEmail(ctx.store.db, input.email.trim().toLowerCase());
  const ok =
    user && user.status === 'active' && user.passwordHash
      ? await verifyPassword(user.passwordHash, input.password)
      : await verifyDecoy(input.password);
  if (!ok || !user) {
    await recordFailure(ctx, key, { userId: user?.id ?? null, kind: 'password', ip: meta.ip });
    await ctx.store.db.transaction().execute((trx) =>
      audit({ ...ctx, actor: 'anonymous' }, trx, {
        action: 'session.refused',
        entity: 'user',
        entityId: null,
        after: { ip: meta.ip },
      }),
    );
    throw new DomainError('unauthorized', WRONG);
  }
  // The count starts afresh only when the account is fully signed in: a right password followed by wrong
  // codes must not reset the count of wrong codes.
  if (stageOf(user, false) === 'signed_in') await recordSuccess(ctx, key);
  return openSession(ctx, user, false, meta, policy);
}

/** Resolves a session cookie; null when unknown, revoked or expired (idle or absolute). */
export async function resolveSession(
  ctx: ServiceContext,
  sessionId: string,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<ResolvedSession | null> {
  const idHash = hashSecret(sessionId);
  const s = await findSession(ctx.store.db, idHash);
  if (!s || s.revokedAt) return null;
  const now = ctx.clock.now();
  const nowMs = Date.parse(now);
  if (
    s.expiresAt <= now ||
    nowMs - Date.parse(s.createdAt) >= policy.absoluteMs ||
    nowMs - Date.parse(s.lastSeenAt) > policy.idleMs
  ) {
    return null;
  }
  const user = await findUserById(ctx.store.db, s.userId);
  if (!user || user.status !== 'active') return null;
  // Refresh the idle clock at most once a minute: a write per request would be wasted.
  if (nowMs - Date.parse(s.lastSeenAt) > 60_000) await touchSession(ctx.store.db, idHash, now);
  const stage = stageOf(user, s.mfaVerified);
  return {
    idHash,
    csrfToken: s.csrfToken,
    stage,
    user,
    principal: stage === 'signed_in' ? principalOf(user, 'session') : null,
  };
}

export async function signOut(ctx: ServiceContext, session: ResolvedSession): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await revokeSession(trx, session.idHash, ctx.clock.now());
    await audit({ ...ctx, actor: `user:${session.user.id}` }, trx, {
      action: 'session.close',
      entity: 'user',
      entityId: session.user.id,
    });
  });
}

/** Starts enrolment: a new secret, shown once, enabled only when a code from it is confirmed. */
export async function beginMfaEnrolment(
  ctx: ServiceContext,
  session: ResolvedSession,
): Promise<{ secret: string; otpauthUri: string }> {
  if (session.user.mfaEnabled) {
    throw new DomainError('conflict', 'multi-factor authentication is already set up for this account', {
      field: 'mfa',
    });
  }
  const secret = newTotpSecret();
  const sealed = sealSecret(secretKeyOf(ctx.store), session.user.id, secret);
  await ctx.store.db.transaction().execute(async (trx) => {
    await updateUser(trx, session.user.id, { mfaSecret: sealed, mfaLastStep: null }, ctx.clock.now());
    await audit({ ...ctx, actor: `user:${session.user.id}` }, trx, {
      action: 'mfa.enrol_begin',
      entity: 'user',
      entityId: session.user.id,
    });
  });
  return { secret, otpauthUri: otpauthUri(secret, session.user.email) };
}

/**
 * Verifies a code (at sign-in, or to confirm enrolment), then replaces the session with a fully signed-in
 * one under a new id. A code is accepted once only.
 */
export async function verifySecondFactor(
  ctx: ServiceContext,
  session: ResolvedSession,
  code: string,
  meta: { userAgent: string | null; ip: string | null },
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): Promise<OpenSession> {
  const user = (await findUserById(ctx.store.db, session.user.id)) as User;
  if (!user.mfaSecret) {
    throw new DomainError('conflict', 'set up multi-factor authentication first', { field: 'code' });
  }
  const key = accountKey(user.email);
  await checkNotLocked(ctx, key);
  const stored = user.mfaSecret;
  const secret = openStoredSecret(ctx, user, stored);
  const step = verifyTotp(secret, code.trim(), Date.parse(ctx.clock.now()), user.mfaLastStep);
  if (step === null) {
    await refuseCode(ctx, session, user, key, meta.ip);
    throw new DomainError(
      'validation',
      'the code is wrong or has expired; use the current code of your authenticator',
      {
        field: 'code',
      },
    );
  }
  const enrolling = !user.mfaEnabled;
  await ctx.store.db.transaction().execute(async (trx) => {
    // Spend the time step atomically: of two requests with the same code, only one moves it forward.
    // A secret stored in plain text before sealing existed is sealed at its first use.
    const sealed = isSealed(stored) ? null : sealSecret(secretKeyOf(ctx.store), user.id, secret);
    if (!(await spendMfaStep(trx, user.id, step, sealed, ctx.clock.now()))) {
      throw new DomainError('validation', 'this code was used already; wait for the next one', {
        field: 'code',
      });
    }
    await revokeSession(trx, session.idHash, ctx.clock.now());
    if (enrolling)
      await audit({ ...ctx, actor: `user:${user.id}` }, trx, {
        action: 'mfa.enrolled',
        entity: 'user',
        entityId: user.id,
      });
  });
  await recordSuccess(ctx, key);
  return openSession(ctx, { ...user, mfaEnabled: true, mfaLastStep: step }, true, meta, policy);
}

/** The account's TOTP secret in clear, for this check only; a key that cannot open it is a clear refusal. */
function openStoredSecret(ctx: ServiceContext, user: User, stored: string): string {
  try {
    return openSecret(secretKeyOf(ctx.store), user.id, stored);
  } catch {
    throw new DomainError(
      'conflict',
      "this account's authenticator cannot be checked: the server's secret key is not the one it was set up with (docs/operations.md)",
      { field: 'code' },
    );
  }
}

/**
 * A wrong code counts against the account and against this session; when the session has sent too many, or
 * the account is now locked, the session ends (audited) and its holder must sign in again.
 */
async function refuseCode(
  ctx: ServiceContext,
  session: ResolvedSession,
  user: User,
  key: string,
  ip: string | null,
): Promise<void> {
  const locked = await recordFailure(ctx, key, { userId: user.id, kind: 'code', ip });
  const ended = await ctx.store.db.transaction().execute(async (trx) => {
    const failures = await countMfaFailure(trx, session.idHash);
    const end = locked || failures >= MAX_MFA_FAILURES_PER_SESSION;
    if (end) await revokeSession(trx, session.idHash, ctx.clock.now());
    await audit({ ...ctx, actor: `user:${user.id}` }, trx, {
      action: end ? 'session.mfa_failures' : 'mfa.refused',
      entity: 'user',
      entityId: user.id,
      ...(end ? { after: { wrongCodes: failures, accountLocked: locked } } : {}),
    });
    return end;
  });
  if (ended)
    throw new DomainError('unauthorized', 'too many wrong codes: this sign-in has ended; sign in again');
}

// API tokens

export const TOKEN_PREFIX = 'plm_';

export function presentToken(t: ApiToken): TokenView {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    states: t.states,
    donors: t.donors,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
  };
}
export type { TokenView };

const DAY_MS = 86_400_000;

/** The longest life of a token (PALERMO_TOKEN_DAYS), read when a token is issued or used. */
export function tokenMaxDays(): number {
  return settingsFromEnv(process.env).tokenMaxDays;
}

/**
 * When a token stops working: its own expiry, or for a token issued before every token had one, its issue
 * plus the longest life (so no token lives for ever, whenever it was issued).
 */
function expiryOf(t: ApiToken, maxDays: number): string {
  return t.expiresAt ?? new Date(Date.parse(t.createdAt) + maxDays * DAY_MS).toISOString();
}

export async function issueToken(
  ctx: ServiceContext,
  input: { name: string; role: Role; states?: string[]; donors?: string[]; expiresAt?: string | null },
  maxDays: number = tokenMaxDays(),
): Promise<{ token: string; view: TokenView }> {
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  const latest = new Date(Date.parse(ctx.clock.now()) + maxDays * DAY_MS).toISOString();
  const t: ApiToken = {
    id: randomUUID(),
    name: input.name,
    role: input.role,
    states: [...new Set(input.states ?? [])].sort(),
    donors: [...new Set(input.donors ?? [])].sort(),
    createdBy: ctx.actor,
    createdAt: ctx.clock.now(),
    expiresAt: input.expiresAt ?? latest,
    revokedAt: null,
    lastUsedAt: null,
  };
  // The same rules as for accounts: focal points act for existing States, donor tokens for donors.
  await checkScopes(ctx.store.db, ctx.scopeTargets, t.role, t);
  if (t.expiresAt !== null && t.expiresAt <= t.createdAt) {
    throw new DomainError('validation', 'the expiry must be in the future', { field: 'expiresAt' });
  }
  if (t.expiresAt !== null && Date.parse(t.expiresAt) > Date.parse(latest)) {
    throw new DomainError('validation', `a token lives at most ${maxDays} days (until ${latest})`, {
      field: 'expiresAt',
    });
  }
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertToken(trx, t, hashSecret(token));
    await audit(ctx, trx, { action: 'token.issue', entity: 'token', entityId: t.id, after: presentToken(t) });
  });
  return { token, view: presentToken(t) };
}

/**
 * Revokes a token and every token issued with it, and theirs in turn: a token is worth no more than the one
 * that issued it. Each revocation has its row in the audit trail.
 */
export async function revokeTokenById(ctx: ServiceContext, id: string): Promise<TokenView> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const t = await findToken(trx, id);
    if (!t) throw new DomainError('not_found', `token ${id} does not exist`, { field: 'id' });
    const now = ctx.clock.now();
    await revokeToken(trx, id, now);
    await audit(ctx, trx, { action: 'token.revoke', entity: 'token', entityId: id, before: presentToken(t) });
    const issuers = [id];
    for (let parent = issuers.pop(); parent !== undefined; parent = issuers.pop()) {
      for (const child of await revokeTokensCreatedBy(trx, `token:${parent}`, now)) {
        await audit(ctx, trx, {
          action: 'token.revoke',
          entity: 'token',
          entityId: child,
          after: { revokedAt: now, reason: `the token that issued it (${parent}) was revoked` },
        });
        issuers.push(child);
      }
    }
    return presentToken({ ...t, revokedAt: t.revokedAt ?? now });
  });
}

export async function listTokenViews(ctx: ServiceContext): Promise<TokenView[]> {
  return (await listTokens(ctx.store.db)).map(presentToken);
}

/** How many tokens deep a chain of tokens issuing tokens is followed before it is refused. */
const MAX_ISSUER_CHAIN = 8;

/**
 * Whether whoever issued a token may still issue it: a token is worth no more than its issuer, so a disabled
 * administrator's tokens, or those of one who lost the role, stop at once, and so do the tokens issued with a
 * token that was revoked or expired, or whose own issuer lost the right (even if the revocation that
 * follows such a change were missed). Tokens issued from the command line have no issuer behind them.
 */
async function issuerStillEntitled(
  ctx: ServiceContext,
  t: ApiToken,
  maxDays: number,
  depth = 0,
): Promise<boolean> {
  if (t.createdBy.startsWith('token:')) {
    if (depth >= MAX_ISSUER_CHAIN) return false;
    const parent = await findToken(ctx.store.db, t.createdBy.slice(6));
    return (
      parent !== null &&
      !parent.revokedAt &&
      Date.parse(expiryOf(parent, maxDays)) > Date.parse(ctx.clock.now()) &&
      decide(tokenPrincipal(parent), 'tokens.manage').allowed &&
      (await issuerStillEntitled(ctx, parent, maxDays, depth + 1))
    );
  }
  if (!t.createdBy.startsWith('user:')) return true;
  const issuer = await findUserById(ctx.store.db, t.createdBy.slice(5));
  return (
    issuer !== null &&
    issuer.status === 'active' &&
    decide(principalOf(issuer, 'session'), 'tokens.manage').allowed
  );
}

function tokenPrincipal(t: ApiToken): Principal {
  return { userId: null, role: t.role, states: t.states, donors: t.donors, via: 'token' };
}

/** Resolves a bearer token to the principal it stands for; null when unknown, revoked, expired or orphaned. */
export async function resolveToken(
  ctx: ServiceContext,
  token: string,
  maxDays: number = tokenMaxDays(),
): Promise<{ principal: Principal; tokenId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const t = await findTokenByHash(ctx.store.db, hashSecret(token));
  const now = ctx.clock.now();
  if (!t || t.revokedAt || Date.parse(expiryOf(t, maxDays)) <= Date.parse(now)) return null;
  if (!(await issuerStillEntitled(ctx, t, maxDays))) return null;
  if (!t.lastUsedAt || Date.parse(now) - Date.parse(t.lastUsedAt) > 60_000)
    await markTokenUsed(ctx.store.db, t.id, now);
  return { tokenId: t.id, principal: tokenPrincipal(t) };
}
