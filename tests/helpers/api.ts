// Shared pieces of the API and CLI tests: the problem body of a refusal, what a request returns, what the
// store holds (to check that a refusal wrote nothing), and a "30 instruments + 90 days" instrument.
import { sql } from 'kysely';
import type { Store } from '../../src/db/database.ts';
import type { TestApp } from './app.ts';

/** An RFC 9457 problem, as every refusal is answered. */
export interface Problem {
  status: number;
  detail: string;
  type?: string;
  title?: string;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
}

/** What `app.inject` resolves to. */
export type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** What the store holds: rows of actions and corrections, and the registry version. */
export async function writtenCounts(
  store: Store,
): Promise<{ actions: number; corrections: number; version: string }> {
  const db = store.db;
  const a = await db
    .selectFrom('actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const c = await db
    .selectFrom('corrections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const v = await sql<{ value: string }>`select value from registry_meta where key = 'version'`.execute(db);
  return { actions: Number(a.n), corrections: Number(c.n), version: String(v.rows[0]?.value) };
}

/**
 * The definition of a new instrument entering into force after 30 instruments + 90 days (UNCAC's rules:
 * art. 67-70), REIO instruments not counted. `overrides` replaces any field (a title, a short title…).
 */
export function thirtyPlusNinety(
  id: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    title: 'Test treaty entering into force after 30 instruments + 90 days',
    shortTitle: id,
    adoptedOn: '2003-10-31',
    signatureOpensOn: '2003-12-09',
    signatureClosesOn: '2005-12-09',
    threshold: 30,
    eifDays: 90,
    laterDays: 30,
    laterRule: 'later_of',
    reioCounted: false,
    eifArticle: '68(1)',
    laterArticle: '68(2)',
    signatureArticle: '67(1)',
    denunciationArticle: '70(1)',
    source: 'test',
    ...overrides,
  };
}
