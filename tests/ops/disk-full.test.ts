// Disk full (SQLite on a small tmpfs): writes fail with 507 problem+json, reads keep working, nothing is
// corrupted, and writes resume once space returns. Needs root to mount the tmpfs (CI runs as root); skipped
// with a message otherwise, and on PostgreSQL, whose data directory this test cannot move.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/audit-log.ts';
import { issueToken } from '../../src/auth/services/sessions.ts';
import type { Store } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { prepareStore } from '../../src/http/server.ts';
import { fixedClock } from '../../src/common/clock.ts';
import { TEST_TODAY } from '../helpers/store.ts';

const mountPoint = join(tmpdir(), `palermo-tmpfs-${process.pid}`);
let mounted = false;
if (!process.env.DATABASE_URL) {
  try {
    mkdirSync(mountPoint, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    mounted = true;
  } catch {
    console.warn(
      'tests/ops/disk-full: cannot mount a tmpfs here (needs root); the disk-full test is skipped',
    );
  }
}

let store: Store;
let app: FastifyInstance;
let auth = '';
const filler = join(mountPoint, 'filler');

const write = (n: number) =>
  app.inject({
    method: 'POST',
    url: '/api/actions',
    headers: { authorization: auth },
    payload: {
      instrumentId: 'UNTOC',
      participantId: 'ARM',
      kind: 'declaration',
      date: '2010-01-10',
      source: `disk full test ${n}`,
      text: 'x'.repeat(4000),
    },
  });

beforeAll(async () => {
  if (!mounted) return;
  const clock = fixedClock(TEST_TODAY);
  ({ store } = await prepareStore({ sqlitePath: join(mountPoint, 'palermo.db') }, clock));
  app = await buildApp({ store, clock, webDir: '', signInPerMinute: false, expensivePerMinute: false });
  auth = `Bearer ${(await issueToken({ store, clock, registry: undefined as never, actor: 'test' }, { name: 'disk', role: 'admin' })).token}`;
}, 60_000);

afterAll(async () => {
  if (!mounted) return;
  await app?.close();
  await store?.close();
  execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('disk full', () => {
  it('refuses writes with 507, keeps reading, and resumes when space returns', async () => {
    // Leave almost nothing free.
    const free = Number(execFileSync('df', ['--output=avail', '-B1', mountPoint]).toString().split('\n')[1]);
    writeFileSync(filler, Buffer.alloc(Math.max(0, free - 48 * 1024)));
    let refused = null;
    for (let n = 0; n < 400 && refused === null; n++) {
      const res = await write(n);
      if (res.statusCode !== 201) refused = res;
    }
    expect(refused, 'the disk never filled').not.toBeNull();
    expect(refused!.statusCode, refused!.body).toBe(507);
    expect(refused!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused!.json().detail).toMatch(/no storage left/);
    // Reading still works.
    const read = await app.inject({ method: 'GET', url: '/api/instruments/UNTOC/status?asOf=2010-01-10' });
    expect(read.statusCode).toBe(200);
    // Space returns: writes resume; nothing is corrupted.
    rmSync(filler);
    expect((await write(1000)).statusCode).toBe(201);
    expect(store.sqlite?.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await verifyAudit(store.db)).ok).toBe(true);
  }, 120_000);
});
