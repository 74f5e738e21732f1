// The only place with SQL for failed sign-ins and wrong codes (domain/lockout.ts says what they lead to).
import type { Db } from '../db/schema.ts';
import type { FailureCount } from './domain/lockout.ts';

const toCount = (r: {
  failures: number;
  lockouts: number;
  locked_until: string | null;
  last_failure_at: string;
}): FailureCount => ({
  failures: Number(r.failures),
  lockouts: Number(r.lockouts),
  lockedUntil: r.locked_until,
  lastFailureAt: r.last_failure_at,
});

export async function findFailures(db: Db, key: string): Promise<FailureCount | null> {
  const r = await db.selectFrom('sign_in_failures').selectAll().where('key', '=', key).executeTakeFirst();
  return r ? toCount(r) : null;
}

export async function findFailuresOf(db: Db, keys: string[]): Promise<Map<string, FailureCount>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('sign_in_failures').selectAll().where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, toCount(r)]));
}

/**
 * Reads a key's count for a change, inside a transaction: the row is created first (so there is one to
 * lock) and, on PostgreSQL, locked, so that two processes counting the same account do not both read the
 * same number. SQLite has one writer at a time already.
 */
export async function lockFailures(
  trx: Db,
  key: string,
  now: string,
  postgres: boolean,
): Promise<FailureCount | null> {
  await trx
    .insertInto('sign_in_failures')
    .values({ key, failures: 0, lockouts: 0, locked_until: null, last_failure_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const query = trx.selectFrom('sign_in_failures').selectAll().where('key', '=', key);
  const r = await (postgres ? query.forUpdate() : query).executeTakeFirstOrThrow();
  // A row just made holds no failure yet.
  return Number(r.failures) === 0 && Number(r.lockouts) === 0 && r.locked_until === null ? null : toCount(r);
}

export async function saveFailures(trx: Db, key: string, c: FailureCount): Promise<void> {
  await trx
    .updateTable('sign_in_failures')
    .set({
      failures: c.failures,
      lockouts: c.lockouts,
      locked_until: c.lockedUntil,
      last_failure_at: c.lastFailureAt,
    })
    .where('key', '=', key)
    .execute();
}

/** Forgets a key's failures (a success, or an administrator lifting the lock). */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}

/** Drops counts last touched before `before`: an attacker trying made-up emails leaves no lasting rows. */
export async function sweepFailures(db: Db, before: string): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where('last_failure_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .execute();
}

export async function countMfaFailure(trx: Db, sessionIdHash: string): Promise<number> {
  await trx
    .updateTable('sessions')
    .set((eb) => ({ mfa_failures: eb('mfa_failures', '+', 1) }))
    .where('id_hash', '=', sessionIdHash)
    .execute();
  const r = await trx
    .selectFrom('sessions')
    .select('mfa_failures')
    .where('id_hash', '=', sessionIdHash)
    .executeTakeFirst();
  return Number(r?.mfa_failures ?? 0);
}
