// Registry writes with an Idempotency-Key, on both stores: a deposit resent after a lost answer is recorded
// once. The same key sent 10 times at once records one action and answers 10 identical bodies; the same key
// with another body is 409 and writes nothing; a refused action does not use up its key; without a key a
// resent action is a second record, as before (the key is optional for registry writes). The registry in
// memory counts the action once.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { STORE_KIND } from '../helpers/store.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const count = async (table: 'actions' | 'audit_log') =>
  Number(
    (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.store.db))
      .rows[0]?.n,
  );

const send = (body: Record<string, unknown>, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/actions',
    headers: { ...t.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });

const notification = (date: string) => ({
  instrumentId: 'UNTOC',
  participantId: 'ARM',
  kind: 'notification',
  article: '18(13)',
  date,
  source: 'test: write-idempotency.test.ts',
});

describe(`Idempotency-Key on POST /api/actions (${STORE_KIND})`, () => {
  it('the same key 10 times at once: one action, 10 identical answers, counted once in memory', async () => {
    const key = randomUUID();
    const before = [await count('actions'), await count('audit_log')];
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send(notification('2011-01-11'), key)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    const first = answers[0]?.rawPayload as Buffer;
    for (const r of answers) expect(Buffer.compare(r.rawPayload, first)).toBe(0);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect([await count('actions'), await count('audit_log')]).toEqual(before.map((n) => n + 1));
    const id = (JSON.parse(first.toString()) as { action: { id: number } }).action.id;
    const snapshot = await t.registry.snapshot();
    expect(snapshot.actions.filter((a) => a.id === id)).toHaveLength(1);
    // A retry later still gets the very same bytes.
    expect((await send(notification('2011-01-11'), key)).rawPayload.equals(first)).toBe(true);
  });

  it('the same key with another body is refused with 409 at the header and records nothing', async () => {
    const key = randomUUID();
    expect((await send(notification('2011-02-02'), key)).statusCode).toBe(201);
    const before = await count('actions');
    const other = await send(notification('2011-02-03'), key);
    expect(other.statusCode).toBe(409);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json().errors?.[0]?.field).toBe('Idempotency-Key');
    expect(await count('actions')).toBe(before);
  });

  it('a refused action does not use up its key', async () => {
    const key = randomUUID();
    // Iran is not a party to UNTOC on that date: only a party may denounce (art. 40).
    const refused = await send(
      { ...notification('2011-03-03'), participantId: 'IRN', kind: 'denunciation', article: null },
      key,
    );
    expect(refused.statusCode).toBe(422);
    const ratification = {
      ...notification('2026-01-15'),
      participantId: 'IRN',
      kind: 'ratification',
      article: null,
    };
    const accepted = await send(ratification, key);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().effect.summary).toContain('enters into force for');
  });

  it('a malformed key is refused at the header; without a key a resent action is a second record', async () => {
    const malformed = await send(notification('2011-04-04'), 'short');
    expect(malformed.statusCode).toBe(422);
    expect(JSON.stringify(malformed.json())).toContain('idempotency-key');
    const before = await count('actions');
    expect((await send(notification('2011-04-04'))).statusCode).toBe(201);
    expect((await send(notification('2011-04-04'))).statusCode).toBe(201);
    expect(await count('actions')).toBe(before + 2);
  });
});
