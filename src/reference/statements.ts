// The statements of record the shipped data holds (reference/statements-partial.csv, a PARTIAL set: see
// reference/SOURCES.md, last section) as registry actions of the statement kinds, and the index of who made
// some statement whose text is not recorded here (reference/statements-index.csv). The `summary` column is
// a paraphrase and is stored as `summary`, never as the official `text`; `note` is kept whole in `notes`,
// and its first word is the row's confidence. A row without a date is recorded as "date not known".
import { parse } from 'csv-parse/sync';
import { audit } from '../audit/audit-log.ts';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/schema.ts';
import { confidenceOf } from '../treaties/domain/statements.ts';
import { listActionRecords, listInstruments, listParticipants } from '../treaties/repository.ts';
import { importKeyOf } from '../treaties/services/import-csv.ts';
import {
  actionIdsByImportKeys,
  insertStatementIndexEntry,
  statementIndexKeys,
} from '../treaties/statements-repository.ts';
import { CONFIDENCE_LEVELS, type RecordActionInput } from '../treaties/contract.ts';
import {
  importReferenceActions,
  type ReferenceCandidate,
  type ReferenceImportSummary,
} from './import-reference-actions.ts';
import { readReference } from './load-reference-data.ts';

export const STATEMENTS_FILE = 'statements-partial.csv';
export const STATEMENT_INDEX_FILE = 'statements-index.csv';

interface StatementRow {
  instrument: string;
  participant: string;
  iso3: string;
  kind: string;
  article: string;
  date: string;
  summary: string;
  source: string;
  note: string;
}

const blank = (v: string | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

/** An objection's summary names the statement it answers: "Objection to Afghanistan's reservation to art. 18". */
const OBJECTS_TO = /^Object(?:ion|s) to (.+?)'s (reservation|(?:interpretative )?declaration)\b/;

export interface StatementCandidate extends ReferenceCandidate {
  /** For an objection: the line of the file holding the statement it answers, when that is recorded. */
  targetLine: number | null;
}

function confidence(note: string | null, previous: string | null): RecordActionInput['confidence'] {
  // "As above: …" takes the confidence of the row before it, which it refers to.
  const word = note?.startsWith('As above') ? previous : confidenceOf(note);
  return (CONFIDENCE_LEVELS as readonly string[]).includes(word ?? '')
    ? (word as RecordActionInput['confidence'])
    : null;
}

/** The objected-to statement's line: the same instrument, the named participant, the kind and article. */
function targetOf(rows: StatementRow[], i: number): { participantId: string | null; line: number | null } {
  const row = rows[i] as StatementRow;
  const m = OBJECTS_TO.exec(row.summary);
  if (!m) return { participantId: null, line: null };
  const kind = m[2] === 'reservation' ? 'reservation' : 'declaration';
  const byName = rows.find((r) => r.instrument === row.instrument && r.participant === m[1]);
  const participantId = byName?.iso3 ?? null;
  const matches = rows
    .map((r, j) => ({ r, j }))
    .filter(
      ({ r }) =>
        r.instrument === row.instrument &&
        r.iso3 === participantId &&
        r.kind === kind &&
        (blank(row.article) === null || blank(r.article) === blank(row.article)),
    );
  return { participantId, line: matches.length === 1 ? (matches[0] as { j: number }).j + 2 : null };
}

/** The file's rows as actions; objections carry the line of the statement they answer (resolved at import). */
export function statementCandidates(text = readReference(STATEMENTS_FILE)): StatementCandidate[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as StatementRow[];
  let previous: string | null = null;
  return rows.map((r, i) => {
    const line = i + 2;
    const note = blank(r.note);
    const level = confidence(note, previous);
    previous = level ?? null;
    const target = r.kind === 'objection' ? targetOf(rows, i) : { participantId: null, line: null };
    const input: RecordActionInput = {
      instrumentId: r.instrument.trim().toUpperCase(),
      participantId: r.iso3.trim().toUpperCase(),
      kind: r.kind.trim() as RecordActionInput['kind'],
      date: blank(r.date),
      article: blank(r.article),
      targetParticipantId: target.participantId,
      summary: blank(r.summary),
      confidence: level,
      source: blank(r.source) ?? '',
      notes: note,
    };
    return {
      line,
      input,
      importKey: importKeyOf(
        'statement',
        input.instrumentId,
        input.participantId,
        input.kind,
        input.article,
        input.date,
        input.summary,
      ),
      columns: { instrumentId: 'instrument', participantId: 'iso3', notes: 'note' },
      sourceGivesNoArticle: input.article === null,
      targetLine: target.line,
    };
  });
}

/**
 * The statement a user recorded in the slot of a reference row that was therefore left out (the same
 * participant, instrument, kind, article and date, in effect): the objections answer the user's record.
 */
async function recordedByUser(trx: Db, target: StatementCandidate): Promise<number | null> {
  const { instrumentId, participantId, kind, article, date } = target.input;
  const records = await listActionRecords(trx, { instrumentId, participantId, kinds: [kind] });
  const same = records.filter(
    (a) => a.correction === null && a.article === (article ?? null) && a.date === (date ?? null),
  );
  return same.length === 1 ? (same[0] as { id: number }).id : null;
}

/** Adds the two summaries of one file's passes (statements, then the objections that point at them). */
function merged(a: ReferenceImportSummary, b: ReferenceImportSummary): ReferenceImportSummary {
  return {
    file: a.file,
    candidates: a.candidates + b.candidates,
    recorded: a.recorded + b.recorded,
    alreadyPresent: a.alreadyPresent + b.alreadyPresent,
    skipped: [...a.skipped, ...b.skipped].sort((x, y) => x.line - y.line),
  };
}

/**
 * Records the statements in two passes in the caller's transaction: first every statement but objections,
 * then the objections, each linked to the action its target row became (found by that row's import key, so
 * the link holds in a database where the target was recorded by an earlier start). An objection whose target
 * is not recorded still stands: it names the participant it answers, with no action to point at.
 */
export async function importReferenceStatements(
  ctx: ServiceContext,
  trx: Db,
  candidates: StatementCandidate[] = statementCandidates(),
): Promise<ReferenceImportSummary> {
  const objection = (c: StatementCandidate) => c.input.kind === 'objection';
  const first = await importReferenceActions(ctx, trx, STATEMENTS_FILE, candidates.filter((c) => !objection(c)));
  const keyOfLine = new Map(candidates.map((c) => [c.line, c.importKey]));
  const targets = [...new Set(candidates.filter(objection).flatMap((c) => keyOfLine.get(c.targetLine ?? -1) ?? []))];
  const ids = await actionIdsByImportKeys(trx, targets);
  const byLine = new Map(candidates.map((c) => [c.line, c]));
  const objections: StatementCandidate[] = [];
  for (const c of candidates.filter(objection)) {
    const target = byLine.get(c.targetLine ?? -1);
    const id = target ? (ids.get(target.importKey) ?? (await recordedByUser(trx, target))) : null;
    objections.push({ ...c, input: { ...c.input, targetActionId: id } });
  }
  const second = await importReferenceActions(ctx, trx, STATEMENTS_FILE, objections);
  return merged(first, second);
}

interface IndexRow {
  instrument: string;
  participant: string;
  iso3: string;
  listed_as: string;
  date: string;
  source: string;
  text_rows_in_statements: string;
  note: string;
}

/**
 * The index rows, once each (import key), audited as one batch. A row whose instrument or participant this
 * registry does not hold is left out and said.
 */
export async function importStatementIndex(
  ctx: ServiceContext,
  trx: Db,
  text = readReference(STATEMENT_INDEX_FILE),
): Promise<ReferenceImportSummary> {
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as IndexRow[];
  const summary: ReferenceImportSummary = {
    file: STATEMENT_INDEX_FILE,
    candidates: rows.length,
    recorded: 0,
    alreadyPresent: 0,
    skipped: [],
  };
  const present = await statementIndexKeys(trx);
  const instruments = new Set((await listInstruments(trx)).map((i) => i.id));
  const participants = new Set((await listParticipants(trx)).map((p) => p.id));
  for (const [i, r] of rows.entries()) {
    const instrumentId = r.instrument.trim().toUpperCase();
    const participantId = r.iso3.trim().toUpperCase();
    const entry = {
      instrumentId,
      participantId,
      listedAs: r.listed_as.trim(),
      date: blank(r.date),
      source: r.source.trim(),
      notes: blank(r.note),
    };
    const importKey = importKeyOf('statement-index', instrumentId, participantId, entry.listedAs, entry.date, entry.source);
    if (present.has(importKey)) {
      summary.alreadyPresent++;
      continue;
    }
    if (!instruments.has(instrumentId) || !participants.has(participantId)) {
      summary.skipped.push({
        line: i + 2,
        instrumentId,
        participantId,
        kind: 'statement-index',
        reason: `not in this registry: ${instruments.has(instrumentId) ? 'participant' : 'instrument'} not defined`,
      });
      continue;
    }
    await insertStatementIndexEntry(trx, { ...entry, importKey, recordedAt: ctx.clock.now(), recordedBy: ctx.actor });
    present.add(importKey);
    summary.recorded++;
  }
  if (summary.recorded > 0) {
    await audit(ctx, trx, {
      action: 'statement-index.import',
      entity: 'statement-index',
      entityId: STATEMENT_INDEX_FILE,
      after: { recorded: summary.recorded },
    });
  }
  return summary;
}
