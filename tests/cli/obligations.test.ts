// `palermo obligations <ISO3>` on a store prepared as at first start (the real data): the calendar as a table
// and JSON, nothing overdue until the Secretariat sets a completeness date, then overdue since the deposit;
// the iCalendar output; bad input refused with its field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { readReferenceCsv } from '../helpers/reference-csv.ts';
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
    const code = await runCli([...store, 'obligations', ...args]);
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

describe(`palermo obligations (${STORE_KIND})`, { timeout: 180_000 }, () => {
  const deposit = readReferenceCsv('participants-untoc.csv').find((r) => r.iso3 === 'ALB')
    ?.consent_date as string;

  it('prints the calendar; nothing overdue until completeness is set, then overdue since the deposit', async () => {
    const table = await palermo('ALB');
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Albania (ALB)');
    expect(table.stdout).toMatch(new RegExp(`18\\(13\\)\\s+${deposit}\\s+not recorded here`));
    expect(table.stdout).toMatch(/ 0 overdue$/m);

    const set = await palermo(
      'alb',
      '--complete-since',
      deposit,
      '--reason',
      're-keyed from the depositary',
      '-f',
      'json',
    );
    expect(set.stderr).toBe('');
    const calendar = JSON.parse(set.stdout) as {
      completeness: { completeSince: string };
      instruments: Array<{
        instrumentId: string;
        obligations: Array<{ reference: string; status: string; overdueSince: string | null }>;
      }>;
    };
    expect(calendar.completeness.completeSince).toBe(deposit);
    const o = calendar.instruments
      .find((i) => i.instrumentId === 'UNTOC')
      ?.obligations.find((x) => x.reference === '18(13)');
    expect(o).toMatchObject({ status: 'overdue', overdueSince: deposit });

    const ics = await palermo('ALB', '-f', 'ics');
    expect(ics.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.stdout).toContain(`DTSTART;VALUE=DATE:${deposit.replace(/-/g, '')}`);
  });

  it('refuses a malformed date, a missing reason and an unknown State', async () => {
    const bad = await palermo('ALB', '--complete-since', '2004-02-30', '--reason', 'x');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--complete-since: "2004-02-30" is not a real date');
    const noReason = await palermo('ALB', '--complete-since', '2004-02-01');
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain('--reason is required');
    const unknown = await palermo('XXX');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('participant "XXX" does not exist');
  });
});
