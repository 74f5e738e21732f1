// The fingerprint of the data a report was drawn from (issue 15, items 1 and 5): SHA-256 over a canonical
// serialization of every record drawn, so that the same records give the same hex digest on every host and
// store, and any correction in the registry or the ledger gives another. Canonical: object keys sorted,
// arrays kept in the order the caller gives (each gatherer sorts its records by id), whole numbers and
// bigints written in decimal (a bigint followed by "n", so 1 and 1n differ), strings as JSON writes them.
// Floats and Dates are refused: a calendar fact is a `YYYY-MM-DD` string and money is minor units.
import { createHash } from 'node:crypto';

export type Canonical =
  null | boolean | number | bigint | string | readonly Canonical[] | { readonly [key: string]: Canonical };

/** The canonical text of a value; a float, a non-finite number, a Date or undefined is a TypeError. */
export function canonicalText(value: Canonical): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value))
        throw new TypeError(`a fingerprint takes whole numbers, not ${value}`);
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`a fingerprint cannot take a ${typeof value}`);
  }
  if (Array.isArray(value)) return `[${(value as readonly Canonical[]).map(canonicalText).join(',')}]`;
  if (Object.getPrototypeOf(value) !== Object.prototype)
    throw new TypeError('a fingerprint takes plain objects only (no Date, Map or class instance)');
  const obj = value as { readonly [key: string]: Canonical };
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText(obj[k] as Canonical)}`).join(',')}}`;
}

/** SHA-256 (hex) of the canonical text. */
export function fingerprintOf(value: Canonical): string {
  return createHash('sha256').update(canonicalText(value), 'utf8').digest('hex');
}

/**
 * The fingerprint of a whole report from the fingerprints of its parts (`registry`, `fund`, and the
 * programme records of sections III–IV when there are some): a part's digest stands for its records.
 */
export function combineFingerprints(parts: Readonly<Record<string, string>>): string {
  return fingerprintOf(parts);
}

/** Ids as compact ranges, ascending and without repeats: [7, 1, 2, 3] → "1-3,7"; none → "none". */
export function idRanges(ids: Iterable<number>): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return 'none';
  const out: string[] = [];
  let start = sorted[0] as number;
  let prev = start;
  for (const id of [...sorted.slice(1), Number.NaN]) {
    if (id === prev + 1) {
      prev = id;
      continue;
    }
    out.push(start === prev ? String(start) : `${start}-${prev}`);
    start = id;
    prev = id;
  }
  return out.join(',');
}
