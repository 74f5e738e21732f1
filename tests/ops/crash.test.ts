// Crash safety: the real server is killed with SIGKILL at random moments while it records treaty actions and
// posts ledger payments, 20 times. After each restart every action and every ledger transaction that was
// answered 2xx is there, the database passes its integrity check, the audit chain is whole, every action and
// transaction has its audit row, and the ledger reconciles (cached balances = balances rebuilt from entries).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/audit-log.ts';
import { reconcile } from '../../src/funds/services/reconcile.ts';
import { openStore } from '../../src/db/database.ts';
import { testStoreOptions } from '../helpers/store.ts';

const KILLS = 20;
const { options, cleanup } = testStoreOptions();
// Load shedding off: on a busy test machine a 503 would be a false alarm here; so would a 429 of the token's
// quota, as six writers share one token as fast as they can.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  LOG_LEVEL: 'warn',
  PALERMO_MAX_EVENT_LOOP_DELAY_MS: '0',
  PALERMO_TOKEN_QUOTA: 'off',
};
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

/** POSTs a JSON body; resolves with the parsed answer when the server answered 201, null otherwise. */
function post(path: string, payload: unknown, key: string): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const req = request(
      `http://127.0.0.1:${port}${path}`,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve(res.statusCode === 201 ? (JSON.parse(text) as Record<string, unknown>) : null),
        );
        res.on('error', () => resolve(null));
      },
    );
    req.on('error', () => resolve(null));
    req.end(JSON.stringify(payload));
  });
}

/** Records one action; resolves with its id when the server answered 201, null otherwise. */
async function record(n: number): Promise<number | null> {
  const answer = await post(
    '/api/actions',
    {
      instrumentId: 'UNTOC',
      participantId: 'ARM',
      kind: 'notification',
      article: '18(13)',
      date: '2010-01-10',
      source: `crash test ${n}`,
    },
    `crash-action-${n}`,
  );
  return answer ? (answer.action as { id: number }).id : null;
}

/** Posts one ledger payment; resolves with its transaction id when the server answered 201, null otherwise. */
async function pay(n: number): Promise<number | null> {
  const answer = await post(
    '/api/fund/payments',
    {
      donorId: 'CRASH',
      receivedOn: '2026-01-15',
      currency: 'USD',
      amount: `${(n % 97) + 1}.25`,
      earmarkId: 'GENERAL',
    },
    `crash-payment-${n}`,
  );
  return answer ? (answer.id as number) : null;
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
    const posted: number[] = [];
    let n = 0;
    for (let round = 0; round < KILLS; round++) {
      server = await start();
      const child = server;
      if (round === 0) {
        const donor = { id: 'CRASH', name: 'Crash test donor', kind: 'other' };
        expect(await post('/api/fund/donors', donor, 'crash-donor')).not.toBeNull();
      }
      let alive = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Four writers of treaty actions and two of ledger payments at once until the kill.
      const writers = Array.from({ length: 6 }, async (_, w) => {
        while (alive) {
          const i = n++;
          const id = w < 4 ? await record(i) : await pay(i);
          if (id !== null) (w < 4 ? acknowledged : posted).push(id);
        }
      });
      // The kill comes at a random moment once writes of both kinds go through: on a busy machine a restarted
      // server may take longer than the random delay alone to answer its first write.
      const [a0, p0] = [acknowledged.length, posted.length];
      const deadline = Date.now() + 30_000;
      while ((acknowledged.length === a0 || posted.length === p0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 500)));
      child.kill('SIGKILL');
      alive = false;
      await exited;
      await Promise.all(writers);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILLS);
    expect(posted.length).toBeGreaterThanOrEqual(KILLS);

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
      const transactions = new Set(
        (await store.db.selectFrom('ledger_transactions').select('id').execute()).map((r) => r.id),
      );
      expect(posted.filter((id) => !transactions.has(id))).toEqual([]);
      const unaudited = await sql<{ n: number }>`
        select count(*) as n from ledger_transactions t
        where not exists (select 1 from audit_log l where l.entity = 'ledger_transaction' and l.entity_id = cast(t.id as text))`.execute(
        store.db,
      );
      expect(Number(unaudited.rows[0]?.n)).toBe(0);
      expect(await reconcile(store.db)).toMatchObject({ ok: true, problems: [] });
    } finally {
      await store.close();
    }
  }, 600_000);
});
