// What other features read of the fund ledger: donors, earmarks, balances, allocations and transactions as
// the repository returns them. Other features import these, never the repository itself (a test checks it).
export {
  cachedBalances,
  findDonor,
  listAllocations,
  listCurrencies,
  listDonors,
  listEarmarks,
  listEntries,
  listLedgerEntries,
  listTransactions,
  type Donor,
  type LedgerEntryRecord,
  type TransactionRow,
} from '../repository.ts';
