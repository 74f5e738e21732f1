// `palermo notifications list` on a store prepared as at first start (the real data, notified as history):
// the newest first, catching up with --since, JSON output, and a malformed --since refused with its field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { STORE_KIND, testStoreOptions } from '../helpers/store.ts';

const { options, cleanup } = testStoreOptions();
const store = options.databaseUrl
  ? ['--database-url', options.databaseUrl]
  : ['--db', options.sqlitePath ?? ''];

async function palermo(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [stdout, stderr] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const code = await runCli([...store, 'notifications', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
}

beforeAll(() => {
  if (options.pgSchema) process.env.PALERMO_PG_SCHEMA = options.pgSchema;
});
afterAll(async () => {
  delete process.env.PALERMO_PG_SCHEMA;
  await cleanup();
});

describe(`palermo notifications list (${STORE_KIND})`, { timeout: 180_000 }, () => {
  it('lists the newest first, then catches up after an id, in JSON too', async () => {
    const newest = await palermo('list', '--limit', '3');
    expect(newest.stderr).toBe('');
    const lines = newest.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const latest = Number(/latest id (\d+)/.exec(lines[3] as string)?.[1]);
    expect(latest).toBeGreaterThan(500);
    expect(lines[0]).toMatch(new RegExp(`^\\s*${latest}\\s`));
    expect(lines[0]).toContain('history');

    const after = await palermo('list', '--since', String(latest - 2), '-f', 'json', '--lang', 'fr');
    const items = JSON.parse(after.stdout) as Array<{ id: number; fr: { text: string } }>;
    expect(items.map((n) => n.id)).toEqual([latest - 1, latest]);
    expect(items[0]?.fr.text).toContain('communique ce qui suit');
  });

  it('refuses a malformed --since with its field', async () => {
    const bad = await palermo('list', '--since', 'abc');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('validation: --since: "abc" is not a whole number');
  });
});
