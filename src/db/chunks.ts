// Reads of many rows by key in a few queries: the keys in chunks small enough for one `in (...)` list on
// both stores (SQLite allows 32,766 bound values, PostgreSQL 65,535; 500 keeps each statement small).
const CHUNK = 500;

/** The list in chunks of at most 500: a few queries however many keys are read. */
export function chunksOf<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}
