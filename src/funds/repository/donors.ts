// Donors and their earmarks.
import type { Selectable } from 'kysely';
import type { DonorsTable, EarmarksTable } from '../../db/schema.ts';
import type { Earmark, EarmarkPurpose } from '../domain/earmarks.ts';
import type { Db } from './rows.ts';

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
