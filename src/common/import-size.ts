// The size and encoding of one import file (docs/import-formats.md, "Limits"), checked before it is parsed:
// by the HTTP body limit of the import routes and by the command line, which reads files without loading the
// CSV parser.
import { isUtf8 } from 'node:buffer';
import { DomainError } from './errors.ts';

/** Bytes of one file (the HTTP body limit of the import routes, and what the command line reads). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** Refuses a file of more than IMPORT_MAX_BYTES (read by the command line; the server has its body limit). */
export function checkImportSize(size: number, name: string): void {
  if (size > IMPORT_MAX_BYTES) {
    throw new DomainError(
      'validation',
      `${name} is ${size} bytes; an import file holds at most ${IMPORT_MAX_BYTES} bytes (10 MiB)`,
      { field: 'file' },
    );
  }
}

/** The text of a file read by the command line: at most IMPORT_MAX_BYTES, and UTF-8. */
export function checkImportBytes(bytes: Buffer, name: string): string {
  checkImportSize(bytes.length, name);
  if (!isUtf8(bytes)) throw new DomainError('validation', `${name} is not valid UTF-8`, { field: 'file' });
  return bytes.toString('utf8');
}
