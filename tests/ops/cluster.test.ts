// Several server processes behind one port over the same store: a write answered by one process is seen by
// the others, and a session opened on one works on all (sessions live in the store).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreOptions } from '../helpers/store.ts';
import { nodeSupportWarning } from '../../src/common/node-support.ts';

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

let server: ChildProcess | undefined;
let base = '';
let token = '';
let startErrors = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A GET on a new connection each time, so the cluster's round robin spreads them over the processes. */
function getJson(path: string, headers: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { agent: false, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    req.end();
  });
}

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/palermo.mjs', ...args], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
    input: 'a long enough password 1\n',
  });
  if (r.status !== 0) throw new Error(`palermo ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

beforeAll(async () => {
  cli('migrate');
  token = cli('token', 'create', '--role', 'admin', '--name', 'cluster test');
  cli(
    'user',
    'create',
    '--role',
    'focal_point',
    '--email',
    'fp@example.org',
    '--state',
    'ARM',
    '--password-stdin',
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    ['bin/palermo.mjs', 'serve', '--workers', '2', '--host', '127.0.0.1', '--port', String(port)],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the cluster did not start: ${out}`)), 60_000);
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('with 2 processes')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server!.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
      startErrors += d.toString();
    });
  });
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const ended = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await ended;
  }
  await cleanup();
});

describe('several processes on one store', () => {
  it('warn once at start when the running Node.js is past its end of life, and only then', () => {
    const warning = nodeSupportWarning(process.version, new Date().toISOString().slice(0, 10));
    if (warning) expect(startErrors).toBe(`warning: ${warning}\n`);
    else expect(startErrors).toBe('');
  });

  it('a write through one process is read by all once they re-read the stored version', async () => {
    const before = (await (await fetch(`${base}/api/instruments/UNTOC/status?asOf=2026-01-20`)).json()) as {
      counts: { contractingParties: number };
    };
    const res = await fetch(`${base}/api/actions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        instrumentId: 'UNTOC',
        participantId: 'IRN',
        kind: 'ratification',
        date: '2026-01-10',
        source: 'cluster test',
      }),
    });
    expect(res.status).toBe(201);
    // Other processes re-read the stored registry version at most every 100 ms: ask (each time on a new
    // connection, so the round robin spreads the reads over both processes) until 20 answers in a row show
    // the write. The processes are outside this test, so this waits on their answers, bounded by a deadline.
    const counts: number[] = [];
    let inARow = 0;
    for (const deadline = Date.now() + 30_000; inARow < 20 && Date.now() < deadline;) {
      const status = (await getJson('/api/instruments/UNTOC/status?asOf=2026-01-20')) as {
        counts: { contractingParties: number };
      };
      counts.push(status.counts.contractingParties);
      inARow = status.counts.contractingParties === before.counts.contractingParties + 1 ? inARow + 1 : 0;
    }
    expect(inARow, `counts read: ${counts.join(' ')}`).toBe(20);
    // Every read saw the old count or the new one, nothing else.
    const old = before.counts.contractingParties;
    expect(counts.every((n) => n === old || n === old + 1)).toBe(true);
  });

  it('a session opened on one process works on every process', async () => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fp@example.org', password: 'a long enough password 1' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    for (let i = 0; i < 20; i++) {
      const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as {
        signedIn: boolean;
      };
      expect(me.signedIn).toBe(true);
    }
  });
});
