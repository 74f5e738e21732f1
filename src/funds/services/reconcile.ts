// Reconciliation: the balance cache must equal the balances rebuilt from the entries, every transaction must
// balance per currency, and no Fund account may be below zero — now, or at the end of any day (a back-dated
// posting can leave a past balance negative while today's is fine). `palermo fund reconcile` and the tests run it.
import { mustStayNonNegative } from '../domain/ledger.ts';
import { formatAmount } from '../domain/money.ts';
import {
  balancesFromEntries,
  fundAccountDays,
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
  problems.push(...(await negativeDays(db)));
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

/** Each Fund account walked in date order: the first day, if any, that it ended below zero. */
async function negativeDays(db: Db): Promise<string[]> {
  const problems: string[] = [];
  let current = '';
  let balance = 0n;
  let reported = false;
  for (const d of await fundAccountDays(db)) {
    const key = `${d.account} ${d.currency}`;
    if (key !== current) [current, balance, reported] = [key, 0n, false];
    balance += d.amount;
    if (balance < 0n && !reported) {
      // Fund accounts hold US dollars only (two decimals).
      problems.push(`${key} was below zero on ${d.bookedOn}: ${formatAmount(balance, 2)}`);
      reported = true;
    }
  }
  return problems;
}
