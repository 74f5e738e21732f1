// CSV imports of treaty actions: the participant tables in the shared format, and the generic action
// format (docs/import-formats.md). Each file is all-or-nothing: every row is checked by the same rules as
// the API, every refused row is reported with its line number, and nothing is written unless all pass.
// Importing the same file twice records nothing the second time (rows carry an import key).
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { textProblem } from '../../common/text.ts';
import { isIsoDate, latestDayOf, parsePartialDate } from '../../common/dates.ts';
import { DomainError, type FieldIssue } from '../../common/errors.ts';
import { RecordActionSchema, type RecordActionInput } from '../contract.ts';
import { ACTION_KINDS, CONSENT_KINDS, type SignatureKind } from '../domain/types.ts';
import { bumpVersion, findActionIdsByImportKeys, insertAction, type Db } from '../repository.ts';
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
}

type CsvRow = Record<string, string>;

const MAX_ROWS = 100_000;

function parseCsv(text: string, required: string[]): { rows: CsvRow[]; lines: number[] } {
  let records: { record: CsvRow; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      trim: false,
      info: true,
      relax_column_count: false,
    }) as { record: CsvRow; info: { lines: number } }[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    const line = e.lines ?? 0;
    throw new DomainError('validation', `malformed CSV at line ${line}: ${e.message ?? String(err)}`, {
      field: `line ${line}`,
    });
  }
  if (records.length === 0)
    throw new DomainError('validation', 'the CSV file has no data rows', { field: 'line 2' });
  if (records.length > MAX_ROWS) {
    throw new DomainError(
      'validation',
      `the CSV file has ${records.length} rows; at most ${MAX_ROWS} per file`,
      {
        field: 'file',
      },
    );
  }
  for (const { record, info } of records) {
    for (const [column, value] of Object.entries(record)) {
      const problem = textProblem(value);
      if (problem)
        throw new DomainError('validation', `line ${info.lines}, ${column}: ${problem}`, {
          field: `line ${info.lines}, ${column}`,
        });
    }
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new DomainError('validation', `the CSV header lacks the column(s) ${missing.join(', ')}`, {
      field: 'line 1',
    });
  }
  return { rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
}

const blank = (v: string | undefined): string | null => {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
};

const key = (...parts: Array<string | null | undefined>): string =>
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

/**
 * Rows of a participant table (participant, iso3, signature_date, consent_date, consent_kind, as_of, source,
 * notes; optionally instrument and predecessor).
 */
export function participantTableCandidates(text: string, options: ParticipantTableOptions): Candidate[] {
  const { rows, lines } = parseCsv(text, [
    'iso3',
    'signature_date',
    'consent_date',
    'consent_kind',
    'source',
  ]);
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
  const issues: FieldIssue[] = [];
  rows.forEach((row, i) => {
    const line = lines[i] as number;
    const instrumentId = (hasInstrumentColumn ? blank(row.instrument) : null) ?? options.instrumentId ?? '';
    const participantId = (blank(row.iso3) ?? '').toUpperCase();
    const source = blank(row.source) ?? '';
    const notes = blank(row.notes);
    const asOf = blank(row.as_of);
    if (asOf !== null && parsePartialDate(asOf) === null) {
      issues.push({
        field: `line ${line}, as_of`,
        message: `"${asOf}" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)`,
      });
      return;
    }
    const signature = signatureCell(blank(row.signature_date));
    const predecessor = blank(row.predecessor)?.toUpperCase() ?? null;
    if (predecessor !== null && signature?.kind !== 'succession_to_signature') {
      issues.push({
        field: `line ${line}, predecessor`,
        message: 'a predecessor is named only with a succession to signature ("d" after the signature date)',
      });
      return;
    }
    if (signature !== null) {
      out.push({
        line,
        importKey:
          signature.kind === 'signature'
            ? key(instrumentId, participantId, 'signature', signature.date)
            : key(instrumentId, participantId, signature.kind, signature.date, predecessor),
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
      issues.push({
        field: `line ${line}, consent_kind`,
        message: 'a consent date needs its kind (ratification, accession, …)',
      });
      return;
    }
    if (consentKind !== null) {
      if (!(CONSENT_KINDS as readonly string[]).includes(consentKind)) {
        issues.push({
          field: `line ${line}, consent_kind`,
          message: `"${consentKind}" is not one of ${CONSENT_KINDS.join(', ')}`,
        });
        return;
      }
      const precise = consentDate !== null && isIsoDate(consentDate);
      const notAfter = precise
        ? null
        : (latestDayOf(asOf) ?? options.notAfterUndated?.[instrumentId] ?? null);
      const notBefore = precise ? null : (options.notBeforeUndated ?? null);
      out.push({
        line,
        importKey: key(instrumentId, participantId, 'consent', consentKind, consentDate),
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
  if (issues.length > 0) throw importRefused(issues);
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

/** Rows of the generic action format (columns in ACTION_CSV_COLUMNS; see docs/import-formats.md). */
export function actionCsvCandidates(text: string): Candidate[] {
  const { rows, lines } = parseCsv(text, ['instrument', 'participant', 'kind', 'date', 'source']);
  const issues: FieldIssue[] = [];
  const out: Candidate[] = [];
  rows.forEach((row, i) => {
    const line = lines[i] as number;
    const kind = blank(row.kind) ?? '';
    if (!(ACTION_KINDS as readonly string[]).includes(kind)) {
      issues.push({
        field: `line ${line}, kind`,
        message: `"${kind}" is not one of ${ACTION_KINDS.join(', ')}`,
      });
      return;
    }
    const target = blank(row.target_action);
    if (target !== null && !/^\d+$/.test(target)) {
      issues.push({
        field: `line ${line}, target_action`,
        message: 'must be the number of a recorded action',
      });
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
      importKey: key(
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
  if (issues.length > 0) throw importRefused(issues);
  return out;
}

function importRefused(issues: FieldIssue[]): DomainError {
  const first = issues[0] as FieldIssue;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new DomainError(
    'validation',
    `${issues.length} row${issues.length > 1 ? 's' : ''} refused; nothing was imported. ${first.field}: ${first.message}${more}`,
    { issues },
  );
}

/** Validates and writes candidates inside the given transaction; throws with every row's error, writing nothing. */
export async function importCandidates(
  ctx: ServiceContext,
  trx: Db,
  candidates: Candidate[],
): Promise<ImportResult> {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  for (const c of candidates) {
    const first = seen.get(c.importKey);
    if (first !== undefined) {
      issues.push({ field: `line ${c.line}`, message: `duplicated row: repeats line ${first}` });
    } else {
      seen.set(c.importKey, c.line);
    }
  }
  if (issues.length > 0) throw importRefused(issues);
  const present = await findActionIdsByImportKeys(
    trx,
    candidates.map((c) => c.importKey),
  );
  let recorded = 0;
  for (const c of candidates) {
    if (present.has(c.importKey)) continue;
    const shape = RecordActionSchema.safeParse(c.input);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        const field = String(issue.path[0] ?? '');
        const column = c.columns[field as keyof RecordActionInput] ?? field;
        issues.push({ field: `line ${c.line}, ${column}`, message: issue.message });
      }
      continue;
    }
    try {
      const { row } = await validateAction(ctx, trx, shape.data, { importKey: c.importKey });
      const id = await insertAction(trx, row);
      await audit(ctx, trx, {
        action: 'action.import',
        entity: 'action',
        entityId: id,
        after: row,
        state: row.participant_id,
      });
      recorded++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const field = err.field ?? '';
      const column = c.columns[field as keyof RecordActionInput] ?? field;
      issues.push({ field: `line ${c.line}${column ? `, ${column}` : ''}`, message: err.message });
    }
  }
  if (issues.length > 0) throw importRefused(issues);
  if (recorded > 0) await bumpVersion(trx);
  return { rows: candidates.length, recorded, alreadyPresent: candidates.length - recorded };
}

async function runImport(ctx: ServiceContext, candidates: Candidate[]): Promise<ImportResult> {
  const result = await ctx.store.db.transaction().execute((trx) => importCandidates(ctx, trx, candidates));
  ctx.registry.invalidate();
  return result;
}

export function importParticipantTable(
  ctx: ServiceContext,
  text: string,
  options: ParticipantTableOptions,
): Promise<ImportResult> {
  return runImport(ctx, participantTableCandidates(text, options));
}

export function importActionCsv(ctx: ServiceContext, text: string): Promise<ImportResult> {
  return runImport(ctx, actionCsvCandidates(text));
}
