// Hostile amounts on every fund write that takes one: negative, zero, 2^63 (as text and as a JSON number),
// an exponent, NaN, Infinity, more decimals than the currency has, more than 2^53 − 1 minor units. Each is
// refused with 422 naming `amount`, as problem+json, never a 5xx — and nothing is written (no transaction,
// no audit row, no pledge).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../helpers/api.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { newKey } from '../funds/support.ts';
import { fundRecords, fundValidBodies } from './fund-support.ts';
import { auditCount, isProblem, leaksInternals, type ValidBodies } from './support.ts';

let t: TestApp;
let bodies: ValidBodies;

beforeAll(async () => {
  t = await createTestApp();
  bodies = await fundValidBodies(t);
  const r = await fundRecords(t);
  // Write-offs take an amount too.
  bodies['POST write-off'] = {
    url: `/api/fund/pledges/${r.pledge.X}/events`,
    body: { kind: 'write_off', happenedOn: '2026-03-01', amount: '1.00' },
  };
});
afterAll(async () => t?.close());

const WITH_AMOUNT = [
  'POST /api/fund/pledges',
  'POST /api/fund/payments',
  'POST /api/fund/interest',
  'POST /api/fund/allocations',
  'POST /api/fund/allocations/{id}/expenditures',
  'POST /api/fund/allocations/{id}/releases',
  'POST /api/fund/refunds',
  'POST /api/fund/transfers',
  'POST write-off',
];

const HOSTILE: Array<[string, unknown]> = [
  ['negative', '-1.00'],
  ['negative cent', '-0.01'],
  ['zero', '0'],
  ['zero with decimals', '0.00'],
  ['2^63 as text', '9223372036854775808'],
  ['2^63 as a number', 2 ** 63],
  ['-2^63 as a number', -(2 ** 63)],
  ['exponent as text', '1e5'],
  ['exponent as a number', 1e5],
  ['NaN as text', 'NaN'],
  ['Infinity as text', 'Infinity'],
  ['a number', 12.5],
  ['null', null],
  ['empty', ''],
  ['spaces', ' 1.00'],
  ['separators', '1,000.00'],
  ['three decimals in USD/EUR', '1.001'],
  ['four decimals in USD/EUR', '1.0001'],
  ['beyond 2^53 − 1 minor units', '9999999999999999'],
  ['2^53 cents', '90071992547409.92'],
];

const transactions = async () =>
  Number(
    (await sql<{ n: number | string }>`select count(*) as n from ledger_transactions`.execute(t.store.db))
      .rows[0]?.n,
  );
const pledges = async () =>
  Number(
    (await sql<{ n: number | string }>`select count(*) as n from pledges`.execute(t.store.db)).rows[0]?.n,
  );

// A write-off without an amount (null) writes off all that is outstanding: the contract, not an attack.
const cases = WITH_AMOUNT.flatMap((op) =>
  HOSTILE.filter(([, amount]) => !(op === 'POST write-off' && amount === null)).map(
    ([name, amount]) => [`${op}: ${name}`, op, amount] as const,
  ),
);

describe(`hostile amounts on every fund write (${STORE_KIND})`, () => {
  it.each(cases)('%s → 422 naming amount, nothing written', async (_name, op, amount) => {
    const sample = bodies[op];
    if (!sample) throw new Error(`no sample for ${op}`);
    const before = [await transactions(), await pledges(), await auditCount(t.store)];
    const res = await t.app.inject({
      method: 'POST',
      url: sample.url,
      headers: { ...t.auth, 'idempotency-key': newKey(), 'content-type': 'application/json' },
      payload: JSON.stringify({ ...sample.body, amount }),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(isProblem(res)).toBe(true);
    expect(leaksInternals(res.body)).toBeNull();
    expect((res.json() as Problem).errors?.map((e) => e.field)).toEqual(['amount']);
    expect([await transactions(), await pledges(), await auditCount(t.store)]).toEqual(before);
  });

  it.each([
    ['NaN', '{"amount":NaN}'],
    ['Infinity', '{"amount":Infinity}'],
    ['2^63 literal', '{"amount":9223372036854775808}'],
  ])('a JSON text with %s in place of the amount: a clean refusal, never a 5xx', async (_n, fragment) => {
    const sample = bodies['POST /api/fund/payments'];
    const text = JSON.stringify({ ...sample?.body, amount: 'X' }).replace(
      '"amount":"X"',
      fragment.slice(1, -1),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/fund/payments',
      headers: { ...t.auth, 'idempotency-key': newKey(), 'content-type': 'application/json' },
      payload: text,
    });
    // NaN and Infinity are not JSON (400: the body does not parse); 2^63 parses, and the schema refuses it.
    expect([400, 422]).toContain(res.statusCode);
    expect(isProblem(res)).toBe(true);
  });

  it('a JPY amount with decimals and a KWD amount with four are refused, not rounded', async () => {
    const sample = bodies['POST /api/fund/payments'];
    for (const [currency, amount, message] of [
      ['JPY', '100.5', /no decimals/],
      ['KWD', '1.0001', /3 decimals/],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/fund/payments',
        headers: { ...t.auth, 'idempotency-key': newKey() },
        payload: { ...sample?.body, currency, amount },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect((res.json() as Problem).detail).toMatch(message);
    }
  });
});
