// Proposing how open requests could be met: free money in the ledger (a donor's balance under an earmark)
// and offers of assistance. A proposal only ever uses money whose earmark allows the request's purpose, and
// never more than a funding line holds, counting what earlier proposals in the same run already took. A
// human confirms a proposal; nothing here moves money.
//
// Requests are served in priority order (least developed, landlocked developing and small island developing
// States first, then the oldest request); each takes the most tightly earmarked money that fits it first, so
// general-purpose money stays free for requests nothing else can pay for. This greedy rule is simple to explain
// to a donor; it is not an optimal assignment, and the tests check its guarantees, not its optimality.
import { earmarkRefusal, type Earmark, type Purpose } from '../../funds/domain/earmarks.ts';

export interface MatchRequest {
  id: number;
  purpose: Purpose;
  /** What is still needed, in US cents. */
  need: bigint;
  priority: readonly string[];
  requestedOn: string;
}

export interface FundingLine {
  earmark: Earmark;
  donorId: string;
  /** Free balance, in US cents. */
  available: bigint;
}

export interface Offer {
  id: number;
  theme: string | null;
  region: string | null;
  instrumentId: string | null;
}

export interface Proposal {
  requestId: number;
  funding: Array<{ earmarkId: string; donorId: string; amount: bigint }>;
  offerIds: number[];
  shortfall: bigint;
}

const targetCount = (e: Earmark): number =>
  [e.instrumentId, e.region, e.countryId, e.theme, e.projectRef].filter((t) => t !== null).length;

function offerFits(offer: Offer, purpose: Purpose): boolean {
  return (
    (offer.theme === null || offer.theme === purpose.theme) &&
    (offer.region === null || offer.region === purpose.region) &&
    (offer.instrumentId === null || offer.instrumentId === purpose.instrumentId)
  );
}

export function proposeMatches(
  requests: readonly MatchRequest[],
  lines: readonly FundingLine[],
  offers: readonly Offer[],
): Proposal[] {
  const left = new Map(lines.map((l, i) => [i, l.available]));
  const order = [...requests].sort(
    (a, b) =>
      b.priority.length - a.priority.length ||
      (a.requestedOn < b.requestedOn ? -1 : a.requestedOn > b.requestedOn ? 1 : 0) ||
      a.id - b.id,
  );
  const ranked = lines
    .map((line, index) => ({ line, index }))
    .sort(
      (a, b) =>
        b.line.earmark.iatiCategory - a.line.earmark.iatiCategory ||
        targetCount(b.line.earmark) - targetCount(a.line.earmark) ||
        (a.line.earmark.id < b.line.earmark.id ? -1 : a.line.earmark.id > b.line.earmark.id ? 1 : 0) ||
        (a.line.donorId < b.line.donorId ? -1 : a.line.donorId > b.line.donorId ? 1 : 0),
    );
  return order.map((request) => {
    let need = request.need;
    const funding: Proposal['funding'] = [];
    for (const { line, index } of ranked) {
      if (need <= 0n) break;
      const free = left.get(index) ?? 0n;
      if (free <= 0n || earmarkRefusal(line.earmark, request.purpose) !== null) continue;
      const take = free < need ? free : need;
      funding.push({ earmarkId: line.earmark.id, donorId: line.donorId, amount: take });
      left.set(index, free - take);
      need -= take;
    }
    return {
      requestId: request.id,
      funding,
      offerIds: offers.filter((o) => offerFits(o, request.purpose)).map((o) => o.id),
      shortfall: need,
    };
  });
}
