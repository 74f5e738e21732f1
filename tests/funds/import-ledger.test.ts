// The ledger CSV import, on both stores: a good file (FX legs, JPY and KWD decimals, spending from an
// allocation), refused files with every problem at its line and nothing written, idempotent re-import,
// reconciliation afterwards, and the command line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors.ts';
import { cachedBalances, countTransactions } from '../../src/funds/repository.ts';
import { defineEarmark, recordDonor } from '../../src/funds/services/catalog.ts';
import { importLedgerCsv } from '../../src/funds/services/import-ledger.ts';
import { reconcile } from '../../src/funds/services/reconcile.ts';
import { donorStatement } from '../../src/funds/services/statements.ts';
import { allocate } from '../../src/funds/services/uses.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const HEADER =
  'txn_ref,kind,booked_on,donor_id,earmark_id,allocation_id,account,currency,amount,reference,memo';
let t: TestStore;
let allocationId = 0;
const dir = mkdtempSync(join(tmpdir(), 'palermo-ledger-import-'));

const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

/** The problems a refused import reports, as `field: message` lines. */
async function refusal(text: string): Promise<string[]> {
  const error = await importLedgerCsv(t.ctx(), text).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).message).toMatch(/nothing was imported/);
  return (error as DomainError).issues.map((i) => `${i.field}: ${i.message}`);
}

async function auditRows(): Promise<number> {
  const r = await t.store.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function balances(): Promise<Record<string, string>> {
  return Object.fromEntries(
    (await cachedBalances(t.store.db)).map((b) => [`${b.account} ${b.currency}`, b.balance.toString()]),
  );
}

const CONTRIBUTIONS = [
  // 250,000.00 EUR at 0.926 = 269,978.40 USD, through fx
  'C-1,contribution,2026-03-10,ITA,TIP-AFRICA,,donor/ITA,EUR,-250000.00,AGR-7,first instalment',
  'C-1,contribution,2026-03-10,ITA,TIP-AFRICA,,fx,EUR,250000.00,AGR-7,first instalment',
  'C-1,contribution,2026-03-10,ITA,TIP-AFRICA,,fx,USD,-269978.40,AGR-7,first instalment',
  'C-1,contribution,2026-03-10,ITA,TIP-AFRICA,,available/TIP-AFRICA/ITA,USD,269978.40,AGR-7,first instalment',
  // JPY has no decimals, KWD three
  'C-2,contribution,2026-03-20,JPN,GENERAL,,donor/JPN,JPY,-15125000,,',
  'C-2,contribution,2026-03-20,JPN,GENERAL,,fx,JPY,15125000,,',
  'C-2,contribution,2026-03-20,JPN,GENERAL,,fx,USD,-100000.00,,',
  'C-2,contribution,2026-03-20,JPN,GENERAL,,available/GENERAL/JPN,USD,100000.00,,',
  'C-3,contribution,2026-03-25,KWT,GENERAL,,donor/KWT,KWD,-30750.125,,',
  'C-3,contribution,2026-03-25,KWT,GENERAL,,fx,KWD,30750.125,,',
  'C-3,contribution,2026-03-25,KWT,GENERAL,,fx,USD,-100000.41,,',
  'C-3,contribution,2026-03-25,KWT,GENERAL,,available/GENERAL/KWT,USD,100000.41,,',
  'I-1,interest,2026-03-31,FUND,GENERAL,,income/interest,USD,-1234.56,,',
  'I-1,interest,2026-03-31,FUND,GENERAL,,available/GENERAL/FUND,USD,1234.56,,',
];

beforeAll(async () => {
  t = await createTestStore();
  const ctx = t.ctx('test-setup');
  await t.store.db.transaction().execute(async (db) => {
    await recordDonor(ctx, db, { id: 'ITA', name: 'Italy', kind: 'state', participantId: 'ITA' });
    await recordDonor(ctx, db, { id: 'JPN', name: 'Japan', kind: 'state', participantId: 'JPN' });
    await recordDonor(ctx, db, { id: 'KWT', name: 'Kuwait', kind: 'state', participantId: 'KWT' });
    await defineEarmark(ctx, db, {
      id: 'TIP-AFRICA',
      name: 'Trafficking in Persons Protocol, Africa',
      purpose: 'special',
      iatiCategory: 3,
      instrumentId: 'TIP',
      region: 'Africa',
    });
  });
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

describe('palermo fund import-ledger', () => {
  it('imports contributions with FX legs, tagging entries as post() does', async () => {
    const before = await auditRows();
    const r = await importLedgerCsv(t.ctx(), csv(...CONTRIBUTIONS), { name: 'contributions.csv' });
    expect(r).toMatchObject({ rows: 14, transactions: 4, recorded: 4, alreadyPresent: 0, entries: 14 });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await auditRows()).toBe(before + 1);
    expect(await balances()).toMatchObject({
      'available/TIP-AFRICA/ITA USD': '26997840',
      'available/GENERAL/JPN USD': '10000000',
      'available/GENERAL/KWT USD': '10000041',
      'donor/KWT KWD': '-30750125',
      'donor/JPN JPY': '-15125000',
      'fx EUR': '25000000',
      'fx USD': '-46997881',
    });
    const entries = await t.store.db
      .selectFrom('ledger_entries')
      .select(['account', 'kind', 'donor_id', 'earmark_id', 'allocation_id'])
      .where('transaction_id', '=', r.firstTransactionId as number)
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      { account: 'donor/ITA', kind: 'contribution', donor_id: 'ITA', earmark_id: null, allocation_id: null },
      { account: 'fx', kind: 'contribution', donor_id: 'ITA', earmark_id: null, allocation_id: null },
      { account: 'fx', kind: 'contribution', donor_id: 'ITA', earmark_id: null, allocation_id: null },
      {
        account: 'available/TIP-AFRICA/ITA',
        kind: 'contribution',
        donor_id: 'ITA',
        earmark_id: 'TIP-AFRICA',
        allocation_id: null,
      },
    ]);
    const statement = await donorStatement(t.ctx(), t.store.db, 'ITA', '2026-06-30');
    expect(statement.totals).toMatchObject({ contributions: '269978.40', balance: '269978.40' });
    expect(statement.paidInOriginalCurrencies).toEqual([{ currency: 'EUR', amount: '250000.00' }]);
  });

  it('posts allocations and spending with support costs against an allocation that exists', async () => {
    const ctx = t.ctx();
    ({ allocationId } = await t.store.db.transaction().execute((db) =>
      allocate(ctx, db, {
        donorId: 'ITA',
        earmarkId: 'TIP-AFRICA',
        amount: '1000.00',
        bookedOn: '2026-04-01',
        purpose: { kind: 'project', ref: 'PRJ-NGA-1', instrumentId: 'TIP', countryId: 'NGA' },
      }),
    ));
    const a = allocationId;
    const r = await importLedgerCsv(
      ctx,
      csv(
        `A-1,allocation,2026-04-02,ITA,TIP-AFRICA,${a},available/TIP-AFRICA/ITA,USD,-50000.00,PRJ-NGA-1,`,
        `A-1,allocation,2026-04-02,ITA,TIP-AFRICA,${a},allocated/${a},USD,50000.00,PRJ-NGA-1,`,
        `E-1,expenditure,2026-05-02,ITA,TIP-AFRICA,${a},allocated/${a},USD,-10000.00,INV-1,`,
        `E-1,expenditure,2026-05-02,ITA,TIP-AFRICA,${a},spent/${a},USD,10000.00,INV-1,`,
        `E-1,expenditure,2026-05-02,ITA,TIP-AFRICA,${a},allocated/${a},USD,-1300.00,INV-1,`,
        `E-1,expenditure,2026-05-02,ITA,TIP-AFRICA,${a},psc/${a},USD,1300.00,INV-1,`,
      ),
    );
    expect(r).toMatchObject({ transactions: 2, recorded: 2, entries: 6 });
    expect(await balances()).toMatchObject({
      [`allocated/${a} USD`]: '3970000',
      [`spent/${a} USD`]: '1000000',
      [`psc/${a} USD`]: '130000',
      'available/TIP-AFRICA/ITA USD': '21897840',
    });
    const tags = await t.store.db
      .selectFrom('ledger_entries')
      .select(['donor_id', 'earmark_id', 'allocation_id'])
      .where('account', '=', `psc/${a}`)
      .execute();
    expect(tags).toEqual([{ donor_id: 'ITA', earmark_id: 'TIP-AFRICA', allocation_id: a }]);
    const statement = await donorStatement(ctx, t.store.db, 'ITA', '2026-06-30');
    expect(statement.totals).toMatchObject({
      expenditure: '10000.00',
      supportCosts: '1300.00',
      balance: '258678.40',
    });
  });

  it('refuses bad rows, each at its line, and writes nothing', async () => {
    const [transactions, audits, held] = [
      await countTransactions(t.store.db),
      await auditRows(),
      await balances(),
    ];
    const problems = await refusal(
      csv(
        'OK-1,interest,2026-04-30,FUND,GENERAL,,income/interest,USD,-1.00,,',
        'OK-1,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,1.00,,',
        'B-1,contribution,2026-04-01,ITA,GENERAL,,donor/ITA,XXX,-10.00,,',
        'B-1,contribution,2026-04-01,ITA,GENERAL,,available/GENERAL/ITA,USD,10.00,,',
        'B-2,contribution,2026-04-01,JPN,GENERAL,,donor/JPN,USD,-10.005,,',
        'B-2,contribution,2026-04-01,JPN,GENERAL,,available/GENERAL/JPN,USD,10.005,,',
        'B-3,contribution,2026-02-30,NOPE,GENERAL,,donor/NOPE,USD,-5.00,,',
        'B-3,contribution,2026-02-30,NOPE,GENERAL,,savings/NOPE,USD,5.00,,',
        'B-4,contribution,2026-04-01,JPN,GENERAL,,donor/JPN,USD,-5.00,,',
        'B-4,refund,2026-04-01,JPN,GENERAL,,available/GENERAL/JPN,USD,5.00,,',
        'B-5,allocation,2026-04-01,JPN,GENERAL,,available/GENERAL/JPN,EUR,-5.00,,',
        'B-5,allocation,2026-04-01,JPN,GENERAL,,fx,EUR,5.00,,',
        'B-6,reversal,2099-01-01,JPN,GENERAL,,fx,USD,0,,',
      ),
    );
    expect(problems).toEqual([
      'line 4: currency: "XXX" is not an ISO 4217 currency code Palermo knows',
      'line 6: amount: this currency has 2 decimals; "-10.005" has 3',
      'line 7: amount: this currency has 2 decimals; "10.005" has 3',
      'line 8: booked_on: "2026-02-30" is not a date written YYYY-MM-DD',
      'line 8: donor_id: donor "NOPE" does not exist',
      'line 8: account: donor "NOPE" does not exist',
      'line 9: account: "savings/NOPE" is not a ledger account (donor/D, income/interest, fx, available/E/D, allocated/A, spent/A, psc/A)',
      'line 11: kind: differs from line 10, the first row of transaction B-4',
      "line 12: currency: the Fund's books are in USD: only donor/… and fx accounts hold EUR",
      'line 14: kind: "reversal" is not one of contribution, interest, allocation, release, expenditure, refund, transfer',
      'line 14: booked_on: a transaction cannot be booked after today (2026-06-30)',
      'line 14: amount: an entry moves more than zero',
    ]);
    expect(await countTransactions(t.store.db)).toBe(transactions);
    expect(await auditRows()).toBe(audits);
    expect(await balances()).toEqual(held);
  });

  it('refuses an unbalanced transaction, a Fund account taken below zero, and scattered rows', async () => {
    const transactions = await countTransactions(t.store.db);
    expect(
      await refusal(
        csv(
          'U-1,interest,2026-04-30,FUND,GENERAL,,income/interest,USD,-100.00,,',
          'U-1,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,99.95,,',
          'U-2,refund,2026-04-30,KWT,GENERAL,,available/GENERAL/KWT,USD,-200000.00,,',
          'U-2,refund,2026-04-30,KWT,GENERAL,,donor/KWT,USD,200000.00,,',
          'U-3,interest,2026-04-30,FUND,GENERAL,,income/interest,USD,-1.00,,',
          'U-4,interest,2026-04-30,FUND,GENERAL,,income/interest,USD,-1.00,,',
          'U-4,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,1.00,,',
          'U-3,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,1.00,,',
        ),
      ),
    ).toEqual([
      'line 2: amount: transaction U-1 (lines 2-3) does not balance: its USD entries sum to -0.05',
      'line 6: txn_ref: transaction U-3 has one entry; it needs two or more that balance',
      'line 9: txn_ref: the rows of transaction U-3 must be together (it starts at line 6)',
      'line 4: amount: transaction U-2: the free balance of donor KWT under earmark GENERAL holds 100000.41 USD; this needs 200000.00 USD',
    ]);
    expect(await countTransactions(t.store.db)).toBe(transactions);
  });

  it('refuses a date before the ledger, and money taken out before it was there (in date order per account)', async () => {
    const transactions = await countTransactions(t.store.db);
    expect(
      await refusal(
        csv(
          'D-1,interest,1999-12-31,FUND,GENERAL,,income/interest,USD,-1.00,,',
          'D-1,interest,1999-12-31,FUND,GENERAL,,available/GENERAL/FUND,USD,1.00,,',
          // Japan's money arrived on 2026-03-20: a refund booked on 2026-03-01 took what was not there yet.
          'D-2,refund,2026-03-01,JPN,GENERAL,,available/GENERAL/JPN,USD,-10.00,,',
          'D-2,refund,2026-03-01,JPN,GENERAL,,donor/JPN,USD,10.00,,',
        ),
      ),
    ).toEqual([
      "line 2: booked_on: the Fund's ledger starts on 2000-01-01",
      'line 4: booked_on: transaction D-2 takes money out of the free balance of donor JPN under earmark GENERAL on 2026-03-01, before its movement of 2026-03-20: list the movements of each Fund account in date order',
    ]);
    expect(await countTransactions(t.store.db)).toBe(transactions);
  });

  it('reports where a file stops being CSV, and a header it does not know', async () => {
    expect(
      await refusal(`${HEADER}\nQ-1,interest,2026-04-30,FUND,GENERAL,,"income/interest,USD,-1.00,,\n`),
    ).toEqual([expect.stringMatching(/^line \d+: not CSV: /)]);
    expect(
      await refusal(
        csv(
          'W-1,interest,2026-04-30,FUND,GENERAL,,income/interest,USD,-1.00,,',
          'W-1,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,1.00',
          '',
          'W-2,interest,2026-04-30,FUND,GENERAL,,"income/interest",USD,-1.00,,"two',
          'lines"',
          'W-2,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,1.00,,x',
        ),
      ),
    ).toEqual([
      'line 3: row: this row has 9 fields, the header 11',
      'line 7: memo: differs from line 5, the first row of transaction W-2',
    ]);
    expect(await refusal('txn_ref,kind,date,account,currency,amount\n')).toEqual([
      'line 1: date: unknown column; the columns are txn_ref,kind,booked_on,donor_id,earmark_id,allocation_id,account,currency,amount,reference,memo',
      'line 1: booked_on: this column is required',
    ]);
    expect(await refusal(`${HEADER}\n`)).toEqual([
      'file: no rows: the header is txn_ref,kind,booked_on,donor_id,earmark_id,allocation_id,account,currency,amount,reference,memo',
    ]);
  });

  it('is idempotent: the same file again records nothing; only new transactions are added', async () => {
    const transactions = await countTransactions(t.store.db);
    const audits = await auditRows();
    const again = await importLedgerCsv(t.ctx(), csv(...CONTRIBUTIONS));
    expect(again).toMatchObject({ transactions: 4, recorded: 0, alreadyPresent: 4, entries: 0 });
    expect(await countTransactions(t.store.db)).toBe(transactions);
    expect(await auditRows()).toBe(audits);
    const more = await importLedgerCsv(
      t.ctx(),
      csv(
        ...CONTRIBUTIONS,
        'I-2,interest,2026-04-30,FUND,GENERAL,,income/interest,USD,-10.00,,',
        'I-2,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,10.00,,',
      ),
    );
    expect(more).toMatchObject({ transactions: 5, recorded: 1, alreadyPresent: 4 });
    expect(await countTransactions(t.store.db)).toBe(transactions + 1);
    // The same txn_ref for something else is refused, not skipped.
    expect(
      await refusal(
        csv(
          'I-2,interest,2026-04-30,FUND,GENERAL,,income/interest,USD,-11.00,,',
          'I-2,interest,2026-04-30,FUND,GENERAL,,available/GENERAL/FUND,USD,11.00,,',
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^line 2: txn_ref: transaction I-2 was imported before \(transaction \d+\) with other content/,
      ),
    ]);
  });

  it('writes in batches: thousands of transactions, and a txn_ref repeated in a later batch', async () => {
    const rows: string[] = [];
    for (let i = 1; i <= 2500; i++) {
      rows.push(`BULK-${i},interest,2026-05-01,FUND,GENERAL,,income/interest,USD,-0.01,,`);
      rows.push(`BULK-${i},interest,2026-05-01,FUND,GENERAL,,available/GENERAL/FUND,USD,0.01,,`);
    }
    const repeated = [
      'BULK-7,interest,2026-05-01,FUND,GENERAL,,income/interest,USD,-0.01,,',
      'BULK-7,interest,2026-05-01,FUND,GENERAL,,available/GENERAL/FUND,USD,0.01,,',
    ];
    expect(await refusal(csv(...rows, ...repeated))).toEqual([
      'line 5002: txn_ref: transaction BULK-7 appears twice in the file',
    ]);
    const r = await importLedgerCsv(t.ctx(), csv(...rows));
    expect(r).toMatchObject({ transactions: 2500, recorded: 2500, entries: 5000 });
    expect(r.lastTransactionId).toBe((r.firstTransactionId as number) + 2499);
    expect((await balances())['income/interest USD']).toBe(String(-123456 - 1000 - 2500));
  });

  it('leaves a ledger that reconciles', async () => {
    const r = await reconcile(t.store.db);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  // A process is started four times: slow on a busy machine.
  it('runs from the command line', { timeout: 120_000 }, () => {
    const file = join(dir, 'ledger.csv');
    writeFileSync(
      file,
      csv(
        'CLI-1,interest,2026-06-01,FUND,GENERAL,,income/interest,USD,-5.00,,',
        'CLI-1,interest,2026-06-01,FUND,GENERAL,,available/GENERAL/FUND,USD,5.00,,',
      ),
    );
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (t.options.databaseUrl) {
      env.DATABASE_URL = t.options.databaseUrl;
      env.PALERMO_PG_SCHEMA = t.options.pgSchema;
    } else {
      delete env.DATABASE_URL;
      env.PALERMO_DB = t.options.sqlitePath;
    }
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/palermo.mjs', 'fund', 'import-ledger', ...args], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const first = run(file);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('1 transactions (2 entries): 1 recorded (2 entries), 0 already present\n');
    expect(run(file).stdout).toBe('1 transactions (2 entries): 0 recorded (0 entries), 1 already present\n');
    writeFileSync(file, csv('CLI-2,interest,2026-06-01,FUND,GENERAL,,income/interest,USD,-5.00,,'));
    const refused = run(file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 2: txn_ref: transaction CLI-2 has one entry');
    expect(run(join(dir, 'missing.csv')).stderr).toMatch(/^validation: cannot read .*missing\.csv/);
  });
});
