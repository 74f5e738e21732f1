// Brings the rows of a shipped reference file into a database that may have lived for years: each row is
// recorded at most once (its import key), never over what the database's users recorded themselves, and
// a row the rules refuse there is left out and said, not forced in. Used at first start and by every later
// reference-data update (reference-updates.ts), so both paths give the same rows.
import type { ServiceContext } from '../context.ts';
import { DomainError } from '../common/errors.ts';
import { isConsent, STATEMENT_KINDS, type ActionKind } from '../treaties/domain/types.ts';
import {
  findActionIdsByImportKeys,
  listActionRecords,
  listInstruments,
  listParticipants,
  type ActionRecord,
} from '../treaties/repository.ts';
import type { Db } from '../db/schema.ts';
import { importCandidates, participantTableCandidates } from '../treaties/services/import-csv.ts';

/** One action a reference file would record, as the CSV importers read it. */
export type ReferenceCandidate = ReturnType<typeof participantTableCandidates>[number];

export interface SkippedRow {
  line: number;
  instrumentId: string;
  participantId: string;
  kind: string;
  reason: string;
}

/** What bringing one file in did: every candidate is recorded, already present, or skipped with its reason. */
export interface ReferenceImportSummary {
  file: string;
  candidates: number;
  recorded: number;
  alreadyPresent: number;
  skipped: SkippedRow[];
}

/**
 * What a recorded action settles for its participant and instrument: one signature, one consent (of any
 * kind) and one denunciation; a statement is settled by one of the same kind, article, target, territory
 * and date (a State may make several under one article, e.g. successive notifications of an authority).
 */
function slot(a: {
  instrumentId: string;
  participantId: string;
  kind: ActionKind;
  date?: string | null | undefined;
  article?: string | null | undefined;
  targetParticipantId?: string | null | undefined;
  territory?: string | null | undefined;
}): string {
  const group = isConsent(a.kind)
    ? 'consent'
    : a.kind === 'signature' || a.kind === 'denunciation'
      ? a.kind
      : [a.kind, a.article, a.targetParticipantId, a.territory, a.date].map((v) => v ?? '').join('/');
  return [a.instrumentId, a.participantId, group].join('|');
}

const isStatement = (kind: ActionKind): boolean => (STATEMENT_KINDS as readonly string[]).includes(kind);

function describe(a: ActionRecord): string {
  const corrected = a.correction ? `, corrected on ${a.correction.correctedAt.slice(0, 10)}` : '';
  return `action #${a.id} (${a.kind} ${a.date ?? 'undated'}, recorded by ${a.recordedBy}${corrected})`;
}

/** Records the candidates of one reference file in the caller's transaction; see the file comment. */
export async function importReferenceActions(
  ctx: ServiceContext,
  trx: Db,
  file: string,
  candidates: ReferenceCandidate[],
): Promise<ReferenceImportSummary> {
  const summary: ReferenceImportSummary = {
    file,
    candidates: candidates.length,
    recorded: 0,
    alreadyPresent: 0,
    skipped: [],
  };
  const present = await findActionIdsByImportKeys(
    trx,
    candidates.map((c) => c.importKey),
  );
  const instruments = new Set((await listInstruments(trx)).map((i) => i.id));
  const participants = new Set((await listParticipants(trx)).map((p) => p.id));
  // What the database already says, corrected actions included: a user's correction or retraction of a
  // consent is their word on it, and a reference row must not bring back what they took out.
  const settled = new Map<string, string>();
  for (const a of await listActionRecords(trx)) settled.set(slot(a), describe(a));

  for (const c of candidates) {
    const { instrumentId, participantId, kind } = c.input;
    const skip = (reason: string) =>
      summary.skipped.push({ line: c.line, instrumentId, participantId, kind, reason });
    if (present.has(c.importKey)) {
      summary.alreadyPresent++;
      continue;
    }
    if (!instruments.has(instrumentId) || !participants.has(participantId)) {
      skip(`not in this registry: ${instruments.has(instrumentId) ? 'participant' : 'instrument'} not defined`);
      continue;
    }
    const already = settled.get(slot(c.input));
    if (already) {
      skip(`already recorded here as ${already}; that record is kept`);
      continue;
    }
    try {
      summary.recorded += (await importCandidates(ctx, trx, [c])).recorded;
      // Two statements of one file may share a slot (Malawi's two TIP notifications of one day, under no
      // article): their import keys tell them apart. A file's second signature or consent may not.
      if (!isStatement(kind)) settled.set(slot(c.input), `line ${c.line} of ${file}`);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      skip(`refused by the rules here: ${err.issues.map((i) => i.message).join('; ') || err.message}`);
    }
  }
  return summary;
}
