// Pledges, their instalments and events.
import { sql, type Selectable } from 'kysely';
import type { PledgesTable } from '../../db/schema.ts';
import { type Db, big } from './rows.ts';

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

/** PostgreSQL: holds a pledge until the transaction ends, so two payments cannot both take what is outstanding. */
export async function lockPledge(db: Db, postgres: boolean, pledgeId: number): Promise<void> {
  if (postgres) await sql`select id from pledges where id = ${pledgeId} for update`.execute(db);
}
