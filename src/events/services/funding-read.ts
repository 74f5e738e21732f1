// An event's funding as the viewer may read it: the Secretariat sees the budget, every allocation and every
// participant paid for (with names until they are erased); a donor sees only its own allocations and the
// participants its money paid for, without names and without the budget. Anyone else, and a donor whose
// money paid nothing of the event, is answered 404. Totals come from the ledger's balances (so a reversal
// counts), the per-participant amounts from the costs recorded with their transactions.
import { notFound } from '../../common/errors.ts';
import { formatAmount, parseAmount } from '../../funds/domain/money.ts';
import { listDonors, listEarmarks, listTransactions } from '../../funds/services/lookups.ts';
import { allocationViews, type AllocationView } from '../../funds/services/queries.ts';
import { listDelegates, listDelegations } from '../delegations-repository.ts';
import { budgetAgainstActual, eventRef, type CostKind } from '../domain/funding.ts';
import type { EventFundingView } from '../funding-contract.ts';
import { findBudget, listFundedCosts, type FundedCostRecord } from '../funding-repository.ts';
import { findEvent, type Db } from '../repository.ts';
import { loadStateBook } from './events.ts';
import type { FundingViewer } from './viewer.ts';

const usd = (minor: bigint) => formatAmount(minor, 2);
const minor = (text: string) => parseAmount(text, 2);
const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);

/** Transactions of these allocations that a later reversal undid. */
async function reversedAmong(db: Db, allocations: readonly AllocationView[]) {
  const reversed = new Set<number>();
  const bookedOn = new Map<number, string>();
  for (const a of allocations) {
    for (const t of await listTransactions(db, { allocationId: a.id, limit: 100_000 })) {
      if (t.reversesId !== null) reversed.add(t.reversesId);
      if (t.kind === 'allocation') bookedOn.set(a.id, t.bookedOn);
    }
  }
  return { reversed, bookedOn };
}

async function participantsOf(
  db: Db,
  eventId: number,
  costs: readonly FundedCostRecord[],
  reversed: ReadonlySet<number>,
  withNames: boolean,
  names: Map<string, string>,
): Promise<EventFundingView['participants']> {
  const delegations = await listDelegations(db, eventId, null);
  const people = await listDelegates(
    db,
    delegations.map((d) => d.id),
  );
  const ids = [...new Set(costs.map((c) => c.delegateId))];
  return ids.flatMap((delegateId) => {
    const person = people.find((p) => p.id === delegateId);
    const state = delegations.find((d) => d.id === person?.delegationId)?.state;
    if (!person || !state) return [];
    const mine = costs.filter((c) => c.delegateId === delegateId);
    const live = mine.filter((c) => !reversed.has(c.transactionId));
    const of = (kind: CostKind) => sum(live.filter((c) => c.kind === kind).map((c) => c.amount));
    const psc = sum(live.map((c) => c.supportCosts));
    const name = [person.title, person.givenName, person.familyName].filter(Boolean).join(' ');
    return [
      {
        delegateId,
        state: { id: state, name: names.get(state) ?? state },
        category: person.category,
        name: withNames && person.familyName !== null ? name : null,
        travel: usd(of('travel')),
        dsa: usd(of('dsa')),
        supportCosts: usd(psc),
        total: usd(of('travel') + of('dsa') + psc),
        payments: mine.map((c) => ({
          id: c.id,
          kind: c.kind,
          allocationId: c.allocationId,
          transactionId: c.transactionId,
          bookedOn: c.bookedOn,
          amount: usd(c.amount),
          supportCosts: usd(c.supportCosts),
          reversed: reversed.has(c.transactionId),
        })),
      },
    ];
  });
}

export async function eventFunding(
  db: Db,
  viewer: FundingViewer | null,
  eventId: number,
): Promise<EventFundingView> {
  const event = await findEvent(db, eventId);
  if (!event || !viewer) throw notFound('event funding', String(eventId));
  const all = (await allocationViews(db, { purposeRef: eventRef(eventId) })).filter(
    (a) => a.purpose.kind === 'event',
  );
  const secretariat = viewer.kind === 'secretariat';
  const allocations = secretariat ? all : all.filter((a) => viewer.donors.includes(a.donorId));
  // A donor whose money paid nothing of this event learns nothing of its funding, not even that it has any.
  if (!secretariat && allocations.length === 0) throw notFound('event funding', String(eventId));
  const ids = new Set(allocations.map((a) => a.id));
  const costs = (await listFundedCosts(db, eventId)).filter((c) => ids.has(c.allocationId));
  const { reversed, bookedOn } = await reversedAmong(db, allocations);
  const [donors, earmarks, book] = [await listDonors(db), await listEarmarks(db), await loadStateBook(db)];
  const allocated = sum(allocations.map((a) => minor(a.allocated.amount)));
  const spent = sum(allocations.map((a) => minor(a.spent.amount)));
  const supportCosts = sum(allocations.map((a) => minor(a.supportCosts.amount)));
  const budget = secretariat ? await findBudget(db, eventId) : null;
  const figures = budgetAgainstActual({ budget, allocated, spent, supportCosts });
  const named = (id: string, list: ReadonlyArray<{ id: string; name: string }>) => ({
    id,
    name: list.find((x) => x.id === id)?.name ?? id,
  });
  return {
    eventId,
    currency: 'USD',
    scope: secretariat ? 'all' : 'own',
    budget: budget === null ? null : usd(budget),
    allocated: usd(allocated),
    spent: usd(spent),
    supportCosts: usd(supportCosts),
    actual: usd(figures.actual),
    unspent: usd(figures.unspent),
    remaining: figures.remaining === null ? null : usd(figures.remaining),
    unallocated: figures.unallocated === null ? null : usd(figures.unallocated),
    allocations: allocations.map((a) => ({
      id: a.id,
      donor: named(a.donorId, donors),
      earmark: named(a.earmarkId, earmarks),
      bookedOn: bookedOn.get(a.id) ?? '',
      pscPercent: a.pscPercent,
      allocated: a.allocated.amount,
      spent: a.spent.amount,
      supportCosts: a.supportCosts.amount,
      balance: a.balance.amount,
    })),
    participants: await participantsOf(db, eventId, costs, reversed, secretariat, book.names),
  };
}
