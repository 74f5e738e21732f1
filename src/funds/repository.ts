// The only SQL of the fund ledger. Row types stay here; amounts leave as bigint minor units.
import { sql, type Selectable } from 'kysely';
import type {
  AllocationsTable,
  DonorsTable,
  EarmarksTable,
  LedgerTransactionsTable,
  PaymentsTable,
  PledgesTable,
} from '../db/schema.ts';
import type { Db } from '../db/schema.ts';
import type { Earmark, EarmarkPurpose } from './domain/earmarks.ts';
import { balanceKey, type Entry, type TransactionKind } from './domain/ledger.ts';
import type { Currency } from './domain/money.ts';

export type { Db };

/** Minor units as read from either store (a number, or a string for sums on PostgreSQL) → bigint. */
export const big = (v: number | bigint | string | null | undefined): bigint =>
  v === null || v === undefined ? 0n : typeof v === 'bigint' ? v : BigInt(v);

// ---- currencies -------------------------------------------------------------------------------------

export async function listCurrencies(db: Db): Promise<Currency[]> {
  const rows = await db.selectFrom('currencies').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, minorUnits: r.minor_units }));
}

export async function insertCurrencies(db: Db, rows: Array<Currency & { source: string }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('currencies')
      .values(
        rows
          .slice(i, i + 100)
          .map((c) => ({ code: c.code, name: c.name, minor_units: c.minorUnits, source: c.source })),
      )
      .execute();
  }
}

// ---- donors and earmarks ------------------------------------------------------------------------------

export type DonorKind = 'state' | 'igo' | 'foundation' | 'private' | 'fund' | 'other';

export interface Donor {
  id: string;
  name: string;
  kind: DonorKind;
  participantId: string | null;
  illustrative: boolean;
  recordedAt: string;
  recordedBy: string;
}

const toDonor = (r: Selectable<DonorsTable>): Donor => ({
  id: r.id,
  name: r.name,
  kind: r.kind as DonorKind,
  participantId: r.participant_id,
  illustrative: r.illustrative === 1,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export async function insertDonor(db: Db, d: Donor): Promise<void> {
  await db
    .insertInto('donors')
    .values({
      id: d.id,
      name: d.name,
      kind: d.kind,
      participant_id: d.participantId,
      illustrative: d.illustrative ? 1 : 0,
      recorded_at: d.recordedAt,
      recorded_by: d.recordedBy,
    })
    .execute();
}

export async function findDonor(db: Db, id: string): Promise<Donor | null> {
  const r = await db.selectFrom('donors').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toDonor(r) : null;
}

export async function listDonors(db: Db, ids?: readonly string[]): Promise<Donor[]> {
  let q = db.selectFrom('donors').selectAll().orderBy('name');
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return (await q.execute()).map(toDonor);
}

export interface EarmarkRecord extends Earmark {
  recordedAt: string;
  recordedBy: string;
}

const toEarmark = (r: Selectable<EarmarksTable>): EarmarkRecord => ({
  id: r.id,
  name: r.name,
  purpose: r.purpose as EarmarkPurpose,
  iatiCategory: r.iati_category as 1 | 2 | 3 | 4,
  instrumentId: r.instrument_id,
  region: r.region,
  countryId: r.country_id,
  theme: r.theme,
  projectRef: r.project_ref,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export async function insertEarmark(db: Db, e: EarmarkRecord): Promise<void> {
  await db
    .insertInto('earmarks')
    .values({
      id: e.id,
      name: e.name,
      purpose: e.purpose,
      iati_category: e.iatiCategory,
      instrument_id: e.instrumentId,
      region: e.region,
      country_id: e.countryId,
      theme: e.theme,
      project_ref: e.projectRef,
      recorded_at: e.recordedAt,
      recorded_by: e.recordedBy,
    })
    .execute();
}

export async function findEarmark(db: Db, id: string): Promise<EarmarkRecord | null> {
  const r = await db.selectFrom('earmarks').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toEarmark(r) : null;
}

export async function listEarmarks(db: Db): Promise<EarmarkRecord[]> {
  return (await db.selectFrom('earmarks').selectAll().orderBy('id').execute()).map(toEarmark);
}

// ---- rates ------------------------------------------------------------------------------------------

export interface RateRecord {
  currency: string;
  /** YYYY-MM: UN operational rates are set for a calendar month. */
  month: string;
  /** Units of the currency for one US dollar, as a decimal string. */
  rate: string;
  source: string;
  illustrative: boolean;
  recordedAt: string;
  recordedBy: string;
}

export async function insertRate(db: Db, r: RateRecord): Promise<void> {
  await db
    .insertInto('exchange_rates')
    .values({
      currency: r.currency,
      month: r.month,
      rate: r.rate,
      source: r.source,
      illustrative: r.illustrative ? 1 : 0,
      recorded_at: r.recordedAt,
      recorded_by: r.recordedBy,
    })
    .execute();
}

/** The rate of a currency for a month in one dataset: real UN operational rates, or illustrative ones. */
export async function findRate(
  db: Db,
  currency: string,
  month: string,
  illustrative: boolean,
): Promise<RateRecord | null> {
  const r = await db
    .selectFrom('exchange_rates')
    .selectAll()
    .where('currency', '=', currency)
    .where('month', '=', month)
    .where('illustrative', '=', illustrative ? 1 : 0)
    .executeTakeFirst();
  return r
    ? {
        currency: r.currency,
        month: r.month,
        rate: r.rate,
        source: r.source,
        illustrative: r.illustrative === 1,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
      }
    : null;
}

export async function listRates(
  db: Db,
  filter: { currency?: string; month?: string } = {},
): Promise<RateRecord[]> {
  let q = db.selectFrom('exchange_rates').selectAll().orderBy('month', 'desc').orderBy('currency');
  if (filter.currency) q = q.where('currency', '=', filter.currency);
  if (filter.month) q = q.where('month', '=', filter.month);
  return (await q.limit(5000).execute()).map((r) => ({
    currency: r.currency,
    month: r.month,
    rate: r.rate,
    source: r.source,
    illustrative: r.illustrative === 1,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}

// ---- pledges ----------------------------------------------------------------------------------------

export type SourceOfFunds = 'voluntary' | 'confiscated_proceeds';

export interface PledgeRow {
  id: number;
  donorId: string;
  pledgedOn: string;
  currency: string;
  amount: bigint;
  earmarkId: string;
  sourceOfFunds: SourceOfFunds;
  periodFrom: string | null;
  periodTo: string | null;
  conditions: string | null;
  documentRef: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface PledgeEventRow {
  id: number;
  pledgeId: number;
  kind: 'agreement' | 'write_off' | 'close';
  happenedOn: string;
  reference: string | null;
  amount: bigint | null;
  pscRateBp: number | null;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
}

const toPledge = (r: Selectable<PledgesTable>): PledgeRow => ({
  id: r.id,
  donorId: r.donor_id,
  pledgedOn: r.pledged_on,
  currency: r.currency,
  amount: big(r.amount),
  earmarkId: r.earmark_id,
  sourceOfFunds: r.source_of_funds as SourceOfFunds,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  conditions: r.conditions,
  documentRef: r.document_ref,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export async function insertPledge(
  db: Db,
  p: Omit<PledgeRow, 'id'>,
  instalments: ReadonlyArray<{ dueOn: string; amount: bigint }>,
): Promise<number> {
  const { id } = await db
    .insertInto('pledges')
    .values({
      donor_id: p.donorId,
      pledged_on: p.pledgedOn,
      currency: p.currency,
      amount: p.amount,
      earmark_id: p.earmarkId,
      source_of_funds: p.sourceOfFunds,
      period_from: p.periodFrom,
      period_to: p.periodTo,
      conditions: p.conditions,
      document_ref: p.documentRef,
      recorded_at: p.recordedAt,
      recorded_by: p.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (instalments.length > 0) {
    await db
      .insertInto('pledge_instalments')
      .values(instalments.map((i, n) => ({ pledge_id: id, seq: n + 1, due_on: i.dueOn, amount: i.amount })))
      .execute();
  }
  return id;
}

export async function listPledges(
  db: Db,
  filter: { donorIds?: readonly string[]; ids?: readonly number[] } = {},
): Promise<PledgeRow[]> {
  let q = db.selectFrom('pledges').selectAll().orderBy('pledged_on').orderBy('id');
  if (filter.donorIds) {
    if (filter.donorIds.length === 0) return [];
    q = q.where('donor_id', 'in', filter.donorIds);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  return (await q.execute()).map(toPledge);
}

export async function listInstalments(
  db: Db,
  pledgeIds: readonly number[],
): Promise<Map<number, Array<{ dueOn: string; amount: bigint }>>> {
  const out = new Map<number, Array<{ dueOn: string; amount: bigint }>>();
  if (pledgeIds.length === 0) return out;
  const rows = await db
    .selectFrom('pledge_instalments')
    .selectAll()
    .where('pledge_id', 'in', pledgeIds)
    .orderBy('pledge_id')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const list = out.get(r.pledge_id) ?? [];
    list.push({ dueOn: r.due_on, amount: big(r.amount) });
    out.set(r.pledge_id, list);
  }
  return out;
}

export async function insertPledgeEvent(db: Db, e: Omit<PledgeEventRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('pledge_events')
    .values({
      pledge_id: e.pledgeId,
      kind: e.kind,
      happened_on: e.happenedOn,
      reference: e.reference,
      amount: e.amount,
      psc_rate_bp: e.pscRateBp,
      note: e.note,
      recorded_at: e.recordedAt,
      recorded_by: e.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listPledgeEvents(db: Db, pledgeIds: readonly number[]): Promise<PledgeEventRow[]> {
  if (pledgeIds.length === 0) return [];
  const rows = await db
    .selectFrom('pledge_events')
    .selectAll()
    .where('pledge_id', 'in', pledgeIds)
    .orderBy('happened_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    pledgeId: r.pledge_id,
    kind: r.kind as PledgeEventRow['kind'],
    happenedOn: r.happened_on,
    reference: r.reference,
    amount: r.amount === null ? null : big(r.amount),
    pscRateBp: r.psc_rate_bp,
    note: r.note,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}

// ---- allocations ------------------------------------------------------------------------------------

export interface AllocationRow {
  id: number;
  earmarkId: string;
  donorId: string;
  purposeKind: 'project' | 'event' | 'other';
  purposeRef: string;
  instrumentId: string | null;
  region: string | null;
  countryId: string | null;
  theme: string | null;
  description: string | null;
  pscRateBp: number;
  recordedAt: string;
  recordedBy: string;
}

const toAllocation = (r: Selectable<AllocationsTable>): AllocationRow => ({
  id: r.id,
  earmarkId: r.earmark_id,
  donorId: r.donor_id,
  purposeKind: r.purpose_kind as AllocationRow['purposeKind'],
  purposeRef: r.purpose_ref,
  instrumentId: r.instrument_id,
  region: r.region,
  countryId: r.country_id,
  theme: r.theme,
  description: r.description,
  pscRateBp: r.psc_rate_bp,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

export async function insertAllocation(db: Db, a: Omit<AllocationRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('allocations')
    .values({
      earmark_id: a.earmarkId,
      donor_id: a.donorId,
      purpose_kind: a.purposeKind,
      purpose_ref: a.purposeRef,
      instrument_id: a.instrumentId,
      region: a.region,
      country_id: a.countryId,
      theme: a.theme,
      description: a.description,
      psc_rate_bp: a.pscRateBp,
      recorded_at: a.recordedAt,
      recorded_by: a.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findAllocation(db: Db, id: number): Promise<AllocationRow | null> {
  const r = await db.selectFrom('allocations').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toAllocation(r) : null;
}

export async function listAllocations(
  db: Db,
  filter: { donorIds?: readonly string[]; purposeRef?: string } = {},
): Promise<AllocationRow[]> {
  let q = db.selectFrom('allocations').selectAll().orderBy('id');
  if (filter.donorIds) {
    if (filter.donorIds.length === 0) return [];
    q = q.where('donor_id', 'in', filter.donorIds);
  }
  if (filter.purposeRef) q = q.where('purpose_ref', '=', filter.purposeRef);
  return (await q.execute()).map(toAllocation);
}

// ---- the ledger -------------------------------------------------------------------------------------

export interface TransactionHeader {
  kind: TransactionKind;
  bookedOn: string;
  donorId: string | null;
  earmarkId: string | null;
  allocationId: number | null;
  pledgeId: number | null;
  reversesId: number | null;
  reference: string | null;
  memo: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface TransactionRow extends TransactionHeader {
  id: number;
}

const toTransaction = (r: Selectable<LedgerTransactionsTable>): TransactionRow => ({
  id: r.id,
  kind: r.kind as TransactionKind,
  bookedOn: r.booked_on,
  donorId: r.donor_id,
  earmarkId: r.earmark_id,
  allocationId: r.allocation_id,
  pledgeId: r.pledge_id,
  reversesId: r.reverses_id,
  reference: r.reference,
  memo: r.memo,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
});

/** What an entry's account belongs to, for the statements (see the migration). */
export interface EntryTags {
  kind: TransactionKind;
  reversal: boolean;
  donorId: string | null;
  earmarkId: string | null;
  allocationId: number | null;
}

export async function insertTransaction(
  db: Db,
  header: TransactionHeader,
  entries: ReadonlyArray<Entry & EntryTags>,
): Promise<number> {
  const { id } = await db
    .insertInto('ledger_transactions')
    .values({
      kind: header.kind,
      booked_on: header.bookedOn,
      donor_id: header.donorId,
      earmark_id: header.earmarkId,
      allocation_id: header.allocationId,
      pledge_id: header.pledgeId,
      reverses_id: header.reversesId,
      reference: header.reference,
      memo: header.memo,
      recorded_at: header.recordedAt,
      recorded_by: header.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ledger_entries')
    .values(
      entries.map((e) => ({
        transaction_id: id,
        account: e.account,
        currency: e.currency,
        amount: e.amount,
        booked_on: header.bookedOn,
        kind: e.kind,
        reversal: e.reversal ? 1 : 0,
        donor_id: e.donorId,
        earmark_id: e.earmarkId,
        allocation_id: e.allocationId,
      })),
    )
    .execute();
  return id;
}

export async function findTransaction(db: Db, id: number): Promise<TransactionRow | null> {
  const r = await db.selectFrom('ledger_transactions').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTransaction(r) : null;
}

export async function findReversalOf(db: Db, id: number): Promise<number | null> {
  const r = await db
    .selectFrom('ledger_transactions')
    .select('id')
    .where('reverses_id', '=', id)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function listTransactions(
  db: Db,
  filter: {
    ids?: readonly number[];
    donorIds?: readonly string[];
    allocationId?: number;
    limit?: number;
    beforeId?: number;
  } = {},
): Promise<TransactionRow[]> {
  let q = db.selectFrom('ledger_transactions').selectAll().orderBy('id', 'desc');
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.donorIds) {
    if (filter.donorIds.length === 0) return [];
    q = q.where('donor_id', 'in', filter.donorIds);
  }
  if (filter.allocationId !== undefined) q = q.where('allocation_id', '=', filter.allocationId);
  if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId);
  return (await q.limit(filter.limit ?? 1000).execute()).map(toTransaction);
}

export async function listEntries(db: Db, transactionIds: readonly number[]): Promise<Map<number, Entry[]>> {
  const out = new Map<number, Entry[]>();
  if (transactionIds.length === 0) return out;
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['transaction_id', 'account', 'currency', 'amount'])
    .where('transaction_id', 'in', transactionIds)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.transaction_id) ?? [];
    list.push({ account: r.account, currency: r.currency, amount: big(r.amount) });
    out.set(r.transaction_id, list);
  }
  return out;
}

/**
 * Reads the balances a transaction touches. On PostgreSQL the rows are created if missing and locked in a
 * fixed order (so two writers never deadlock), and held until the transaction ends: a concurrent spend of
 * the same money waits and then sees what is left. SQLite runs one write transaction at a time.
 */
export async function lockBalances(
  db: Db,
  postgres: boolean,
  keys: ReadonlyArray<{ account: string; currency: string }>,
): Promise<Map<string, bigint>> {
  const unique = [...new Map(keys.map((k) => [balanceKey(k.account, k.currency), k])).values()].sort(
    (a, b) => (a.account === b.account ? (a.currency < b.currency ? -1 : 1) : a.account < b.account ? -1 : 1),
  );
  const out = new Map<string, bigint>();
  if (postgres) {
    await db
      .insertInto('account_balances')
      .values(unique.map((k) => ({ account: k.account, currency: k.currency, balance: 0 })))
      .onConflict((oc) => oc.columns(['account', 'currency']).doNothing())
      .execute();
    for (const k of unique) {
      const r = await sql<{ balance: number | string }>`select balance from account_balances
        where account = ${k.account} and currency = ${k.currency} for update`.execute(db);
      out.set(balanceKey(k.account, k.currency), big(r.rows[0]?.balance));
    }
    return out;
  }
  const rows = await db
    .selectFrom('account_balances')
    .select(['account', 'currency', 'balance'])
    .where('account', 'in', [...new Set(unique.map((k) => k.account))])
    .execute();
  for (const r of rows) out.set(balanceKey(r.account, r.currency), big(r.balance));
  return out;
}

export async function writeBalances(
  db: Db,
  changes: ReadonlyArray<{ account: string; currency: string; after: bigint }>,
): Promise<void> {
  for (const c of changes) {
    await db
      .insertInto('account_balances')
      .values({ account: c.account, currency: c.currency, balance: c.after })
      .onConflict((oc) => oc.columns(['account', 'currency']).doUpdateSet({ balance: c.after }))
      .execute();
  }
}

export interface BalanceRow {
  account: string;
  currency: string;
  balance: bigint;
}

export async function cachedBalances(db: Db, prefix?: string): Promise<BalanceRow[]> {
  let q = db.selectFrom('account_balances').selectAll().orderBy('account').orderBy('currency');
  if (prefix) q = q.where('account', 'like', `${prefix}%`);
  return (await q.execute()).map((r) => ({
    account: r.account,
    currency: r.currency,
    balance: big(r.balance),
  }));
}

/** Balances rebuilt from the entries themselves (optionally as at a date). */
export async function balancesFromEntries(db: Db, asOf?: string): Promise<BalanceRow[]> {
  let q = db
    .selectFrom('ledger_entries')
    .select(['account', 'currency', sql<number | string>`sum(amount)`.as('balance')])
    .groupBy(['account', 'currency'])
    .orderBy('account')
    .orderBy('currency');
  if (asOf) q = q.where('booked_on', '<=', asOf);
  return (await q.execute()).map((r) => ({
    account: r.account,
    currency: r.currency,
    balance: big(r.balance),
  }));
}

/** What an account moved each day after `day`, in date order, and its balance at the end of `day`. */
export async function balanceFrom(
  db: Db,
  account: string,
  currency: string,
  day: string,
): Promise<{ asAt: bigint; later: Array<{ bookedOn: string; amount: bigint }> }> {
  const of = db.selectFrom('ledger_entries').where('account', '=', account).where('currency', '=', currency);
  const [until, after] = await Promise.all([
    of
      .select(sql<number | string | null>`sum(amount)`.as('amount'))
      .where('booked_on', '<=', day)
      .executeTakeFirst(),
    of
      .select(['booked_on', sql<number | string>`sum(amount)`.as('amount')])
      .where('booked_on', '>', day)
      .groupBy('booked_on')
      .orderBy('booked_on')
      .execute(),
  ]);
  const asAt = until?.amount == null ? 0n : big(until.amount);
  const later = after.map((r) => ({ bookedOn: r.booked_on, amount: big(r.amount) }));
  return { asAt, later };
}

/** What each Fund account (free and allocated money) moved per day, in account and date order. */
export async function fundAccountDays(
  db: Db,
): Promise<Array<{ account: string; currency: string; bookedOn: string; amount: bigint }>> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['account', 'currency', 'booked_on', sql<number | string>`sum(amount)`.as('amount')])
    .where((eb) => eb.or([eb('account', 'like', 'available/%'), eb('account', 'like', 'allocated/%')]))
    .groupBy(['account', 'currency', 'booked_on'])
    .orderBy('account')
    .orderBy('currency')
    .orderBy('booked_on')
    .execute();
  return rows.map((r) => ({
    account: r.account,
    currency: r.currency,
    bookedOn: r.booked_on,
    amount: big(r.amount),
  }));
}

/** Sums of entries grouped the way statements need them. */
export interface FlowRow {
  account: string;
  currency: string;
  kind: TransactionKind;
  year: string;
  donorId: string | null;
  earmarkId: string | null;
  amount: bigint;
}

export async function flows(
  db: Db,
  filter: { donorIds?: readonly string[]; from?: string; to: string; illustrative?: boolean },
): Promise<FlowRow[]> {
  let q = db
    .selectFrom('ledger_entries as e')
    .select([
      'e.account',
      'e.currency',
      'e.kind',
      sql<string>`substr(e.booked_on, 1, 4)`.as('year'),
      'e.donor_id',
      'e.earmark_id',
      sql<number | string>`sum(e.amount)`.as('amount'),
    ])
    .where('e.booked_on', '<=', filter.to)
    .groupBy([
      'e.account',
      'e.currency',
      'e.kind',
      sql`substr(e.booked_on, 1, 4)`,
      'e.donor_id',
      'e.earmark_id',
    ]);
  if (filter.from) q = q.where('e.booked_on', '>=', filter.from);
  if (filter.donorIds) {
    if (filter.donorIds.length === 0) return [];
    q = q.where('e.donor_id', 'in', filter.donorIds);
  }
  if (filter.illustrative !== undefined) {
    const flag = filter.illustrative ? 1 : 0;
    q = q.where('e.donor_id', 'in', (s) =>
      s.selectFrom('donors as d').select('d.id').where('d.illustrative', '=', flag),
    );
  }
  return (await q.execute()).map((r) => ({
    account: r.account,
    currency: r.currency,
    kind: r.kind as TransactionKind,
    year: r.year,
    donorId: r.donor_id,
    earmarkId: r.earmark_id,
    amount: big(r.amount),
  }));
}

// ---- payments -----------------------------------------------------------------------------------------

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

/** PostgreSQL: holds a pledge until the transaction ends, so two payments cannot both take what is outstanding. */
export async function lockPledge(db: Db, postgres: boolean, pledgeId: number): Promise<void> {
  if (postgres) await sql`select id from pledges where id = ${pledgeId} for update`.execute(db);
}

/** For each of these transactions that was reversed: the id of its reversal. */
export async function reversalsOf(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('ledger_transactions')
    .select(['id', 'reverses_id'])
    .where('reverses_id', 'in', ids)
    .execute();
  for (const r of rows) if (r.reverses_id !== null) out.set(r.reverses_id, r.id);
  return out;
}

export async function countTransactions(db: Db): Promise<number> {
  const r = await db
    .selectFrom('ledger_transactions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Transactions whose entries do not sum to zero in some currency (there must never be any). */
export async function unbalancedTransactions(
  db: Db,
): Promise<Array<{ id: number; currency: string; sum: string }>> {
  const r = await sql<{ id: number; currency: string; sum: string }>`select transaction_id as id, currency,
    cast(sum(amount) as text) as sum from ledger_entries group by transaction_id, currency having sum(amount) <> 0`.execute(
    db,
  );
  return r.rows;
}
