// Money coming in: payments from donors (in any currency, converted to US dollars at the UN operational
// rate of exchange of the month received) and interest earned.
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import type { InterestInput, PaymentInput } from '../contract.ts';
import { account, ledgerDateRefusal, USD, type Posting } from '../domain/ledger.ts';
import { formatAmount, parseAmount, parseDecimal, toUsdMinor } from '../domain/money.ts';
import { findDonor, findEarmark, findRate, insertPayment, lockPledge, type Db } from '../repository.ts';
import { pledgeViews } from './pledges.ts';
import { currencyOf, formatMoney, header, post } from './post.ts';

export async function recordPayment(ctx: ServiceContext, db: Db, input: PaymentInput): Promise<number> {
  const donor = await findDonor(db, input.donorId);
  if (!donor) throw notFound('donor', input.donorId, 'donorId');
  const currency = await currencyOf(ctx, db, input.currency);
  const amount = parseAmount(input.amount, currency.minorUnits);
  if (amount <= 0n) throw new DomainError('validation', 'a payment is more than zero', { field: 'amount' });
  const badDay = ledgerDateRefusal(input.receivedOn, ctx.clock.today());
  if (badDay) {
    throw new DomainError('validation', `a payment cannot be received on ${input.receivedOn}: ${badDay}`, {
      field: 'receivedOn',
    });
  }
  let earmarkId = input.earmarkId ?? null;
  let sourceOfFunds = input.sourceOfFunds ?? null;
  if (input.pledgeId) {
    await lockPledge(db, ctx.store.dialect === 'postgres', input.pledgeId);
    const [pledge] = await pledgeViews(ctx, db, { ids: [input.pledgeId] });
    if (!pledge) throw notFound('pledge', String(input.pledgeId), 'pledgeId');
    if (pledge.donorId !== donor.id) {
      throw new DomainError(
        'validation',
        `pledge ${pledge.id} was made by ${pledge.donorId}, not ${donor.id}`,
        {
          field: 'pledgeId',
        },
      );
    }
    if (pledge.pledged.currency !== currency.code) {
      throw new DomainError(
        'validation',
        `pledge ${pledge.id} is in ${pledge.pledged.currency}; pay it in that currency`,
        {
          field: 'currency',
        },
      );
    }
    if (earmarkId && earmarkId !== pledge.earmarkId) {
      throw new DomainError('validation', `pledge ${pledge.id} is earmarked ${pledge.earmarkId}`, {
        field: 'earmarkId',
      });
    }
    if (['closed', 'written_off', 'paid'].includes(pledge.status)) {
      throw new DomainError('conflict', `pledge ${pledge.id} is ${pledge.status.replace('_', ' ')}`, {
        field: 'pledgeId',
      });
    }
    const outstanding = parseAmount(pledge.outstanding.amount, currency.minorUnits);
    if (amount > outstanding) {
      throw new DomainError(
        'rule_violation',
        `pledge ${pledge.id} has ${pledge.outstanding.amount} ${currency.code} outstanding; record the rest as a payment without a pledge`,
        { field: 'amount' },
      );
    }
    earmarkId = pledge.earmarkId;
    sourceOfFunds ??= pledge.sourceOfFunds;
  }
  if (!earmarkId) {
    throw new DomainError('validation', 'a payment without a pledge names its earmark', {
      field: 'earmarkId',
    });
  }
  if (!(await findEarmark(db, earmarkId))) throw notFound('earmark', earmarkId, 'earmarkId');
  const month = input.receivedOn.slice(0, 7);
  let rateText = '1';
  let rateSource = 'US dollars: no conversion';
  if (currency.code !== USD) {
    // An illustrative (demo) payment converts at an illustrative rate, a real one at the real UN rate.
    const rate = await findRate(db, currency.code, month, donor.illustrative);
    if (!rate) {
      throw new DomainError(
        'rule_violation',
        donor.illustrative
          ? `there is no illustrative rate for ${currency.code} in ${month}: record it first`
          : `there is no UN operational rate of exchange for ${currency.code} in ${month}: record it first`,
        { field: 'currency' },
      );
    }
    rateText = rate.rate;
    rateSource = rate.source;
  }
  const usd =
    currency.code === USD ? amount : toUsdMinor(amount, currency.minorUnits, parseDecimal(rateText, 'rate'));
  if (usd <= 0n) {
    throw new DomainError('validation', 'this amount is worth less than one US cent', { field: 'amount' });
  }
  const available = account.available(earmarkId, donor.id);
  const postings: Posting[] =
    currency.code === USD
      ? [{ from: account.donor(donor.id), to: available, currency: USD, amount }]
      : [
          { from: account.donor(donor.id), to: account.fx, currency: currency.code, amount },
          { from: account.fx, to: available, currency: USD, amount: usd },
        ];
  const usdCurrency = await currencyOf(ctx, db, USD);
  const conversion =
    currency.code === USD
      ? formatMoney(amount, currency)
      : `${formatMoney(amount, currency)} at ${rateText} ${currency.code}/USD (${month}) = ${formatMoney(usd, usdCurrency)}`;
  const id = await post(ctx, db, {
    header: header('contribution', input.receivedOn, {
      donorId: donor.id,
      earmarkId,
      pledgeId: input.pledgeId ?? null,
      reference: input.reference ?? null,
      memo: input.memo ?? null,
    }),
    postings,
    audit: { action: 'payment.record', after: { ...input, earmarkId, conversion } },
    dateField: 'receivedOn',
  });
  await insertPayment(db, {
    transactionId: id,
    donorId: donor.id,
    pledgeId: input.pledgeId ?? null,
    receivedOn: input.receivedOn,
    currency: currency.code,
    amount,
    rate: rateText,
    rateMonth: month,
    rateSource,
    usdAmount: usd,
    earmarkId,
    sourceOfFunds: sourceOfFunds ?? 'voluntary',
  });
  return id;
}

export async function recordInterest(ctx: ServiceContext, db: Db, input: InterestInput): Promise<number> {
  const donor = await findDonor(db, input.donorId);
  if (!donor) throw notFound('donor', input.donorId, 'donorId');
  if (donor.kind !== 'fund') {
    throw new DomainError('validation', `interest is the Fund's own income, not ${donor.name}'s`, {
      field: 'donorId',
    });
  }
  if (!(await findEarmark(db, input.earmarkId))) throw notFound('earmark', input.earmarkId, 'earmarkId');
  const usd = await currencyOf(ctx, db, USD);
  const amount = parseAmount(input.amount, usd.minorUnits);
  return post(ctx, db, {
    header: header('interest', input.bookedOn, {
      donorId: donor.id,
      earmarkId: input.earmarkId,
      reference: input.reference ?? null,
    }),
    postings: [
      { from: account.interest, to: account.available(input.earmarkId, donor.id), currency: USD, amount },
    ],
    audit: { action: 'interest.record', after: { ...input, amount: formatAmount(amount, usd.minorUnits) } },
  });
}
