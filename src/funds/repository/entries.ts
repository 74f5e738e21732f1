// Ledger entries one by one, with their ids: what a report to the Commission cites and fingerprints (the
// statements read sums, balances.ts; a report must also name the records behind each sum).
import type { TransactionKind } from '../domain/ledger.ts';
import { type Db, big } from './rows.ts';

/** An entry as stored. `kind` is its transaction's; a reversal's entries carry the kind of what they undo. */
export interface LedgerEntryRecord {
  id: number;
  transactionId: number;
  account: string;
  currency: string;
  amount: bigint;
  bookedOn: string;
  kind: TransactionKind;
  reversal: boolean;
  donorId: string | null;
  earmarkId: string | null;
}

/** Every entry booked on or before `to` of one dataset (real or illustrative donors), in id order. */
export async function listLedgerEntries(
  db: Db,
  filter: { to: string; illustrative: boolean },
): Promise<LedgerEntryRecord[]> {
  const rows = await db
    .selectFrom('ledger_entries as e')
    .select([
      'e.id',
      'e.transaction_id',
      'e.account',
      'e.currency',
      'e.amount',
      'e.booked_on',
      'e.kind',
      'e.reversal',
      'e.donor_id',
      'e.earmark_id',
    ])
    .where('e.booked_on', '<=', filter.to)
    .where('e.donor_id', 'in', (s) =>
      s
        .selectFrom('donors as d')
        .select('d.id')
        .where('d.illustrative', '=', filter.illustrative ? 1 : 0),
    )
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    transactionId: r.transaction_id,
    account: r.account,
    currency: r.currency,
    amount: big(r.amount),
    bookedOn: r.booked_on,
    kind: r.kind as TransactionKind,
    reversal: r.reversal === 1,
    donorId: r.donor_id,
    earmarkId: r.earmark_id,
  }));
}
