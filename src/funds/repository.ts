// The only SQL of the fund ledger, one file per aggregate (src/funds/repository/). Row types stay there;
// amounts leave as bigint minor units. The ledger import's bulk writes are in ledger-import-repository.ts.
export * from './repository/rows.ts';
export * from './repository/currencies.ts';
export * from './repository/donors.ts';
export * from './repository/rates.ts';
export * from './repository/pledges.ts';
export * from './repository/allocations.ts';
export * from './repository/transactions.ts';
export * from './repository/balances.ts';
export * from './repository/payments.ts';
export * from './repository/entries.ts';
