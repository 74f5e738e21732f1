// Allocations of Fund money to a purpose.
import type { Selectable } from 'kysely';
import type { AllocationsTable } from '../../db/schema.ts';
import type { Db } from './rows.ts';

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
