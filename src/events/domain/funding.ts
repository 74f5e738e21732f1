// Funded participation (issue 14, item 5): what the Fund pays for a participant — travel and the daily
// subsistence allowance (DSA) — and the figures of an event's funding: budget against actual spending.
// Pure: amounts are integer minor units of US dollars, the currency of the Fund's books.

export const COST_KINDS = ['travel', 'dsa'] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** The ledger's purpose reference of an event's allocations: `EVT-12`. */
export const eventRef = (eventId: number): string => `EVT-${eventId}`;

export interface FundingFigures {
  budget: bigint | null;
  allocated: bigint;
  spent: bigint;
  supportCosts: bigint;
}

/**
 * Budget against actual: what was spent counts with its programme support costs (both leave the
 * allocation); `remaining` is what the budget still allows, negative when spending went over it, and
 * `unallocated` what is budgeted but not yet allocated from any earmark.
 */
export function budgetAgainstActual(f: FundingFigures): {
  actual: bigint;
  unspent: bigint;
  remaining: bigint | null;
  unallocated: bigint | null;
} {
  const actual = f.spent + f.supportCosts;
  return {
    actual,
    unspent: f.allocated - actual,
    remaining: f.budget === null ? null : f.budget - actual,
    unallocated: f.budget === null ? null : f.budget > f.allocated ? f.budget - f.allocated : 0n,
  };
}
