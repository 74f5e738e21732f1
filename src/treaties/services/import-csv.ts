// CSV imports of treaty actions: the participant tables in the shared format, and the generic action
// format (docs/import-formats.md). Each file is all-or-nothing: every row is checked by the same rules as
// the API, every refused row is reported with its line number, and nothing is written unless all pass.
// Importing the same file twice records nothing the second time (rows carry an import key).
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { cellProblem, malformedCsv, Pacer, Problems, readCsv } from '../../common/csv-import.ts';
import { isIsoDate, latestDayOf, parsePartialDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import { RecordActionSchema, type RecordActionInput } from '../contract.ts';
import { ACTION_KINDS, CONSENT_KINDS, type SignatureKind } from '../domain/types.ts';
import { bumpVersion, findActionIdsByImportKeys, insertAction, type Db } from '../repository.ts';
import { issueNotification } from '../../notifications/services/issue.ts';
import { notifiableAction } from './notify.ts';
import { validateAction } from './record-action.ts';

export interface ImportResult {
  rows: number;
  recorded: number;
  alreadyPresent: number;
}

interface Candidate {
  line: number;
  input: RecordActionInput;
  importKey: string;
  /** Maps a field of the action to the CSV column it came from, for error messages. */
  columns: Partial<Record<keyof RecordActionInput, string>>;
  /** A cited reference row whose source gives no article (a notification known only as made). */
  sourceGivesNoArticle?: boolean;
}

type CsvRow = Record<string, string>;

interface ParsedCsv {
  rows: CsvRow[];
  lines: number[];
}

const CSV_OPTIONS = { skip_empty_lines: true, trim: false, relax_column_count: false } as const;

/** Collects the records of a file, checking every cell by the JSON API's text rules. */
class CsvCollector {
  header: string[] = [];
  readonly parsed: ParsedCsv = { rows: [], lines: [] };
  readonly problems = new Problems();
  readonly columns = (names: string[]): string[] => (this.header = names.map((h) => h.trim()));

  add(record: CsvRow, line: number): void {
    for (const [column, value] of Object.entries(record)) {
      const problem = cellProblem(value);
      if (problem) this.problems.add(`line ${line}, ${column}`, problem);
    }
    this.parsed.rows.push(record);
    this.parsed.lines.push(line);
  }

  /** The rows, once the file is read: refused when a cell breaks the text rules or a column is missing. */
  result(required: string[]): ParsedCsv {
    if (this.problems.count > 0)
      throw this.problems.refusal(`${this.problems.count} cells refused`, { first: true });
    if (this.parsed.rows.length === 0)
      throw new DomainError('validation', 'the CSV file has no data rows', { field: 'line 2' });
    const missing = required.filter((c) => !this.header.includes(c));
    if (missing.length > 0) {
      throw new DomainError('validation', `the CSV header lacks the column(s) ${missing.join(', ')}`, {
        field: 'line 1',
      });
    }
    return this.parsed;
  }
}

/** Reads a file as the server does: in chunks, giving the event loop a turn (see common/csv-import.ts). */
async function readCsvFile(text: string, required: string[]): Promise<ParsedCsv> {
  const collector = new CsvCollector();
  await readCsv<CsvRow>(text, { ...CSV_OPTIONS, bom: true, columns: collector.columns }, (record, line) =>
    collector.add(record, line),
  );
  return collector.result(required);
}

/** The same, at once: for the reference data loaded at first start (small files the product ships). */
function parseCsvNow(text: string, required: string[]): ParsedCsv {
  const collector = new CsvCollector();
  let records: { record: CsvRow; info: { lines: number } }[];
  try {
    records = parse(text, { ...CSV_OPTIONS, bom: true, columns: collector.columns, info: true }) as {
      record: CsvRow;
      info: { lines: number };
    }[];
  } catch (err) {
    throw malformedCsv(err);
  }
  for (const { record, info } of records) collector.add(record, info.lines);
  return collector.result(required);
}

const blank = (v: string | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

export const importKeyOf = (...parts: Array<string | null | undefined>): string =>
  createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\u001f'))
    .digest('hex')
    .slice(0, 32);

/**
 * The signature column as the UN Treaty Collection writes it: a date, or a date followed by "d" when a
 * successor State succeeded to its predecessor's signature ("2006-10-23 d"; a bare "d" has no known date).
 */
function signatureCell(text: string | null): { kind: SignatureKind; date: string } | null {
  if (text === null) return null;
  const marked = /^(?:(.*\S)\s+)?d$/.exec(text);
  return marked
    ? { kind: 'succession_to_signature', date: marked[1] ?? '' }
    : { kind: 'signature', date: text };
}

export interface ParticipantTableOptions {
  /** The instrument of every row, when the file has no `instrument` column. */
  instrumentId?: string | undefined;
  /** Lower bound for consent dates the file gives without a day (e.g. the day after an earlier snapshot). */
  notBeforeUndated?: string | undefined;
  /** Upper bound, per instrument, for consents the file gives with neither a day nor an `as_of`. */
  notAfterUndated?: Record<string, string> | undefined;
}

const TABLE_REQUIRED = ['iso3', 'signature_date', 'consent_date', 'consent_kind', 'source'];

/**
 * Rows of a participant table (participant, iso3, signature_date, consent_date, consent_kind, as_of, source,
 * notes; optionally instrument and predecessor).
 */
export function participantTableCandidates(text: string, options: ParticipantTableOptions): Candidate[] {
  return tableCandidates(parseCsvNow(text, TABLE_REQUIRED), options);
}

function tableCandidates({ rows, lines }: ParsedCsv, options: ParticipantTableOptions): Candidate[] {
  const hasInstrumentColumn = rows[0] !== undefined && 'instrument' in rows[0];
  if (!hasInstrumentColumn && !options.instrumentId) {
    throw new DomainError(
      'validation',
      'the file has no instrument column: name the instrument of its rows',
      {
        field: 'instrumentId',
      },
    );
  }
  const out: Candidate[] = [];
  const issues = new Problems();
  rows.forEach((row, i) => {
    const line = lines[i] as number;
    const instrumentId = (hasInstrumentColumn ? blank(row.instrument) : null) ?? options.instrumentId ?? '';
    const participantId = (blank(row.iso3) ?? '').toUpperCase();
    const source = blank(row.source) ?? '';
    const notes = blank(row.notes);
    const asOf = blank(row.as_of);
    if (asOf !== null && parsePartialDate(asOf) === null) {
      issues.add(`line ${line}, as_of`, `"${asOf}" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)`);
      return;
    }
    const signature = signatureCell(blank(row.signature_date));
    const predecessor = blank(row.predecessor)?.toUpperCase() ?? null;
    if (predecessor !== null && signature?.kind !== 'succession_to_signature') {
      issues.add(
        `line ${line}, predecessor`,
        'a predecessor is named only with a succession to signature ("d" after the signature date)',
      );
      return;
    }
    if (signature !== null) {
      out.push({
        line,
        importKey:
          signature.kind === 'signature'
            ? importKeyOf(instrumentId, participantId, 'signature', signature.date)
            : importKeyOf(instrumentId, participantId, signature.kind, signature.date, predecessor),
        input: {
          instrumentId,
          participantId,
          kind: signature.kind,
          date: signature.date,
          targetParticipantId: predecessor,
          source,
          notes,
        },
        columns: {
          date: 'signature_date',
          kind: 'signature_date',
          participantId: 'iso3',
          instrumentId: 'instrument',
          targetParticipantId: 'predecessor',
          source: 'source',
        },
      });
    }
    const consentDate = blank(row.consent_date);
    const consentKind = blank(row.consent_kind);
    if (consentDate !== null && consentKind === null) {
      issues.add(`line ${line}, consent_kind`, 'a consent date needs its kind (ratification, accession, …)');
      return;
    }
    if (consentKind !== null) {
      if (!(CONSENT_KINDS as readonly string[]).includes(consentKind)) {
        issues.add(
          `line ${line}, consent_kind`,
          `"${consentKind}" is not one of ${CONSENT_KINDS.join(', ')}`,
        );
        return;
      }
      const precise = consentDate !== null && isIsoDate(consentDate);
      const notAfter = precise
        ? null
        : (latestDayOf(asOf) ?? options.notAfterUndated?.[instrumentId] ?? null);
      const notBefore = precise ? null : (options.notBeforeUndated ?? null);
      out.push({
        line,
        importKey: importKeyOf(instrumentId, participantId, 'consent', consentKind, consentDate),
        input: {
          instrumentId,
          participantId,
          kind: consentKind as RecordActionInput['kind'],
          date: consentDate,
          notBefore,
          notAfter,
          source,
          notes,
        },
        columns: {
          date: 'consent_date',
          kind: 'consent_kind',
          participantId: 'iso3',
          instrumentId: 'instrument',
          source: 'source',
        },
      });
    }
  });
  if (issues.count > 0) throw importRefused(issues);
  return out;
}

export const ACTION_CSV_COLUMNS = [
  'instrument',
  'participant',
  'kind',
  'date',
  'not_before',
  'not_after',
  'article',
  'target_action',
  'target_participant',
  'territory',
  'depositary_ref',
  'text',
  'source',
  'notes',
] as const;

const ACTION_REQUIRED = ['instrument', 'participant', 'kind', 'date', 'source'];

/** Rows of the generic action format (columns in ACTION_CSV_COLUMNS; see docs/import-formats.md). */
export function actionCsvCandidates(text: string): Candidate[] {
  return actionCandidates(parseCsvNow(text, ACTION_REQUIRED));
}

function actionCandidates({ rows, lines }: ParsedCsv): Candidate[] {
  const issues = new Problems();
  const out: Candidate[] = [];
  rows.forEach((row, i) => {
    const line = lines[i] as number;
    const kind = blank(row.kind) ?? '';
    if (!(ACTION_KINDS as readonly string[]).includes(kind)) {
      issues.add(`line ${line}, kind`, `"${kind}" is not one of ${ACTION_KINDS.join(', ')}`);
      return;
    }
    const target = blank(row.target_action);
    if (target !== null && !/^\d+$/.test(target)) {
      issues.add(`line ${line}, target_action`, 'must be the number of a recorded action');
      return;
    }
    const input = {
      instrumentId: (blank(row.instrument) ?? '').toUpperCase(),
      participantId: (blank(row.participant) ?? '').toUpperCase(),
      kind: kind as RecordActionInput['kind'],
      date: blank(row.date),
      notBefore: blank(row.not_before),
      notAfter: blank(row.not_after),
      article: blank(row.article),
      targetActionId: target === null ? null : Number(target),
      targetParticipantId: blank(row.target_participant)?.toUpperCase() ?? null,
      territory: blank(row.territory),
      depositaryRef: blank(row.depositary_ref),
      text: blank(row.text),
      source: blank(row.source) ?? '',
      notes: blank(row.notes),
    };
    out.push({
      line,
      input,
      importKey: importKeyOf(
        input.instrumentId,
        input.participantId,
        input.kind,
        input.date,
        input.article,
        target,
        input.targetParticipantId,
        input.territory,
        input.text,
      ),
      columns: {
        instrumentId: 'instrument',
        participantId: 'participant',
        notBefore: 'not_before',
        notAfter: 'not_after',
        targetActionId: 'target_action',
        targetParticipantId: 'target_participant',
        depositaryRef: 'depositary_ref',
      },
    });
  });
  if (issues.count > 0) throw importRefused(issues);
  return out;
}

function importRefused(issues: Problems): DomainError {
  return issues.refusal(`${issues.count} row${issues.count > 1 ? 's' : ''} refused`, { first: true });
}

/** Validates and writes candidates inside the given transaction; throws with every row's error, writing nothing. */
export async function importCandidates(
  ctx: ServiceContext,
  trx: Db,
  candidates: Candidate[],
): Promise<ImportResult> {
  const issues = new Problems();
  const seen = new Map<string, number>();
  for (const c of candidates) {
    const first = seen.get(c.importKey);
    if (first !== undefined) {
      issues.add(`line ${c.line}`, `duplicated row: repeats line ${first}`);
    } else {
      seen.set(c.importKey, c.line);
    }
  }
  if (issues.count > 0) throw importRefused(issues);
  const present = await findActionIdsByImportKeys(
    trx,
    candidates.map((c) => c.importKey),
  );
  let recorded = 0;
  const pacer = new Pacer();
  for (const c of candidates) {
    await pacer.tick();
    if (present.has(c.importKey)) continue;
    const shape = RecordActionSchema.safeParse(c.input);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        const field = String(issue.path[0] ?? '');
        const column = c.columns[field as keyof RecordActionInput] ?? field;
        issues.add(`line ${c.line}, ${column}`, issue.message);
      }
      continue;
    }
    try {
      const { row, instrument, participant } = await validateAction(ctx, trx, shape.data, {
        importKey: c.importKey,
        sourceGivesNoArticle: c.sourceGivesNoArticle ?? false,
      });
      const id = await insertAction(trx, row);
      await audit(ctx, trx, {
        action: 'action.import',
        entity: 'action',
        entityId: id,
        after: row,
        state: row.participant_id,
      });
      // Imported actions are history: their notice keeps the source's depositary reference, or has none.
      const facts = await notifiableAction(trx, id, row, instrument, participant);
      await issueNotification(ctx, trx, facts, 'history');
      recorded++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const field = err.field ?? '';
      const column = c.columns[field as keyof RecordActionInput] ?? field;
      issues.add(`line ${c.line}${column ? `, ${column}` : ''}`, err.message);
    }
  }
  if (issues.count > 0) throw importRefused(issues);
  if (recorded > 0) await bumpVersion(trx);
  return { rows: candidates.length, recorded, alreadyPresent: candidates.length - recorded };
}

async function runImport(ctx: ServiceContext, candidates: Candidate[]): Promise<ImportResult> {
  const result = await ctx.store.db.transaction().execute((trx) => importCandidates(ctx, trx, candidates));
  ctx.registry.invalidate();
  return result;
}

export async function importParticipantTable(
  ctx: ServiceContext,
  text: string,
  options: ParticipantTableOptions,
): Promise<ImportResult> {
  return runImport(ctx, tableCandidates(await readCsvFile(text, TABLE_REQUIRED), options));
}

export async function importActionCsv(ctx: ServiceContext, text: string): Promise<ImportResult> {
  return runImport(ctx, actionCandidates(await readCsvFile(text, ACTION_REQUIRED)));
}
