// What every fund-ledger repository file shares: the store handle, and minor units read as bigint.
import type { Db } from '../../treaties/repository.ts';

export type { Db };

/** Minor units as read from either store (a number, or a string for sums on PostgreSQL) → bigint. */
export const big = (v: number | bigint | string | null | undefined): bigint =>
  v === null || v === undefined ? 0n : typeof v === 'bigint' ? v : BigInt(v);
