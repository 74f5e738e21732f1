// C.N. numbers under concurrency, on both stores: actions recorded at once by many connections take the
// year's numbers without a gap or a duplicate, and a write that rolls back after taking a number gives it
// back (PostgreSQL: the counter's row stays locked until the transaction ends; SQLite: one writer at a time).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nextCnNumber } from '../../src/notifications/repository.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { listActionRecords } from '../../src/treaties/services/lookups.ts';
import { createTestStore, STORE_KIND, type TestStore } from '../helpers/store.ts';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
}, 180_000);
afterAll(async () => {
  await t.close();
});

it(`allocates consecutive numbers to concurrent writes, rolled back ones included (${STORE_KIND})`, async () => {
  const consents = await listActionRecords(t.store.db, { instrumentId: 'UNTOC', kinds: ['ratification'] });
  const parties = [...new Set(consents.filter((a) => a.correction === null).map((a) => a.participantId))]
    .sort()
    .slice(0, 16);
  expect(parties).toHaveLength(16);
  const failed = new Error('rolled back on purpose');
  const writes = parties.map((participantId, i) =>
    recordAction(t.ctx(), {
      instrumentId: 'UNTOC',
      participantId,
      kind: 'notification',
      article: '18(13)',
      date: `2026-05-${String(i + 1).padStart(2, '0')}`,
      source: 'test: numbering.test.ts',
    }),
  );
  // Transactions that take a number and then fail, among the writes.
  const rollbacks = Array.from({ length: 6 }, () =>
    t.store.db
      .transaction()
      .execute(async (trx) => {
        await nextCnNumber(trx, 2026);
        throw failed;
      })
      .catch((err: unknown) => {
        if (err !== failed) throw err;
        return null;
      }),
  );
  const results = await Promise.all([...writes, ...rollbacks]);
  expect(results.filter((r) => r !== null)).toHaveLength(16);
  const rows = await t.store.db
    .selectFrom('notifications')
    .select(['cn_number', 'reference'])
    .where('cn_year', '=', 2026)
    .orderBy('cn_number')
    .execute();
  expect(rows.map((r) => Number(r.cn_number))).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  expect(rows.every((r) => /^C\.N\.\d+\.2026\.TREATIES-XVIII\.12$/.test(String(r.reference)))).toBe(true);
  // The next write continues the sequence.
  const next = await t.store.db.transaction().execute((trx) => nextCnNumber(trx, 2026));
  expect(next).toBe(17);
}, 120_000);
