// Counting failed sign-ins and wrong codes per account, in the database (domain/lockout.ts has the rule).
// The account key is a digest of the email whether or not an account has it: an unknown email is counted and
// locked exactly like a known one, so the answers never tell which emails exist.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import { afterFailure, FORGET_AFTER_MS, lockRemainingMs, type FailureCount } from '../domain/lockout.ts';
import {
  clearFailures,
  findFailures,
  findFailuresOf,
  lockFailures,
  saveFailures,
  sweepFailures,
} from '../lockout-repository.ts';
import { findUserById, type User } from '../repository.ts';
import { hashSecret, presentUser } from './accounts.ts';
import type { AdminUserView } from '../contract.ts';

/** Refusal while an account backs off: 429 with Retry-After (set by the auth hooks, auth/http.ts). */
export class AccountLocked extends Error {
  readonly statusCode = 429;
  readonly code = 'account_locked';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed attempts for this account: try again in ${retryAfterSeconds} seconds`);
    this.name = 'AccountLocked';
  }
}

export const accountKey = (email: string): string => hashSecret(`account:${email.trim().toLowerCase()}`);

export async function checkNotLocked(ctx: ServiceContext, key: string): Promise<void> {
  const remaining = lockRemainingMs(await findFailures(ctx.store.db, key), ctx.clock.now());
  if (remaining > 0) throw new AccountLocked(Math.ceil(remaining / 1000));
}

/** Counts one failure; a failure that locks the account is audited. Returns whether it locked it. */
export async function recordFailure(
  ctx: ServiceContext,
  key: string,
  who: { userId: string | null; kind: 'password' | 'code'; ip: string | null },
): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.store.db.transaction().execute(async (trx) => {
    const previous = await lockFailures(trx, key, now, ctx.store.dialect === 'postgres');
    const { count, locked } = afterFailure(previous, now);
    await saveFailures(trx, key, count);
    if (locked) {
      await audit({ ...ctx, actor: who.userId ? `user:${who.userId}` : 'anonymous' }, trx, {
        action: 'account.locked',
        entity: 'user',
        entityId: who.userId,
        after: { lockedUntil: count.lockedUntil, failures: count.failures, after: who.kind, ip: who.ip },
      });
    }
    await sweepFailures(trx, new Date(Date.parse(now) - FORGET_AFTER_MS).toISOString());
    return locked;
  });
}

export async function recordSuccess(ctx: ServiceContext, key: string): Promise<void> {
  await clearFailures(ctx.store.db, key);
}

/** What administrators see of an account's sign-in failures; a lock that has run out shows as none. */
export function signInState(count: FailureCount | undefined, now: string) {
  return {
    failures: count?.failures ?? 0,
    lastFailureAt: count?.lastFailureAt ?? null,
    lockedUntil: count && lockRemainingMs(count, now) > 0 ? count.lockedUntil : null,
  };
}

export function presentAdminUser(user: User, count: FailureCount | undefined, now: string): AdminUserView {
  return { ...presentUser(user), signIn: signInState(count, now) };
}

export async function presentAdminUsers(ctx: ServiceContext, users: User[]) {
  const counts = await findFailuresOf(
    ctx.store.db,
    users.map((u) => accountKey(u.email)),
  );
  const now = ctx.clock.now();
  return users.map((u) => presentAdminUser(u, counts.get(accountKey(u.email)), now));
}

/** An administrator lifts a lock and forgets the failures (audited). */
export async function unlockUser(ctx: ServiceContext, id: string) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, id);
    if (!user) throw new DomainError('not_found', `user ${id} does not exist`, { field: 'userId' });
    const key = accountKey(user.email);
    const before = signInState((await findFailures(trx, key)) ?? undefined, ctx.clock.now());
    await clearFailures(trx, key);
    await audit(ctx, trx, { action: 'account.unlock', entity: 'user', entityId: id, before });
    return presentAdminUser(user, undefined, ctx.clock.now());
  });
}
