// What the public may learn from the ledger: published aggregates only. A donor's payments are confidential
// (its date and amount are between the donor and the Secretariat); what is published is each donor's total
// for a closed calendar year, and the Fund's statement of a closed year with its earmarks shown apart only
// where that reveals no donor's own amount. Any figure for a period ending on an arbitrary day would let
// anyone rebuild each payment by asking for consecutive days, so the public asks for whole closed years.
//
// Earmarks: a line for an earmark given by fewer than MIN_DONORS donors in the year would be a donor's own
// amount, so it is merged into "other earmarks". That is not enough: the published donor totals of the year
// (contributions by year and donor) and the shown lines are linear equations in the unknown amounts x(d, e)
// that donor d gave to earmark e, and a difference of them can isolate one (a total minus the shown lines
// gives the only hidden earmark; a shown line minus the totals of donors who gave to it alone gives the last
// donor's part). So the choice is checked as a system of equations: no x(d, e) may be determined by the
// published figures, for an outsider or for any one donor who knows its own amounts, unless the donor totals
// alone already determine it (a donor who gave to one earmark only). While one is, one more earmark is merged
// (complementary suppression). Each year is decided on its own figures and published lines hold the year's
// movements only (no cumulative earmark balances), so differences across years add no equation.
import { DomainError } from '../../common/errors.ts';
import { LEDGER_FIRST_DAY } from './ledger.ts';

/** Fewer donors than this in an earmark's year and the line is a donor's own amount (the "rule of three"). */
export const MIN_DONORS = 3;

/** The key of the merged line; earmark ids are capitals, so it cannot be one. */
export const OTHER_EARMARKS = 'other';

/** The last calendar year that has ended, by the service clock. */
export function lastClosedYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** A closed calendar year, given as its last day (`YYYY-12-31`); else a 422 at `field`. */
export function closedYearEnd(day: string, today: string, field: string): number {
  const year = Number(day.slice(0, 4));
  const last = lastClosedYear(today);
  const why =
    day.slice(4) !== '-12-31'
      ? 'published figures are for whole calendar years: give the last day of a year (YYYY-12-31)'
      : year > last
        ? `published figures are for closed years: the last one is ${last} (ends ${last}-12-31)`
        : day < LEDGER_FIRST_DAY
          ? `the Fund's ledger starts on ${LEDGER_FIRST_DAY}`
          : null;
  if (why) throw new DomainError('validation', why, { field });
  return year;
}

/**
 * The period of a published fund statement: one closed calendar year (by default the last one). `to` must
 * be its last day and `from` (if given) its first; anything else is refused at the field.
 */
export function publishedPeriod(
  query: { from?: string | undefined; to?: string | undefined },
  today: string,
): { from: string; to: string } {
  let year = lastClosedYear(today);
  if (query.to !== undefined) year = closedYearEnd(query.to, today, 'to');
  else if (query.from !== undefined) year = Number(query.from.slice(0, 4));
  const from = `${year}-01-01`;
  if (query.from !== undefined && query.from !== from) {
    throw new DomainError(
      'validation',
      `published figures are for one whole calendar year: the period starts on ${from}`,
      { field: 'from' },
    );
  }
  const to = closedYearEnd(`${year}-12-31`, today, query.to !== undefined ? 'to' : 'from');
  return { from, to: `${to}-12-31` };
}

/** A donor's net contribution to an earmark in the year (non-zero). */
export interface Share {
  donorId: string;
  earmarkId: string;
  amount: bigint;
}

/**
 * The earmarks a published statement of the year may show apart; every other earmark with money of donors
 * goes into the "other earmarks" line. `actors` are the donors whose own money moved in each earmark in the
 * year (contributions, refunds, transfers); an earmark in which no donor's money moved (interest, allocations
 * and spending only) holds no donor's amount and is shown.
 */
export function earmarksShownApart(
  shares: readonly Share[],
  actors: ReadonlyMap<string, ReadonlySet<string>>,
  earmarks: Iterable<string>,
): Set<string> {
  const live = shares.filter((s) => s.amount !== 0n);
  const shown = new Set(
    [...earmarks].filter((e) => {
      const n = actors.get(e)?.size ?? 0;
      return n === 0 || n >= MIN_DONORS;
    }),
  );
  const size = new Map<string, bigint>();
  for (const s of live) size.set(s.earmarkId, (size.get(s.earmarkId) ?? 0n) + s.amount);
  for (;;) {
    const leaked = leakedShares(live, shown);
    if (leaked.length === 0) return shown;
    // Merge a shown earmark of a donor whose amount leaks, the smallest first (it loses the least).
    const exposed = new Set(leaked.map((s) => s.donorId));
    const candidates = [...shown].filter((e) =>
      live.some((s) => s.earmarkId === e && exposed.has(s.donorId)),
    );
    const pool = candidates.length > 0 ? candidates : [...shown];
    if (pool.length === 0) return shown; // nothing shown apart leaks nothing: a safeguard, never reached
    pool.sort((a, b) => {
      const d = (size.get(a) ?? 0n) - (size.get(b) ?? 0n);
      return d < 0n ? -1 : d > 0n ? 1 : a < b ? -1 : 1;
    });
    shown.delete(pool[0] as string);
  }
}

/**
 * The shares that the published figures (the donor totals of the year and the lines of the `shown` earmarks)
 * determine, for an outsider or for any one donor knowing its own shares, beyond what the donor totals alone
 * determine.
 *
 * The equations form a bipartite graph: donors and earmarks are vertices, each share an edge, and a vertex
 * whose sum is published (every donor; a shown earmark) is "known". A share is determined exactly when its
 * edge is a bridge with only known vertices on one side: the sums of that side's donors minus those of its
 * earmarks give it. Otherwise it lies on a cycle, or on a path between two hidden earmarks, and amounts can
 * move along that cycle or path without changing any published figure.
 */
export function leakedShares(shares: readonly Share[], shown: ReadonlySet<string>): Share[] {
  const donors = [...new Set(shares.map((s) => s.donorId))];
  const leaked = new Set<Share>();
  for (const observer of [null, ...donors]) {
    const unknown = shares.filter((s) => s.donorId !== observer);
    const already = determinedShares(unknown, new Set());
    for (const s of determinedShares(unknown, shown)) if (!already.has(s)) leaked.add(s);
  }
  return [...leaked];
}

/** The shares determined by the donor totals and the sums of the `known` earmarks (see leakedShares). */
export function determinedShares(shares: readonly Share[], known: ReadonlySet<string>): Set<Share> {
  const vertex = (kind: 'd' | 'e', id: string) => `${kind}:${id}`;
  const edges = new Map<string, Share[]>();
  for (const s of shares) {
    for (const v of [vertex('d', s.donorId), vertex('e', s.earmarkId)])
      edges.set(v, [...(edges.get(v) ?? []), s]);
  }
  const ends = (s: Share) => [vertex('d', s.donorId), vertex('e', s.earmarkId)] as const;
  /** The vertices reached from `start` without crossing `cut`. */
  const reach = (start: string, cut: Share): Set<string> => {
    const seen = new Set([start]);
    const todo = [start];
    for (let v = todo.pop(); v !== undefined; v = todo.pop()) {
      for (const s of edges.get(v) ?? []) {
        if (s === cut) continue;
        for (const w of ends(s)) if (!seen.has(w)) (seen.add(w), todo.push(w));
      }
    }
    return seen;
  };
  const allKnown = (side: Set<string>) => [...side].every((v) => v.startsWith('d:') || known.has(v.slice(2)));
  const out = new Set<Share>();
  for (const s of shares) {
    const [d, e] = ends(s);
    const side = reach(d, s);
    if (side.has(e)) continue; // on a cycle
    if (allKnown(side) || allKnown(reach(e, s))) out.add(s);
  }
  return out;
}
