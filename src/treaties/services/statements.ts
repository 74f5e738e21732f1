// Statements of record as readers look for them: per instrument (grouped by participant, filterable by kind,
// article and participant) with the line saying how much is recorded; per participant across the
// instruments, with what is known of each (recorded, text not recorded here, nothing recorded here); and the
// dispute-settlement obligations between two States. Corrected actions are left out: their replacements
// carry the record.
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import { participantStatusAt } from '../domain/status.ts';
import {
  coverageLine,
  disputeObligationsBetween,
  isDisputeOptOut,
  normaliseArticle,
  statementKnowledge,
  territorialScope,
} from '../domain/statements.ts';
import { STATEMENT_KINDS } from '../domain/types.ts';
import type { RegistrySnapshot } from '../registry-state.ts';
import { listActionRecords, type ActionRecord } from '../repository.ts';
import type { StatementsQuery } from '../statements-contract.ts';
import { listStatementIndex, type StatementIndexEntry } from '../statements-repository.ts';
import { requireInstrument } from './queries.ts';

export interface StatementView {
  id: number;
  instrumentId: string;
  participantId: string;
  participantName: string;
  kind: (typeof STATEMENT_KINDS)[number];
  article: string | null;
  date: string | null;
  datePrecision: ActionRecord['datePrecision'];
  summary: string | null;
  text: string | null;
  confidence: ActionRecord['confidence'];
  source: string;
  notes: string | null;
  disputeOptOut: boolean;
  territories: { covered: string[]; excluded: string[] } | null;
  target: {
    actionId: number | null;
    participantId: string | null;
    participantName: string | null;
    recorded: boolean;
  } | null;
  objectionIds: number[];
  objections: Array<{ id: number; participantId: string; participantName: string; date: string | null }>;
  withdrawn: boolean;
}

export type IndexEntryView = Omit<StatementIndexEntry, 'id'> & { participantName: string };

const nameOf = (snapshot: RegistrySnapshot, id: string): string =>
  snapshot.participantsById.get(id)?.name ?? id;

async function statementRecords(
  ctx: ServiceContext,
  filter: { instrumentId?: string; participantId?: string },
): Promise<ActionRecord[]> {
  const records = await listActionRecords(ctx.store.db, { ...filter, kinds: [...STATEMENT_KINDS] });
  return records.filter((a) => a.correction === null);
}

/** Each statement with what it means and what answers it, ordered as the Treaty Collection lists them. */
function present(snapshot: RegistrySnapshot, records: ActionRecord[]): StatementView[] {
  const ids = new Set(records.map((r) => r.id));
  const answers = new Map<number, ActionRecord[]>();
  for (const r of records) {
    if (r.targetActionId == null) continue;
    answers.set(r.targetActionId, [...(answers.get(r.targetActionId) ?? []), r]);
  }
  const views = records.map((a): StatementView => {
    const answering = answers.get(a.id) ?? [];
    const points = a.kind === 'objection' || a.kind === 'withdrawal';
    return {
      id: a.id,
      instrumentId: a.instrumentId,
      participantId: a.participantId,
      participantName: nameOf(snapshot, a.participantId),
      kind: a.kind as StatementView['kind'],
      article: a.article,
      date: a.date,
      datePrecision: a.datePrecision,
      summary: a.summary,
      text: a.text,
      confidence: a.confidence,
      source: a.source,
      notes: a.notes,
      disputeOptOut: isDisputeOptOut(a),
      territories: a.kind === 'territorial_application' ? territorialScope(a) : null,
      target: points
        ? {
            actionId: a.targetActionId,
            participantId: a.targetParticipantId,
            participantName: a.targetParticipantId === null ? null : nameOf(snapshot, a.targetParticipantId),
            recorded: a.targetActionId !== null && ids.has(a.targetActionId),
          }
        : null,
      objectionIds: answering.filter((o) => o.kind === 'objection').map((o) => o.id),
      objections: answering
        .filter((o) => o.kind === 'objection')
        .map((o) => ({
          id: o.id,
          participantId: o.participantId,
          participantName: nameOf(snapshot, o.participantId),
          date: o.date,
        })),
      withdrawn: answering.some((o) => o.kind === 'withdrawal'),
    };
  });
  const order = (v: StatementView) =>
    [v.participantName, v.date ?? '9999', String(v.id).padStart(12, '0')].join('|');
  return views.sort((x, y) => (order(x) < order(y) ? -1 : 1));
}

const indexView = (snapshot: RegistrySnapshot, e: StatementIndexEntry): IndexEntryView => ({
  instrumentId: e.instrumentId,
  participantId: e.participantId,
  participantName: nameOf(snapshot, e.participantId),
  listedAs: e.listedAs,
  date: e.date,
  source: e.source,
  notes: e.notes,
});

export interface InstrumentStatements {
  instrumentId: string;
  coverage: { statements: number; participants: number; listedNotRecorded: number; line: string };
  statements: StatementView[];
  textNotRecorded: IndexEntryView[];
}

/**
 * An instrument's statements, filtered by kind, article (as cited, "art. 35.2" = "35(2)") and participant.
 * Objections are listed with the statement they answer (objectionIds) and under their own State. The
 * coverage line counts the whole instrument, whatever the filter.
 */
export async function instrumentStatements(
  ctx: ServiceContext,
  instrumentId: string,
  query: Omit<StatementsQuery, 'format'> = {},
): Promise<InstrumentStatements> {
  const snapshot = await ctx.registry.snapshot();
  const instrument = requireInstrument(snapshot, instrumentId);
  const all = present(snapshot, await statementRecords(ctx, { instrumentId }));
  const recordedBy = new Set(all.map((s) => s.participantId));
  const index = await listStatementIndex(ctx.store.db, { instrumentId });
  const unrecorded = index.filter((e) => !recordedBy.has(e.participantId));
  const counts = {
    statements: all.length,
    participants: recordedBy.size,
    listedNotRecorded: new Set(unrecorded.map((e) => e.participantId)).size,
  };
  const article = query.article === undefined ? null : normaliseArticle(query.article);
  const statements = all.filter(
    (s) =>
      (query.kind === undefined || s.kind === query.kind) &&
      (article === null || normaliseArticle(s.article) === article) &&
      (query.participant === undefined || s.participantId === query.participant),
  );
  return {
    instrumentId,
    coverage: { ...counts, line: coverageLine({ shortTitle: instrument.rules.shortTitle, ...counts }) },
    statements,
    textNotRecorded: unrecorded
      .filter((e) => query.participant === undefined || e.participantId === query.participant)
      .map((e) => indexView(snapshot, e)),
  };
}

function mustExist(snapshot: RegistrySnapshot, id: string, field: string): void {
  if (!snapshot.participantsById.has(id))
    throw new DomainError('not_found', `participant ${id} does not exist`, { field });
}

/** A participant's statements on every instrument, with what is known of each. */
export async function participantStatements(ctx: ServiceContext, participantId: string) {
  const snapshot = await ctx.registry.snapshot();
  mustExist(snapshot, participantId, 'participantId');
  // Presented among every participant's statements, so that an objection's target is known to be recorded
  // and a reservation lists the objections other States made to it.
  const all = present(snapshot, await statementRecords(ctx, {})).filter(
    (s) => s.participantId === participantId,
  );
  const listed = await listStatementIndex(ctx.store.db, { participantId });
  return {
    participantId,
    participantName: nameOf(snapshot, participantId),
    instruments: snapshot.instruments.map((i) => {
      const statements = all.filter((s) => s.instrumentId === i.id);
      const entries = listed.filter((e) => e.instrumentId === i.id).map((e) => indexView(snapshot, e));
      return {
        instrumentId: i.id,
        knowledge: statementKnowledge(statements.length, entries.length > 0),
        statements,
        listed: entries,
      };
    }),
  };
}

/**
 * Which dispute-settlement obligations run between two States today: both must be parties (in force for
 * them), and an opt-out by either excludes the clause both ways.
 */
export async function disputeSettlementBetween(ctx: ServiceContext, a: string, b: string) {
  const snapshot = await ctx.registry.snapshot();
  mustExist(snapshot, a, 'participantId');
  mustExist(snapshot, b, 'with');
  const asOf = ctx.clock.today();
  const records = [
    ...(await statementRecords(ctx, { participantId: a })),
    ...(a === b ? [] : await statementRecords(ctx, { participantId: b })),
  ];
  const index = [
    ...(await listStatementIndex(ctx.store.db, { participantId: a })),
    ...(a === b ? [] : await listStatementIndex(ctx.store.db, { participantId: b })),
  ];
  const obligations = disputeObligationsBetween(a, b, {
    instrumentIds: snapshot.instruments.map((i) => i.id),
    isParty: (instrumentId, participantId) => {
      const record = snapshot.computations.get(instrumentId)?.parties.get(participantId);
      return record !== undefined && participantStatusAt(record, asOf).state === 'party';
    },
    statements: records,
    unrecorded: (instrumentId, participantId) =>
      index.some((e) => e.instrumentId === instrumentId && e.participantId === participantId) &&
      !records.some((r) => r.instrumentId === instrumentId && r.participantId === participantId),
  });
  return { participantId: a, otherId: b, asOf, obligations };
}
