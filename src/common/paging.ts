// Cursor paging, the same on every list that can grow (issue 21, docs/api.md "Paging"): `limit` (at most
// PAGE_MAX, PAGE_DEFAULT when absent) and an opaque `cursor`; the answer names the next page in its body
// (`next`) and in a `Link: <…>; rel="next"` header, both null/absent on the last page. A cursor holds the
// sort key of the last row sent and its id (the unique tie-break), so a repository reads the next page with
// `WHERE (key, id) > (?, ?) ORDER BY key, id LIMIT n + 1` (keyset paging: rows inserted between two fetches
// never shift a page, unlike OFFSET). A cursor or limit the server cannot read is a 400 problem naming the
// parameter (src/http/problem.ts), never a 500. Pure: imported by contracts, services and routes.
import { z } from 'zod';
import { DomainError } from './errors.ts';

export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 500;

/** The query parameters whose unreadable values are a 400 (the request cannot be read), not a 422. */
export const PAGING_PARAMETERS: ReadonlySet<string> = new Set(['limit', 'cursor']);

const CURSOR_CHARS = /^[A-Za-z0-9_-]{1,400}$/;

export const CursorParamSchema = z.string().max(400).meta({
  description:
    "the opaque cursor of the next page, as the previous page's `next` link gives it; malformed: 400",
  example: 'WyIyMDI2LTAxLTE1IiwxMl0',
});

/** `limit` and `cursor`, spread into a feature's query schema. */
export function pageQueryShape(defaultLimit = PAGE_DEFAULT, maxLimit = PAGE_MAX) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxLimit)
      .default(defaultLimit)
      .meta({ description: `rows per page, 1 to ${maxLimit} (${defaultLimit} by default); else 400` }),
    cursor: CursorParamSchema.optional(),
  };
}

/** The `next` link of a page, in the body: a path with the same filters, or null on the last page. */
export const NextLinkSchema = z.string().nullable().meta({
  description: 'the next page (same filters and limit), also sent as `Link: <…>; rel="next"`; null: the last',
  example: '/api/audit?limit=100&cursor=WzEwMF0',
});

/** What a sort key part may be: text (dates, codes) or a whole number (ids, sequence numbers). */
export type KeyPart = 'text' | 'int';
export type KeyValue = string | number;

export function encodeCursor(key: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function badCursor(detail: string): DomainError {
  return new DomainError('bad_request', `cursor: ${detail}; send back the \`next\` link as given`, {
    field: 'cursor',
  });
}

/**
 * The sort key a cursor holds, checked against the list's key shape: anything else (edited, truncated,
 * from another list) is refused with a 400 naming `cursor`, never read as a guess.
 */
export function decodeCursor<const S extends readonly KeyPart[]>(
  text: string | undefined,
  shape: S,
): { [I in keyof S]: S[I] extends 'int' ? number : string } | undefined {
  if (text === undefined) return undefined;
  if (!CURSOR_CHARS.test(text)) return invalid('not a cursor this server issued');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return invalid('not a cursor this server issued');
  }
  if (!Array.isArray(value) || value.length !== shape.length) {
    return invalid('not a cursor of this list');
  }
  shape.forEach((part, i) => {
    const v: unknown = value[i];
    const ok =
      part === 'int'
        ? typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
        : typeof v === 'string' && v.length <= 200;
    if (!ok) invalid('not a cursor of this list');
  });
  return value as { [I in keyof S]: S[I] extends 'int' ? number : string };
}

function invalid(detail: string): never {
  throw badCursor(detail);
}

/**
 * Cuts a keyset read of `limit + 1` rows into the page and the cursor of the next one (null when no row
 * follows): the extra row only says whether another page exists.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => readonly KeyValue[],
): { items: T[]; cursor: string | null } {
  if (rows.length <= limit) return { items: [...rows], cursor: null };
  const items = rows.slice(0, limit);
  return { items, cursor: encodeCursor(keyOf(items[items.length - 1] as T)) };
}

/**
 * The next page's link: the request's own path and filters, with `limit` and the new cursor (and none of
 * `replaced`, the list's older cursor parameters, which the cursor supersedes).
 */
export function nextLink(
  requestUrl: string,
  limit: number,
  cursor: string | null,
  replaced: readonly string[] = [],
): string | null {
  if (cursor === null) return null;
  const [path, query = ''] = requestUrl.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  for (const name of ['limit', 'cursor', ...replaced]) params.delete(name);
  params.set('limit', String(limit));
  params.set('cursor', cursor);
  return `${path}?${params}`;
}

/** RFC 8288: the `Link` header that says the same as the body's `next`. */
export function linkHeader(next: string | null): string | undefined {
  return next === null ? undefined : `<${next}>; rel="next"`;
}

/** Sets `Link` on an answer when there is a next page; returns `next` for the body. */
export function withNextLink(
  reply: { header(name: string, value: string): unknown },
  next: string | null,
): string | null {
  const link = linkHeader(next);
  if (link) reply.header('link', link);
  return next;
}

/** What an operation paged by id says of its paging (the body's `next` and the `Link` header agree). */
export const PAGED_BY_ID =
  `In pages by id: \`limit\` (${PAGE_DEFAULT} by default, at most ${PAGE_MAX}) and \`cursor\`. The next page is ` +
  'the body\'s `next` and the `Link: <…>; rel="next"` header (`next` null and no header on the last page).';

/**
 * A page of a list keyed by id, from a keyset read of `limit + 1` rows: the page's rows and its `next` link,
 * also set as the `Link` header. `replaced` are the list's older cursor parameters.
 */
export function idPage<T extends { id: number }>(
  requestUrl: string,
  reply: { header(name: string, value: string): unknown },
  rows: readonly T[],
  limit: number,
  replaced: readonly string[] = [],
): { items: T[]; next: string | null } {
  const page = pageOf(rows, limit, (row) => [row.id]);
  return { items: page.items, next: withNextLink(reply, nextLink(requestUrl, limit, page.cursor, replaced)) };
}
