// Which earmarks a published fund statement shows apart (src/funds/domain/disclosure.ts), against an attacker
// who solves the published figures as linear equations (exact elimination, tests/funds/domain/equations.ts):
// over random years of donors and earmarks, no donor's amount to an earmark is ever determined by the donor
// totals and the shown lines — for an outsider or for a donor who knows its own amounts — beyond what the
// donor totals alone say; and the graph reasoning the code uses agrees with the elimination. A suppression
// by the rule of three alone (no complementary suppression) is shown to leak, so the check can fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closedYearEnd,
  determinedShares,
  earmarksShownApart,
  leakedShares,
  MIN_DONORS,
  publishedPeriod,
  type Share,
} from '../../../src/funds/domain/disclosure.ts';
import { DomainError } from '../../../src/common/errors.ts';
import { determinedByEquations } from './equations.ts';

const DONORS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'];
const EARMARKS = ['E1', 'E2', 'E3', 'E4', 'E5'];

/** A year: which donor gave to which earmark (amounts do not matter to what equations determine). */
const year = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...DONORS), fc.constantFrom(...EARMARKS)), {
    minLength: 1,
    maxLength: 20,
    selector: ([d, e]) => `${d} ${e}`,
  })
  .map((pairs) =>
    pairs.map(([donorId, earmarkId], i): Share => ({ donorId, earmarkId, amount: BigInt(100 + i) })),
  );

/** What the attacker determines, by elimination: the shares newly determined by the shown lines. */
function attack(shares: readonly Share[], shown: ReadonlySet<string>): Share[] {
  const leaked: Share[] = [];
  for (const observer of [null, ...new Set(shares.map((s) => s.donorId))]) {
    const unknown = shares.filter((s) => s.donorId !== observer);
    const donors = [...new Set(unknown.map((s) => s.donorId))];
    const sums = (keep: (s: Share) => boolean) => unknown.flatMap((s, i) => (keep(s) ? [i] : []));
    const totals = donors.map((d) => sums((s) => s.donorId === d));
    const lines = [...shown].map((e) => sums((s) => s.earmarkId === e));
    const before = determinedByEquations(totals, unknown.length);
    const after = determinedByEquations([...totals, ...lines], unknown.length);
    unknown.forEach((s, i) => after[i] && !before[i] && leaked.push(s));
  }
  return leaked;
}

const actorsOf = (shares: readonly Share[]) => {
  const out = new Map<string, Set<string>>();
  for (const s of shares) out.set(s.earmarkId, new Set([...(out.get(s.earmarkId) ?? []), s.donorId]));
  return out;
};

describe('published earmark lines', () => {
  it('the graph reasoning determines exactly what elimination determines', () => {
    fc.assert(
      fc.property(year, fc.subarray(EARMARKS), (shares, known) => {
        const byGraph = determinedShares(shares, new Set(known));
        const rows = [
          ...DONORS.map((d) => shares.flatMap((s, i) => (s.donorId === d ? [i] : []))),
          ...known.map((e) => shares.flatMap((s, i) => (s.earmarkId === e ? [i] : []))),
        ];
        const byElimination = determinedByEquations(rows, shares.length);
        expect(shares.map((s) => byGraph.has(s))).toEqual(byElimination);
      }),
      { numRuns: 300 },
    );
  });

  it('no shown line lets an outsider or a donor determine another donor’s amount', () => {
    fc.assert(
      fc.property(year, (shares) => {
        const actors = actorsOf(shares);
        const shown = earmarksShownApart(shares, actors, EARMARKS);
        for (const e of shown) expect((actors.get(e)?.size ?? 0) >= MIN_DONORS || !actors.has(e)).toBe(true);
        expect(attack(shares, shown)).toEqual([]);
        expect(leakedShares(shares, shown)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the rule of three alone leaks: total minus the shown lines is the one hidden earmark', () => {
    // D1 gives to E1 (with D2, D3) and alone to E2: E2 is hidden, but the total minus E1 is D1's E2 amount.
    const shares: Share[] = [
      { donorId: 'D1', earmarkId: 'E1', amount: 100n },
      { donorId: 'D2', earmarkId: 'E1', amount: 200n },
      { donorId: 'D3', earmarkId: 'E1', amount: 300n },
      { donorId: 'D1', earmarkId: 'E2', amount: 50n },
    ];
    const ruleOfThree = new Set(['E1']);
    expect(attack(shares, ruleOfThree)).toContainEqual(shares[3]);
    expect(leakedShares(shares, ruleOfThree)).toContainEqual(shares[3]);
    expect(earmarksShownApart(shares, actorsOf(shares), ['E1', 'E2'])).toEqual(new Set());
  });

  it('a shown line minus the totals of its single-earmark donors is refused too', () => {
    // E1 has D1, D2, D3; D2 and D3 gave to E1 only, so E1 − D2 − D3 would be D1's part, and D1 also gave to E2.
    const shares: Share[] = [
      { donorId: 'D1', earmarkId: 'E1', amount: 100n },
      { donorId: 'D2', earmarkId: 'E1', amount: 200n },
      { donorId: 'D3', earmarkId: 'E1', amount: 300n },
      { donorId: 'D1', earmarkId: 'E2', amount: 40n },
      { donorId: 'D4', earmarkId: 'E2', amount: 60n },
      { donorId: 'D5', earmarkId: 'E2', amount: 70n },
    ];
    expect(attack(shares, new Set(['E1', 'E2']))).not.toEqual([]);
    const shown = earmarksShownApart(shares, actorsOf(shares), ['E1', 'E2']);
    expect(attack(shares, shown)).toEqual([]);
  });
});

describe('published periods', () => {
  const TODAY = '2026-06-30';
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
      return null;
    } catch (e) {
      return e instanceof DomainError ? e.field : 'not a DomainError';
    }
  };

  it('are whole closed calendar years, the last one by default', () => {
    expect(publishedPeriod({}, TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(publishedPeriod({ to: '2021-12-31' }, TODAY)).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(publishedPeriod({ from: '2022-01-01' }, TODAY)).toEqual({ from: '2022-01-01', to: '2022-12-31' });
    expect(fieldOf(() => publishedPeriod({ to: '2025-12-30' }, TODAY))).toBe('to');
    expect(fieldOf(() => publishedPeriod({ to: '2026-12-31' }, TODAY))).toBe('to');
    expect(fieldOf(() => publishedPeriod({ from: '2026-01-01' }, TODAY))).toBe('from');
    expect(fieldOf(() => publishedPeriod({ from: '2024-01-01', to: '2025-12-31' }, TODAY))).toBe('from');
    expect(fieldOf(() => publishedPeriod({ to: '0001-12-31' }, TODAY))).toBe('to');
    expect(fieldOf(() => closedYearEnd('2025-12-31', '2026-01-01', 'to'))).toBe(null);
    expect(fieldOf(() => closedYearEnd('2025-12-31', '2025-12-31', 'to'))).toBe('to');
  });
});
