// Posting a transaction: the one path by which money moves. Inside the caller's database transaction it
// locks the balances it touches, refuses to take a Fund account below zero, checks the entries balance per
// currency, writes the transaction, its entries and the new balances, and appends the audit row.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import type { Store } from '../../db/database.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import {
  applyEntries,
  allocationOfAccount,
  checkBalanced,
  ledgerDateRefusal,
  mustStayNonNegative,
  parseAccount,
  toEntries,
  type BalanceChange,
  type Entry,
  type Posting,
  type TransactionKind,
} from '../domain/ledger.ts';
import { formatAmount, type Currency } from '../domain/money.ts';
import {
  balanceFrom,
  findAllocation,
  insertTransaction,
  listCurrencies,
  lockBalances,
  writeBalances,
  type AllocationRow,
  type Db,
  type EntryTags,
  type TransactionHeader,
} from '../repository.ts';

const currencyCache = new WeakMap<Store, Map<string, Currency>>();

/** The currency table (static reference data), read once per store. */
export async function currencies(ctx: ServiceContext, db: Db = ctx.store.db): Promise<Map<string, Currency>> {
  const cached = currencyCache.get(ctx.store);
  if (cached && cached.size > 0) return cached;
  const map = new Map((await listCurrencies(db)).map((c) => [c.code, c]));
  if (map.size > 0) currencyCache.set(ctx.store, map);
  return map;
}

export async function currencyOf(
  ctx: ServiceContext,
  db: Db,
  code: string,
  field = 'currency',
): Promise<Currency> {
  const c = (await currencies(ctx, db)).get(code);
  if (!c)
    throw new DomainError('validation', `"${code}" is not an ISO 4217 currency code Palermo knows`, {
      field,
    });
  return c;
}

export function formatMoney(minor: bigint, currency: Currency): string {
  return `${formatAmount(minor, currency.minorUnits)} ${currency.code}`;
}

export function describeAccount(name: string): string {
  const parsed = parseAccount(name);
  if (parsed?.kind === 'available')
    return `the free balance of donor ${parsed.donorId} under earmark ${parsed.earmarkId}`;
  if (parsed?.kind === 'allocated') return `allocation ${parsed.allocationId}`;
  return name;
}

export function tagsOf(
  entry: Entry,
  kind: TransactionKind,
  reversal: boolean,
  donorId: string | null,
  allocations: ReadonlyMap<number, AllocationRow>,
): EntryTags {
  const parsed = parseAccount(entry.account);
  if (parsed?.kind === 'available')
    return { kind, reversal, donorId: parsed.donorId, earmarkId: parsed.earmarkId, allocationId: null };
  if (parsed?.kind === 'donor')
    return { kind, reversal, donorId: parsed.donorId, earmarkId: null, allocationId: null };
  if (parsed && 'allocationId' in parsed) {
    const allocation = allocations.get(Number(parsed.allocationId));
    if (!allocation) throw new Error(`posting to ${entry.account} without its allocation`);
    return {
      kind,
      reversal,
      donorId: allocation.donorId,
      earmarkId: allocation.earmarkId,
      allocationId: allocation.id,
    };
  }
  return { kind, reversal, donorId, earmarkId: null, allocationId: null };
}

type Header = Omit<TransactionHeader, 'recordedAt' | 'recordedBy'>;

/** A transaction header with everything it does not name left empty. */
export function header(
  kind: TransactionKind,
  bookedOn: string,
  fields: Partial<Omit<Header, 'kind' | 'bookedOn'>>,
): Header {
  return {
    kind,
    bookedOn,
    donorId: null,
    earmarkId: null,
    allocationId: null,
    pledgeId: null,
    reversesId: null,
    reference: null,
    memo: null,
    ...fields,
  };
}

export interface PostInput {
  header: Header;
  /** Postings, or (for a reversal) entries already formed. */
  postings?: readonly Posting[];
  entries?: readonly Entry[];
  /** For a reversal: the kind of the transaction it reverses, kept on each entry for the statements. */
  effectiveKind?: TransactionKind;
  audit: { action: string; after: unknown };
  /** The input field that gave the booking date, where a problem with it is reported. */
  dateField?: string;
}

export async function post(ctx: ServiceContext, db: Db, input: PostInput): Promise<number> {
  const field = input.dateField ?? 'bookedOn';
  const bookedOn = input.header.bookedOn;
  const badDay = ledgerDateRefusal(bookedOn, ctx.clock.today());
  if (badDay)
    throw new DomainError('validation', `nothing can be booked on ${bookedOn}: ${badDay}`, { field });
  const entries = input.entries ?? toEntries(input.postings ?? []);
  checkBalanced(entries);
  const money = await currencies(ctx, db);
  const allocationIds = new Set<number>();
  for (const e of entries) {
    const allocationId = allocationOfAccount(e.account);
    if (allocationId !== null) allocationIds.add(allocationId);
  }
  const allocations = new Map<number, AllocationRow>();
  for (const id of allocationIds) {
    const a = await findAllocation(db, id);
    if (!a) throw notFound('allocation', String(id), 'allocationId');
    allocations.set(id, a);
  }
  const balances = await lockBalances(db, ctx.store.dialect === 'postgres', entries);
  const format = (minor: bigint, code: string) => {
    const c = money.get(code);
    return c ? formatMoney(minor, c) : `${minor} ${code}`;
  };
  const changes = applyEntries(entries, balances, describeAccount, format);
  for (const c of changes) await checkEveryDay(db, c, bookedOn, field, format);
  const kind = input.effectiveKind ?? input.header.kind;
  const reversal = input.header.kind === 'reversal';
  const tagged = entries.map((e) => ({
    ...e,
    ...tagsOf(e, kind, reversal, input.header.donorId, allocations),
  }));
  const id = await insertTransaction(
    db,
    { ...input.header, recordedAt: ctx.clock.now(), recordedBy: ctx.actor },
    tagged,
  );
  await writeBalances(db, changes);
  await audit(ctx, db, {
    action: input.audit.action,
    entity: 'ledger_transaction',
    entityId: id,
    after: input.audit.after,
    state: null,
  });
  return id;
}

/**
 * Money taken out of a Fund account must be there on the booking date and on every later day: a back-dated
 * posting is checked against the balances as they stood then, not only against the balance now (the rows
 * of the account are locked by lockBalances, so no writer changes them meanwhile).
 */
async function checkEveryDay(
  db: Db,
  change: BalanceChange,
  bookedOn: string,
  field: string,
  format: (minor: bigint, currency: string) => string,
): Promise<void> {
  const delta = change.after - change.before;
  if (delta >= 0n || !mustStayNonNegative(change.account)) return;
  const { asAt, later } = await balanceFrom(db, change.account, change.currency, bookedOn);
  const what = describeAccount(change.account);
  if (asAt + delta < 0n) {
    throw new DomainError(
      'rule_violation',
      `${what} held ${format(asAt, change.currency)} on ${bookedOn}; this needs ${format(-delta, change.currency)}`,
      { field },
    );
  }
  let balance = asAt + delta;
  for (const day of later) {
    balance += day.amount;
    if (balance < 0n) {
      throw new DomainError(
        'rule_violation',
        `${what} would hold ${format(balance, change.currency)} on ${day.bookedOn}: money booked on ${bookedOn} must be there on every later day too`,
        { field },
      );
    }
  }
}
