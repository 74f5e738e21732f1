// A small seeded pseudo-random generator for the illustrative demo data (mulberry32): integer arithmetic only,
// so the same seed gives the same sequence on every machine and every Node version. Never Math.random, and
// never for anything secret.

export interface Prng {
  /** The next unsigned 32-bit integer. */
  next(): number;
  /** An integer from lo to hi, both included (hi − lo below 2^32). */
  int(lo: number, hi: number): number;
  /** A bigint from lo to hi, both included. */
  big(lo: bigint, hi: bigint): bigint;
  /** True `percent` times in a hundred. */
  chance(percent: number): boolean;
  pick<T>(list: readonly T[]): T;
}

export function seededPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (lo: number, hi: number): number => lo + (next() % (hi - lo + 1));
  return {
    next,
    int,
    big: (lo, hi) => {
      // Two draws give 64 bits: enough for any demo amount.
      const wide = (BigInt(next()) << 32n) | BigInt(next());
      return lo + (wide % (hi - lo + 1n));
    },
    chance: (percent) => int(0, 99) < percent,
    pick<T>(list: readonly T[]): T {
      if (list.length === 0) throw new RangeError('nothing to pick from');
      return list[int(0, list.length - 1)] as T;
    },
  };
}
