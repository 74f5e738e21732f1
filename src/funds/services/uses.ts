// Money going out or moving inside the Fund: allocations to projects and events, their release, spending
// (with programme support costs), refunds to donors and transfers between a donor's earmarks. Every amount
// is in US dollars, the currency of the Fund's books. An earmark is checked where money is committed
// (allocation, transfer); spending can only come out of an allocation, so it cannot cross an earmark.
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { findParticipant } from '../../treaties/services/lookups.ts';
import type { AllocationInput, AllocationMoveInput, RefundInput, TransferInput } from '../contract.ts';
import { earmarkRefusal, type Purpose } from '../domain/earmarks.ts';
import { account, USD } from '../domain/ledger.ts';
import { formatAmount, parseAmount, percentOf } from '../domain/money.ts';
import {
  findAllocation,
  findDonor,
  findEarmark,
  insertAllocation,
  listPledgeEvents,
  listPledges,
  type Db,
} from '../repository.ts';
import { DEFAULT_PSC_BP } from '../domain/pledges.ts';
import { bpToPercent, percentToBp } from './pledges.ts';
import { currencyOf, header, post } from './post.ts';

async function usdAmount(ctx: ServiceContext, db: Db, text: string): Promise<bigint> {
  const usd = await currencyOf(ctx, db, USD);
  const amount = parseAmount(text, usd.minorUnits);
  if (amount <= 0n)
    throw new DomainError('validation', 'an amount must be more than zero', { field: 'amount' });
  return amount;
}

/** The support cost rate of the donor's latest agreement on this earmark, else the UN standard 13%. */
async function agreedPscRate(db: Db, donorId: string, earmarkId: string): Promise<number> {
  const pledges = (await listPledges(db, { donorIds: [donorId] })).filter((p) => p.earmarkId === earmarkId);
  const agreements = (
    await listPledgeEvents(
      db,
      pledges.map((p) => p.id),
    )
  ).filter((e) => e.kind === 'agreement' && e.pscRateBp !== null);
  return agreements.at(-1)?.pscRateBp ?? DEFAULT_PSC_BP;
}

export async function allocate(
  ctx: ServiceContext,
  db: Db,
  input: AllocationInput,
): Promise<{ allocationId: number; transactionId: number }> {
  const donor = await findDonor(db, input.donorId);
  if (!donor) throw notFound('donor', input.donorId, 'donorId');
  const earmark = await findEarmark(db, input.earmarkId);
  if (!earmark) throw notFound('earmark', input.earmarkId, 'earmarkId');
  const amount = await usdAmount(ctx, db, input.amount);
  let region = input.purpose.region ?? null;
  if (input.purpose.countryId) {
    const country = await findParticipant(db, input.purpose.countryId);
    if (!country) throw notFound('participant', input.purpose.countryId, 'purpose.countryId');
    if (region && country.region && region !== country.region) {
      throw new DomainError('validation', `${country.name} is in ${country.region}, not ${region}`, {
        field: 'purpose.region',
      });
    }
    region = country.region;
  }
  const purpose: Purpose = {
    kind: input.purpose.kind,
    ref: input.purpose.ref,
    instrumentId: input.purpose.instrumentId ?? null,
    region,
    countryId: input.purpose.countryId ?? null,
    theme: input.purpose.theme ?? null,
  };
  const refusal = earmarkRefusal(earmark, purpose);
  if (refusal) throw new DomainError('rule_violation', refusal, { field: 'earmarkId' });
  const pscRateBp = input.pscPercent
    ? percentToBp(input.pscPercent)
    : await agreedPscRate(db, donor.id, earmark.id);
  const allocationId = await insertAllocation(db, {
    earmarkId: earmark.id,
    donorId: donor.id,
    purposeKind: purpose.kind,
    purposeRef: purpose.ref,
    instrumentId: purpose.instrumentId,
    region: purpose.region,
    countryId: purpose.countryId,
    theme: purpose.theme,
    description: input.description ?? null,
    pscRateBp,
    recordedAt: ctx.clock.now(),
    recordedBy: ctx.actor,
  });
  const transactionId = await post(ctx, db, {
    header: header('allocation', input.bookedOn, {
      donorId: donor.id,
      earmarkId: earmark.id,
      allocationId,
      reference: purpose.ref,
      memo: input.description ?? null,
    }),
    postings: [
      {
        from: account.available(earmark.id, donor.id),
        to: account.allocated(allocationId),
        currency: USD,
        amount,
      },
    ],
    audit: {
      action: 'allocation.create',
      after: { ...input, allocationId, pscPercent: bpToPercent(pscRateBp) },
    },
  });
  return { allocationId, transactionId };
}

/** Returns unspent allocated money to the funding line it came from. */
export async function release(
  ctx: ServiceContext,
  db: Db,
  allocationId: number,
  input: AllocationMoveInput,
): Promise<number> {
  const allocation = await findAllocation(db, allocationId);
  if (!allocation) throw notFound('allocation', String(allocationId));
  const amount = await usdAmount(ctx, db, input.amount);
  return post(ctx, db, {
    header: header('release', input.bookedOn, {
      donorId: allocation.donorId,
      earmarkId: allocation.earmarkId,
      allocationId,
      reference: input.reference ?? null,
      memo: input.memo ?? null,
    }),
    postings: [
      {
        from: account.allocated(allocationId),
        to: account.available(allocation.earmarkId, allocation.donorId),
        currency: USD,
        amount,
      },
    ],
    audit: { action: 'allocation.release', after: { allocationId, ...input } },
  });
}

/**
 * Spends from an allocation. Programme support costs are charged on the expenditure at the allocation's
 * rate (13% unless the donor's agreement says otherwise), rounded half to even; both come out of the
 * allocation, which must hold them.
 */
export async function spend(
  ctx: ServiceContext,
  db: Db,
  allocationId: number,
  input: AllocationMoveInput,
): Promise<number> {
  const allocation = await findAllocation(db, allocationId);
  if (!allocation) throw notFound('allocation', String(allocationId));
  const amount = await usdAmount(ctx, db, input.amount);
  const psc = percentOf(amount, allocation.pscRateBp);
  const postings = [
    { from: account.allocated(allocationId), to: account.spent(allocationId), currency: USD, amount },
  ];
  if (psc > 0n)
    postings.push({
      from: account.allocated(allocationId),
      to: account.psc(allocationId),
      currency: USD,
      amount: psc,
    });
  return post(ctx, db, {
    header: header('expenditure', input.bookedOn, {
      donorId: allocation.donorId,
      earmarkId: allocation.earmarkId,
      allocationId,
      reference: input.reference ?? null,
      memo: input.memo ?? null,
    }),
    postings,
    audit: {
      action: 'expenditure.record',
      after: {
        allocationId,
        ...input,
        supportCosts: formatAmount(psc, 2),
        pscPercent: bpToPercent(allocation.pscRateBp),
      },
    },
  });
}

export async function refund(ctx: ServiceContext, db: Db, input: RefundInput): Promise<number> {
  const donor = await findDonor(db, input.donorId);
  if (!donor) throw notFound('donor', input.donorId, 'donorId');
  if (!(await findEarmark(db, input.earmarkId))) throw notFound('earmark', input.earmarkId, 'earmarkId');
  const amount = await usdAmount(ctx, db, input.amount);
  return post(ctx, db, {
    header: header('refund', input.bookedOn, {
      donorId: donor.id,
      earmarkId: input.earmarkId,
      reference: input.reference ?? null,
      memo: input.memo ?? null,
    }),
    postings: [
      {
        from: account.available(input.earmarkId, donor.id),
        to: account.donor(donor.id),
        currency: USD,
        amount,
      },
    ],
    audit: { action: 'refund.record', after: input },
  });
}

/** Moves a donor's free money from one earmark to another, which only the donor's agreement allows. */
export async function transfer(ctx: ServiceContext, db: Db, input: TransferInput): Promise<number> {
  const donor = await findDonor(db, input.donorId);
  if (!donor) throw notFound('donor', input.donorId, 'donorId');
  if (!(await findEarmark(db, input.fromEarmarkId)))
    throw notFound('earmark', input.fromEarmarkId, 'fromEarmarkId');
  if (!(await findEarmark(db, input.toEarmarkId)))
    throw notFound('earmark', input.toEarmarkId, 'toEarmarkId');
  if (input.fromEarmarkId === input.toEarmarkId) {
    throw new DomainError('validation', 'a transfer moves money between two different earmarks', {
      field: 'toEarmarkId',
    });
  }
  const amount = await usdAmount(ctx, db, input.amount);
  return post(ctx, db, {
    header: header('transfer', input.bookedOn, {
      donorId: donor.id,
      earmarkId: input.toEarmarkId,
      reference: input.agreementRef,
      memo: input.memo ?? null,
    }),
    postings: [
      {
        from: account.available(input.fromEarmarkId, donor.id),
        to: account.available(input.toEarmarkId, donor.id),
        currency: USD,
        amount,
      },
    ],
    audit: { action: 'transfer.record', after: input },
  });
}
