// A deterministic synthetic fund ledger for the ledger benchmarks: donors' contributions in seven currencies
// (four entries: donor → fx in the currency, fx → funding line in USD), allocations to projects (two) and
// spending with 13% programme support costs (four), dated over ten years, every Fund account kept at or
// above zero. The same transactions feed the CSV that Palermo imports and the bare insert baselines.
import { createWriteStream } from 'node:fs';
import { fromDayNumber, toDayNumber } from '../src/common/dates.ts';
import { formatAmount, parseDecimal, percentOf, toUsdMinor } from '../src/funds/domain/money.ts';
import { lcg } from './engine-data.ts';

/** What the ledger starts from: donors, their funding lines and allocations, as seeded through the services. */
export interface LedgerCatalog {
  donors: string[];
  general: string;
  special: string;
  allocations: Array<{ id: number; donorId: string; earmarkId: string; pscRateBp: number }>;
  /** Balances held before the import (minor units, as strings), by account. */
  balances: Record<string, string>;
}

export interface GeneratedEntry {
  account: string;
  currency: string;
  amount: bigint;
  donorId: string | null;
  earmarkId: string | null;
  allocationId: number | null;
}

export interface GeneratedTransaction {
  ref: string;
  kind: 'contribution' | 'allocation' | 'expenditure';
  bookedOn: string;
  donorId: string;
  earmarkId: string;
  allocationId: number | null;
  reference: string;
  entries: GeneratedEntry[];
}

/** Units of each currency for one US dollar, and its decimals. */
export const BENCH_RATES: Record<string, { rate: string; minorUnits: number }> = {
  EUR: { rate: '0.926', minorUnits: 2 },
  JPY: { rate: '151.25', minorUnits: 0 },
  GBP: { rate: '0.79', minorUnits: 2 },
  CHF: { rate: '0.88', minorUnits: 2 },
  KWD: { rate: '0.3075', minorUnits: 3 },
  NOK: { rate: '10.6', minorUnits: 2 },
  SEK: { rate: '10.4', minorUnits: 2 },
};
const FOREIGN = Object.keys(BENCH_RATES);
const FIRST_DAY = toDayNumber('2016-01-01');
const DAYS = toDayNumber('2025-12-31') - FIRST_DAY;

/** The transactions, in booking order, until they hold exactly `targetEntries` entries (an even number). */
export function* ledgerTransactions(
  catalog: LedgerCatalog,
  targetEntries: number,
): Generator<GeneratedTransaction> {
  const random = lcg(20261127);
  const below = (n: number) => Math.floor(random() * n);
  const balances = new Map(Object.entries(catalog.balances).map(([a, b]) => [a, BigInt(b)]));
  const held = (a: string) => balances.get(a) ?? 0n;
  const byDonor = new Map<string, LedgerCatalog['allocations']>();
  for (const a of catalog.allocations) byDonor.set(a.donorId, [...(byDonor.get(a.donorId) ?? []), a]);
  let entries = 0;
  let n = 0;
  while (entries < targetEntries) {
    const bookedOn = fromDayNumber(FIRST_DAY + Math.floor((entries * DAYS) / targetEntries));
    const donorId = catalog.donors[below(catalog.donors.length)] as string;
    const allocations = byDonor.get(donorId) ?? [];
    const allocation = allocations[below(allocations.length)];
    const ref = `L${String(++n).padStart(7, '0')}`;
    const u = random();
    const left = targetEntries - entries;
    let t: GeneratedTransaction | null = null;
    if (allocation && left > 2 && u >= 0.45 && u < 0.88)
      t = spend(ref, bookedOn, allocation, held, below(70));
    if (allocation && !t && u >= 0.45) t = allocate(ref, bookedOn, allocation, held, below(50));
    t ??= contribute(
      ref,
      bookedOn,
      catalog,
      donorId,
      random() < 0.6,
      left > 2 ? below(FOREIGN.length) : -1,
      below,
    );
    for (const e of t.entries) balances.set(e.account, held(e.account) + e.amount);
    entries += t.entries.length;
    yield t;
  }
}

const entry = (
  account: string,
  currency: string,
  amount: bigint,
  tags: Pick<GeneratedEntry, 'donorId' | 'earmarkId' | 'allocationId'>,
): GeneratedEntry => ({ account, currency, amount, ...tags });

function contribute(
  ref: string,
  bookedOn: string,
  catalog: LedgerCatalog,
  donorId: string,
  general: boolean,
  foreign: number,
  below: (n: number) => number,
): GeneratedTransaction {
  const earmarkId = general ? catalog.general : catalog.special;
  const line = `available/${earmarkId}/${donorId}`;
  const donor = { donorId, earmarkId: null, allocationId: null };
  const funded = { donorId, earmarkId, allocationId: null };
  const code = FOREIGN[foreign];
  const header = { ref, kind: 'contribution' as const, bookedOn, donorId, earmarkId, allocationId: null };
  if (code === undefined) {
    // Dollars go straight to the funding line: two entries.
    const usd = BigInt(1_000_000 + below(50_000_000));
    const entries = [entry(`donor/${donorId}`, 'USD', -usd, donor), entry(line, 'USD', usd, funded)];
    return { ...header, reference: `RCPT-${ref}`, entries };
  }
  const { rate, minorUnits } = BENCH_RATES[code] as { rate: string; minorUnits: number };
  const amount =
    BigInt(10_000 + below(1_000_000)) * 10n ** BigInt(minorUnits) + BigInt(below(10 ** minorUnits));
  const usd = toUsdMinor(amount, minorUnits, parseDecimal(rate, 'rate'));
  const entries = [
    entry(`donor/${donorId}`, code, -amount, donor),
    entry('fx', code, amount, donor),
    entry('fx', 'USD', -usd, donor),
    entry(line, 'USD', usd, funded),
  ];
  return { ...header, reference: `RCPT-${ref}`, entries };
}

type Allocation = LedgerCatalog['allocations'][number];

/** A transaction of an allocation (its header names the allocation, its donor and earmark). */
function ofAllocation(
  a: Allocation,
  fields: Pick<GeneratedTransaction, 'ref' | 'kind' | 'bookedOn' | 'reference' | 'entries'>,
): GeneratedTransaction {
  return { ...fields, donorId: a.donorId, earmarkId: a.earmarkId, allocationId: a.id };
}

/** Part of the funding line's free money committed to the allocation, or null when there is too little. */
function allocate(
  ref: string,
  bookedOn: string,
  a: Allocation,
  held: (account: string) => bigint,
  share: number,
): GeneratedTransaction | null {
  const line = `available/${a.earmarkId}/${a.donorId}`;
  const amount = (held(line) * BigInt(30 + share)) / 100n;
  if (amount < 100n) return null;
  const tags = { donorId: a.donorId, earmarkId: a.earmarkId, allocationId: a.id };
  const entries = [
    entry(line, 'USD', -amount, { ...tags, allocationId: null }),
    entry(`allocated/${a.id}`, 'USD', amount, tags),
  ];
  return ofAllocation(a, { ref, kind: 'allocation', bookedOn, reference: `PRJ-${a.id}`, entries });
}

/** Spending from the allocation with its support costs, or null when it holds too little. */
function spend(
  ref: string,
  bookedOn: string,
  a: Allocation,
  held: (account: string) => bigint,
  share: number,
): GeneratedTransaction | null {
  // At most 89% of the balance with 13% support costs on top: the allocation never goes below zero.
  const amount = (held(`allocated/${a.id}`) * BigInt(20 + share)) / 113n;
  const psc = percentOf(amount, a.pscRateBp);
  if (amount < 100n || psc <= 0n) return null;
  const tags = { donorId: a.donorId, earmarkId: a.earmarkId, allocationId: a.id };
  const entries = [
    entry(`allocated/${a.id}`, 'USD', -amount, tags),
    entry(`spent/${a.id}`, 'USD', amount, tags),
    entry(`allocated/${a.id}`, 'USD', -psc, tags),
    entry(`psc/${a.id}`, 'USD', psc, tags),
  ];
  return ofAllocation(a, { ref, kind: 'expenditure', bookedOn, reference: `INV-${ref}`, entries });
}

export const LEDGER_CSV_HEADER =
  'txn_ref,kind,booked_on,donor_id,earmark_id,allocation_id,account,currency,amount,reference,memo';

const decimals = (code: string) => BENCH_RATES[code]?.minorUnits ?? 2;

export interface GeneratedFile {
  transactions: number;
  entries: number;
  bytes: number;
  byKind: Record<string, number>;
  /** Entries tagged with each donor (what that donor's statement reads). */
  entriesByDonor: Record<string, number>;
}

/**
 * Writes the ledger as the CSV `palermo fund import-ledger` reads: one row per entry; at most
 * `maxTransactions` transactions (those first in booking order) when given.
 */
export async function writeLedgerCsv(
  path: string,
  catalog: LedgerCatalog,
  targetEntries: number,
  maxTransactions = Infinity,
): Promise<GeneratedFile> {
  const out = createWriteStream(path);
  const summary: GeneratedFile = { transactions: 0, entries: 0, bytes: 0, byKind: {}, entriesByDonor: {} };
  let chunk = `${LEDGER_CSV_HEADER}\n`;
  for (const t of ledgerTransactions(catalog, targetEntries)) {
    if (summary.transactions >= maxTransactions) break;
    const head = `${t.ref},${t.kind},${t.bookedOn},${t.donorId},${t.earmarkId},${t.allocationId ?? ''}`;
    for (const e of t.entries) {
      chunk += `${head},${e.account},${e.currency},${formatAmount(e.amount, decimals(e.currency))},${t.reference},\n`;
      if (e.donorId) summary.entriesByDonor[e.donorId] = (summary.entriesByDonor[e.donorId] ?? 0) + 1;
    }
    summary.transactions++;
    summary.entries += t.entries.length;
    summary.byKind[t.kind] = (summary.byKind[t.kind] ?? 0) + 1;
    if (chunk.length > 1 << 20) {
      summary.bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  summary.bytes += Buffer.byteLength(chunk);
  await new Promise<void>((resolve, reject) => out.end(chunk, () => resolve()).once('error', reject));
  return summary;
}
