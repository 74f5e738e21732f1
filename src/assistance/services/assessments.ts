// Needs assessments: a State assesses each provision (in place / partly / not in place / not applicable),
// with the measure cited and the assistance needed. Entries are never edited: a new assessment of a provision
// is a new entry, and the newest is current. Confidential to the State and the Secretariat unless the State
// publishes it — its choice, recorded with who and when.
import { audit } from '../../audit/audit-log.ts';
import { actorLabel, actorNames } from '../../audit/actors.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { findParticipant } from '../../treaties/services/lookups.ts';
import type { z } from 'zod';
import type { AssessmentInput } from '../contract.ts';
import type { AssessmentSchema } from '../contract.ts';
import {
  insertAssessmentEntries,
  insertPublication,
  latestPublication,
  listAssessmentEntries,
  listProvisions,
  type AssessmentEntry,
  type Db,
} from '../repository.ts';
import { checkProvisions, provisionKey } from './catalog.ts';
import { seesActorIds, seesAssessment, type Viewer } from './viewer.ts';

export async function recordAssessment(
  ctx: ServiceContext,
  db: Db,
  participantId: string,
  input: AssessmentInput,
): Promise<number> {
  const state = await findParticipant(db, participantId);
  if (!state) throw notFound('participant', participantId);
  if (input.assessedOn > ctx.clock.today()) {
    throw new DomainError('validation', `an assessment cannot be dated after today (${ctx.clock.today()})`, {
      field: 'assessedOn',
    });
  }
  const provisions = await checkProvisions(
    db,
    input.entries.map((e) => e.provision),
    'entries',
  );
  const seen = new Set<string>();
  input.entries.forEach((e, i) => {
    if (seen.has(e.provision)) {
      throw new DomainError('validation', `${e.provision} is assessed twice in one submission`, {
        field: `entries[${i}].provision`,
      });
    }
    seen.add(e.provision);
    if ((e.status === 'in_place' || e.status === 'partly') && !e.measure) {
      throw new DomainError('validation', 'cite the legislation or measure that is in place', {
        field: `entries[${i}].measure`,
      });
    }
    if (e.status === 'in_place' && e.needs.length > 0) {
      throw new DomainError('validation', 'a provision fully in place needs no assistance', {
        field: `entries[${i}].needs`,
      });
    }
  });
  const now = ctx.clock.now();
  await insertAssessmentEntries(
    db,
    input.entries.map((e, i) => ({
      participantId,
      instrumentId: (provisions[i] as { instrumentId: string }).instrumentId,
      article: (provisions[i] as { article: string }).article,
      status: e.status,
      measure: e.measure ?? null,
      needs: e.needs,
      note: e.note ?? null,
      assessedOn: input.assessedOn,
      recordedAt: now,
      recordedBy: ctx.actor,
    })),
  );
  await audit(ctx, db, {
    action: 'assessment.record',
    entity: 'assessment',
    entityId: participantId,
    after: input,
    state: participantId,
  });
  return input.entries.length;
}

export async function setPublication(
  ctx: ServiceContext,
  db: Db,
  participantId: string,
  published: boolean,
): Promise<void> {
  if (!(await findParticipant(db, participantId))) throw notFound('participant', participantId);
  await insertPublication(db, participantId, published, ctx.clock.now(), ctx.actor);
  await audit(ctx, db, {
    action: published ? 'assessment.publish' : 'assessment.unpublish',
    entity: 'assessment',
    entityId: participantId,
    after: { published },
    state: participantId,
  });
}

/** What a viewer reads of a State's assessment (the API's wire shape). */
export type AssessmentView = z.infer<typeof AssessmentSchema>;

/**
 * A State's assessment, provision by provision, with what remains (filterable by theme, obligation level,
 * instrument). Seen by the State and the Secretariat, or by anyone once the State has published it.
 */
export async function assessmentView(
  db: Db,
  viewer: Viewer,
  participantId: string,
  filter: { theme?: string; obligation?: string; instrumentId?: string; remaining?: boolean } = {},
): Promise<AssessmentView> {
  if (!(await findParticipant(db, participantId))) throw notFound('participant', participantId);
  const publication = await latestPublication(db, participantId);
  const published = publication?.published ?? false;
  // Not published and not the viewer's: answer as if there were nothing, so existence is not disclosed.
  if (!seesAssessment(viewer, participantId, published)) throw notFound('assessment of', participantId);
  const [entries, catalogue] = await Promise.all([
    listAssessmentEntries(db, [participantId]),
    listProvisions(db),
  ]);
  // Who recorded and published it, by name; the ids behind the names are the Secretariat's.
  const names = await actorNames(db, [
    ...entries.map((e) => e.recordedBy),
    ...(publication ? [publication.decidedBy] : []),
  ]);
  const idFor = (actor: string): string | null => (seesActorIds(viewer) ? actor : null);
  const byKey = new Map<string, AssessmentEntry[]>();
  for (const e of entries) {
    const k = provisionKey(e);
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const progress = { in_place: 0, partly: 0, not_in_place: 0, not_applicable: 0, not_assessed: 0 };
  const rows: AssessmentView['provisions'] = [];
  for (const p of catalogue) {
    if (filter.theme && p.theme !== filter.theme) continue;
    if (filter.obligation && p.obligation !== filter.obligation) continue;
    if (filter.instrumentId && p.instrumentId !== filter.instrumentId) continue;
    const history = byKey.get(provisionKey(p)) ?? [];
    const current = history.at(-1) ?? null;
    progress[current?.status ?? 'not_assessed'] += 1;
    if (filter.remaining && current && (current.status === 'in_place' || current.status === 'not_applicable'))
      continue;
    rows.push({
      provision: provisionKey(p),
      title: p.title,
      theme: p.theme,
      obligation: p.obligation,
      current: current
        ? {
            id: current.id,
            status: current.status,
            measure: current.measure,
            needs: current.needs,
            note: current.note,
            assessedOn: current.assessedOn,
            recordedAt: current.recordedAt,
            recordedBy: idFor(current.recordedBy),
            recordedByName: actorLabel(current.recordedBy, names),
          }
        : null,
      history: history.length,
    });
  }
  return {
    participantId,
    published,
    publication: publication
      ? {
          decidedAt: publication.decidedAt,
          decidedBy: idFor(publication.decidedBy),
          decidedByName: actorLabel(publication.decidedBy, names),
        }
      : null,
    progress,
    provisions: rows,
  };
}
