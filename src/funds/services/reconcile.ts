// Reconciliation: the balance cache must equal the balances rebuilt from the entries, every transaction must
// balance per currency, and no Fund account may be below zero. `palermo fund reconcile` and the tests run it.
import { mustStayNonNegative } from '../domain/ledger.ts';
import {
  balancesFromEntries,
  cachedBalances,
  countTransactions,
  unbalancedTransactions,
  type Db,
} from '../repository.ts';

export interface Reconciliation {
  ok: boolean;
  accounts: number;
  transactions: number;
  problems: string[];
}

export async function reconcile(db: Db): Promise<Reconciliation> {
  const [rebuilt, cached] = await Promise.all([balancesFromEntries(db), cachedBalances(db)]);
  const problems: string[] = [];
  const key = (a: string, c: string) => `${a} ${c}`;
  const fromEntries = new Map(rebuilt.map((b) => [key(b.account, b.currency), b.balance]));
  const fromCache = new Map(cached.map((b) => [key(b.account, b.currency), b.balance]));
  for (const k of new Set([...fromEntries.keys(), ...fromCache.keys()])) {
    const e = fromEntries.get(k) ?? 0n;
    const c = fromCache.get(k) ?? 0n;
    if (e !== c) problems.push(`${k}: cached balance ${c}, entries sum to ${e}`);
  }
  for (const b of rebuilt) {
    if (mustStayNonNegative(b.account) && b.balance < 0n)
      problems.push(`${key(b.account, b.currency)} is negative: ${b.balance}`);
  }
  const unbalanced = await unbalancedTransactions(db);
  for (const u of unbalanced)
    problems.push(`transaction ${u.id} does not balance in ${u.currency}: ${u.sum}`);
  return {
    ok: problems.length === 0,
    accounts: fromEntries.size,
    transactions: await countTransactions(db),
    problems,
  };
}
