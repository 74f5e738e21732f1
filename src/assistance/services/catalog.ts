// The provisions catalogue (every article of the Convention and its Protocols) and eligibility on a date.
import { parse } from 'csv-parse/sync';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { readReference } from '../../common/reference-files.ts';
import { findParticipant } from '../../treaties/services/lookups.ts';
import type { DevelopmentClassInput } from '../contract.ts';
import { eligibilityOn, type Eligibility } from '../domain/eligibility.ts';
import {
  classPeriods,
  insertClassPeriod,
  insertProvisions,
  listProvisions,
  type Db,
  type Provision,
} from '../repository.ts';

/** Loads reference/provisions.csv into an empty catalogue (first start), in one transaction. */
export async function loadProvisionsIfEmpty(ctx: ServiceContext): Promise<boolean> {
  if ((await listProvisions(ctx.store.db)).length > 0) return false;
  const rows = parse(readReference('provisions.csv'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  const provisions: Provision[] = rows.map((r) => ({
    instrumentId: r.instrument as string,
    article: r.article as string,
    title: r.title as string,
    theme: r.theme as string,
    obligation: r.obligation as Provision['obligation'],
    paragraphs: Number(r.paragraphs),
    summary: r.summary as string,
    notifications: r.notifications || null,
    reservation: r.reservation || null,
    source: r.source as string,
  }));
  await ctx.store.db.transaction().execute(async (trx) => {
    if ((await listProvisions(trx)).length > 0) return;
    await insertProvisions(trx, provisions);
    await audit(ctx, trx, {
      action: 'provisions.load',
      entity: 'reference-data',
      entityId: null,
      after: { provisions: provisions.length },
    });
  });
  return true;
}

export const provisionKey = (p: { instrumentId: string; article: string }): string =>
  `${p.instrumentId} ${p.article}`;

export async function provisionMap(db: Db): Promise<Map<string, Provision>> {
  return new Map((await listProvisions(db)).map((p) => [provisionKey(p), p]));
}

/** Refuses provision keys the catalogue does not have, naming the first at its position. */
export async function checkProvisions(db: Db, keys: readonly string[], field: string): Promise<Provision[]> {
  const catalogue = await provisionMap(db);
  return keys.map((k, i) => {
    const p = catalogue.get(k);
    if (!p)
      throw new DomainError('validation', `"${k}" is not an article of the Convention or its Protocols`, {
        field: `${field}[${i}]`,
      });
    return p;
  });
}

export async function eligibility(db: Db, participantId: string, date: string): Promise<Eligibility> {
  const state = await findParticipant(db, participantId);
  if (!state) throw notFound('participant', participantId, 'participantId');
  return eligibilityOn(state, await classPeriods(db, participantId), date);
}

/** A change of a country's development class from a date on; earlier classes stay for earlier dates. */
export async function recordDevelopmentClass(
  ctx: ServiceContext,
  db: Db,
  participantId: string,
  input: DevelopmentClassInput,
): Promise<void> {
  if (!(await findParticipant(db, participantId))) throw notFound('participant', participantId);
  await insertClassPeriod(db, { participantId, ...input });
  await audit(ctx, db, {
    action: 'development_class.record',
    entity: 'participant',
    entityId: participantId,
    after: input,
    state: participantId,
  });
}
