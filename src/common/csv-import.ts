// What every CSV import shares (docs/import-formats.md, "Limits"): the size of a file, the number of its
// rows, a bounded list of problems, the text rules of the JSON API applied to every cell, and reading that
// gives the event loop a turn every few hundred rows, so the server keeps answering (/healthz, other
// requests) while a large file is read and checked.
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse, type Options } from 'csv-parse';
import { DomainError, type FieldIssue } from './errors.ts';
import { textProblem } from './text.ts';
import { IMPORT_MAX_BYTES } from './import-size.ts';

// The size checks live apart so that the command line reads a file without loading the CSV parser.
export { IMPORT_MAX_BYTES, checkImportBytes, checkImportSize } from './import-size.ts';

export const IMPORT_MAX_ROWS = 100_000;
/** Problems listed in a refusal; the others are counted. */
export const MAX_REPORTED_PROBLEMS = 100;
/** Rows handled between two turns of the event loop. */
export const IMPORT_CHUNK_ROWS = 500;
const CHUNK_BYTES = 64 * 1024;

/** Longest stretch of work between two turns of the event loop (a row written can take a millisecond). */
const MAX_SLICE_MS = 20;

/**
 * Gives the event loop a turn (I/O, timers) every `every` calls, or sooner once MAX_SLICE_MS have passed:
 * long loops over rows call it once a row.
 */
export class Pacer {
  private n = 0;
  private since = performance.now();
  constructor(private readonly every = IMPORT_CHUNK_ROWS) {}
  async tick(): Promise<void> {
    this.n += 1;
    if (this.n % this.every !== 0 && performance.now() - this.since < MAX_SLICE_MS) return;
    await nextTurn();
    this.since = performance.now();
  }
}

/** The problems of a file: the first MAX_REPORTED_PROBLEMS kept, all counted. */
export class Problems {
  readonly listed: FieldIssue[] = [];
  count = 0;

  add(field: string, message: string): void {
    this.count += 1;
    if (this.listed.length < MAX_REPORTED_PROBLEMS) this.listed.push({ field, message });
  }

  /** `summary` says how many of what (e.g. "3 rows refused"); the detail adds what is not listed. */
  refusal(summary: string, options: { first?: boolean } = {}): DomainError {
    const first = options.first ? this.listed[0] : undefined;
    const shown =
      this.count > this.listed.length
        ? ` (the first ${this.listed.length} are listed; ${this.count - this.listed.length} more are not)`
        : '';
    return new DomainError(
      'validation',
      `${summary}; nothing was imported${shown}${first ? `. ${first.field}: ${first.message}` : ''}`,
      { issues: this.listed },
    );
  }
}

/** Why a cell cannot be stored (the JSON API's rule for every text, src/common/text.ts), or null. */
export function cellProblem(value: string): string | null {
  const problem = textProblem(value);
  return problem ? `text ${problem}` : null;
}

/** A csv-parse error (a quote left open, a row of another width) as a refusal naming its line. */
export function malformedCsv(err: unknown): DomainError {
  const e = err as { message?: string; lines?: number };
  const line = e.lines ?? 0;
  return new DomainError('validation', `malformed CSV at line ${line}: ${e.message ?? String(err)}`, {
    field: `line ${line}`,
  });
}

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

/**
 * Reads CSV text record by record with csv-parse's stream parser, in 64 KiB pieces, giving the event loop a
 * turn every IMPORT_CHUNK_ROWS records; `onRecord` gets each record and the line it starts on. More than
 * IMPORT_MAX_ROWS data rows, or a file that stops being CSV, is refused (422) naming where.
 */
export async function readCsv<R>(
  text: string,
  options: Options & { columns: NonNullable<Options['columns']> },
  onRecord: (record: R, line: number) => void | Promise<void>,
): Promise<number> {
  const bytes = Buffer.from(text);
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw new DomainError('validation', `the file holds more than ${IMPORT_MAX_BYTES} bytes (10 MiB)`, {
      field: 'file',
    });
  }
  const parser = Readable.from(slices(bytes)).pipe(parse({ ...options, info: true }));
  const pacer = new Pacer();
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: R; info: { lines: number } }>) {
      rows += 1;
      if (rows > IMPORT_MAX_ROWS) {
        throw new DomainError(
          'validation',
          `the file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows; at most ${IMPORT_MAX_ROWS.toLocaleString('en')} per file`,
          { field: 'file' },
        );
      }
      await onRecord(record, info.lines);
      await pacer.tick();
    }
  } catch (err) {
    throw err instanceof DomainError ? err : malformedCsv(err);
  } finally {
    parser.destroy();
  }
  return rows;
}
