// The command line reads import files as the server does: at most 10 MiB, UTF-8 only, one line on stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thirtyPlusNinety } from '../helpers/api.ts';
import { palermoOn } from '../helpers/cli.ts';
import { testStoreOptions } from '../helpers/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-import-limits-'));
const { options, cleanup } = testStoreOptions();
const palermo = palermoOn(options);

beforeAll(() => {
  expect(palermo('migrate').code).toBe(0);
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cleanup();
});

describe('import files on the command line', { timeout: 120_000 }, () => {
  it('refuses a file that is not UTF-8, and one over 10 MiB, with one line on stderr', () => {
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(
      latin1,
      Buffer.concat([
        Buffer.from('currency,month,rate,source\nEUR,2026-01,0.9,Caf'),
        Buffer.from([0xe9, 0x0a]),
      ]),
    );
    let r = palermo('fund', 'rates', 'import', latin1);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/latin1\.csv is not valid UTF-8/);

    const big = join(dir, 'big.csv');
    writeFileSync(big, `instrument,participant,kind,date,source\n${'x'.repeat(10 * 1024 * 1024)}`);
    r = palermo('import', 'actions', big);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/big\.csv is \d+ bytes; an import file holds at most 10485760 bytes/);
  });

  it('applies the text rules of the JSON API to an instrument defined from a file', () => {
    const file = join(dir, 'instrument.json');
    writeFileSync(
      file,
      JSON.stringify(thirtyPlusNinety('NULTEST', { source: 'a depositary notification \u0000 with a NUL' })),
    );
    const r = palermo('instrument', 'define', file);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/text contains a control character/);
  });
});
