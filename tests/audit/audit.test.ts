// The audit trail: every change writes one hash-chained row; the store refuses to change or delete rows;
// and the verifier finds any row that was edited, deleted or reordered by someone who went around that.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../src/audit/audit-log.ts';
import { correctAction } from '../../src/treaties/services/correct-action.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

let t: TestStore;

beforeAll(async () => {
  t = await createTestStore();
});
afterAll(async () => {
  await t?.close();
});

const count = async (): Promise<number> =>
  Number(
    (
      await t.store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** What an attacker with direct access to the database could do: switch off the guard, change rows, restore it. */
async function bypassGuards(run: () => Promise<void>): Promise<void> {
  const db = t.store.db;
  if (t.store.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger user`.execute(db);
    try {
      await run();
    } finally {
      await sql`alter table audit_log enable trigger user`.execute(db);
    }
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
    try {
      await run();
    } finally {
      await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log rows are append-only: update refused'); end`.execute(
        db,
      );
      await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log rows are append-only: delete refused'); end`.execute(
        db,
      );
    }
  }
}

describe('audit trail', () => {
  it('has a row for every action loaded with the reference data, and an intact chain', async () => {
    const actions = Number(
      (
        await t.store.db
          .selectFrom('actions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    // One per action, one for the treaty reference data and one for the fund's (currencies, its own lines), one for the provisions catalogue,
    // one per reference-data update (src/reference/reference-updates.ts: four), one per reference event (11),
    // and one for the statement index (its rows are not actions).
    expect(await count()).toBe(actions + 19);
    expect(await verifyAudit(t.store.db)).toEqual({ ok: true, rows: actions + 19, broken: null });
  });

  it('writes one row per change, with who, what and the request', async () => {
    const before = await count();
    const ctx = { ...t.ctx('user:42'), requestId: 'req-test-1' };
    const { action } = await recordAction(ctx, {
      instrumentId: 'UNTOC',
      participantId: 'IRN',
      kind: 'ratification',
      date: '2020-02-03',
      source: 'test',
    });
    expect(await count()).toBe(before + 1);
    const row = await t.store.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor: 'user:42',
      request_id: 'req-test-1',
      action: 'action.record',
      entity: 'action',
      entity_id: String(action?.id),
      state: 'IRN',
    });
    expect(JSON.parse(row.after_json ?? '{}')).toMatchObject({
      kind: 'ratification',
      date_text: '2020-02-03',
    });
  });

  it('the store refuses to update or delete audit rows, actions and corrections', async () => {
    const { action } = await recordAction(t.ctx(), {
      instrumentId: 'UNTOC',
      participantId: 'IRN',
      kind: 'declaration',
      date: '2020-02-04',
      source: 'test',
    });
    await correctAction(t.ctx(), action?.id as number, { reason: 'recorded by mistake' });
    for (const table of ['audit_log', 'actions', 'corrections']) {
      await expect(
        sql`update ${sql.table(table)} set ${sql.ref(table === 'audit_log' ? 'actor' : table === 'actions' ? 'source' : 'reason')} = 'x'`.execute(
          t.store.db,
        ),
      ).rejects.toThrow(/append-only/);
      await expect(sql`delete from ${sql.table(table)}`.execute(t.store.db)).rejects.toThrow(/append-only/);
    }
  });

  it.each([
    ['an edited row', 'edit'],
    ['a deleted row', 'delete'],
    ['reordered rows', 'swap'],
    ['the newest row removed', 'truncate'],
  ] as const)(
    'finds %s at that row',
    async (_label, kind) => {
      // A fresh store per tampering, so each test sees only its own damage.
      const fresh = await createTestStore();
      const saved = t;
      t = fresh;
      try {
        const db = t.store.db;
        const total = await count();
        const target = 200;
        await bypassGuards(async () => {
          if (kind === 'edit')
            await sql`update audit_log set actor = 'someone else' where seq = ${target}`.execute(db);
          if (kind === 'delete') await sql`delete from audit_log where seq = ${target}`.execute(db);
          if (kind === 'truncate') await sql`delete from audit_log where seq = ${total}`.execute(db);
          if (kind === 'swap') {
            // Swap the contents of two rows, keeping each one's sequence number.
            const rows = await db
              .selectFrom('audit_log')
              .selectAll()
              .where('seq', 'in', [target, target + 1])
              .orderBy('seq')
              .execute();
            const [a, b] = rows as [(typeof rows)[number], (typeof rows)[number]];
            for (const [seq, r] of [
              [a.seq, b],
              [b.seq, a],
            ] as const) {
              await db
                .updateTable('audit_log')
                .set({ ...r, seq: undefined, hash: `${r.hash}-${seq}` })
                .where('seq', '=', seq)
                .execute();
            }
          }
        });
        const result = await verifyAudit(db);
        expect(result.ok).toBe(false);
        expect(result.broken?.seq).toBe(kind === 'truncate' ? total : target);
      } finally {
        t = saved;
        await fresh.close();
      }
    },
    120_000,
  );
});

describe.runIf(process.env.DATABASE_URL)('audit appends in other schemas of the database', () => {
  it("do not wait for this store's open transaction (each store locks its own chain)", async () => {
    const other = await createTestStore();
    try {
      const entry = (actor: string) => ({
        actor,
        role: null,
        state: null,
        requestId: null,
        action: 'test.append',
        entity: 'test',
        entityId: null,
        before: null,
        after: null,
      });
      // This store holds its chain's lock until the other store has appended: one lock for the whole
      // database would make the two wait on each other until the test's time ran out.
      let otherDone: Promise<void> = Promise.resolve();
      await t.store.db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry('this store'), '2026-06-30T12:00:00.000Z');
        otherDone = appendAudit(other.store.db, entry('other store'), '2026-06-30T12:00:00.000Z');
        await otherDone;
      });
      expect((await verifyAudit(t.store.db)).ok).toBe(true);
      expect((await verifyAudit(other.store.db)).ok).toBe(true);
    } finally {
      await other.close();
    }
  }, 120_000);
});
