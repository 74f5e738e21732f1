// The `palermo` command as users run it: a real process, real files, exit codes and stderr.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thirtyPlusNinety } from '../helpers/api.ts';
import { testStoreOptions } from '../helpers/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'palermo-cli-'));
const { options, cleanup } = testStoreOptions();

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    env.PALERMO_PG_SCHEMA = options.pgSchema;
  } else {
    delete env.DATABASE_URL;
    env.PALERMO_DB = options.sqlitePath;
  }
  return env;
}

function palermo(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/palermo.mjs', ...args], {
    env: cliEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the command with its standard output read by a reader that goes away early, as `| head` does:
 * after `keepChunks` chunks (0: before the command writes anything).
 */
function palermoIntoShortReader(
  keepChunks: number,
  ...args: string[]
): Promise<{ code: number | null; signal: string | null; firstChunk: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/palermo.mjs', ...args], {
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let firstChunk = '';
  let stderr = '';
  let chunks = 0;
  if (keepChunks === 0) child.stdout.destroy();
  else
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunks === 0) firstChunk = chunk.toString('utf8');
      if (++chunks >= keepChunks) child.stdout.destroy();
    });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, firstChunk, stderr }));
  });
}

let firstMigrate: ReturnType<typeof palermo>;

beforeAll(() => {
  firstMigrate = palermo('migrate');
  expect(firstMigrate.stderr).toBe('');
  expect(firstMigrate.code).toBe(0);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await cleanup();
});

// Each test spawns the command several times (about 1–2 s each on a busy machine): a wider limit than 30 s.
describe('palermo CLI', { timeout: 120_000 }, () => {
  it('has --help on every command', () => {
    for (const args of [
      [],
      ['status'],
      ['import', 'participants'],
      ['eif'],
      ['export'],
      ['instrument', 'define'],
    ]) {
      const r = palermo(...args, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: palermo/);
    }
    // Seven processes that each load the application: minutes, not seconds, on a busy machine.
  }, 180_000);

  it('migrate applies the reference-data updates a database lacks, once, and says what they did', () => {
    expect(firstMigrate.stdout).toBe(
      'reference data update 2026-12-06-later-events (participants-updates-post2014.csv): 60 recorded, 20 already present, 0 left out\n' +
        'reference data update 2026-12-07-events (events.csv): 11 recorded, 0 already present, 0 left out\n' +
        'reference data update 2026-12-07-statements (statements-partial.csv): 133 recorded, 0 already present, 0 left out\n' +
        'reference data update 2026-12-07-statements (statements-index.csv): 182 recorded, 0 already present, 0 left out\n' +
        // Every action was notified as it was loaded: the update of history finds nothing left to do.
        'reference data update 2026-12-07-notifications (the registry’s recorded actions (depositary notifications of history)): 0 recorded, 1206 already present, 0 left out\n' +
        'database is up to date\n',
    );
    const again = palermo('migrate');
    expect(again.stdout).toBe('database is up to date\n');
    expect(again.code).toBe(0);
  });

  it('prints the status of UNTOC as at its entry into force', () => {
    const r = palermo('status', '--instrument', 'UNTOC', '--as-of', '2003-09-29', '--format', 'json');
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as {
      eif: { on: string };
      counts: { signatories: number; contractingParties: number };
    };
    expect(status.eif.on).toBe('2003-09-29');
    expect(status.counts.signatories).toBe(147);
    expect(status.counts.contractingParties).toBe(52);
  });

  it('explains entry into force for the instrument and for a party', () => {
    const all = palermo('eif', '-i', 'untoc');
    expect(all.stdout).toContain(
      '40th instrument deposited 2003-07-01 (Armenia); art. 38(1): 90th day after → 2003-09-29',
    );
    const cri = palermo('eif', '-i', 'UNTOC', '-p', 'CRI');
    expect(cri.stdout).toContain("not before UNTOC's own entry into force (2003-09-29) → 2003-09-29");
    // Fiji's deposit is known only as "2017": the day cannot be computed, and the CLI says so.
    const fji = palermo('eif', '-i', 'UNTOC', '-p', 'FJI');
    expect(fji.code).toBe(1);
    expect(fji.stderr).toMatch(/^date_too_imprecise: Fiji: deposit "2017" \(year only\)/);
  });

  it('refuses bad input with a line on stderr and a non-zero exit', () => {
    const badDate = palermo('status', '-i', 'UNTOC', '--as-of', '2003-02-30');
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr).toMatch(/^validation: --as-of: "2003-02-30"/);
    const unknown = palermo('status', '-i', 'NOPE');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^not_found: instrument "NOPE" does not exist/);
    const usage = palermo('bogus');
    expect(usage.code).toBe(2);
  });

  it('imports a CSV all-or-nothing, with line numbers, and idempotently', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'instrument,participant,kind,date,source\nUNTOC,IRN,ratification,2020-05-01,test\nUNTOC,XXX,accession,2020-05-01,test\n',
    );
    const refused = palermo('import', 'actions', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3, participant: participant "XXX" does not exist');
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'instrument,participant,kind,date,source\nUNTOC,IRN,ratification,2020-05-01,test\n');
    expect(palermo('import', 'actions', good).stdout).toContain('1 recorded, 0 already present');
    expect(palermo('import', 'actions', good).stdout).toContain('0 recorded, 1 already present');
    const missing = palermo('import', 'actions', join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
    // Four processes that each load the application (35 s was seen on a machine running browser tests).
  }, 120_000);

  it('exports the status as CSV and JSON files', () => {
    const csv = join(dir, 'status.csv');
    expect(palermo('export', '--as-of', '2005-07-03', '--out', csv).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^instrument,as_of,participant_id/);
    expect(lines.some((l) => l.startsWith('FIREARMS,2005-07-03,POL,Poland'))).toBe(true);
    const json = palermo('export', '-i', 'SOM', '-a', '2004-01-28', '-f', 'json');
    const parsed = JSON.parse(json.stdout) as { statuses: Array<{ eif: { on: string } }> };
    expect(parsed.statuses[0]?.eif.on).toBe('2004-01-28');
  });

  it('ends quietly when the reader of its output goes away (| head), like git and seq', async () => {
    // A reader that takes the first chunk of a half-megabyte export, then closes: the rest cannot be written.
    const head = await palermoIntoShortReader(1, 'export', '-f', 'json');
    expect(head.firstChunk).toMatch(/^\{/);
    expect(head.stderr).toBe('');
    expect(head.code).toBe(141);
    // A reader already gone before the command writes its first byte, for commands of every kind.
    for (const args of [
      ['status', '-i', 'UNTOC'],
      ['eif', '-i', 'SOM'],
      ['instrument', 'list'],
      ['--help'],
    ]) {
      const r = await palermoIntoShortReader(0, ...args);
      expect({ args, stderr: r.stderr, code: r.code }).toEqual({ args, stderr: '', code: 141 });
    }
  }, 180_000);

  it('defines a new instrument from JSON and refuses a bad definition', () => {
    const def = join(dir, 'def.json');
    writeFileSync(
      def,
      JSON.stringify(
        thirtyPlusNinety('CLI30', {
          title: 'A convention with 30 instruments and 90 days',
          shortTitle: 'the CLI Convention',
        }),
      ),
    );
    const r = palermo('instrument', 'define', def);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('defined CLI30: 30 instruments + 90 days');
    expect(palermo('instrument', 'list').stdout).toContain('CLI30');
    writeFileSync(def, JSON.stringify({ id: 'CLI31', threshold: -1 }));
    const bad = palermo('instrument', 'define', def);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^validation: threshold/m);
  });
});
