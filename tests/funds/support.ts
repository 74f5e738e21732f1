// Shared pieces of the fund ledger tests: running a use case the way the routes do (inside runWrite: one
// database transaction), a small set of donors, earmarks and rates, and a poster for the HTTP API that gives
// every write its Idempotency-Key.
import { randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../src/context.ts';
import type { EarmarkInput } from '../../src/funds/contract.ts';
import type { Db } from '../../src/funds/repository.ts';
import { defineEarmark, recordDonor, recordRate } from '../../src/funds/services/catalog.ts';
import { runWrite } from '../../src/db/write.ts';
import type { TestApp } from '../helpers/app.ts';

/** Runs `fn` as the routes run a use case: inside runWrite, in one database transaction. */
export async function inWrite<T>(ctx: ServiceContext, fn: (db: Db) => Promise<T>): Promise<T> {
  let out: { value: T } | null = null;
  await runWrite(ctx, { key: null, operation: 'test', payload: null }, async (db) => {
    out = { value: await fn(db) };
    return { status: 200, body: null };
  });
  return (out as unknown as { value: T }).value;
}

/** A fresh Idempotency-Key. */
export const newKey = (): string => `test-${randomBytes(8).toString('hex')}`;

/** An earmark for the Trafficking in Persons Protocol in Africa (special purpose, IATI 3). */
export const tipAfrica = (id: string): EarmarkInput => ({
  id,
  name: `TIP Protocol, Africa (${id})`,
  purpose: 'special',
  iatiCategory: 3,
  instrumentId: 'TIP',
  region: 'Africa',
});

/** Rates of a month: EUR 0.926, JPY 151.25, KWD 0.3075 per US dollar. */
export const RATES: ReadonlyArray<[string, string]> = [
  ['EUR', '0.926'],
  ['JPY', '151.25'],
  ['KWD', '0.3075'],
];

export interface FundSetup {
  donors: ReadonlyArray<{ id: string; illustrative?: boolean }>;
  earmarks?: readonly EarmarkInput[];
  /** Months (YYYY-MM) to record RATES for. */
  months?: readonly string[];
}

/** Donors, earmarks and rates, recorded through the use cases in one write. */
export async function setUpFund(ctx: ServiceContext, setup: FundSetup): Promise<void> {
  await inWrite(ctx, async (db) => {
    for (const d of setup.donors) {
      await recordDonor(
        ctx,
        db,
        { id: d.id, name: `Donor ${d.id}`, kind: 'foundation' },
        { illustrative: d.illustrative ?? false },
      );
    }
    for (const e of setup.earmarks ?? []) await defineEarmark(ctx, db, e);
    for (const month of setup.months ?? []) {
      for (const [currency, rate] of RATES) {
        await recordRate(ctx, db, { currency, month, rate, source: `test rates ${month}` });
      }
    }
  });
}

/** POST with an administrator's token and an Idempotency-Key (a fresh one unless given). */
export function poster(t: TestApp) {
  return (url: string, payload: unknown, key: string = newKey(), headers: Record<string, string> = t.auth) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'idempotency-key': key },
      payload: payload as Record<string, unknown>,
    });
}

/** GET with an administrator's token (or the headers given). */
export function getter(t: TestApp) {
  return (url: string, headers: Record<string, string> = t.auth) =>
    t.app.inject({ method: 'GET', url, headers });
}
