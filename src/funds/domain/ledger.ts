// The Fund's double-entry ledger, as pure rules. A transaction is a set of postings, each moving an amount of
// one currency from one account to another; stored as entries (−amount on the source, +amount on the
// destination), so every transaction sums to zero in every currency by construction, and that is checked
// again before anything is written. Currencies meet only through the exchange account `fx`, with the pair
// and the rate kept on the payment (quality bar: "never mix currencies without an explicit FX pair").
//
// Accounts (balances kept per account and currency):
//   donor/<donor>                        outside world: what a donor gave (negative) or was refunded
//   income/interest                      outside world: interest earned on the Fund's cash
//   fx                                   currency exchange: holds both legs of each conversion
//   available/<earmark>/<donor>          money received, free to allocate within its earmark   (never < 0)
//   allocated/<allocation>               money committed to a project or event                (never < 0)
//   spent/<allocation>                   expenditure of an allocation
//   psc/<allocation>                     programme support costs charged on that expenditure
// The Fund's books are kept in US dollars; only donor/* and fx hold other currencies.
import { DomainError } from '../../common/errors.ts';
import { MAX_MINOR } from './money.ts';

export const USD = 'USD';

/**
 * The first day the ledger takes. The Fund receives contributions under the Convention (adopted by GA
 * resolution 55/25 on 15 November 2000) and GA resolution 56/120 (2001): nothing it holds predates 2000, so an
 * earlier date (0001-01-01, a year typed as 0202) is a mistake, and refusing it keeps every ledger date within
 * the range that date arithmetic and the yearly statements handle.
 */
export const LEDGER_FIRST_DAY = '2000-01-01';
export const LEDGER_FIRST_MONTH = LEDGER_FIRST_DAY.slice(0, 7);

/** Why a ledger date (`YYYY-MM-DD`) cannot be taken, or null: before LEDGER_FIRST_DAY or after today. */
export function ledgerDateRefusal(day: string, today: string): string | null {
  if (day < LEDGER_FIRST_DAY) return `the Fund's ledger starts on ${LEDGER_FIRST_DAY}`;
  if (day > today) return `money cannot move after today (${today})`;
  return null;
}

/**
 * Why a rate's month (`YYYY-MM`) cannot be taken, or null: rates convert payments, so none is needed before
 * the ledger's first month; the UN announces a month's operational rates shortly before it begins, so the
 * coming month is the latest one that can be known.
 */
export function rateMonthRefusal(month: string, today: string): string | null {
  if (month < LEDGER_FIRST_MONTH) return `the Fund's ledger starts in ${LEDGER_FIRST_MONTH}`;
  const year = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const coming = m === 12 ? `${year + 1}-01` : `${today.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
  if (month > coming) return `the latest month with a known rate is the coming one (${coming})`;
  return null;
}

export type TransactionKind =
  | 'contribution' // a payment received from a donor, converted to USD
  | 'interest' // interest earned, credited to a funding line
  | 'allocation' // free money committed to a project or event
  | 'release' // unspent allocation returned to its funding line
  | 'expenditure' // spending of an allocation, with programme support costs
  | 'refund' // money returned to its donor
  | 'transfer' // moved between earmarks of one donor, with the donor's agreement
  | 'reversal'; // undoes a transaction, entry by entry

export const TRANSACTION_KINDS: readonly TransactionKind[] = [
  'contribution',
  'interest',
  'allocation',
  'release',
  'expenditure',
  'refund',
  'transfer',
  'reversal',
];

export interface Posting {
  from: string;
  to: string;
  currency: string;
  /** Minor units, positive. */
  amount: bigint;
}

export interface Entry {
  account: string;
  currency: string;
  /** Minor units: positive into the account, negative out of it. */
  amount: bigint;
}

export const account = {
  donor: (donorId: string): string => `donor/${donorId}`,
  interest: 'income/interest',
  fx: 'fx',
  available: (earmarkId: string, donorId: string): string => `available/${earmarkId}/${donorId}`,
  allocated: (allocationId: number): string => `allocated/${allocationId}`,
  spent: (allocationId: number): string => `spent/${allocationId}`,
  psc: (allocationId: number): string => `psc/${allocationId}`,
} as const;

/** An account name read back into its parts: the inverse of `account`. Ids are kept as written. */
export type ParsedAccount =
  | { kind: 'donor'; donorId: string }
  | { kind: 'interest' }
  | { kind: 'fx' }
  | { kind: 'available'; earmarkId: string; donorId: string }
  | { kind: 'allocated' | 'spent' | 'psc'; allocationId: string };

/** The one reader of account names (the list above): null when the name is not an account the ledger keeps. */
export function parseAccount(name: string): ParsedAccount | null {
  if (name === account.interest) return { kind: 'interest' };
  if (name === account.fx) return { kind: 'fx' };
  const [prefix, a, b, ...rest] = name.split('/');
  if (a === undefined || rest.length > 0) return null;
  if (prefix === 'donor' && b === undefined) return { kind: 'donor', donorId: a };
  if (prefix === 'available' && b !== undefined) return { kind: 'available', earmarkId: a, donorId: b };
  if ((prefix === 'allocated' || prefix === 'spent' || prefix === 'psc') && b === undefined) {
    return { kind: prefix, allocationId: a };
  }
  return null;
}

/** The allocation a name's account belongs to (allocated/, spent/, psc/), or null. */
export function allocationOfAccount(name: string): number | null {
  const parsed = parseAccount(name);
  return parsed && 'allocationId' in parsed ? Number(parsed.allocationId) : null;
}

/** Accounts holding the Fund's own money: a posting that would take one below zero is refused. */
export function mustStayNonNegative(accountName: string): boolean {
  return accountName.startsWith('available/') || accountName.startsWith('allocated/');
}

export function toEntries(postings: readonly Posting[]): Entry[] {
  const entries: Entry[] = [];
  for (const p of postings) {
    if (p.amount <= 0n)
      throw new DomainError('validation', 'an amount must be more than zero', { field: 'amount' });
    if (p.from === p.to)
      throw new DomainError('validation', 'a posting must move money between two accounts');
    entries.push({ account: p.from, currency: p.currency, amount: -p.amount });
    entries.push({ account: p.to, currency: p.currency, amount: p.amount });
  }
  return entries;
}

/** Every transaction balances per currency; a non-empty set of entries that does not is a programming error. */
export function checkBalanced(entries: readonly Entry[]): void {
  if (entries.length === 0) throw new Error('a transaction needs entries');
  const sums = new Map<string, bigint>();
  for (const e of entries) sums.set(e.currency, (sums.get(e.currency) ?? 0n) + e.amount);
  for (const [currency, sum] of sums) {
    if (sum !== 0n) throw new Error(`unbalanced transaction: ${currency} entries sum to ${sum}`);
  }
}

/** The entries that undo `entries`: same accounts, opposite amounts. */
export function reversingEntries(entries: readonly Entry[]): Entry[] {
  return entries.map((e) => ({ account: e.account, currency: e.currency, amount: -e.amount }));
}

export interface BalanceChange {
  account: string;
  currency: string;
  before: bigint;
  after: bigint;
}

/**
 * Applies entries to the balances they touch and refuses the whole transaction if a Fund account would go
 * below zero (money that is not there cannot be allocated or spent) or a balance would leave the exact range.
 */
export function applyEntries(
  entries: readonly Entry[],
  balances: ReadonlyMap<string, bigint>,
  describe: (accountName: string) => string = (a) => a,
  format: (minor: bigint, currency: string) => string = (m, c) => `${m} ${c} minor units`,
): BalanceChange[] {
  const after = new Map<string, BalanceChange>();
  for (const e of entries) {
    const key = balanceKey(e.account, e.currency);
    const change = after.get(key) ?? {
      account: e.account,
      currency: e.currency,
      before: balances.get(key) ?? 0n,
      after: balances.get(key) ?? 0n,
    };
    change.after += e.amount;
    after.set(key, change);
  }
  for (const c of after.values()) {
    if (mustStayNonNegative(c.account) && c.after < 0n) {
      throw new DomainError(
        'rule_violation',
        `${describe(c.account)} holds ${format(c.before, c.currency)}; this needs ${format(c.before - c.after, c.currency)}`,
        { field: 'amount' },
      );
    }
    if (c.after > MAX_MINOR || c.after < -MAX_MINOR) {
      throw new DomainError(
        'rule_violation',
        `the balance of ${c.account} would exceed what can be kept exactly`,
      );
    }
  }
  return [...after.values()];
}

export const balanceKey = (accountName: string, currency: string): string =>
  `${accountName}\u0000${currency}`;
