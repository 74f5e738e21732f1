// Payments received, with the rate that converted them.
import type { Selectable } from 'kysely';
import type { PaymentsTable } from '../../db/schema.ts';
import { type Db, big } from './rows.ts';
import type { SourceOfFunds } from './pledges.ts';

export interface PaymentRow {
  transactionId: number;
  donorId: string;
  pledgeId: number | null;
  receivedOn: string;
  currency: string;
  amount: bigint;
  rate: string;
  rateMonth: string;
  rateSource: string;
  usdAmount: bigint;
  earmarkId: string;
  sourceOfFunds: SourceOfFunds;
}

const toPayment = (r: Selectable<PaymentsTable>): PaymentRow => ({
  transactionId: r.transaction_id,
  donorId: r.donor_id,
  pledgeId: r.pledge_id,
  receivedOn: r.received_on,
  currency: r.currency,
  amount: big(r.amount),
  rate: r.rate,
  rateMonth: r.rate_month,
  rateSource: r.rate_source,
  usdAmount: big(r.usd_amount),
  earmarkId: r.earmark_id,
  sourceOfFunds: r.source_of_funds as SourceOfFunds,
});

export async function insertPayment(db: Db, p: PaymentRow): Promise<void> {
  await db
    .insertInto('payments')
    .values({
      transaction_id: p.transactionId,
      donor_id: p.donorId,
      pledge_id: p.pledgeId,
      received_on: p.receivedOn,
      currency: p.currency,
      amount: p.amount,
      rate: p.rate,
      rate_month: p.rateMonth,
      rate_source: p.rateSource,
      usd_amount: p.usdAmount,
      earmark_id: p.earmarkId,
      source_of_funds: p.sourceOfFunds,
    })
    .execute();
}

/** Payments, each with whether (and by which transaction) it was reversed. */
export async function listPayments(
  db: Db,
  filter: {
    donorIds?: readonly string[];
    pledgeIds?: readonly number[];
    transactionIds?: readonly number[];
    to?: string;
  } = {},
): Promise<Array<PaymentRow & { reversedBy: number | null }>> {
  let q = db
    .selectFrom('payments as p')
    .leftJoin('ledger_transactions as r', 'r.reverses_id', 'p.transaction_id')
    .selectAll('p')
    .select('r.id as reversed_by')
    .orderBy('p.received_on')
    .orderBy('p.transaction_id');
  if (filter.donorIds) {
    if (filter.donorIds.length === 0) return [];
    q = q.where('p.donor_id', 'in', filter.donorIds);
  }
  if (filter.pledgeIds) {
    if (filter.pledgeIds.length === 0) return [];
    q = q.where('p.pledge_id', 'in', filter.pledgeIds);
  }
  if (filter.transactionIds) {
    if (filter.transactionIds.length === 0) return [];
    q = q.where('p.transaction_id', 'in', filter.transactionIds);
  }
  if (filter.to) q = q.where('p.received_on', '<=', filter.to);
  const rows = await q.execute();
  return rows.map((r) => ({ ...toPayment(r), reversedBy: r.reversed_by ?? null }));
}
