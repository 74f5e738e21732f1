// Currencies and their minor units.
import type { Currency } from '../domain/money.ts';
import type { Db } from './rows.ts';

export async function listCurrencies(db: Db): Promise<Currency[]> {
  const rows = await db.selectFrom('currencies').selectAll().orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, minorUnits: r.minor_units }));
}

export async function insertCurrencies(db: Db, rows: Array<Currency & { source: string }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('currencies')
      .values(
        rows
          .slice(i, i + 100)
          .map((c) => ({ code: c.code, name: c.name, minor_units: c.minorUnits, source: c.source })),
      )
      .execute();
  }
}
