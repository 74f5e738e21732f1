// Corrections: posted entries never change. A wrong transaction is undone by a reversal — the same entries
// with opposite signs, linked to what it reverses. A transaction is reversed at most once, a reversal is
// never itself reversed (record the transaction again instead), and a reversal that would take money the
// Fund no longer holds (a payment already allocated) is refused like any other posting.
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { ReversalInput } from '../contract.ts';
import { reversingEntries } from '../domain/ledger.ts';
import { findReversalOf, findTransaction, listEntries, lockTransaction, type Db } from '../repository.ts';
import { header, post } from './post.ts';

export async function reverse(
  ctx: ServiceContext,
  db: Db,
  transactionId: number,
  input: ReversalInput,
): Promise<number> {
  await lockTransaction(db, ctx.store.dialect === 'postgres', transactionId);
  const original = await findTransaction(db, transactionId);
  if (!original) throw notFound('transaction', String(transactionId));
  if (original.kind === 'reversal') {
    throw new DomainError(
      'conflict',
      `transaction ${transactionId} is itself a reversal; record the transaction again instead`,
    );
  }
  const already = await findReversalOf(db, transactionId);
  if (already !== null) {
    throw new DomainError(
      'conflict',
      `transaction ${transactionId} was already reversed by transaction ${already}`,
    );
  }
  if (input.bookedOn < original.bookedOn) {
    throw new DomainError(
      'validation',
      `a reversal cannot be booked before the transaction (${original.bookedOn})`,
      {
        field: 'bookedOn',
      },
    );
  }
  const entries = (await listEntries(db, [transactionId])).get(transactionId) ?? [];
  return post(ctx, db, {
    header: header('reversal', input.bookedOn, {
      donorId: original.donorId,
      earmarkId: original.earmarkId,
      allocationId: original.allocationId,
      pledgeId: original.pledgeId,
      reversesId: transactionId,
      reference: original.reference,
      memo: input.reason,
    }),
    entries: reversingEntries(entries),
    effectiveKind: original.kind,
    audit: { action: 'transaction.reverse', after: { reverses: transactionId, ...input } },
  });
}
