// The parts of a fund statement that differ when it is published (asked by the public, or by anyone not
// entitled to the ledger's detail): earmark lines that hold no donor's own amount, with the year's movements
// only, and a pledge note without a currency only one or two donors pledge in. See domain/disclosure.ts.
import { earmarksShownApart, MIN_DONORS, OTHER_EARMARKS, type Share } from '../domain/disclosure.ts';
import { USD } from '../domain/ledger.ts';
import type { FlowRow } from '../repository.ts';

/** Kinds of transaction that move a donor's own money (the Fund's interest, allocations and spending do not). */
const DONOR_KINDS = new Set(['contribution', 'refund', 'transfer']);

export interface EarmarkGroups {
  /** The key of each earmark's line: itself, or OTHER_EARMARKS. */
  lineOf: (earmarkId: string) => string;
}

/**
 * Decides which earmarks a published statement shows apart, from the period's flows. `fundDonors` are the
 * Fund's own funding lines (interest), which are no donor's money.
 */
export function publishedEarmarks(
  period: readonly FlowRow[],
  fundDonors: ReadonlySet<string>,
): EarmarkGroups {
  const shares = new Map<string, Share>();
  const actors = new Map<string, Set<string>>();
  const earmarks = new Set<string>();
  for (const f of period) {
    if (f.currency !== USD || !f.account.startsWith('available/') || !f.earmarkId) continue;
    earmarks.add(f.earmarkId);
    if (!f.donorId || fundDonors.has(f.donorId) || !DONOR_KINDS.has(f.kind)) continue;
    const who = actors.get(f.earmarkId) ?? new Set<string>();
    who.add(f.donorId);
    actors.set(f.earmarkId, who);
    if (f.kind !== 'contribution') continue;
    const key = `${f.donorId}\u0000${f.earmarkId}`;
    const s = shares.get(key) ?? { donorId: f.donorId, earmarkId: f.earmarkId, amount: 0n };
    s.amount += f.amount;
    shares.set(key, s);
  }
  const shown = earmarksShownApart([...shares.values()], actors, earmarks);
  return { lineOf: (e) => (shown.has(e) ? e : OTHER_EARMARKS) };
}

/** The pledge note keeps a currency only when at least MIN_DONORS donors have pledges outstanding in it. */
export function publishedPledgeCurrencies(
  pledges: ReadonlyArray<{ donorId: string; pledged: { currency: string }; outstanding: { amount: string } }>,
): Set<string> {
  const donors = new Map<string, Set<string>>();
  for (const p of pledges) {
    if (!/[1-9]/.test(p.outstanding.amount)) continue;
    const set = donors.get(p.pledged.currency) ?? new Set<string>();
    set.add(p.donorId);
    donors.set(p.pledged.currency, set);
  }
  return new Set([...donors].filter(([, set]) => set.size >= MIN_DONORS).map(([c]) => c));
}
