// Use cases of the obligations calendar: a State's calendar, the public view of what it has made, the
// Secretariat's overdue list, and the completeness date the Secretariat sets (audited). The registry is read
// through the computed snapshot and the treaty lookups, the catalogue through the assistance lookups.
import { actorLabel, actorNames } from '../../audit/actors.ts';
import { audit } from '../../audit/audit-log.ts';
import { notFound } from '../../common/errors.ts';
import type { ServiceContext } from '../../context.ts';
import { listProvisions } from '../../assistance/services/lookups.ts';
import { findParticipant, listActionRecords, type Participant } from '../../treaties/services/lookups.ts';
import type { RegistrySnapshot } from '../../treaties/registry-state.ts';
import type {
  CompletenessInput,
  CompletenessView,
  MadeObligationsView,
  ObligationCalendarView,
  OverdueListView,
} from '../contract.ts';
import {
  countByStatus,
  dutiesFromCatalogue,
  FULFILLING_KINDS,
  instrumentCalendar,
  type Duty,
  type InstrumentCalendar,
  type Joining,
  type RecordedStatement,
} from '../domain/obligations.ts';
import { completenessInForce, insertCompleteness, type CompletenessRow, type Db } from '../repository.ts';

async function duties(db: Db): Promise<Duty[]> {
  const rows = await listProvisions(db);
  // The catalogue is read in instrument and article order so every answer lists duties the same way.
  return dutiesFromCatalogue(rows).sort(
    (a, b) =>
      a.instrumentId.localeCompare(b.instrumentId) ||
      a.reference.localeCompare(b.reference, 'en', { numeric: true }),
  );
}

/** How a participant stands on every instrument it has signed or consented to, in the registry's order. */
export function joinings(snapshot: RegistrySnapshot, participantId: string): Joining[] {
  const result: Joining[] = [];
  for (const instrument of snapshot.instruments) {
    const party = snapshot.computations.get(instrument.id)?.parties.get(participantId);
    if (!party) continue;
    const participation = party.participations.at(-1) ?? null;
    if (!party.signature && !participation) continue;
    result.push({
      instrumentId: instrument.id,
      signature: party.signature?.date ?? null,
      consent: participation?.consent ?? null,
      entryIntoForce: participation?.eif.on ?? null,
    });
  }
  return result;
}

async function statementsOf(db: Db, participantId?: string): Promise<RecordedStatement[]> {
  const records = await listActionRecords(db, {
    ...(participantId ? { participantId } : {}),
    kinds: [...FULFILLING_KINDS],
  });
  // A corrected (replaced or voided) statement is not in effect; its replacement is a row of its own.
  return records
    .filter((r) => r.correction === null)
    .map((r) => ({
      actionId: r.id,
      participantId: r.participantId,
      instrumentId: r.instrumentId,
      kind: r.kind,
      article: r.article,
      date: r.date,
    }));
}

function calendarsOf(
  snapshot: RegistrySnapshot,
  participantId: string,
  allDuties: readonly Duty[],
  statements: readonly RecordedStatement[],
  completeSince: string | null,
  today: string,
): InstrumentCalendar[] {
  return joinings(snapshot, participantId).map((j) =>
    instrumentCalendar(allDuties, j, statements, completeSince, today),
  );
}

async function participantOf(
  ctx: ServiceContext,
  participantId: string,
): Promise<{
  snapshot: RegistrySnapshot;
  participant: Participant;
}> {
  const snapshot = await ctx.registry.snapshot();
  const participant = snapshot.participantsById.get(participantId);
  if (!participant) throw notFound('participant', participantId, 'participantId');
  return { snapshot, participant };
}

async function completenessView(
  db: Db,
  participantId: string,
  row: CompletenessRow | undefined,
): Promise<CompletenessView> {
  if (!row) {
    return { participantId, completeSince: null, reason: null, recordedAt: null, recordedByName: null };
  }
  const names = await actorNames(db, [row.recordedBy]);
  return {
    participantId,
    completeSince: row.completeSince,
    reason: row.reason,
    recordedAt: row.recordedAt,
    recordedByName: actorLabel(row.recordedBy, names),
  };
}

/** A State's calendar on `ctx.clock.today()` (its focal point's and the Secretariat's to read). */
export async function obligationCalendar(
  ctx: ServiceContext,
  participantId: string,
): Promise<ObligationCalendarView> {
  const db = ctx.store.db;
  const { snapshot, participant } = await participantOf(ctx, participantId);
  const [allDuties, statements, completeness] = await Promise.all([
    duties(db),
    statementsOf(db, participantId),
    completenessInForce(db, participantId),
  ]);
  const row = completeness.get(participantId);
  const today = ctx.clock.today();
  const instruments = calendarsOf(
    snapshot,
    participantId,
    allDuties,
    statements,
    row?.completeSince ?? null,
    today,
  );
  return {
    participantId,
    participantName: participant.name,
    asOf: today,
    completeness: await completenessView(db, participantId, row),
    counts: countByStatus(instruments),
    instruments,
  };
}

/** Which of its obligations a State has made, with the public record: anyone may read it. */
export async function madeObligations(
  ctx: ServiceContext,
  participantId: string,
): Promise<MadeObligationsView> {
  const db = ctx.store.db;
  const { snapshot, participant } = await participantOf(ctx, participantId);
  const [allDuties, statements] = await Promise.all([duties(db), statementsOf(db, participantId)]);
  // Without the completeness date: what is public is the record, not the Secretariat's view of the rest.
  const calendars = calendarsOf(snapshot, participantId, allDuties, statements, null, ctx.clock.today());
  return {
    participantId,
    participantName: participant.name,
    items: calendars.flatMap((c) =>
      c.obligations.map((o) => ({
        instrumentId: o.instrumentId,
        reference: o.reference,
        text: o.text,
        made: o.status === 'made',
        madeBy: o.madeBy,
      })),
    ),
  };
}

/** The Secretariat's list of overdue obligations, by instrument and region: only States kept complete. */
export async function overdueObligations(
  ctx: ServiceContext,
  filter: { instrument?: string | undefined; region?: string | undefined },
): Promise<OverdueListView> {
  const db = ctx.store.db;
  const snapshot = await ctx.registry.snapshot();
  const [allDuties, completeness] = await Promise.all([duties(db), completenessInForce(db)]);
  const kept = [...completeness.values()].filter((r) => r.completeSince !== null);
  const statements = kept.length > 0 ? await statementsOf(db) : [];
  const today = ctx.clock.today();
  const items: OverdueListView['items'] = [];
  for (const row of kept.sort((a, b) => a.participantId.localeCompare(b.participantId))) {
    const participant = snapshot.participantsById.get(row.participantId);
    if (!participant) continue;
    if (filter.region && participant.region !== filter.region) continue;
    const own = statements.filter((s) => s.participantId === row.participantId);
    for (const c of calendarsOf(snapshot, row.participantId, allDuties, own, row.completeSince, today)) {
      if (filter.instrument && c.instrumentId !== filter.instrument) continue;
      for (const o of c.obligations) {
        if (o.status !== 'overdue' || o.dueOn === null || o.overdueSince === null) continue;
        items.push({
          participantId: row.participantId,
          participantName: participant.name,
          region: participant.region,
          instrumentId: o.instrumentId,
          reference: o.reference,
          text: o.text,
          dueOn: o.dueOn,
          overdueSince: o.overdueSince,
        });
      }
    }
  }
  return { asOf: today, statesKeptComplete: kept.length, items };
}

/**
 * The Secretariat says from which day it keeps a State's notifications complete here (null withdraws it):
 * one new row, never an update, with its audit row in the caller's transaction.
 */
export async function setCompleteness(
  ctx: ServiceContext,
  db: Db,
  participantId: string,
  input: CompletenessInput,
): Promise<CompletenessView> {
  // Read through the transaction's own connection: SQLite has one, and a registry rebuild would wait on it.
  if (!(await findParticipant(db, participantId)))
    throw notFound('participant', participantId, 'participantId');
  const before = (await completenessInForce(db, participantId)).get(participantId);
  await insertCompleteness(db, {
    participantId,
    completeSince: input.completeSince,
    reason: input.reason,
    at: ctx.clock.now(),
    by: ctx.actor,
  });
  await audit(ctx, db, {
    action: 'obligations.completeness',
    entity: 'notification-completeness',
    entityId: participantId,
    before: before ? { completeSince: before.completeSince, reason: before.reason } : null,
    after: { completeSince: input.completeSince, reason: input.reason },
    state: participantId,
  });
  const after = (await completenessInForce(db, participantId)).get(participantId);
  return completenessView(db, participantId, after);
}
