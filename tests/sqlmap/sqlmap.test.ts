// An SQL-injection scan with sqlmap (Debian package) against the running server: it must find nothing in
// the real routes, and it must find the deliberately injectable route this test adds, which proves the
// scan works. Bounded in time; skipped with a message where sqlmap is not installed (CI installs it).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/auth/services/sessions.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestStore, type TestStore } from '../helpers/store.ts';

const SQLMAP = '/usr/bin/sqlmap';
const hasSqlmap = existsSync(SQLMAP);
if (!hasSqlmap)
  console.warn('tests/sqlmap: /usr/bin/sqlmap is missing (apt-get install sqlmap); the scan is skipped');

let t: TestStore;
let app: FastifyInstance;
let base = '';
let token = '';
const out = mkdtempSync(join(tmpdir(), 'palermo-sqlmap-'));

/** Runs sqlmap without blocking this process, which serves the requests it sends. */
function sqlmap(args: string[]): Promise<{ injectable: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      SQLMAP,
      [
        '--batch',
        '--flush-session',
        '--disable-coloring',
        `--output-dir=${out}`,
        `--dbms=${t.store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}`,
        '--technique=BEU',
        '--level=2',
        '--risk=1',
        '--timeout=10',
        '--retries=1',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({
        injectable:
          /is vulnerable|appears to be injectable|sqlmap identified the following injection point/i.test(
            output,
          ),
        output,
      });
    });
  });
}

beforeAll(async () => {
  if (!hasSqlmap) return;
  t = await createTestStore();
  app = await buildApp({
    store: t.store,
    registry: t.registry,
    clock: t.clock,
    webDir: '',
    signInPerMinute: false,
    expensivePerMinute: false,
  });
  // The fixture: string-built SQL, exactly what the project never does. It exists only in this test.
  // Every API route names its operation (src/server/openapi.ts), the fixture too.
  app.get(
    '/api/test-fixture/injectable',
    { schema: { operationId: 'getInjectableTestFixture' }, config: { policy: 'registry.read' } },
    async (request) => {
      const name = String((request.query as { name?: string }).name ?? '');
      const rows = await sql
        .raw(`select id, name from participants where name = '${name}'`)
        .execute(t.store.db);
      return { rows: rows.rows };
    },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  token = (await issueToken(t.ctx('sqlmap'), { name: 'scan', role: 'admin' })).token;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
  rmSync(out, { recursive: true, force: true });
});

describe.skipIf(!hasSqlmap)('sqlmap', () => {
  it('finds the deliberately injectable fixture (the scan works)', async () => {
    const r = await sqlmap(['-u', `${base}/api/test-fixture/injectable?name=Armenia`, '-p', 'name']);
    expect(r.injectable, r.output.slice(-3000)).toBe(true);
  }, 300_000);

  it.each([
    ['status as at a date (query)', ['-u', '/api/instruments/UNTOC/status?asOf=2003-09-29', '-p', 'asOf']],
    ['changes between dates (query)', ['-u', '/api/instruments/UNTOC/changes?from=2003-07-01&to=2003-09-29']],
    ['one participant (path)', ['-u', '/api/participants/ARM*']],
    ['participation detail (path)', ['-u', '/api/instruments/UNTOC*/participants/ARM*']],
    [
      'record an action (JSON body, signed in)',
      [
        '-u',
        '/api/actions?dryRun=true',
        '--data',
        '{"instrumentId":"UNTOC","participantId":"ARM","kind":"notification","date":"2004-02-10","article":"18(13)","source":"scan"}',
        '--headers',
        'AUTH',
      ],
    ],
  ])(
    'finds nothing in %s',
    async (_label, spec) => {
      const args = spec.map((a) =>
        a.startsWith('/api/')
          ? `${base}${a}`
          : a === 'AUTH'
            ? `Authorization: Bearer ${token}\nContent-Type: application/json`
            : a,
      );
      const r = await sqlmap(args);
      expect(r.injectable, r.output.slice(-3000)).toBe(false);
      // The scan really ran to its end: sqlmap reached the server and tested the parameters.
      expect(r.output, r.output.slice(-3000)).toMatch(
        /all tested parameters do not appear to be injectable/i,
      );
    },
    300_000,
  );
});
