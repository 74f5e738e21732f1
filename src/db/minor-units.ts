/** Minor units as read from either store (a number, or a string for sums on PostgreSQL) → bigint. */
export const big = (v: number | bigint | string | null | undefined): bigint =>
  v === null || v === undefined ? 0n : typeof v === 'bigint' ? v : BigInt(v);
