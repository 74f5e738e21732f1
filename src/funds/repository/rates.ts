// Exchange rates by month and source.
import type { Db } from './rows.ts';

export interface RateRecord {
  currency: string;
  /** YYYY-MM: UN operational rates are set for a calendar month. */
  month: string;
  /** Units of the currency for one US dollar, as a decimal string. */
  rate: string;
  source: string;
  illustrative: boolean;
  recordedAt: string;
  recordedBy: string;
}

export async function insertRate(db: Db, r: RateRecord): Promise<void> {
  await db
    .insertInto('exchange_rates')
    .values({
      currency: r.currency,
      month: r.month,
      rate: r.rate,
      source: r.source,
      illustrative: r.illustrative ? 1 : 0,
      recorded_at: r.recordedAt,
      recorded_by: r.recordedBy,
    })
    .execute();
}

/** The rate of a currency for a month in one dataset: real UN operational rates, or illustrative ones. */
export async function findRate(
  db: Db,
  currency: string,
  month: string,
  illustrative: boolean,
): Promise<RateRecord | null> {
  const r = await db
    .selectFrom('exchange_rates')
    .selectAll()
    .where('currency', '=', currency)
    .where('month', '=', month)
    .where('illustrative', '=', illustrative ? 1 : 0)
    .executeTakeFirst();
  return r
    ? {
        currency: r.currency,
        month: r.month,
        rate: r.rate,
        source: r.source,
        illustrative: r.illustrative === 1,
        recordedAt: r.recorded_at,
        recordedBy: r.recorded_by,
      }
    : null;
}

export async function listRates(
  db: Db,
  filter: { currency?: string; month?: string } = {},
): Promise<RateRecord[]> {
  let q = db.selectFrom('exchange_rates').selectAll().orderBy('month', 'desc').orderBy('currency');
  if (filter.currency) q = q.where('currency', '=', filter.currency);
  if (filter.month) q = q.where('month', '=', filter.month);
  return (await q.limit(5000).execute()).map((r) => ({
    currency: r.currency,
    month: r.month,
    rate: r.rate,
    source: r.source,
    illustrative: r.illustrative === 1,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}
