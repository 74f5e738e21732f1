// Crash safety: the real server is killed with SIGKILL at random moments while it records actions, 20 times.
// After each restart every action that was answered 2xx is there, the database passes its integrity check,
// the audit chain is whole and every action has its audit row.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/audit-log.ts';
import { openStore } from '../../src/db/database.ts';
import { testStoreOptions } from '../helpers/store.ts';

const KILLS = 20;
const { options, cleanup } = testStoreOptions();
// Load shedding off: on a busy test machine a 503 would be a false alarm here.
const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', PALERMO_MAX_EVENT_LOOP_DELAY_MS: '0' };
if (options.databaseUrl) {
  env.DATABASE_URL = options.databaseUrl;
  env.PALERMO_PG_SCHEMA = options.pgSchema;
} else {
  delete env.DATABASE_URL;
  env.PALERMO_DB = options.sqlitePath;
}
let token = '';
let port = 0;
let server: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function start(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['bin/palermo.mjs', 'serve', '--host', '127.0.0.1', '--port', String(port)],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Palermo is serving')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  });
}

/** Records one action; resolves with its id when the server answered 201, null otherwise. */
function record(n: number): Promise<number | null> {
  const body = JSON.stringify({
    instrumentId: 'UNTOC',
    participantId: 'ARM',
    kind: 'notification',
    article: '18(13)',
    date: '2010-01-10',
    source: `crash test ${n}`,
  });
  return new Promise((resolve) => {
    const req = request(
      `http://127.0.0.1:${port}/api/actions`,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve(res.statusCode === 201 ? (JSON.parse(text) as { action: { id: number } }).action.id : null),
        );
        res.on('error', () => resolve(null));
      },
    );
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

beforeAll(async () => {
  const r = spawnSync(
    process.execPath,
    ['bin/palermo.mjs', 'token', 'create', '--role', 'admin', '--name', 'crash'],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  token = r.stdout.trim();
  port = await freePort();
}, 60_000);

afterAll(async () => {
  server?.kill('SIGKILL');
  await cleanup();
});

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${KILLS} kills with SIGKILL`, async () => {
    const acknowledged: number[] = [];
    let n = 0;
    for (let round = 0; round < KILLS; round++) {
      server = await start();
      const child = server;
      let alive = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Four writers at once until the kill.
      const writers = Array.from({ length: 4 }, async () => {
        while (alive) {
          const id = await record(n++);
          if (id !== null) acknowledged.push(id);
        }
      });
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 500)));
      child.kill('SIGKILL');
      alive = false;
      await exited;
      await Promise.all(writers);
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);

    const store = await openStore(options);
    try {
      if (store.sqlite) expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set(
        (
          await store.db.selectFrom('actions').select('id').where('source', 'like', 'crash test %').execute()
        ).map((r) => r.id),
      );
      const lost = acknowledged.filter((id) => !ids.has(id));
      expect(lost).toEqual([]);
      expect((await verifyAudit(store.db)).ok).toBe(true);
      const missing = await sql<{ n: number }>`
        select count(*) as n from actions a
        where not exists (select 1 from audit_log l where l.entity = 'action' and l.entity_id = cast(a.id as text))`.execute(
        store.db,
      );
      expect(Number(missing.rows[0]?.n)).toBe(0);
    } finally {
      await store.close();
    }
  }, 600_000);
});
