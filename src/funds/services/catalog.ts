// Donors, earmarks and the UN operational rates of exchange: what pledges and payments refer to.
import { parse } from 'csv-parse/sync';
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { cellProblem, Pacer, Problems, readCsv } from '../../common/csv-import.ts';
import { DomainError, notFound } from '../../common/errors.ts';
import { readReference } from '../../common/reference-files.ts';
import { findInstrument, findParticipant } from '../../treaties/services/lookups.ts';
import { RateInputSchema, type DonorInput, type EarmarkInput, type RateInput } from '../contract.ts';
import { checkEarmark } from '../domain/earmarks.ts';
import { rateMonthRefusal } from '../domain/ledger.ts';
import { parseDecimal } from '../domain/money.ts';
import {
  findDonor,
  findEarmark,
  findRate,
  insertCurrencies,
  insertDonor,
  insertEarmark,
  insertRate,
  listCurrencies,
  type Db,
  type Donor,
  type EarmarkRecord,
  type RateRecord,
} from '../repository.ts';
import { currencyOf } from './post.ts';

/** The Fund itself, as the owner of interest and other income. */
export const FUND_DONOR_ID = 'FUND';
export const GENERAL_EARMARK_ID = 'GENERAL';

/** Loads the currency table, the Fund's own donor line and the general-purpose earmark into a new database. */
export async function loadFundReferenceIfEmpty(ctx: ServiceContext): Promise<boolean> {
  if ((await listCurrencies(ctx.store.db)).length > 0) return false;
  const rows = parse(readReference('currencies.csv'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  const now = ctx.clock.now();
  await ctx.store.db.transaction().execute(async (trx) => {
    if ((await listCurrencies(trx)).length > 0) return;
    await insertCurrencies(
      trx,
      rows.map((r) => ({
        code: r.code as string,
        name: r.name as string,
        minorUnits: Number(r.minor_units),
        source: r.source as string,
      })),
    );
    await insertDonor(trx, {
      id: FUND_DONOR_ID,
      name: 'The Fund (interest and other income)',
      kind: 'fund',
      participantId: null,
      illustrative: false,
      recordedAt: now,
      recordedBy: ctx.actor,
    });
    await insertEarmark(trx, {
      id: GENERAL_EARMARK_ID,
      name: 'General purpose',
      purpose: 'general',
      iatiCategory: 1,
      instrumentId: null,
      region: null,
      countryId: null,
      theme: null,
      projectRef: null,
      recordedAt: now,
      recordedBy: ctx.actor,
    });
    await audit(ctx, trx, {
      action: 'fund.reference.load',
      entity: 'reference-data',
      entityId: null,
      after: { currencies: rows.length, donors: [FUND_DONOR_ID], earmarks: [GENERAL_EARMARK_ID] },
    });
  });
  return true;
}

export async function recordDonor(
  ctx: ServiceContext,
  db: Db,
  input: DonorInput,
  options: { illustrative?: boolean } = {},
): Promise<Donor> {
  if (await findDonor(db, input.id)) {
    throw new DomainError('conflict', `donor ${input.id} already exists`, { field: 'id' });
  }
  if (input.kind === 'state' && !input.participantId) {
    throw new DomainError('validation', 'a State donor names its participant code', {
      field: 'participantId',
    });
  }
  if (input.participantId && !(await findParticipant(db, input.participantId))) {
    throw notFound('participant', input.participantId, 'participantId');
  }
  const donor: Donor = {
    id: input.id,
    name: input.name,
    kind: input.kind,
    participantId: input.participantId ?? null,
    illustrative: options.illustrative ?? false,
    recordedAt: ctx.clock.now(),
    recordedBy: ctx.actor,
  };
  await insertDonor(db, donor);
  await audit(ctx, db, { action: 'donor.create', entity: 'donor', entityId: donor.id, after: donor });
  return donor;
}

export async function defineEarmark(
  ctx: ServiceContext,
  db: Db,
  input: EarmarkInput,
): Promise<EarmarkRecord> {
  if (await findEarmark(db, input.id)) {
    throw new DomainError('conflict', `earmark ${input.id} already exists`, { field: 'id' });
  }
  const earmark: EarmarkRecord = {
    id: input.id,
    name: input.name,
    purpose: input.purpose,
    iatiCategory: input.iatiCategory,
    instrumentId: input.instrumentId ?? null,
    region: input.region ?? null,
    countryId: input.countryId ?? null,
    theme: input.theme ?? null,
    projectRef: input.projectRef ?? null,
    recordedAt: ctx.clock.now(),
    recordedBy: ctx.actor,
  };
  checkEarmark(earmark);
  if (earmark.instrumentId && !(await findInstrument(db, earmark.instrumentId))) {
    throw notFound('instrument', earmark.instrumentId, 'instrumentId');
  }
  if (earmark.countryId && !(await findParticipant(db, earmark.countryId))) {
    throw notFound('participant', earmark.countryId, 'countryId');
  }
  await insertEarmark(db, earmark);
  await audit(ctx, db, { action: 'earmark.create', entity: 'earmark', entityId: earmark.id, after: earmark });
  return earmark;
}

/**
 * Records the rate of a currency for a month. A rate once used converts payments for good: it is never
 * replaced (a payment keeps the rate it was converted at, so nothing is silently re-done).
 */
export async function recordRate(
  ctx: ServiceContext,
  db: Db,
  input: RateInput,
  options: { illustrative?: boolean; field?: string } = {},
): Promise<RateRecord> {
  const at = options.field ? `${options.field}.` : '';
  await currencyOf(ctx, db, input.currency, `${at}currency`);
  const rate = parseDecimal(input.rate, `${at}rate`);
  if (input.currency === 'USD' && rate.units !== 10n ** BigInt(rate.scale)) {
    throw new DomainError('validation', 'the rate of the US dollar is 1', { field: `${at}rate` });
  }
  const badMonth = rateMonthRefusal(input.month, ctx.clock.today());
  if (badMonth) {
    throw new DomainError('validation', `no rate can be recorded for ${input.month}: ${badMonth}`, {
      field: `${at}month`,
    });
  }
  const existing = await findRate(db, input.currency, input.month, options.illustrative ?? false);
  if (existing) {
    if (existing.rate === input.rate) return existing;
    throw new DomainError(
      'conflict',
      `${input.currency} already has the rate ${existing.rate} for ${input.month} (${existing.source}); rates are never replaced`,
      { field: `${at}rate` },
    );
  }
  const record: RateRecord = {
    ...input,
    illustrative: options.illustrative ?? false,
    recordedAt: ctx.clock.now(),
    recordedBy: ctx.actor,
  };
  await insertRate(db, record);
  await audit(ctx, db, {
    action: 'rate.record',
    entity: 'exchange_rate',
    entityId: `${input.currency}:${input.month}`,
    after: record,
  });
  return record;
}

const RATE_COLUMNS = ['currency', 'month', 'rate', 'source'] as const;

/**
 * Imports rates from CSV with the header `currency,month,rate,source` — all or nothing: every row is checked
 * (the text rules of the JSON API on every cell, then the contract) and the problems reported with their line
 * (the first 100, and the count of all) before anything is written. Limits: docs/import-formats.md.
 */
export async function importRatesCsv(
  ctx: ServiceContext,
  db: Db,
  text: string,
): Promise<{ rows: number; recorded: number; alreadyPresent: number }> {
  const problems = new Problems();
  const parsed: Array<{ line: number; input: RateInput }> = [];
  let header: string[] = [];
  const rows = await readCsv<Record<string, string>>(
    text,
    {
      columns: (names: string[]) => (header = names.map((n) => n.trim())),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    },
    (row, line) => {
      let clean = true;
      for (const column of RATE_COLUMNS) {
        const problem = cellProblem(row[column] ?? '');
        if (problem) {
          problems.add(`line ${line}: ${column}`, problem);
          clean = false;
        }
      }
      if (!clean) return;
      const result = RateInputSchema.safeParse({
        currency: row.currency,
        month: row.month,
        rate: row.rate,
        source: row.source,
      });
      if (!result.success) {
        for (const issue of result.error.issues) {
          problems.add(`line ${line}: ${issue.path.join('.') || 'row'}`, issue.message);
        }
      } else {
        const badMonth = rateMonthRefusal(result.data.month, ctx.clock.today());
        if (badMonth) problems.add(`line ${line}: month`, badMonth);
        else parsed.push({ line, input: result.data });
      }
    },
  );
  const missing = RATE_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    problems.add('line 1', `the header lacks ${missing.join(', ')}: it is currency,month,rate,source`);
  } else if (rows === 0) problems.add('file', 'no rows: the header is currency,month,rate,source');
  if (problems.count > 0) throw problems.refusal(`${problems.count} problem(s) in the rate file`);
  let recorded = 0;
  let alreadyPresent = 0;
  const pacer = new Pacer();
  for (const { line, input } of parsed) {
    const before = await findRate(db, input.currency, input.month, false);
    await recordRate(ctx, db, input, { field: `line ${line}` });
    if (before) alreadyPresent += 1;
    else recorded += 1;
    await pacer.tick();
  }
  return { rows: parsed.length, recorded, alreadyPresent };
}
