// The SQL of an event's funding: its budget (the latest row counts), the costs the Fund paid for its
// participants (each linked to its allocation and ledger transaction), and the delegate's `funded` mark.
// The money itself is the ledger's (src/funds): nothing here writes an amount anyone spends.
import { big } from '../db/minor-units.ts';
import type { Db } from '../db/schema.ts';
import type { CostKind } from './domain/funding.ts';

export interface FundedCostRecord {
  id: number;
  eventId: number;
  delegateId: number;
  kind: CostKind;
  allocationId: number;
  transactionId: number;
  amount: bigint;
  supportCosts: bigint;
  bookedOn: string;
}

export async function insertBudget(
  db: Db,
  b: { eventId: number; currency: string; amount: bigint; at: string; by: string },
): Promise<void> {
  await db
    .insertInto('event_budgets')
    .values({
      event_id: b.eventId,
      currency: b.currency,
      amount: b.amount,
      recorded_at: b.at,
      recorded_by: b.by,
    })
    .execute();
}

/** The event's budget: its latest row, or null when none was set. */
export async function findBudget(db: Db, eventId: number): Promise<bigint | null> {
  const r = await db
    .selectFrom('event_budgets')
    .select('amount')
    .where('event_id', '=', eventId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? big(r.amount) : null;
}

export async function insertFundedCost(
  db: Db,
  c: Omit<FundedCostRecord, 'id'> & { at: string; by: string },
): Promise<number> {
  const row = await db
    .insertInto('event_funded_costs')
    .values({
      event_id: c.eventId,
      delegate_id: c.delegateId,
      kind: c.kind,
      allocation_id: c.allocationId,
      transaction_id: c.transactionId,
      amount: c.amount,
      support_costs: c.supportCosts,
      booked_on: c.bookedOn,
      recorded_at: c.at,
      recorded_by: c.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listFundedCosts(db: Db, eventId: number): Promise<FundedCostRecord[]> {
  const rows = await db
    .selectFrom('event_funded_costs')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    delegateId: r.delegate_id,
    kind: r.kind as CostKind,
    allocationId: r.allocation_id,
    transactionId: r.transaction_id,
    amount: big(r.amount),
    supportCosts: big(r.support_costs),
    bookedOn: r.booked_on,
  }));
}

/** Marks a delegate as one the Fund pays for (the mark the participant list and delegation views show). */
export async function markDelegateFunded(db: Db, delegateId: number): Promise<void> {
  await db.updateTable('event_delegates').set({ funded: 1 }).where('id', '=', delegateId).execute();
}
