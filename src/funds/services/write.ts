// Every write to the fund runs here: in one database transaction, with its idempotency key when it has one.
// The first answer to a key is stored with the write itself (same transaction) and replayed byte for byte to
// any retry; the same key with a different request is refused (409), so a retry can never post twice.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import { claimIdempotencyKey, storeIdempotentAnswer, type Db } from '../repository.ts';

export interface WriteAnswer {
  status: number;
  /** The JSON text sent to the client. */
  body: string;
  replayed: boolean;
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export async function runWrite(
  ctx: ServiceContext,
  request: { key: string | null; operation: string; payload: unknown },
  run: (db: Db) => Promise<{ status: number; body: unknown }>,
): Promise<WriteAnswer> {
  if (request.key !== null && !IDEMPOTENCY_KEY.test(request.key)) {
    throw new DomainError('validation', 'an Idempotency-Key is 8-128 letters, digits, "_", ".", ":" or "-"', {
      field: 'Idempotency-Key',
    });
  }
  const hash = createHash('sha256')
    .update(canonicalJson([request.operation, request.payload]))
    .digest('hex');
  return ctx.store.db.transaction().execute(async (trx) => {
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
        return { status: claim.status, body: claim.body, replayed: true };
      }
    }
    const result = await run(trx);
    const body = JSON.stringify(result.body);
    if (request.key !== null) await storeIdempotentAnswer(trx, ctx.actor, request.key, result.status, body);
    return { status: result.status, body, replayed: false };
  });
}
