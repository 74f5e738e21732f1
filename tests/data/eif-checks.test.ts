// Entry into force for each UNTOC party against the Dutch treaty database (tests/fixtures/eif-checks-untoc.csv,
// parties Afghanistan … Egypt). The rule checked: max(2003-09-29, deposit + 30 days) (art. 38(2), never before
// the Convention's own entry into force). Barbados and Bhutan are not in the 2014 participant table: their
// consents come from reference/participants-updates-post2014.csv (Barbados 2014-11-11 from UNTC; Bhutan
// 2023-02-20 from UNODC), so those two rows test the later-events file as well.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

interface EifCheck {
  instrument: string;
  participant_nl: string;
  iso3: string;
  eif_for_party: string;
  snapshot_consent_date: string;
  rule_check: string;
  note: string;
}

const rows = parse(readFileSync(new URL('../fixtures/eif-checks-untoc.csv', import.meta.url), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as EifCheck[];

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('UNTOC entry into force per party (Dutch treaty database)', () => {
  it('the fixture has its 46 rows, all for UNTOC', () => {
    expect(rows).toHaveLength(46);
    expect(new Set(rows.map((r) => r.instrument))).toEqual(new Set(['UNTOC']));
  });

  it.each(rows)('$iso3 ($participant_nl): in force on $eif_for_party', async (row) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/instruments/UNTOC/participants/${row.iso3}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      participations: Array<{
        consentDate: string | null;
        entryIntoForce: { on: string | null; explanation: string };
      }>;
      status: { state: string };
    };
    expect(body.participations.length).toBeGreaterThanOrEqual(1);
    const first = body.participations[0];
    expect(first?.entryIntoForce.on).toBe(row.eif_for_party);
    if (row.snapshot_consent_date !== '') expect(first?.consentDate).toBe(row.snapshot_consent_date);
    expect(body.status.state).toBe('party');
  });
});
