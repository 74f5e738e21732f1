// The only place with SQL for the treaty registry. Functions take the database first; row types do not
// leave this file.
import { sql, type Selectable } from 'kysely';
import { actorLabel, actorNames } from '../audit/actors.ts';
import type { ActionsTable, Db, InstrumentsTable, ParticipantsTable } from '../db/schema.ts';
import { boundPartialDate, parsePartialDate, type PartialDate } from '../common/dates.ts';
import type { ActionKind, InstrumentRules, ParticipantKind, RegistryAction } from './domain/types.ts';

export type { Db };

export interface Instrument extends InstrumentRules {
  mtdsgNo: string | null;
  title: string;
  adoptionResolution: string | null;
  officialEifOn: string | null;
  source: string;
}

export interface Participant {
  id: string;
  name: string;
  kind: ParticipantKind;
  iso3: string | null;
  m49: string | null;
  region: string | null;
  subregion: string | null;
  intermediateRegion: string | null;
  unGroup: string | null;
  unMember: boolean;
  ldc: boolean;
  lldc: boolean;
  sids: boolean;
  notes: string | null;
  source: string;
}

export interface DevelopmentClass {
  participantId: string;
  class: 'developed' | 'transition' | 'developing';
  validFrom: string | null;
  validTo: string | null;
  basis: string;
  source: string;
}

export interface ActionRecord {
  id: number;
  instrumentId: string;
  participantId: string;
  kind: ActionKind;
  date: string | null;
  datePrecision: PartialDate['precision'];
  notBefore: string | null;
  notAfter: string | null;
  article: string | null;
  targetActionId: number | null;
  targetParticipantId: string | null;
  territory: string | null;
  depositaryRef: string | null;
  text: string | null;
  /** A paraphrase of a statement, never its official text. */
  summary: string | null;
  confidence: 'High' | 'Medium-high' | 'Medium' | 'Low' | null;
  source: string;
  notes: string | null;
  recordedAt: string;
  /** The actor's internal id (`user:…`, `token:…`): the Secretariat's to see (`presentActions`). */
  recordedBy: string | null;
  /** Who recorded it, as people read it: the account's display name, the API token's name, … */
  recordedByName: string;
  correction: {
    reason: string;
    replacementActionId: number | null;
    correctedAt: string;
    correctedBy: string | null;
    correctedByName: string;
  } | null;
}

export type NewActionRow = Omit<ActionsTable, 'id'>;

function toInstrument(r: Selectable<InstrumentsTable>): Instrument {
  return {
    id: r.id,
    mtdsgNo: r.mtdsg_no,
    title: r.title,
    shortTitle: r.short_title,
    adoptedOn: r.adopted_on,
    adoptionResolution: r.adoption_resolution,
    signature: r.signature === 'open' ? 'open' : 'none',
    signatureOpensOn: r.signature_opens_on,
    signatureClosesOn: r.signature_closes_on,
    threshold: r.threshold,
    eifDays: r.eif_days,
    laterDays: r.later_days,
    laterRule: r.later_rule === 'later_of' ? 'later_of' : 'plus_days',
    reioCounted: r.reio_counted === 1,
    parentId: r.parent_id,
    denunciationMonths: r.denunciation_months,
    eifArticle: r.eif_article,
    laterArticle: r.later_article,
    signatureArticle: r.signature_article,
    denunciationArticle: r.denunciation_article,
    cascadeArticle: r.cascade_article,
    parentRequirementArticle: r.parent_requirement_article,
    officialEifOn: r.official_eif_on,
    source: r.source,
  };
}

export function instrumentRow(i: Instrument, createdAt: string): InstrumentsTable {
  return {
    id: i.id,
    mtdsg_no: i.mtdsgNo,
    title: i.title,
    short_title: i.shortTitle,
    adopted_on: i.adoptedOn,
    adoption_resolution: i.adoptionResolution,
    signature: i.signature,
    signature_opens_on: i.signatureOpensOn,
    signature_closes_on: i.signatureClosesOn,
    threshold: i.threshold,
    eif_days: i.eifDays,
    later_days: i.laterDays,
    later_rule: i.laterRule,
    reio_counted: i.reioCounted ? 1 : 0,
    parent_id: i.parentId,
    denunciation_months: i.denunciationMonths,
    eif_article: i.eifArticle,
    later_article: i.laterArticle,
    signature_article: i.signatureArticle,
    denunciation_article: i.denunciationArticle,
    cascade_article: i.cascadeArticle,
    parent_requirement_article: i.parentRequirementArticle,
    official_eif_on: i.officialEifOn,
    source: i.source,
    created_at: createdAt,
  };
}

function toParticipant(r: Selectable<ParticipantsTable>): Participant {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind === 'reio' ? 'reio' : 'state',
    iso3: r.iso3,
    m49: r.m49,
    region: r.region,
    subregion: r.subregion,
    intermediateRegion: r.intermediate_region,
    unGroup: r.un_group,
    unMember: r.un_member === 1,
    ldc: r.ldc === 1,
    lldc: r.lldc === 1,
    sids: r.sids === 1,
    notes: r.notes,
    source: r.source,
  };
}

export function participantRow(p: Participant): ParticipantsTable {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    iso3: p.iso3,
    m49: p.m49,
    region: p.region,
    subregion: p.subregion,
    intermediate_region: p.intermediateRegion,
    un_group: p.unGroup,
    un_member: p.unMember ? 1 : 0,
    ldc: p.ldc ? 1 : 0,
    lldc: p.lldc ? 1 : 0,
    sids: p.sids ? 1 : 0,
    notes: p.notes,
    source: p.source,
  };
}

export async function listInstruments(db: Db): Promise<Instrument[]> {
  const rows = await db.selectFrom('instruments').selectAll().execute();
  // Depositary order (MTDSG number: XVIII-12, XVIII-12-a, …; instruments without one last), then the order
  // of definition.
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return rows
    .sort(
      (a, b) =>
        cmp(a.mtdsg_no === null ? '1' : '0', b.mtdsg_no === null ? '1' : '0') ||
        cmp(a.mtdsg_no ?? '', b.mtdsg_no ?? '') ||
        cmp(a.created_at, b.created_at) ||
        cmp(a.id, b.id),
    )
    .map(toInstrument);
}

export async function findInstrument(db: Db, id: string): Promise<Instrument | null> {
  const row = await db.selectFrom('instruments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toInstrument(row) : null;
}

/** Each instrument's parent (a Protocol's Convention), for rules that follow the tree. */
export async function listInstrumentParents(db: Db): Promise<Array<{ id: string; parentId: string | null }>> {
  const rows = await db.selectFrom('instruments').select(['id', 'parent_id']).execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id }));
}

export async function insertInstrument(db: Db, instrument: Instrument, createdAt: string): Promise<void> {
  await db.insertInto('instruments').values(instrumentRow(instrument, createdAt)).execute();
}

export async function listParticipants(db: Db): Promise<Participant[]> {
  const rows = await db.selectFrom('participants').selectAll().orderBy('name').execute();
  return rows.map(toParticipant);
}

/** The names of the participants given (unknown ids are left out). */
export async function participantNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('participants')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findParticipant(db: Db, id: string): Promise<Participant | null> {
  const row = await db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toParticipant(row) : null;
}

/**
 * PostgreSQL: locks the participant for the rest of the transaction, so that two writers cannot both pass
 * the rules. SQLite has one writer at a time already (a single connection serialises transactions).
 */
export async function lockParticipant(db: Db, postgres: boolean, participantId: string): Promise<void> {
  if (postgres) await sql`select id from participants where id = ${participantId} for update`.execute(db);
}

export async function countParticipants(db: Db): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertParticipants(db: Db, participants: Participant[]): Promise<void> {
  for (const p of participants) await db.insertInto('participants').values(participantRow(p)).execute();
}

export async function listDevelopmentClasses(db: Db, participantId?: string): Promise<DevelopmentClass[]> {
  let q = db.selectFrom('development_classes').selectAll().orderBy('participant_id').orderBy('valid_from');
  if (participantId) q = q.where('participant_id', '=', participantId);
  const rows = await q.execute();
  return rows.map((r) => ({
    participantId: r.participant_id,
    class: r.class as DevelopmentClass['class'],
    validFrom: r.valid_from,
    validTo: r.valid_to,
    basis: r.basis,
    source: r.source,
  }));
}

export async function insertDevelopmentClasses(db: Db, classes: DevelopmentClass[]): Promise<void> {
  for (const c of classes) {
    await db
      .insertInto('development_classes')
      .values({
        participant_id: c.participantId,
        class: c.class,
        valid_from: c.validFrom,
        valid_to: c.validTo,
        basis: c.basis,
        source: c.source,
      })
      .execute();
  }
}

function actionDate(r: {
  date_text: string | null;
  not_before: string | null;
  not_after: string | null;
}): PartialDate {
  const parsed = parsePartialDate(r.date_text) ?? {
    text: r.date_text,
    precision: 'unknown',
    earliest: null,
    latest: null,
  };
  return boundPartialDate(parsed, r.not_before, r.not_after);
}

/** Actions in effect: every recorded action that no correction has replaced or voided. */
export async function loadEffectiveActions(
  db: Db,
  filter: {
    participantId?: string;
    instrumentIds?: string[];
    kinds?: readonly string[];
    ids?: number[];
  } = {},
): Promise<RegistryAction[]> {
  let q = db
    .selectFrom('actions')
    .select(['id', 'instrument_id', 'participant_id', 'kind', 'date_text', 'not_before', 'not_after'])
    .where('id', 'not in', db.selectFrom('corrections').select('action_id'));
  if (filter.participantId) q = q.where('participant_id', '=', filter.participantId);
  if (filter.instrumentIds) q = q.where('instrument_id', 'in', filter.instrumentIds);
  if (filter.kinds) q = q.where('kind', 'in', filter.kinds.length ? [...filter.kinds] : ['-']);
  if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : [-1]);
  // Ordered here, not in SQL: asked for `order by id`, SQLite walks the participant's index in rowid order
  // and tests every row's kind, instead of reaching the few rows of the wanted kinds through the
  // (instrument_id, participant_id, kind) index (migration 008).
  const rows = (await q.execute()).sort((a, b) => a.id - b.id);
  return rows.map((r) => toRegistryAction(r.id, r));
}

/** The engine's view of a stored action row (the same date reading as every load). */
export function toRegistryAction(
  id: number,
  r: {
    instrument_id: string;
    participant_id: string;
    kind: string;
    date_text: string | null;
    not_before: string | null;
    not_after: string | null;
  },
): RegistryAction {
  return {
    id,
    instrumentId: r.instrument_id,
    participantId: r.participant_id,
    kind: r.kind as ActionKind,
    date: actionDate(r),
  };
}

/** Every recorded action, corrected ones included with their correction: the full history. */
export async function listActionRecords(
  db: Db,
  filter: {
    instrumentId?: string;
    participantId?: string;
    ids?: number[];
    kinds?: string[];
    /** Keyset paging (src/common/paging.ts): the actions after this id, at most `limit`, by id. */
    afterId?: number;
    limit?: number;
  } = {},
): Promise<ActionRecord[]> {
  let q = db
    .selectFrom('actions as a')
    .leftJoin('corrections as c', 'c.action_id', 'a.id')
    .selectAll('a')
    .select(['c.reason', 'c.replacement_action_id', 'c.corrected_at', 'c.corrected_by']);
  if (filter.instrumentId) q = q.where('a.instrument_id', '=', filter.instrumentId);
  if (filter.participantId) q = q.where('a.participant_id', '=', filter.participantId);
  if (filter.ids) q = q.where('a.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.kinds) q = q.where('a.kind', 'in', filter.kinds.length ? filter.kinds : ['-']);
  if (filter.afterId !== undefined) q = q.where('a.id', '>', filter.afterId);
  if (filter.limit !== undefined) q = q.limit(filter.limit);
  const rows = await q.orderBy('a.id').execute();
  const names = await actorNames(db, [
    ...rows.map((r) => r.recorded_by),
    ...rows.flatMap((r) => (r.corrected_by ? [r.corrected_by] : [])),
  ]);
  return rows.map((r) => ({
    id: r.id,
    instrumentId: r.instrument_id,
    participantId: r.participant_id,
    kind: r.kind as ActionKind,
    date: r.date_text,
    datePrecision: r.date_precision as PartialDate['precision'],
    notBefore: r.not_before,
    notAfter: r.not_after,
    article: r.article,
    targetActionId: r.target_action_id,
    targetParticipantId: r.target_participant_id,
    territory: r.territory,
    depositaryRef: r.depositary_ref,
    text: r.text,
    summary: r.summary,
    confidence: r.confidence as ActionRecord['confidence'],
    source: r.source,
    notes: r.notes,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    recordedByName: actorLabel(r.recorded_by, names),
    correction:
      r.reason !== null && r.corrected_at !== null && r.corrected_by !== null
        ? {
            reason: r.reason,
            replacementActionId: r.replacement_action_id,
            correctedAt: r.corrected_at,
            correctedBy: r.corrected_by,
            correctedByName: actorLabel(r.corrected_by, names),
          }
        : null,
  }));
}

export async function insertAction(db: Db, row: NewActionRow): Promise<number> {
  const inserted = await db.insertInto('actions').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findActionIdsByImportKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = await db
      .selectFrom('actions')
      .select('import_key')
      .where('import_key', 'in', chunk)
      .execute();
    for (const r of rows) if (r.import_key) found.add(r.import_key);
  }
  return found;
}

export async function insertCorrection(
  db: Db,
  c: {
    actionId: number;
    replacementActionId: number | null;
    reason: string;
    correctedAt: string;
    correctedBy: string;
  },
): Promise<void> {
  await db
    .insertInto('corrections')
    .values({
      action_id: c.actionId,
      replacement_action_id: c.replacementActionId,
      reason: c.reason,
      corrected_at: c.correctedAt,
      corrected_by: c.correctedBy,
    })
    .execute();
}

export async function isCorrected(db: Db, actionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('corrections')
    .select('id')
    .where('action_id', '=', actionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The registry's version: bumped in the same transaction as every change, so caches know when to recompute. */
export async function bumpVersion(db: Db): Promise<string> {
  const row = await db
    .updateTable('registry_meta')
    .set({ value: sql<string>`cast(cast(value as integer) + 1 as text)` })
    .where('key', '=', 'version')
    .returning('value')
    .executeTakeFirst();
  return row?.value ?? '0';
}

export async function readVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('registry_meta')
    .select('value')
    .where('key', '=', 'version')
    .executeTakeFirst();
  return row?.value ?? '0';
}
