// Every audited write of the fund, of technical assistance, and of the registry when it comes with an
// Idempotency-Key, runs here: in one database transaction, with its idempotency key when it has one. The first
// answer to a key is stored with the write itself (same transaction) and replayed byte for byte to any retry;
// the same key with a different request is refused (409), so a retry can never write twice. A replay is sent
// only to a caller who may still make the write now: the write runs again and is rolled back, and a refusal
// for want of rights (403, 401, or 404 for a record the caller may no longer see) is answered instead.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/audit-log.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError, type ErrorCode } from '../common/errors.ts';
import type { Db } from './schema.ts';

export interface WriteAnswer {
  status: number;
  /** The JSON text sent to the client. */
  body: string;
  replayed: boolean;
}

/** What the write's own code returns: the answer, and a value for the caller (none when replayed). */
export interface WriteResult<V> {
  status: number;
  body: unknown;
  value?: V;
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Refusals that say the caller may not make the write (any other refusal of a re-run is expected). */
const NO_RIGHT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['forbidden', 'unauthorized', 'not_found']);

/** Thrown to roll back the re-run of a replayed write, carrying the stored answer out of the transaction. */
class Replay extends Error {
  constructor(readonly answer: WriteAnswer) {
    super('idempotent replay');
  }
}

/**
 * Runs the write again inside the replay's transaction (rolled back by the Replay thrown after it): the
 * route checked the caller's role before, this checks what the use case checks against the records (the
 * State or donor that owns them). The first write already happened, so other refusals (a conflict, a
 * balance) are expected and the stored answer stands.
 */
async function recheckRights(
  trx: Db,
  run: (db: Db) => Promise<unknown>,
  stored: WriteAnswer,
): Promise<never> {
  try {
    await run(trx);
  } catch (err) {
    if (err instanceof DomainError && NO_RIGHT.has(err.code)) throw err;
  }
  throw new Replay(stored);
}

export async function runWrite<V = never>(
  ctx: ServiceContext,
  request: { key: string | null; operation: string; payload: unknown },
  run: (db: Db) => Promise<WriteResult<V>>,
): Promise<WriteAnswer & { value?: V }> {
  if (request.key !== null && !IDEMPOTENCY_KEY.test(request.key)) {
    throw new DomainError('validation', 'an Idempotency-Key is 8-128 letters, digits, "_", ".", ":" or "-"', {
      field: 'Idempotency-Key',
    });
  }
  const hash = createHash('sha256')
    .update(canonicalJson([request.operation, request.payload]))
    .digest('hex');
  try {
    return await ctx.store.db.transaction().execute(async (trx) => {
      if (request.key !== null) {
        const claim = await claimIdempotencyKey(trx, ctx.actor, request.key, hash, ctx.clock.now());
        if (!claim.claimed) {
          if (claim.requestHash !== hash) {
            throw new DomainError(
              'conflict',
              'this Idempotency-Key was used for a different request; use a new key for a new request',
              { field: 'Idempotency-Key' },
            );
          }
          if (claim.status === null || claim.body === null) {
            throw new DomainError('conflict', 'the first request with this Idempotency-Key is still running');
          }
          return recheckRights(trx, run, { status: claim.status, body: claim.body, replayed: true });
        }
      }
      const result = await run(trx);
      const body = JSON.stringify(result.body);
      if (request.key !== null) await storeIdempotentAnswer(trx, ctx.actor, request.key, result.status, body);
      return { status: result.status, body, replayed: false, value: result.value };
    });
  } catch (err) {
    if (err instanceof Replay) return err.answer;
    throw err;
  }
}

/** Claims a key for this request, or returns the stored answer (or the conflicting hash) of an earlier one. */
async function claimIdempotencyKey(
  db: Db,
  scope: string,
  key: string,
  requestHash: string,
  now: string,
): Promise<
  { claimed: true } | { claimed: false; requestHash: string; status: number | null; body: string | null }
> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: requestHash, status: null, body: null, created_at: now })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return { claimed: false, requestHash: row.request_hash, status: row.status, body: row.body };
}

async function storeIdempotentAnswer(
  db: Db,
  scope: string,
  key: string,
  status: number,
  body: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status, body })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}
