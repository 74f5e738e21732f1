// `palermo fund …` as users run it: a real process on a fresh store, real files, exit codes and stderr.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/database.ts';
import { palermoOn } from '../helpers/cli.ts';
import { testStoreOptions } from '../helpers/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-fund-cli-'));
const { options, cleanup } = testStoreOptions();
const WHOLE = ['--from', '2021-01-01', '--to', '2026-06-30'];

const palermo = palermoOn(options);

const cents = (x: string) => BigInt(x.replace('.', ''));

beforeAll(() => {
  const r = palermo('migrate');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cleanup();
});

// Each test spawns the command several times (about 1–2 s each on a busy machine): a wider limit than 30 s.
describe('palermo fund', { timeout: 120_000 }, () => {
  it('has --help on every command', () => {
    for (const args of [
      ['fund'],
      ['fund', 'demo'],
      ['fund', 'reconcile'],
      ['fund', 'rates', 'import'],
      ['fund', 'statement'],
      ['fund', 'donor-statement'],
    ]) {
      const r = palermo(...args, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: palermo fund/);
    }
  }, 180_000);

  it('loads the illustrative demo data once, and it reconciles', () => {
    const empty = palermo('fund', 'reconcile');
    expect(empty.stdout).toMatch(/^the ledger reconciles: 0 transactions/);
    const r = palermo('fund', 'demo', '--seed', '7');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^loaded the ILLUSTRATIVE demo data \(seed 7, 2021-01-01 to 2026-06-30\): 29 donors, 6 earmarks, \d+ rates, \d+ pledges, \d+ transactions; the ledger reconciles\n$/,
    );
    const again = palermo('fund', 'demo');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^conflict: the illustrative demo data is already loaded \(29 donors/);
    const check = palermo('fund', 'reconcile');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^the ledger reconciles: \d{3,} transactions, \d+ account balances\n$/);
  }, 180_000);

  it('prints the fund statement of one dataset at a time, as JSON, CSV or XLSX', () => {
    const demo = palermo('fund', 'statement', ...WHOLE, '--dataset', 'illustrative');
    expect(demo.code).toBe(0);
    const s = JSON.parse(demo.stdout) as {
      illustrative: boolean;
      openingBalance: string;
      closingBalance: string;
      sources: { contributions: string; total: string };
      uses: { total: string };
    };
    expect(s.illustrative).toBe(true);
    expect(cents(s.sources.contributions)).toBeGreaterThan(0n);
    expect(cents(s.closingBalance)).toBe(
      cents(s.openingBalance) + cents(s.sources.total) - cents(s.uses.total),
    );
    const real = JSON.parse(palermo('fund', 'statement', ...WHOLE).stdout) as typeof s;
    expect([real.illustrative, real.closingBalance, real.sources.total]).toEqual([false, '0.00', '0.00']);

    const csv = join(dir, 'statement.csv');
    const written = palermo(
      'fund',
      'statement',
      ...WHOLE,
      '--dataset',
      'illustrative',
      '-f',
      'csv',
      '-o',
      csv,
    );
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain('ILLUSTRATIVE DATA — not real contributions');
    expect(text).toContain(`Closing balance,${s.closingBalance}`);
    const xlsx = join(dir, 'statement.xlsx');
    expect(palermo('fund', 'statement', '--dataset', 'illustrative', '-f', 'xlsx', '--out', xlsx).code).toBe(
      0,
    );
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  }, 180_000);

  it('prints a donor statement as at a date, in the currency’s own decimals', () => {
    const r = palermo('fund', 'donor-statement', 'demo-jpn', '--as-of', '2026-06-30');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      donor: { id: string; illustrative: boolean; name: string };
      pledges: Array<{ currency: string; pledged: string; overdue: string }>;
      totals: { contributions: string };
    };
    expect(s.donor).toMatchObject({ id: 'DEMO-JPN', illustrative: true, name: 'Japan (illustrative)' });
    expect(s.pledges[0]?.currency).toBe('JPY');
    expect(s.pledges[0]?.pledged).toMatch(/^\d+$/);
    expect(cents(s.totals.contributions)).toBeGreaterThan(0n);
    const kwd = palermo('fund', 'donor-statement', 'DEMO-KWT', '-a', '2026-06-30', '-f', 'csv');
    expect(kwd.code).toBe(0);
    expect(kwd.stdout).toMatch(/^Summary\r\ndonor_id,donor,as_of,illustrative,/);
    expect(kwd.stdout).toMatch(/DEMO-KWT,Kuwait \(illustrative\),2026-06-30,yes,/);
    expect(kwd.stdout).toMatch(/\r\nKWD,\d+\.\d{3},/);
  }, 180_000);

  it('imports rates from CSV, all or nothing, never replacing one', () => {
    const HEADER = 'currency,month,rate,source\n';
    const importRates = (name: string, rows: string) => {
      writeFileSync(join(dir, name), HEADER + rows);
      return palermo('fund', 'rates', 'import', join(dir, name));
    };
    const good =
      'CHF,2019-01,0.985,"UN operational rates of exchange, January 2019"\nJPY,2019-01,109.5,UN rates\n';
    const r = importRates('rates.csv', good);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2 rows: 2 recorded, 0 already present\n');
    expect(importRates('rates.csv', good).stdout).toBe('2 rows: 0 recorded, 2 already present\n');

    const refused = importRates('bad.csv', 'CHF,2019-13,0.9,x\nchf,2019-02,-1,x\nCHF,2019-03,0.97,fine\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^validation: \d+ problem\(s\) in the rate file; nothing was imported\n/);
    expect(refused.stderr).toContain('line 2: month: must be a month written YYYY-MM');
    expect(refused.stderr).toContain('line 3: currency:');
    expect(refused.stderr).toContain('line 3: rate:');

    const conflict = importRates('clash.csv', 'CHF,2019-03,0.97,fine\nCHF,2019-01,0.99,another source\n');
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/^conflict: CHF already has the rate 0.985 for 2019-01 /);
    // All or nothing: the good first line was not kept either.
    expect(importRates('one.csv', 'CHF,2019-03,0.97,fine\n').stdout).toBe(
      '1 rows: 1 recorded, 0 already present\n',
    );
  }, 180_000);

  it('refuses bad input with a line on stderr and a non-zero exit', () => {
    const cases: Array<[string[], RegExp]> = [
      [['fund', 'donor-statement', 'NOPE'], /^not_found: donor "NOPE" does not exist\n/],
      [['fund', 'donor-statement', 'x'], /^validation: donorId: "x" must be 2-32 capital letters/],
      [
        ['fund', 'donor-statement', 'DEMO-JPN', '--as-of', '2026-02-30'],
        /^validation: --as-of: "2026-02-30"/,
      ],
      [['fund', 'statement', '--to', '2026-02-30'], /^validation: --to: "2026-02-30" is not a real date/],
      [
        ['fund', 'statement', '--from', '2026-05-01', '--to', '2026-04-01'],
        /^validation: --from: the period ends/,
      ],
      [['fund', 'statement', '-o', join(dir, 'no', 'such', 'dir.json')], /^validation: cannot write /],
      [['fund', 'demo', '--seed', 'x'], /^validation: --seed: "x" is not a whole number/],
    ];
    for (const [args, stderr] of cases) {
      const r = palermo(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(stderr);
    }
    const usage = palermo('fund', 'statement', '--dataset', 'both');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Allowed choices are real, illustrative/);
  }, 180_000);

  it('reports each problem and exits non-zero when the ledger does not reconcile', async () => {
    // The balance cache is the one money table that may be written to: spoil one balance behind the ledger's back.
    const store = await openStore(options);
    try {
      const row = await store.db
        .selectFrom('account_balances')
        .select(['account', 'currency'])
        .where('account', 'like', 'available/%')
        .orderBy('account')
        .executeTakeFirstOrThrow();
      await sql`update account_balances set balance = balance + 1
        where account = ${row.account} and currency = ${row.currency}`.execute(store.db);
      const r = palermo('fund', 'reconcile');
      expect(r.code).toBe(1);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(
        /^conflict: the ledger does not reconcile: 1 problem\(s\) in \d+ transactions$/,
      );
      expect(lines[1]).toMatch(
        new RegExp(
          `^  ledger: ${row.account} ${row.currency}: cached balance -?\\d+, entries sum to -?\\d+$`,
        ),
      );
      await sql`update account_balances set balance = balance - 1
        where account = ${row.account} and currency = ${row.currency}`.execute(store.db);
      expect(palermo('fund', 'reconcile').code).toBe(0);
    } finally {
      await store.close();
    }
  }, 180_000);
});
