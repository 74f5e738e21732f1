// How an account backs off after failed sign-ins or wrong codes (OWASP ASVS 5.0 V6.3, NIST SP 800-63B
// §5.2.2 "rate limiting"). Pure: the counts come from and go back to the database (auth/lockout-repository.ts).
//
// After MAX_FAILURES failures in a row the account is locked for 1 minute, then 2, 4, 8, and at most 15
// minutes at each new lock within a day. A lock is never permanent: anyone who knows an email could
// otherwise lock its owner out for ever. At the ceiling an attacker gets 5 guesses per 15 minutes (480 a
// day), which the length rule and the common-password list (passwords.ts) make useless, and the owner is
// kept out at most 15 minutes at a time (an administrator can lift the lock at once).

export const MAX_FAILURES = 5;
/** Wrong codes a session waiting for its second factor may send before it is ended. */
export const MAX_MFA_FAILURES_PER_SESSION = 5;
export const FIRST_LOCK_MS = 60_000;
export const LONGEST_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten: a typo last week does not count towards today's lock. */
export const FORGET_AFTER_MS = 24 * 3_600_000;

export interface FailureCount {
  failures: number;
  lockouts: number;
  lockedUntil: string | null;
  lastFailureAt: string;
}

/** Milliseconds the account must still wait; 0 when it is not locked. */
export function lockRemainingMs(count: FailureCount | null, now: string): number {
  if (!count?.lockedUntil) return 0;
  return Math.max(0, Date.parse(count.lockedUntil) - Date.parse(now));
}

export function lockDurationMs(lockouts: number): number {
  return Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(lockouts, 20));
}

/** The count after one more failure at `now`, and whether this failure locked the account. */
export function afterFailure(
  previous: FailureCount | null,
  now: string,
): { count: FailureCount; locked: boolean } {
  const stale = previous === null || Date.parse(now) - Date.parse(previous.lastFailureAt) > FORGET_AFTER_MS;
  // A lock that has run out starts a new run of MAX_FAILURES; the lockouts go on counting for the back-off.
  const failures = (stale || previous.lockedUntil !== null ? 0 : previous.failures) + 1;
  const lockouts = stale ? 0 : previous.lockouts;
  if (failures < MAX_FAILURES) {
    return { count: { failures, lockouts, lockedUntil: null, lastFailureAt: now }, locked: false };
  }
  const lockedUntil = new Date(Date.parse(now) + lockDurationMs(lockouts)).toISOString();
  // The count keeps the failures that caused the lock: administrators see them.
  return { count: { failures, lockouts: lockouts + 1, lockedUntil, lastFailureAt: now }, locked: true };
}
