// The only SQL of technical assistance. Row types stay here.
import { sql, type Selectable } from 'kysely';
import { actorNames } from '../audit/actors.ts';
import type { AssistanceRequestsTable, ProjectsTable } from '../db/schema.ts';
import { big } from '../db/minor-units.ts';
import type { Db } from '../db/schema.ts';
import type { ClassPeriod } from './domain/eligibility.ts';
import type { RequestStatus } from './domain/workflow.ts';

export type { Db };

// ---- provisions -------------------------------------------------------------------------------------

export interface Provision {
  instrumentId: string;
  article: string;
  title: string;
  theme: string;
  obligation: 'mandatory' | 'consider' | 'optional' | 'none';
  paragraphs: number;
  summary: string;
  notifications: string | null;
  reservation: string | null;
  source: string;
}

export async function insertProvisions(db: Db, rows: readonly Provision[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto('provisions')
      .values(
        rows.slice(i, i + 50).map((p) => ({
          instrument_id: p.instrumentId,
          article: p.article,
          title: p.title,
          theme: p.theme,
          obligation: p.obligation,
          paragraphs: p.paragraphs,
          summary: p.summary,
          notifications: p.notifications,
          reservation: p.reservation,
          source: p.source,
        })),
      )
      .execute();
  }
}

export async function listProvisions(db: Db): Promise<Provision[]> {
  const rows = await db.selectFrom('provisions').selectAll().execute();
  return rows
    .map((r) => ({
      instrumentId: r.instrument_id,
      article: r.article,
      title: r.title,
      theme: r.theme,
      obligation: r.obligation as Provision['obligation'],
      paragraphs: r.paragraphs,
      summary: r.summary,
      notifications: r.notifications,
      reservation: r.reservation,
      source: r.source,
    }))
    .sort((a, b) =>
      a.instrumentId === b.instrumentId
        ? Number(a.article) - Number(b.article)
        : a.instrumentId < b.instrumentId
          ? -1
          : 1,
    );
}

// ---- development classes ----------------------------------------------------------------------------

export async function classPeriods(db: Db, participantId: string): Promise<ClassPeriod[]> {
  const rows = await db
    .selectFrom('development_classes')
    .select(['class', 'valid_from', 'valid_to', 'basis'])
    .where('participant_id', '=', participantId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ class: r.class, validFrom: r.valid_from, validTo: r.valid_to, basis: r.basis }));
}

export async function insertClassPeriod(
  db: Db,
  p: { participantId: string; class: string; validFrom: string; basis: string; source: string },
): Promise<void> {
  await db
    .insertInto('development_classes')
    .values({
      participant_id: p.participantId,
      class: p.class,
      valid_from: p.validFrom,
      valid_to: null,
      basis: p.basis,
      source: p.source,
    })
    .execute();
}

// ---- assessments ------------------------------------------------------------------------------------

export interface AssessmentEntry {
  id: number;
  participantId: string;
  instrumentId: string;
  article: string;
  status: 'in_place' | 'partly' | 'not_in_place' | 'not_applicable';
  measure: string | null;
  needs: string[];
  note: string | null;
  assessedOn: string;
  recordedAt: string;
  recordedBy: string;
}

export async function insertAssessmentEntries(
  db: Db,
  entries: ReadonlyArray<Omit<AssessmentEntry, 'id'>>,
): Promise<void> {
  await db
    .insertInto('assessment_entries')
    .values(
      entries.map((e) => ({
        participant_id: e.participantId,
        instrument_id: e.instrumentId,
        article: e.article,
        status: e.status,
        measure: e.measure,
        needs: JSON.stringify(e.needs),
        note: e.note,
        assessed_on: e.assessedOn,
        recorded_at: e.recordedAt,
        recorded_by: e.recordedBy,
      })),
    )
    .execute();
}

/** Every entry for these States, oldest first (the newest per provision is the current assessment). */
export async function listAssessmentEntries(
  db: Db,
  participantIds: readonly string[],
): Promise<AssessmentEntry[]> {
  if (participantIds.length === 0) return [];
  const rows = await db
    .selectFrom('assessment_entries')
    .selectAll()
    .where('participant_id', 'in', participantIds)
    .orderBy('assessed_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    participantId: r.participant_id,
    instrumentId: r.instrument_id,
    article: r.article,
    status: r.status as AssessmentEntry['status'],
    measure: r.measure,
    needs: JSON.parse(r.needs) as string[],
    note: r.note,
    assessedOn: r.assessed_on,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}

export async function insertPublication(
  db: Db,
  participantId: string,
  published: boolean,
  at: string,
  by: string,
): Promise<void> {
  await db
    .insertInto('assessment_publications')
    .values({ participant_id: participantId, published: published ? 1 : 0, decided_at: at, decided_by: by })
    .execute();
}

/** The State's latest choice about publishing its assessment (null: never decided, so confidential). */
export async function latestPublication(
  db: Db,
  participantId: string,
): Promise<{ published: boolean; decidedAt: string; decidedBy: string } | null> {
  const r = await db
    .selectFrom('assessment_publications')
    .selectAll()
    .where('participant_id', '=', participantId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { published: r.published === 1, decidedAt: r.decided_at, decidedBy: r.decided_by } : null;
}

export async function publishedStates(db: Db): Promise<string[]> {
  const rows = await sql<{ participant_id: string; published: number }>`select p.participant_id, p.published
    from assessment_publications p
    where p.id = (select max(q.id) from assessment_publications q where q.participant_id = p.participant_id)`.execute(
    db,
  );
  return rows.rows.filter((r) => Number(r.published) === 1).map((r) => r.participant_id);
}

// ---- requests ---------------------------------------------------------------------------------------

export interface RequestRow {
  id: number;
  participantId: string;
  kind: 'implementation' | 'preparatory';
  instrumentId: string | null;
  title: string;
  description: string;
  provisions: string[];
  assistance: string[];
  neededBy: string | null;
  estimatedCost: bigint | null;
  requestedOn: string;
  eligible: boolean;
  eligibility: string;
  priority: string[];
  status: RequestStatus;
  createdAt: string;
  createdBy: string;
}

const toRequest = (r: Selectable<AssistanceRequestsTable>): RequestRow => ({
  id: r.id,
  participantId: r.participant_id,
  kind: r.kind as RequestRow['kind'],
  instrumentId: r.instrument_id,
  title: r.title,
  description: r.description,
  provisions: JSON.parse(r.provisions) as string[],
  assistance: JSON.parse(r.assistance) as string[],
  neededBy: r.needed_by,
  estimatedCost: r.estimated_cost === null ? null : big(r.estimated_cost),
  requestedOn: r.requested_on,
  eligible: r.eligible === 1,
  eligibility: r.eligibility,
  priority: JSON.parse(r.priority) as string[],
  status: r.status as RequestStatus,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function insertRequest(db: Db, r: Omit<RequestRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('assistance_requests')
    .values({
      participant_id: r.participantId,
      kind: r.kind,
      instrument_id: r.instrumentId,
      title: r.title,
      description: r.description,
      provisions: JSON.stringify(r.provisions),
      assistance: JSON.stringify(r.assistance),
      needed_by: r.neededBy,
      estimated_cost: r.estimatedCost,
      requested_on: r.requestedOn,
      eligible: r.eligible ? 1 : 0,
      eligibility: r.eligibility,
      priority: JSON.stringify(r.priority),
      status: r.status,
      created_at: r.createdAt,
      created_by: r.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listRequests(
  db: Db,
  filter: {
    participantIds?: readonly string[];
    ids?: readonly number[];
    statuses?: readonly string[];
    /** Keyset paging (src/common/paging.ts): the requests after this id, at most `limit`, by id. */
    afterId?: number;
    limit?: number;
  } = {},
): Promise<RequestRow[]> {
  let q = db.selectFrom('assistance_requests').selectAll().orderBy('id');
  if (filter.afterId !== undefined) q = q.where('id', '>', filter.afterId);
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  if (filter.participantIds) {
    if (filter.participantIds.length === 0) return [];
    q = q.where('participant_id', 'in', filter.participantIds);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.statuses) {
    if (filter.statuses.length === 0) return [];
    q = q.where('status', 'in', filter.statuses);
  }
  return (await q.execute()).map(toRequest);
}

/** PostgreSQL: holds the request until the transaction ends, so two steps cannot both start from one status. */
export async function lockRequest(db: Db, postgres: boolean, id: number): Promise<void> {
  if (postgres) await sql`select id from assistance_requests where id = ${id} for update`.execute(db);
}

export async function setRequestStatus(db: Db, id: number, status: RequestStatus): Promise<void> {
  await db.updateTable('assistance_requests').set({ status }).where('id', '=', id).execute();
}

export interface StepRow {
  id: number;
  requestId: number;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  at: string;
  byActor: string;
  byRole: string | null;
  /** The display name of the account ("user:<id>") or the name of the API token ("token:<id>") behind `byActor`. */
  byName: string | null;
}

export async function insertStep(db: Db, s: Omit<StepRow, 'id' | 'byName'>): Promise<void> {
  await db
    .insertInto('request_steps')
    .values({
      request_id: s.requestId,
      from_status: s.fromStatus,
      to_status: s.toStatus,
      reason: s.reason,
      at: s.at,
      by_actor: s.byActor,
      by_role: s.byRole,
    })
    .execute();
}

export async function listSteps(db: Db, requestIds: readonly number[]): Promise<StepRow[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .selectFrom('request_steps')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('id')
    .execute();
  const names = await actorNames(
    db,
    rows.map((r) => r.by_actor),
  );
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reason: r.reason,
    at: r.at,
    byActor: r.by_actor,
    byRole: r.by_role,
    byName: names.get(r.by_actor) ?? null,
  }));
}

// ---- offers -----------------------------------------------------------------------------------------

export interface OfferRow {
  id: number;
  donorId: string | null;
  partnerId: string | null;
  theme: string | null;
  region: string | null;
  instrumentId: string | null;
  amount: bigint | null;
  inKind: string | null;
  description: string;
  status: 'open' | 'closed';
  createdAt: string;
  createdBy: string;
}

export async function insertOffer(db: Db, o: Omit<OfferRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('assistance_offers')
    .values({
      donor_id: o.donorId,
      partner_id: o.partnerId,
      theme: o.theme,
      region: o.region,
      instrument_id: o.instrumentId,
      amount: o.amount,
      in_kind: o.inKind,
      description: o.description,
      status: o.status,
      created_at: o.createdAt,
      created_by: o.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listOffers(
  db: Db,
  filter: { ids?: readonly number[]; status?: 'open' } = {},
): Promise<OfferRow[]> {
  let q = db.selectFrom('assistance_offers').selectAll().orderBy('id');
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.execute()).map((r) => ({
    id: r.id,
    donorId: r.donor_id,
    partnerId: r.partner_id,
    theme: r.theme,
    region: r.region,
    instrumentId: r.instrument_id,
    amount: r.amount === null ? null : big(r.amount),
    inKind: r.in_kind,
    description: r.description,
    status: r.status as OfferRow['status'],
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

// ---- projects ---------------------------------------------------------------------------------------

export interface ProjectRow {
  id: number;
  requestId: number;
  participantId: string;
  title: string;
  budget: bigint;
  startsOn: string;
  endsOn: string;
  implementingPartner: string;
  beneficiaries: string;
  offerId: number | null;
  published: boolean;
  status: 'active' | 'completed';
  createdAt: string;
  createdBy: string;
}

const toProject = (r: Selectable<ProjectsTable>): ProjectRow => ({
  id: r.id,
  requestId: r.request_id,
  participantId: r.participant_id,
  title: r.title,
  budget: big(r.budget),
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  implementingPartner: r.implementing_partner,
  beneficiaries: r.beneficiaries,
  offerId: r.offer_id,
  published: r.published === 1,
  status: r.status as ProjectRow['status'],
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function insertProject(db: Db, p: Omit<ProjectRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('projects')
    .values({
      request_id: p.requestId,
      participant_id: p.participantId,
      title: p.title,
      budget: p.budget,
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      implementing_partner: p.implementingPartner,
      beneficiaries: p.beneficiaries,
      offer_id: p.offerId,
      published: p.published ? 1 : 0,
      status: p.status,
      created_at: p.createdAt,
      created_by: p.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listProjects(
  db: Db,
  filter: {
    ids?: readonly number[];
    participantIds?: readonly string[];
    requestIds?: readonly number[];
    published?: boolean;
    /** Keyset paging (src/common/paging.ts): the projects after this id, at most `limit`, by id. */
    afterId?: number;
    limit?: number;
  } = {},
): Promise<ProjectRow[]> {
  let q = db.selectFrom('projects').selectAll().orderBy('id');
  if (filter.afterId !== undefined) q = q.where('id', '>', filter.afterId);
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.participantIds) {
    if (filter.participantIds.length === 0) return [];
    q = q.where('participant_id', 'in', filter.participantIds);
  }
  if (filter.requestIds) {
    if (filter.requestIds.length === 0) return [];
    q = q.where('request_id', 'in', filter.requestIds);
  }
  if (filter.published !== undefined) q = q.where('published', '=', filter.published ? 1 : 0);
  return (await q.execute()).map(toProject);
}

export async function setProjectStatus(db: Db, id: number, status: ProjectRow['status']): Promise<void> {
  await db.updateTable('projects').set({ status }).where('id', '=', id).execute();
}

export async function insertActivity(
  db: Db,
  a: { projectId: number; title: string; startsOn: string; endsOn: string; at: string; by: string },
): Promise<number> {
  const { id } = await db
    .insertInto('project_activities')
    .values({
      project_id: a.projectId,
      title: a.title,
      starts_on: a.startsOn,
      ends_on: a.endsOn,
      created_at: a.at,
      created_by: a.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertResult(
  db: Db,
  r: {
    projectId: number;
    title: string;
    indicator: string;
    unit: string;
    baseline: string;
    target: string;
    at: string;
    by: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('project_results')
    .values({
      project_id: r.projectId,
      title: r.title,
      indicator: r.indicator,
      unit: r.unit,
      baseline: r.baseline,
      target: r.target,
      created_at: r.at,
      created_by: r.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertMeasurement(
  db: Db,
  m: { resultId: number; period: string; actual: string; note: string | null; at: string; by: string },
): Promise<void> {
  await db
    .insertInto('result_measurements')
    .values({
      result_id: m.resultId,
      period: m.period,
      actual: m.actual,
      note: m.note,
      recorded_at: m.at,
      recorded_by: m.by,
    })
    .execute();
}

export async function insertOutcome(
  db: Db,
  o: {
    projectId: number;
    resultId: number | null;
    kind: string;
    happenedOn: string;
    citation: string | null;
    instrumentId: string | null;
    article: string | null;
    actionId: number | null;
    at: string;
    by: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('project_outcomes')
    .values({
      project_id: o.projectId,
      result_id: o.resultId,
      kind: o.kind,
      happened_on: o.happenedOn,
      citation: o.citation,
      instrument_id: o.instrumentId,
      article: o.article,
      action_id: o.actionId,
      recorded_at: o.at,
      recorded_by: o.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Activities, results (with their measurements) and outcomes of these projects. */
export async function projectDetails(db: Db, projectIds: readonly number[]) {
  if (projectIds.length === 0) return { activities: [], results: [], measurements: [], outcomes: [] };
  const [activities, results, outcomes] = await Promise.all([
    db
      .selectFrom('project_activities')
      .selectAll()
      .where('project_id', 'in', projectIds)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('project_results')
      .selectAll()
      .where('project_id', 'in', projectIds)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('project_outcomes')
      .selectAll()
      .where('project_id', 'in', projectIds)
      .orderBy('happened_on')
      .orderBy('id')
      .execute(),
  ]);
  const resultIds = results.map((r) => r.id);
  const measurements =
    resultIds.length === 0
      ? []
      : await db
          .selectFrom('result_measurements')
          .selectAll()
          .where('result_id', 'in', resultIds)
          .orderBy('period')
          .orderBy('id')
          .execute();
  return { activities, results, measurements, outcomes };
}

/**
 * The day each State's requests were made, drafts left out (a draft is not yet asked): what the events
 * follow-up reads, through services/lookups.ts.
 */
export async function listRequestDates(db: Db): Promise<Array<{ participantId: string; date: string }>> {
  const rows = await db
    .selectFrom('assistance_requests')
    .select(['participant_id', 'requested_on'])
    .where('status', '!=', 'draft')
    .orderBy('participant_id')
    .orderBy('requested_on')
    .execute();
  return rows.map((r) => ({ participantId: r.participant_id, date: r.requested_on }));
}
