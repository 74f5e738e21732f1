// Idempotency keys, on both stores: the same key sent 20 times at once posts once and answers 20 identical
// bodies (byte for byte); the same key with another body, or on another operation, is 409; keys belong to
// the caller (another caller's same key is another request); a refused request does not use up its key.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { getter, newKey, poster, setUpFund } from './support.ts';

let t: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  await setUpFund(t.ctx(), { donors: [{ id: 'IDEM' }], months: ['2026-03'] });
  const { token } = await issueToken(t.ctx('test-setup'), { name: 'another officer', role: 'fund_officer' });
  officer = { authorization: `Bearer ${token}` };
});
afterAll(async () => t?.close());

const payment = (amount: string) => ({
  donorId: 'IDEM',
  receivedOn: '2026-03-15',
  currency: 'JPY',
  amount,
  earmarkId: 'GENERAL',
});

const count = async (table: 'ledger_transactions' | 'payments' | 'audit_log') =>
  Number(
    (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.store.db))
      .rows[0]?.n,
  );

describe(`Idempotency-Key (${STORE_KIND})`, () => {
  it('the same key 20 times at once: one posting, 20 identical answers', async () => {
    const post = poster(t);
    const key = newKey();
    const before = [await count('ledger_transactions'), await count('payments'), await count('audit_log')];
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/api/fund/payments', payment('151250'), key)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const first = answers[0]?.rawPayload as Buffer;
    for (const r of answers) expect(Buffer.compare(r.rawPayload, first)).toBe(0);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect([await count('ledger_transactions'), await count('payments'), await count('audit_log')]).toEqual(
      before.map((n) => n + 1),
    );
    expect(JSON.parse(first.toString()).payment.usd.amount).toBe('1000.00');
    // A retry much later still gets the very same bytes.
    const later = await post('/api/fund/payments', payment('151250'), key);
    expect(later.rawPayload.equals(first)).toBe(true);
  });

  it('the same key with another body, or on another operation, is refused with 409 and posts nothing', async () => {
    const post = poster(t);
    const key = newKey();
    expect((await post('/api/fund/payments', payment('1000'), key)).statusCode).toBe(201);
    const before = await count('ledger_transactions');
    const other = await post('/api/fund/payments', payment('1001'), key);
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toMatch(/used for a different request/);
    expect(other.json().errors?.[0]?.field).toBe('Idempotency-Key');
    const elsewhere = await post(
      '/api/fund/refunds',
      { donorId: 'IDEM', earmarkId: 'GENERAL', amount: '1.00', bookedOn: '2026-03-20' },
      key,
    );
    expect(elsewhere.statusCode).toBe(409);
    expect(await count('ledger_transactions')).toBe(before);
  });

  it('keys belong to the caller: another caller with the same key makes another request', async () => {
    const post = poster(t);
    const key = newKey();
    const mine = await post('/api/fund/payments', payment('2000'), key);
    const theirs = await post('/api/fund/payments', payment('2000'), key, officer);
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    // …and each caller's retry replays its own answer.
    expect((await post('/api/fund/payments', payment('2000'), key, officer)).body).toBe(theirs.body);
    expect((await post('/api/fund/payments', payment('2000'), key)).body).toBe(mine.body);
  });

  it('a refused request does not use up its key: the same request succeeds once it can', async () => {
    const post = poster(t);
    const key = newKey();
    const refund = { donorId: 'IDEM', earmarkId: 'GENERAL', amount: '5000.00', bookedOn: '2026-03-20' };
    const early = await post('/api/fund/refunds', refund, key);
    expect(early.statusCode).toBe(422);
    expect((await post('/api/fund/payments', payment('1512500'))).statusCode).toBe(201);
    const retry = await post('/api/fund/refunds', refund, key);
    expect(retry.statusCode, retry.body).toBe(201);
    expect((await post('/api/fund/refunds', refund, key)).body).toBe(retry.body);
  });

  it.each([
    ['missing', undefined],
    ['too short', 'short'],
    ['too long', 'k'.repeat(129)],
    ['with a space', 'has a space'],
    ['with a slash', 'a/b/c/d/e/f'],
  ])('a write with its key %s is refused with 422 and posts nothing', async (_n, key) => {
    const before = await count('ledger_transactions');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/fund/payments',
      headers: { ...t.auth, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: payment('100'),
    });
    expect(res.statusCode).toBe(422);
    expect(await count('ledger_transactions')).toBe(before);
  });

  it('the books reconcile after all of it', async () => {
    expect((await getter(t)('/api/fund/reconciliation')).json()).toMatchObject({ ok: true });
  });
});
