// The ledger import's limits (docs/import-formats.md, "Ledger transactions"): the text rules of the JSON API
// on every cell, bytes that must be UTF-8, the first 100 problems listed with the count of all, and a
// bounded number of entries per transaction (its memory grows with one transaction's size).
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORTED_PROBLEMS } from '../../src/common/csv-import.ts';
import { DomainError } from '../../src/common/errors.ts';
import { countTransactions } from '../../src/funds/repository.ts';
import { importLedgerCsv } from '../../src/funds/services/import-ledger.ts';
import { MAX_ENTRIES_PER_TRANSACTION } from '../../src/funds/services/ledger-csv-rows.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const HEADER =
  'txn_ref,kind,booked_on,donor_id,earmark_id,allocation_id,account,currency,amount,reference,memo';
let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
});
afterAll(() => t.close());

const interest = (ref: string, memo = '') => [
  `${ref},interest,2026-03-31,FUND,GENERAL,,income/interest,USD,-1.00,,${memo}`,
  `${ref},interest,2026-03-31,FUND,GENERAL,,available/GENERAL/FUND,USD,1.00,,${memo}`,
];

async function refusal(input: string | Readable): Promise<DomainError> {
  const before = await countTransactions(t.store.db);
  const error = await importLedgerCsv(t.ctx(), input).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(await countTransactions(t.store.db)).toBe(before);
  return error as DomainError;
}

describe('ledger import limits', () => {
  it('refuses NUL and escape characters in any cell, as the JSON API does', async () => {
    const e = await refusal(
      [HEADER, ...interest('T-1', 'a\u0000b'), ...interest('T-2', 'red \u001b[31m')].join('\n'),
    );
    expect(e.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'line 2: memo: text contains a control character',
      'line 3: memo: text contains a control character',
      'line 4: memo: text contains a control character',
      'line 5: memo: text contains a control character',
    ]);
  });

  it('refuses a file that is not valid UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n${interest('T-3')[0]}caf`),
      Buffer.from([0xe9]),
      Buffer.from(`\n${interest('T-3')[1]}\n`),
    ]);
    const e = await refusal(Readable.from([bytes]));
    expect(e.message).toMatch(/not valid UTF-8/);
  });

  it('lists the first 100 problems and counts them all', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => interest(`B-${i}`)[0]?.replace('USD', 'XXX'));
    const e = await refusal([HEADER, ...rows].join('\n'));
    expect(e.issues).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(e.message).toMatch(/^300 problem\(s\) in the ledger file; nothing was imported \(the first 100/);
  });

  it('refuses a transaction of more entries than the limit, reading on', async () => {
    const big = Array.from(
      { length: MAX_ENTRIES_PER_TRANSACTION + 2 },
      (_, i) =>
        `BIG,interest,2026-03-31,FUND,GENERAL,,${i % 2 ? 'available/GENERAL/FUND' : 'income/interest'},USD,${i % 2 ? '' : '-'}1.00,,`,
    );
    const e = await refusal(
      [HEADER, ...big, ...interest('AFTER').map((r) => r.replace('1.00', 'x'))].join('\n'),
    );
    expect(e.issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      `line ${MAX_ENTRIES_PER_TRANSACTION + 2}: txn_ref: transaction BIG has more than ${MAX_ENTRIES_PER_TRANSACTION} entries; at most ${MAX_ENTRIES_PER_TRANSACTION} per transaction`,
      `line ${MAX_ENTRIES_PER_TRANSACTION + 4}: amount: "-x" is not a decimal amount such as 1250.00`,
      `line ${MAX_ENTRIES_PER_TRANSACTION + 5}: amount: "x" is not a decimal amount such as 1250.00`,
    ]);
  });
});
