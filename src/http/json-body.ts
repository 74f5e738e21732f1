// The JSON body parser: plain JSON.parse, then a walk that refuses what no field of Palermo may hold, naming
// the field: prototype keys (`__proto__`, `constructor.prototype`), control characters other than tab and
// line breaks (PostgreSQL cannot store NUL; the others are never meant), text that is not well-formed
// Unicode (lone surrogates would be silently replaced), and nesting deeper than any contract goes. Before
// that, the bytes of every body (JSON or CSV) must be UTF-8 (`decodeBody`).
import { isUtf8 } from 'node:buffer';
import { DomainError } from '../common/errors.ts';
import { textProblem } from '../common/text.ts';

type HttpError = Error & { statusCode: number; code: string };
function httpError(statusCode: number, code: string, message: string): HttpError {
  const e = new Error(message) as HttpError;
  e.statusCode = statusCode;
  e.code = code;
  return e;
}

/**
 * The text of a request body (JSON or CSV). Palermo reads UTF-8 only: a body that names another charset is
 * an unsupported media type (415), and bytes that are not valid UTF-8 are refused (400) rather than decoded
 * with U+FFFD in their place, which would store text the client never sent.
 */
export function decodeBody(contentType: string | undefined, body: Buffer): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw httpError(415, 'UNSUPPORTED_CHARSET', `the body is in ${charset}: Palermo reads UTF-8 only`);
  }
  if (!isUtf8(body)) throw httpError(400, 'INVALID_UTF8', 'the body is not valid UTF-8');
  return body.toString('utf8');
}

export const MAX_DEPTH = 32;
function fieldName(path: Array<string | number>): string {
  return path.length === 0 ? 'body' : path.join('.');
}

/** Walks the parsed body without recursion (a hostile body cannot exhaust the stack). */
export function checkJsonValue(root: unknown): void {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: Array<string | number> };
    if (path.length > MAX_DEPTH) {
      throw new DomainError('validation', `nested more than ${MAX_DEPTH} levels deep`, {
        field: fieldName(path),
      });
    }
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw new DomainError('validation', `text ${problem}`, { field: fieldName(path) });
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        const keyProblem = textProblem(key);
        if (keyProblem)
          throw new DomainError('validation', `a field name ${keyProblem}`, { field: fieldName(path) });
        if (key === '__proto__' || (key === 'prototype' && path.at(-1) === 'constructor')) {
          throw new DomainError('validation', 'unknown field: not accepted here', {
            field: fieldName([...path, key]),
          });
        }
        stack.push({ value: v, path: [...path, key] });
      }
    }
  }
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw httpError(400, 'INVALID_JSON', `the body is not valid JSON: ${(err as Error).message}`);
  }
  checkJsonValue(value);
  return value;
}
