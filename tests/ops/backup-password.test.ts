// pg_dump and pg_restore never get the database password on their command line (any local user can read a
// process's arguments in `ps`): it goes through the environment. Fake pg_dump/pg_restore on PATH record the
// command line and environment they were started with.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../../src/db/backup.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-pgpass-'));
const PASSWORD = 's3cret:p@ss/word';
const URL = `postgres://palermo:${encodeURIComponent(PASSWORD)}@db.example:5433/palermo?sslmode=require`;
const savedPath = process.env.PATH;

beforeAll(() => {
  for (const tool of ['pg_dump', 'pg_restore']) {
    const script = join(dir, tool);
    writeFileSync(
      script,
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/${tool}.args"\nprintf '%s' "$PGPASSWORD" > "${dir}/${tool}.password"\n`,
    );
    chmodSync(script, 0o755);
  }
  process.env.PATH = `${dir}${delimiter}${savedPath ?? ''}`;
});

afterAll(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

describe('pg_dump and pg_restore', () => {
  it('get the password through the environment, never on the command line', async () => {
    await backup({ sqlite: null, schema: 'palermo_x' }, { databaseUrl: URL }, join(dir, 'out.dump'));
    const source = join(dir, 'in.dump');
    writeFileSync(source, '');
    await restore({ databaseUrl: URL }, source, join(dir, 'unused.db'));
    for (const tool of ['pg_dump', 'pg_restore']) {
      const args = readFileSync(join(dir, `${tool}.args`), 'utf8');
      expect(args).toContain('db.example:5433/palermo');
      expect(args).toContain('sslmode=require');
      expect(args).not.toContain('s3cret');
      expect(args).not.toContain(encodeURIComponent(PASSWORD));
      expect(readFileSync(join(dir, `${tool}.password`), 'utf8')).toBe(PASSWORD);
    }
  });
});
