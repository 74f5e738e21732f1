// The property test can fail: with a rule of the ledger broken on purpose (vi.mock of the domain module, this
// file only), fast-check must find a history that breaks an invariant. Two broken builds: allocations may be
// overspent (mustStayNonNegative/applyEntries no longer guard allocated/*), and earmarks no longer refuse a
// purpose (earmarkRefusal always null). The invariants keep the real rules (the earmark check is passed the
// actual implementation; non-negative balances are checked on the cache itself), so they see the breakage.
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as Earmarks from '../../src/funds/domain/earmarks.ts';
import type * as Ledger from '../../src/funds/domain/ledger.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { DONORS, MODEL_EARMARKS, MODEL_MONTHS, type Action } from './model/arbitraries.ts';
import { ledgerProperty, propertySeed } from './model/property.ts';
import { createModelStore } from './model/runner.ts';

const broken = vi.hoisted(() => ({ overspend: false, earmarks: false }));

vi.mock('../../src/funds/domain/ledger.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Ledger>();
  /** Lent to every allocation for the duration of the check, then taken back: the guard no longer holds. */
  const LENT = 10n ** 15n;
  const isAllocation = (account: string) => account.startsWith('allocated/');
  const applyEntries: typeof real.applyEntries = (entries, balances, ...rest) => {
    if (!broken.overspend) return real.applyEntries(entries, balances, ...rest);
    const lent = new Map(balances);
    for (const e of entries.filter((x) => isAllocation(x.account))) {
      const key = real.balanceKey(e.account, e.currency);
      lent.set(key, (balances.get(key) ?? 0n) + LENT);
    }
    return real
      .applyEntries(entries, lent, ...rest)
      .map((c) => (isAllocation(c.account) ? { ...c, before: c.before - LENT, after: c.after - LENT } : c));
  };
  const mustStayNonNegative = (account: string) =>
    broken.overspend ? account.startsWith('available/') : real.mustStayNonNegative(account);
  return { ...real, applyEntries, mustStayNonNegative };
});

vi.mock('../../src/funds/domain/earmarks.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Earmarks>();
  const earmarkRefusal: typeof real.earmarkRefusal = (e, p) =>
    broken.earmarks ? null : real.earmarkRefusal(e, p);
  return { ...real, earmarkRefusal };
});

const actual = await vi.importActual<typeof Earmarks>('../../src/funds/domain/earmarks.ts');
const checkers = { earmarkRefusal: actual.earmarkRefusal };

const store = await createModelStore({
  donors: DONORS.map((id) => ({ id })),
  earmarks: MODEL_EARMARKS,
  months: MODEL_MONTHS,
});
afterAll(async () => store.close());

/** Runs the property against the build as it now is: the failure found, if any. */
async function hunt(runs: number): Promise<fc.RunDetails<[Action[], number]>> {
  const seed = propertySeed();
  console.log(`broken-build hunt (${STORE_KIND}): seed ${seed}, up to ${runs} runs`);
  return fc.check(ledgerProperty(store, checkers), { numRuns: runs, seed, endOnFailure: true });
}

describe(`the ledger property can fail (${STORE_KIND})`, () => {
  it('passes on the real build (the control)', async () => {
    expect((await hunt(10)).failed).toBe(false);
  }, 300_000);

  it.each([
    [
      'overspend',
      'a history that overspends an allocation when the guard is broken',
      // Negative now, or (reconciliation walks each account in date order) at the end of an earlier day.
      /allocated\/\d+ (is negative|USD was below zero on \d{4}-\d{2}-\d{2})/,
    ],
    ['earmarks', 'an allocation that breaks its earmark when earmarks refuse nothing', /breaks its earmark/],
  ] as const)(
    '%s: finds %s',
    async (flag, _what, expected) => {
      broken[flag] = true;
      try {
        const result = await hunt(300);
        expect(result.failed, 'fast-check found no counterexample').toBe(true);
        expect(String(result.errorInstance)).toMatch(expected);
        console.log(
          `counterexample after ${result.numRuns} run(s): ${String(result.errorInstance).slice(0, 300)}`,
        );
      } finally {
        broken[flag] = false;
      }
    },
    300_000,
  );
});
