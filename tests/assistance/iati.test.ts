// The IATI 2.03 export on both stores: projects funded and spent through the ledger (a release and a
// reversal included), with results and an outcome, exported through the API and the CLI, and validated with
// libxml2 against the official activity schema — which is first shown to accept IATI's own sample and to
// refuse a broken document. Unpublished projects stay out of the public file; text that looks like markup is
// escaped; amounts are exact decimal strings.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDonor } from '../../src/funds/repository.ts';
import { insertProject } from '../../src/assistance/repository.ts';
import { budgetPeriods, MAX_BUDGET_PERIODS } from '../../src/assistance/domain/iati.ts';
import { DEFAULT_PUBLISHER, publisherFromEnv } from '../../src/assistance/services/iati.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { palermoOn } from '../helpers/cli.ts';
import { STORE_KIND } from '../helpers/store.ts';
import { readIatiFile, validateIati } from './iati-schema.ts';
import { tipAfrica } from '../funds/support.ts';
import { approvedRequest, assistanceApi, fundLine, projectOf, type AssistanceApi } from './support.ts';

let t: TestApp;
let api: AssistanceApi;
const ids = { nga: 0, gha: 0, marked: 0, allocation: 0 };
const MARKUP = 'Courts & <prisons> "reform" ]]> in Ghana';
const GHA_SECRET = 'unpublished-ghana-project-4d1e';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

beforeAll(async () => {
  t = await createTestApp();
  api = await assistanceApi(t, {
    nigeria: { role: 'focal_point', states: ['NGA'] },
    ghana: { role: 'focal_point', states: ['GHA'] },
  });
  await fundLine(api, {
    donor: 'ITA',
    name: 'Italy',
    earmark: { ...tipAfrica('TIP-AFRICA') },
    amount: '200000.00',
  });
  await fundLine(api, {
    donor: 'FDN',
    name: 'A foundation',
    kind: 'foundation',
    earmark: { id: 'GENERAL' },
    amount: '50000.00',
  });
  // Illustrative (demo) money: it may fund a project in a demo store, but is never published.
  await insertDonor(t.store.db, {
    id: 'DEMO',
    name: 'Illustrative donor',
    kind: 'state',
    participantId: null,
    illustrative: true,
    recordedAt: '2026-01-01T00:00:00.000Z',
    recordedBy: 'test',
  });
  await api.send(
    'admin',
    '/api/fund/payments',
    { donorId: 'DEMO', receivedOn: '2026-02-01', currency: 'USD', amount: '7777.00', earmarkId: 'GENERAL' },
    201,
  );

  // Nigeria: a published project of 18 months, funded twice, spent, partly released, a spend reversed.
  const nga = await approvedRequest(api, 'nigeria', {
    participantId: 'NGA',
    provisions: ['TIP 6'],
    title: 'Victim protection (confidential request text)',
  });
  ids.nga = (
    await projectOf(api, nga, {
      title: 'Protecting victims of trafficking in Nigeria',
      budget: '150000.00',
      startsOn: '2026-04-01',
      endsOn: '2027-09-30',
      published: true,
    })
  ).id;
  const funded = await api.send(
    'admin',
    `/api/assistance/projects/${ids.nga}/funding`,
    { donorId: 'ITA', earmarkId: 'TIP-AFRICA', amount: '100000.00', bookedOn: '2026-04-01' },
    201,
  );
  ids.allocation = (funded.json() as { funding: Array<{ allocationId: number }> }).funding[0]
    ?.allocationId as number;
  for (const donorId of ['FDN', 'DEMO'])
    await api.send(
      'admin',
      `/api/assistance/projects/${ids.nga}/funding`,
      { donorId, earmarkId: 'GENERAL', amount: '5000.00', bookedOn: '2026-04-02' },
      201,
    );
  await api.send(
    'admin',
    `/api/assistance/projects/${ids.nga}/expenditures`,
    { allocationId: ids.allocation, amount: '50000.00', bookedOn: '2026-06-01', reference: 'INV-77' },
    201,
  );
  const wrong = await api.send(
    'admin',
    `/api/assistance/projects/${ids.nga}/expenditures`,
    { allocationId: ids.allocation, amount: '1000.00', bookedOn: '2026-06-02' },
    201,
  );
  expect(wrong.statusCode).toBe(201);
  const { transactions } = (await api.get('admin', `/api/fund/transactions?donorId=ITA`)).json() as {
    transactions: Array<{ id: number; kind: string; bookedOn: string }>;
  };
  const mistake = transactions.find((x) => x.kind === 'expenditure' && x.bookedOn === '2026-06-02');
  await api.send(
    'admin',
    `/api/fund/transactions/${mistake?.id}/reversal`,
    { bookedOn: '2026-06-03', reason: 'entered on the wrong project' },
    201,
  );
  await api.send(
    'admin',
    `/api/fund/allocations/${ids.allocation}/releases`,
    { amount: '2000.00', bookedOn: '2026-06-15' },
    201,
  );
  await api.send('admin', `/api/assistance/requests/${nga}/steps`, { to: 'in_progress' }, 201);
  const result = await api.send(
    'admin',
    `/api/assistance/projects/${ids.nga}/results`,
    {
      title: 'Victims referred to shelters',
      indicator: 'victims referred per year',
      unit: 'persons',
      baseline: '120',
      target: '400',
    },
    201,
  );
  const resultId = (result.json() as { results: Array<{ id: number }> }).results[0]?.id;
  await api.send(
    'admin',
    `/api/assistance/projects/${ids.nga}/results/${resultId}/measurements`,
    { period: '2026-Q3', actual: '210', note: 'two shelters open' },
    201,
  );
  await api.send(
    'admin',
    `/api/assistance/projects/${ids.nga}/results`,
    {
      title: 'Law on victim protection',
      indicator: 'state of the draft law',
      unit: 'stage',
      baseline: 'none',
      target: 'adopted',
    },
    201,
  );
  await api.send(
    'admin',
    `/api/assistance/projects/${ids.nga}/outcomes`,
    {
      kind: 'legislation_adopted',
      happenedOn: '2026-06-20',
      citation: 'Trafficking in Persons (Amendment) Act 2026',
    },
    201,
  );

  // Ghana: one unpublished project, one published whose title looks like markup.
  const gha = await approvedRequest(api, 'ghana', {
    participantId: 'GHA',
    provisions: ['UNTOC 5'],
    title: 'Ghana request',
  });
  ids.gha = (await projectOf(api, gha, { title: GHA_SECRET })).id;
  const marked = await approvedRequest(api, 'admin', {
    participantId: 'GHA',
    provisions: ['FIREARMS 5'],
    title: 'Ghana firearms request',
  });
  ids.marked = (await projectOf(api, marked, { title: MARKUP, published: true })).id;
}, 120_000);

afterAll(async () => t?.close());

describe(`the IATI 2.03 schema check (${STORE_KIND})`, () => {
  it("accepts IATI's sample activity and refuses broken documents (so the check can fail)", async () => {
    const sample = await validateIati(readIatiFile('sample-activity.xml'), 'sample-activity.xml');
    expect(sample).toMatchObject({ valid: true, output: 'sample-activity.xml validates' });
    const noTitle = await validateIati(
      readIatiFile('sample-activity.xml').replace(/<title>[\s\S]*?<\/title>/, ''),
      'no-title.xml',
    );
    expect(noTitle.valid).toBe(false);
    expect(noTitle.errors.join('\n')).toMatch(/Element 'description': This element is not expected/);
    const notDecimal = await validateIati(
      readIatiFile('sample-activity.xml').replace('>250000</value>', '>250,000 USD</value>'),
      'not-decimal.xml',
    );
    expect(notDecimal.valid).toBe(false);
    expect(notDecimal.errors.join('\n')).toMatch(/not a valid value of the atomic type 'xs:decimal'/);
  });
});

describe(`GET /api/assistance/iati.xml (${STORE_KIND})`, () => {
  let xml = '';
  beforeAll(async () => {
    const res = await api.get(null, '/api/assistance/iati.xml');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="palermo-iati-activities.xml"');
    xml = res.body;
  });

  it('validates against iati-activities-schema.xsd', async () => {
    const result = await validateIati(xml, 'palermo-iati-activities.xml');
    // Kept for review beside the browser screenshots (test-artifacts/ is not committed).
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `iati-activities.${STORE_KIND}.xml`), xml);
    writeFileSync(join(ARTIFACTS, `iati-activities.${STORE_KIND}.validation.txt`), `${result.output}\n`);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ valid: true, output: 'palermo-iati-activities.xml validates' });
  });

  it('holds the published projects only, with the clock as generated-datetime', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n/);
    expect(xml).toContain('<iati-activities version="2.03" generated-datetime="2026-06-30T12:00:00.000Z">');
    expect(xml.match(/<iati-activity /g)).toHaveLength(2);
    expect(xml).toContain(`<iati-identifier>${DEFAULT_PUBLISHER.ref}-PRJ-${ids.nga}</iati-identifier>`);
    expect(xml).toContain(`<iati-identifier>${DEFAULT_PUBLISHER.ref}-PRJ-${ids.marked}</iati-identifier>`);
    expect(xml).not.toContain(GHA_SECRET);
    // The request behind a project stays confidential: its title is not published.
    expect(xml).not.toContain('confidential request text');
    expect(xml).toContain('do not publish this file');
  });

  it('maps the project: organisations, status, dates, country, sector, budget by year', () => {
    const nga = activityOf(xml, ids.nga);
    expect(nga).toContain('<reporting-org ref="XX-PALERMO" type="40">');
    expect(nga).toContain('<participating-org type="10" role="1">\n      <narrative>Italy</narrative>');
    expect(nga).toContain(
      '<participating-org type="60" role="1">\n      <narrative>A foundation</narrative>',
    );
    expect(nga).toContain('<participating-org role="4">\n      <narrative>UNODC Regional Office</narrative>');
    expect(nga).toContain('<activity-status code="2"/>');
    expect(nga).toContain('<activity-date type="1" iso-date="2026-04-01"/>');
    expect(nga).toContain('<activity-date type="2" iso-date="2026-06-30"/>');
    expect(nga).toContain('<activity-date type="3" iso-date="2027-09-30"/>');
    expect(nga).toContain('<recipient-country code="NG" percentage="100"/>');
    expect(nga).toContain('<sector vocabulary="1" code="15130" percentage="100"/>');
    // 18 months: a budget for each year, split by days (365 and 183), adding up to the budget exactly.
    const budgets = [...nga.matchAll(/<budget type="1" status="1">[\s\S]*?<\/budget>/g)].map((m) => m[0]);
    expect(budgets).toHaveLength(2);
    expect(budgets[0]).toContain('<period-start iso-date="2026-04-01"/>');
    expect(budgets[0]).toContain('<period-end iso-date="2027-03-31"/>');
    expect(budgets[1]).toContain('<period-end iso-date="2027-09-30"/>');
    const values = budgets.map((b) => /value-date="2026-04-01">([\d.]+)</.exec(b)?.[1]);
    expect(values).toEqual(['99908.76', '50091.24']);
    expect(activityOf(xml, ids.marked)).toContain('<sector vocabulary="1" code="15240" percentage="100"/>');
    expect(activityOf(xml, ids.marked)).toContain('<activity-status code="1"/>');
  });

  it('has the ledger as transactions: commitments, expenditure with support costs, release and reversal', () => {
    const nga = activityOf(xml, ids.nga);
    const tx = [...nga.matchAll(/<transaction ref="ledger-\d+">[\s\S]*?<\/transaction>/g)].map((m) => ({
      type: /transaction-type code="(\d+)"/.exec(m[0])?.[1],
      date: /transaction-date iso-date="([\d-]+)"/.exec(m[0])?.[1],
      value: /<value currency="USD" value-date="[\d-]+">(-?[\d.]+)<\/value>/.exec(m[0])?.[1],
      earmarking: /<aid-type vocabulary="2" code="(\d)"\/>/.exec(m[0])?.[1],
    }));
    expect(tx).toEqual([
      { type: '2', date: '2026-04-01', value: '100000.00', earmarking: '3' },
      { type: '2', date: '2026-04-02', value: '5000.00', earmarking: '1' },
      { type: '4', date: '2026-06-01', value: '50000.00', earmarking: '3' },
      { type: '4', date: '2026-06-01', value: '6500.00', earmarking: '3' },
      { type: '4', date: '2026-06-02', value: '1000.00', earmarking: '3' },
      { type: '4', date: '2026-06-02', value: '130.00', earmarking: '3' },
      { type: '4', date: '2026-06-03', value: '-1000.00', earmarking: '3' },
      { type: '4', date: '2026-06-03', value: '-130.00', earmarking: '3' },
      { type: '2', date: '2026-06-15', value: '-2000.00', earmarking: '3' },
    ]);
    expect(nga).toContain(
      `Allocation ${ids.allocation}: Italy's contribution under "TIP Protocol, Africa (TIP-AFRICA)"`,
    );
    expect(nga).toContain('Programme support costs (13%) on expenditure');
    expect(nga).toContain('(reversal of ledger transaction');
    // Illustrative money is never published: not the donor, not its 5000.00.
    expect(xml).not.toContain('Illustrative donor');
    expect(tx.filter((x) => x.value === '5000.00')).toHaveLength(1);
    // No memo or invoice reference of the ledger leaves the Fund.
    expect(xml).not.toContain('INV-77');
    expect(xml).not.toContain('wrong project');
  });

  it('has results: a numeric indicator with baseline, target and actual, a qualitative one, the outcome', () => {
    const nga = activityOf(xml, ids.nga);
    expect(nga).toContain('<indicator measure="1" ascending="1">');
    expect(nga).toContain('<baseline year="2026" value="120"/>');
    expect(nga).toMatch(
      /<period-start iso-date="2026-04-01"\/>\s*<period-end iso-date="2027-09-30"\/>\s*<target value="400"\/>/,
    );
    expect(nga).toMatch(
      /<period-start iso-date="2026-07-01"\/>\s*<period-end iso-date="2026-09-30"\/>\s*<actual value="210">\s*<comment>\s*<narrative>two shelters open<\/narrative>/,
    );
    expect(nga).toMatch(/<indicator measure="5">\s*<title>\s*<narrative>state of the draft law/);
    expect(nga).toMatch(/<baseline year="2026">\s*<comment>\s*<narrative>none<\/narrative>/);
    expect(nga).toContain('<result type="2">');
    expect(nga).toContain('<narrative>Trafficking in Persons (Amendment) Act 2026</narrative>');
  });

  it('escapes text that looks like markup', () => {
    expect(xml).toContain('<narrative>Courts &amp; &lt;prisons&gt; "reform" ]]&gt; in Ghana</narrative>');
    expect(xml).not.toContain(MARKUP);
  });
});

describe(`who sees which project in IATI (${STORE_KIND})`, () => {
  it("a State's focal point also gets its unpublished project; another State and the public do not", async () => {
    const ghana = await api.get('ghana', '/api/assistance/iati.xml');
    expect(ghana.statusCode).toBe(200);
    expect(ghana.body).toContain(GHA_SECRET);
    expect((await validateIati(ghana.body)).valid).toBe(true);
    for (const who of [null, 'nigeria']) {
      const one = await api.get(who, `/api/assistance/projects/${ids.gha}/iati.xml`);
      expect(one.statusCode).toBe(404);
      expect(one.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(one.body).not.toContain(GHA_SECRET);
      // Shaped like a project that does not exist.
      const missing = await api.get(who, '/api/assistance/projects/999999/iati.xml');
      expect(missing.statusCode).toBe(404);
      expect(Object.keys(one.json() as object).sort()).toEqual(Object.keys(missing.json() as object).sort());
    }
  });

  it('one project as its own file', async () => {
    const res = await api.get(null, `/api/assistance/projects/${ids.nga}/iati.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="palermo-iati-PRJ-${ids.nga}.xml"`);
    expect(res.body.match(/<iati-activity /g)).toHaveLength(1);
    expect((await validateIati(res.body)).valid).toBe(true);
  });

  it('a store with no published project answers 404: the schema wants at least one activity', async () => {
    const empty = await createTestApp();
    try {
      const res = await empty.app.inject({ url: '/api/assistance/iati.xml' });
      expect(res.statusCode).toBe(404);
      expect((res.json() as { detail: string }).detail).toMatch(/at least one activity/);
    } finally {
      await empty.close();
    }
  }, 120_000);
});

describe(`palermo assistance iati (${STORE_KIND})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'palermo-iati-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `palermo <args>` on this file's store, with these variables set for it. */
  const palermo = (args: string[], env: Record<string, string>) => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      return palermoOn(t.options)(...args);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };

  it('writes the published projects under the configured reporting organisation', async () => {
    const out = join(dir, 'activities.xml');
    const r = palermo(['assistance', 'iati', '--out', out], {
      PALERMO_IATI_ORG_REF: 'XM-EXAMPLE-1',
      PALERMO_IATI_ORG_NAME: 'Example reporting organisation',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`2 published project(s) written to ${out}\n`);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain(`<iati-identifier>XM-EXAMPLE-1-PRJ-${ids.nga}</iati-identifier>`);
    expect(xml).toContain('<narrative>Example reporting organisation</narrative>');
    expect(xml).not.toContain('do not publish this file');
    expect(xml).not.toContain(GHA_SECRET);
    expect(await validateIati(xml, 'activities.xml')).toMatchObject({ valid: true });
  }, 120_000);

  it('refuses an organisation identifier that is not one', () => {
    const r = palermo(['assistance', 'iati'], { PALERMO_IATI_ORG_REF: 'not an id' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^validation: PALERMO_IATI_ORG_REF "not an id" is not an organisation identifier/,
    );
    expect(() => publisherFromEnv({ PALERMO_IATI_ORG_TYPE: 'forty' })).toThrow(/OrganisationType/);
    expect(publisherFromEnv({})).toEqual(DEFAULT_PUBLISHER);
  }, 120_000);
});

describe(`a project at the calendar's end (${STORE_KIND})`, () => {
  it('budget periods stay bounded whatever the dates', () => {
    const long = budgetPeriods('2026-04-01', '2076-03-31', 5_000_000n);
    expect(long).toHaveLength(MAX_BUDGET_PERIODS);
    expect(long.at(-1)).toMatchObject({ start: '2075-04-01', end: '2076-03-31' });
    expect(long.reduce((sum, p) => sum + p.amount, 0n)).toBe(5_000_000n);
    // A stored "open-ended" project: once an endless loop (5-digit years misread), now no budget periods.
    expect(budgetPeriods('2026-04-01', '9999-12-31', 100n)).toEqual([]);
    expect(budgetPeriods('9999-01-01', '9999-12-31', 100n)).toEqual([
      { start: '9999-01-01', end: '9999-12-31', amount: 100n },
    ]);
    expect(budgetPeriods('9999-06-15', '9999-12-31', 7n)).toEqual([
      { start: '9999-06-15', end: '9999-12-31', amount: 7n },
    ]);
  });

  it('a new project may not end on 9999-12-31 or run for more than 50 years', async () => {
    const request = await approvedRequest(api, 'admin', {
      participantId: 'NGA',
      provisions: ['UNTOC 29'],
      title: 'Training of prosecutors',
    });
    for (const endsOn of ['9999-12-31', '2076-04-01']) {
      const res = await api.send(
        'admin',
        '/api/assistance/projects',
        {
          requestId: request,
          title: 'Open-ended',
          budget: '1000.00',
          startsOn: '2026-04-01',
          endsOn,
          implementingPartner: 'UNODC',
          beneficiaries: 'Prosecutors',
        },
        422,
      );
      expect(res.json()).toMatchObject({
        errors: [{ field: 'endsOn', message: expect.stringMatching(/at most 50 years/) }],
      });
    }
  });

  it('a project stored ending 9999-12-31 is exported without a budget, and the file validates', async () => {
    const store = await createTestApp();
    try {
      const a = await assistanceApi(store, {});
      const request = await approvedRequest(a, 'admin', {
        participantId: 'NGA',
        provisions: ['UNTOC 29'],
        title: 'Legacy request',
      });
      // Written as a store from before the 50-year bound could hold it.
      const id = await insertProject(store.store.db, {
        requestId: request,
        participantId: 'NGA',
        title: 'Open-ended legacy project',
        budget: 100_000n,
        startsOn: '2020-01-01',
        endsOn: '9999-12-31',
        implementingPartner: 'UNODC',
        beneficiaries: 'Courts',
        offerId: null,
        published: true,
        status: 'active',
        createdAt: '2020-01-01T00:00:00.000Z',
        createdBy: 'test',
      });
      const res = await store.app.inject({ url: '/api/assistance/iati.xml' });
      expect(res.statusCode, res.body).toBe(200);
      const activity = activityOf(res.body, id);
      expect(activity).toContain('<activity-date type="1" iso-date="2020-01-01"');
      expect(activity).not.toContain('<budget');
      expect((await validateIati(res.body)).valid).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});

/** The `iati-activity` element of a project, as text. */
function activityOf(xml: string, projectId: number): string {
  const m = new RegExp(
    `<iati-activity [^>]*>\\s*<iati-identifier>[^<]*-PRJ-${projectId}</iati-identifier>[\\s\\S]*?</iati-activity>`,
  ).exec(xml);
  if (!m) throw new Error(`no activity for project ${projectId}`);
  return m[0];
}
