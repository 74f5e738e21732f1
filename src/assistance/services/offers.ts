// Offers of assistance from donors and partner States, and proposed matches between open requests, offers
// and free earmarked money in the ledger (src/assistance/domain/matching.ts). A human confirms a proposal
// by funding the project (projects.ts): nothing here moves money.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { account, parseAccount, USD } from '../../funds/domain/ledger.ts';
import { formatAmount, parseAmount } from '../../funds/domain/money.ts';
import { cachedBalances, findDonor, listEarmarks } from '../../funds/services/lookups.ts';
import { findInstrument, findParticipant } from '../../treaties/services/lookups.ts';
import type { OfferInput } from '../contract.ts';
import { proposeMatches, type FundingLine, type MatchRequest } from '../domain/matching.ts';
import {
  insertOffer,
  listOffers,
  listProjects,
  listRequests,
  type Db,
  type OfferRow,
} from '../repository.ts';
import { projectViews, projectRef } from './projects.ts';
import { requestPurpose } from './requests.ts';
import { seesOffer, type Viewer } from './viewer.ts';

export async function createOffer(ctx: ServiceContext, db: Db, input: OfferInput): Promise<number> {
  if (!input.donorId === !input.partnerId) {
    throw new DomainError('validation', 'an offer comes from a donor or from a partner State (one of them)', {
      field: 'donorId',
    });
  }
  if (input.donorId && !(await findDonor(db, input.donorId)))
    throw notFound('donor', input.donorId, 'donorId');
  if (input.partnerId && !(await findParticipant(db, input.partnerId)))
    throw notFound('participant', input.partnerId, 'partnerId');
  if (input.instrumentId && !(await findInstrument(db, input.instrumentId)))
    throw notFound('instrument', input.instrumentId, 'instrumentId');
  if (!input.amount && !input.inKind) {
    throw new DomainError('validation', 'say what is offered: an amount, or assistance in kind', {
      field: 'amount',
    });
  }
  const id = await insertOffer(db, {
    donorId: input.donorId ?? null,
    partnerId: input.partnerId ?? null,
    theme: input.theme ?? null,
    region: input.region ?? null,
    instrumentId: input.instrumentId ?? null,
    amount: input.amount ? parseAmount(input.amount, 2, 'amount') : null,
    inKind: input.inKind ?? null,
    description: input.description,
    status: 'open',
    createdAt: ctx.clock.now(),
    createdBy: ctx.actor,
  });
  await audit(ctx, db, {
    action: 'offer.create',
    entity: 'assistance_offer',
    entityId: id,
    after: input,
    state: input.partnerId ?? null,
  });
  return id;
}

const presentOffer = (o: OfferRow) => ({
  ...o,
  amount: o.amount === null ? null : formatAmount(o.amount, 2),
});

export async function offerViews(db: Db, viewer: Viewer) {
  const offers = await listOffers(db);
  return offers.filter((o) => seesOffer(viewer, o)).map(presentOffer);
}

/**
 * Proposals for every approved or funded request still short of its budget (or, before it has a project, of
 * its estimated cost), from the free balances of the ledger and the open offers. Real money only: illustrative
 * donors' balances are never proposed for a real request.
 */
export async function proposals(db: Db) {
  const requests = (await listRequests(db, { statuses: ['approved', 'funded', 'in_progress'] })).filter(
    (r) => r.eligible,
  );
  const projects = await listProjects(db, { requestIds: requests.map((r) => r.id) });
  const views = await projectViews(db, { kind: 'secretariat' }, { ids: projects.map((p) => p.id) });
  const matchRequests: MatchRequest[] = [];
  for (const r of requests) {
    const p = projects.find((x) => x.requestId === r.id);
    const view = p ? views.find((v) => v.id === p.id) : undefined;
    const need = view ? parseAmount(view.unfunded, 2) : (r.estimatedCost ?? 0n);
    if (need <= 0n) continue;
    matchRequests.push({
      id: r.id,
      purpose: await requestPurpose(db, r, p ? projectRef(p.id) : `REQ-${r.id}`),
      need,
      priority: r.priority,
      requestedOn: r.requestedOn,
    });
  }
  const earmarks = new Map((await listEarmarks(db)).map((e) => [e.id, e]));
  const lines: FundingLine[] = [];
  for (const b of await cachedBalances(db, 'available/')) {
    const parsed = parseAccount(b.account);
    if (parsed?.kind !== 'available') continue;
    const earmark = earmarks.get(parsed.earmarkId);
    const donor = await findDonor(db, parsed.donorId);
    if (!earmark || !donor || donor.illustrative || b.currency !== USD || b.balance <= 0n) continue;
    if (account.available(earmark.id, donor.id) !== b.account) continue;
    lines.push({ earmark, donorId: donor.id, available: b.balance });
  }
  const offers = await listOffers(db, { status: 'open' });
  return proposeMatches(matchRequests, lines, offers).map((p) => ({
    requestId: p.requestId,
    projectId: projects.find((x) => x.requestId === p.requestId)?.id ?? null,
    funding: p.funding.map((f) => ({ ...f, amount: formatAmount(f.amount, 2) })),
    offerIds: p.offerIds,
    shortfall: formatAmount(p.shortfall, 2),
  }));
}
