// Backup and restore under concurrent writes, on both stores: `palermo backup` runs as its own process
// while this one keeps recording actions; the restored copy passes the integrity check and the audit
// chain, and every action in it has its audit row (nothing half-written).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/audit-log.ts';
import { sqliteIntegrity } from '../../src/db/backup.ts';
import { openStore, type Store } from '../../src/db/database.ts';
import { recordAction } from '../../src/treaties/services/record-action.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-backup-'));
let t: TestStore;

function palermo(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (t.options.databaseUrl) {
    env.DATABASE_URL = t.options.databaseUrl;
    env.PALERMO_PG_SCHEMA = t.options.pgSchema;
  } else {
    delete env.DATABASE_URL;
    env.PALERMO_DB = t.options.sqlitePath;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/palermo.mjs', ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function counts(store: Store): Promise<{ actions: number; audit: number; missingAudit: number }> {
  const n = async (table: 'actions' | 'audit_log') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  // Every action must have the audit row written in its transaction.
  const missing = await sql<{ n: number }>`
    select count(*) as n from actions a
    where not exists (select 1 from audit_log l where l.entity = 'action' and l.entity_id = cast(a.id as text))`.execute(
    store.db,
  );
  return {
    actions: await n('actions'),
    audit: await n('audit_log'),
    missingAudit: Number(missing.rows[0]?.n),
  };
}

beforeAll(async () => {
  t = await createTestStore();
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('backs up while actions are being recorded, and the restored copy is whole', async () => {
    const before = await counts(t.store);
    const file = join(dir, t.store.dialect === 'postgres' ? 'palermo.dump' : 'palermo-backup.db');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let day = 1; writing && day <= 28 * 12; day++) {
        const date = `2010-${String(Math.ceil(day / 28)).padStart(2, '0')}-${String(((day - 1) % 28) + 1).padStart(2, '0')}`;
        await recordAction(t.ctx('writer'), {
          instrumentId: 'UNTOC',
          participantId: 'ARM',
          kind: 'notification',
          article: '18(13)',
          date,
          source: `backup test ${day}`,
        });
        written++;
      }
    })();
    const result = await palermo('backup', file);
    writing = false;
    await writer;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(written).toBeGreaterThan(0);
    const after = await counts(t.store);

    if (t.store.dialect === 'sqlite') {
      expect(sqliteIntegrity(file)).toBe('ok');
      const restoredPath = join(dir, 'restored.db');
      const restoredRun = await new Promise<number | null>((resolve) => {
        const env: NodeJS.ProcessEnv = { ...process.env, PALERMO_DB: restoredPath };
        delete env.DATABASE_URL;
        spawn(process.execPath, ['bin/palermo.mjs', 'restore', file], { env, stdio: 'ignore' }).on(
          'close',
          resolve,
        );
      });
      expect(restoredRun).toBe(0);
      expect(existsSync(restoredPath)).toBe(true);
      const restored = await openStore({ sqlitePath: restoredPath });
      try {
        const c = await counts(restored);
        expect(c.actions).toBeGreaterThanOrEqual(before.actions);
        expect(c.actions).toBeLessThanOrEqual(after.actions);
        expect(c.missingAudit).toBe(0);
        expect((await verifyAudit(restored.db)).ok).toBe(true);
      } finally {
        await restored.close();
      }
    } else {
      // PostgreSQL: restore the dump over this schema, then check what came back.
      const restoredRun = await palermo('restore', file);
      expect(restoredRun.stderr).toBe('');
      expect(restoredRun.code).toBe(0);
      const reopened = await openStore(t.options);
      try {
        const c = await counts(reopened);
        expect(c.actions).toBeGreaterThanOrEqual(before.actions);
        expect(c.actions).toBeLessThanOrEqual(after.actions);
        expect(c.missingAudit).toBe(0);
        expect((await verifyAudit(reopened.db)).ok).toBe(true);
      } finally {
        await reopened.close();
      }
    }
  }, 120_000);

  it('refuses to overwrite a file, and to restore what is not a database', async () => {
    const file = join(dir, 'twice.bak');
    expect((await palermo('backup', file)).code).toBe(0);
    const again = await palermo('backup', file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
    const missing = await palermo('restore', join(dir, 'nope.bak'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  }, 120_000);
});
