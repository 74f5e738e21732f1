// Technical assistance in a real browser against the real server and the real country data, across roles: a
// State focal point assesses Nigeria's needs (the server's rule at its field: a provision partly in place
// cites its measure) and drafts and submits a request; a programme officer assesses and approves it and makes
// it a project; a fund officer funds it from an earmark, taking the matching proposal, and posts spending;
// the programme officer starts the work and records a result and the outcome; the country page shows the
// chain need → request → project → money → outcome (to the public without the confidential request).
// Users sign in as people do: the Secretariat with its second factor.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  expectNoAxeViolations,
  fieldError,
  screenshot,
  signIn,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

/** Text as a reader sees it: amounts keep their currency code with a no-break space. */
const norm = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ').trim();

describe.skipIf(!hasChromium)('technical assistance in Chromium, across roles', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let focal: Page;
  let programme: Page;
  let fund: Page;
  let requestId = 0;
  let projectId = 0;
  const pageErrors: string[] = [];
  const FOCAL = { email: 'nga.focal@example.org', password: 'baobab river signal 4' };
  const PROGRAMME = { email: 'pia.programme@example.org', password: 'cedar lantern harbour 7' };
  const FUND = { email: 'fred.fund@example.org', password: 'walnut canal meadow 2' };

  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  /** Money to fund it, through the API: Italy's contribution earmarked for the TIP Protocol in Africa. */
  async function api(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${server!.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server!.token}`,
        'content-type': 'application/json',
        'idempotency-key': `setup-${path.replace(/\W/g, '-')}`,
      },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    await api('/api/fund/donors', { id: 'ITA', name: 'Italy', kind: 'state', participantId: 'ITA' });
    await api('/api/fund/earmarks', {
      id: 'TIP-AFRICA',
      name: 'TIP Protocol, Africa',
      purpose: 'special',
      iatiCategory: 3,
      instrumentId: 'TIP',
      region: 'Africa',
    });
    await api('/api/fund/payments', {
      donorId: 'ITA',
      receivedOn: '2026-02-01',
      currency: 'USD',
      amount: '200000.00',
      earmarkId: 'TIP-AFRICA',
    });
    await server.createUser({ ...FOCAL, displayName: 'Ngozi Focal', role: 'focal_point', states: ['NGA'] });
    await server.createUser({ ...PROGRAMME, displayName: 'Pia Programme', role: 'programme_officer' });
    await server.createUser({ ...FUND, displayName: 'Fred Fund', role: 'fund_officer' });
    browser = await launchChromium();
    [focal, programme, fund] = await Promise.all([newPage(), newPage(), newPage()]);
    await signIn(focal, server.url, FOCAL.email, FOCAL.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const row = (page: Page, provision: string) =>
    page.locator(`[data-testid="assessment-table"] tr[data-provision="${provision}"]`);

  it("a focal point assesses Nigeria's needs, provision by provision; the server's rule shows at its field", async () => {
    await focal.goto(`${server!.url}/assistance`);
    await focal
      .getByRole('navigation', { name: 'Technical assistance' })
      .getByRole('link', { name: 'Needs assessment (NGA)' })
      .click();
    await focal.waitForURL(/\/assistance\/countries\/NGA\/assessment$/);
    await focal.getByTestId('assessment-table').waitFor();
    expect(await focal.getByRole('heading', { level: 1 }).textContent()).toBe('Needs assessment: Nigeria');
    expect(await focal.getByTestId('publication-state').textContent()).toBe(
      'Confidential: only the State and the Secretariat may read this assessment.',
    );
    await focal.getByLabel('Instrument').selectOption('TIP');
    await focal.waitForURL(/instrument=TIP/);
    await waitForText(focal, '[data-testid="assessment-table"] caption', '20 provisions');

    await row(focal, 'TIP 6').getByRole('button', { name: 'Assess TIP 6' }).click();
    const editor = focal.getByTestId('assess-form');
    await editor.getByLabel('Status').selectOption('not_in_place');
    await editor.getByLabel('Institution building').check();
    await editor.getByLabel('Training').check();
    await editor.getByLabel('Assessed on').fill('2026-03-01');
    await editor.getByRole('button', { name: 'Save the assessment' }).click();
    await focal.getByTestId('assessment-saved').waitFor();
    await waitForText(focal, '[data-provision="TIP 6"] [data-column="status"] .assess', 'Not in place');

    await row(focal, 'TIP 5').getByRole('button', { name: 'Assess TIP 5' }).click();
    await editor.getByLabel('Status').selectOption('partly');
    await editor.getByLabel('Legislative drafting').check();
    await editor.getByLabel('Assessed on').fill('2026-03-01');
    await editor.getByRole('button', { name: 'Save the assessment' }).click();
    await focal.locator('.field-invalid').waitFor();
    expect(await fieldError(focal, 'Measure cited')).toEqual({
      invalid: 'true',
      message: 'Error: cite the legislation or measure that is in place',
    });
    await expectNoAxeViolations(focal);
    await screenshot(focal, 'assistance-assessment-error.png');
    await editor.getByLabel('Measure cited').fill('Trafficking in Persons Act 2015, s. 13');
    await editor.getByRole('button', { name: 'Save the assessment' }).click();
    await waitForText(focal, '[data-provision="TIP 5"] [data-column="status"] .assess', 'Partly in place');
    expect(await focal.locator('[data-count="partly"] dd').textContent()).toBe('1');
    expect(await focal.locator('[data-count="not_in_place"] dd').textContent()).toBe('1');
    // What remains: both, since neither is in place.
    await focal.getByLabel('Only what remains (not yet in place)').check();
    await waitForText(focal, '[data-testid="assessment-table"] caption', '20 provisions');
    await expectNoAxeViolations(focal);
    await screenshot(focal, 'assistance-assessment.png');
  });

  it('the public cannot read the unpublished assessment', async () => {
    const page = await newPage();
    await page.goto(`${server!.url}/assistance/countries/NGA/assessment`);
    await page.getByTestId('assessment-unavailable').waitFor();
    expect(await page.getByTestId('assessment-table').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('the focal point drafts a request for the needs assessed and submits it', async () => {
    await focal.getByRole('link', { name: 'Request assistance for the needs assessed' }).click();
    await focal.waitForURL(/\/assistance\/requests\/new\?participant=NGA&provisions=/);
    const form = focal.getByTestId('request-form');
    await form.waitFor();
    expect(await focal.getByLabel('State', { exact: true }).inputValue()).toBe('NGA');
    expect(await focal.getByLabel('State', { exact: true }).locator('option').allTextContents()).toEqual([
      'Choose…',
      'Nigeria (NGA)',
    ]);
    expect(await focal.locator('.provision-picker .hint').first().textContent()).toBe('Chosen: TIP 5, TIP 6');
    await focal.getByRole('button', { name: 'Save the draft' }).click();
    expect((await fieldError(focal, 'Title')).message).toBe('Error: Enter a title.');
    await focal.getByLabel('Title', { exact: true }).fill('Victim assistance and protection under TIP art. 6');
    await focal
      .getByLabel('What is needed')
      .fill('Set up shelters; train officers of NAPTIP and the police.');
    await focal
      .getByRole('group', { name: 'Assistance asked for' })
      .getByLabel('Institution building')
      .check();
    await focal.getByRole('group', { name: 'Assistance asked for' }).getByLabel('Training').check();
    await focal.getByLabel('Estimated cost in US dollars (optional)').fill('150000.00');
    await focal.getByLabel('Requested on').fill('2026-03-02');
    await waitForText(focal, '[data-testid="eligibility-hint"] strong', 'Eligible.');
    await expectNoAxeViolations(focal);
    await screenshot(focal, 'assistance-new-request.png');
    await focal.getByRole('button', { name: 'Save the draft' }).click();
    await focal.waitForURL(/\/assistance\/requests\/\d+$/);
    requestId = Number(/(\d+)$/.exec(focal.url())![1]);
    await focal.getByTestId('request').waitFor();
    expect(await focal.getByTestId('request-status').first().textContent()).toBe('Draft');
    expect(await focal.getByTestId('request-eligibility').textContent()).toMatch(
      /^Eligible\. Nigeria is a developing country on 2026-03-02/,
    );
    const workflow = focal.getByTestId('workflow');
    expect(await workflow.getByRole('button').allTextContents()).toEqual(['Submit the request', 'Withdraw']);
    // Withdrawing needs a reason, said at the field.
    await workflow.getByRole('button', { name: 'Withdraw' }).click();
    expect(await fieldError(focal, 'Reason')).toEqual({
      invalid: 'true',
      message: 'Error: Say why the request is withdrawn.',
    });
    await workflow.getByRole('button', { name: 'Submit the request' }).click();
    await waitForText(
      focal,
      '[data-testid="request"] .as-of-lead [data-testid="request-status"]',
      'Submitted',
    );
    expect(await workflow.getByRole('button').allTextContents()).toEqual(['Withdraw']);
    expect(await focal.locator('[data-testid="steps"] tbody th').allTextContents()).toEqual([
      'Draft',
      'Draft → Submitted',
    ]);
    await expectNoAxeViolations(focal);
  });

  it('a programme officer assesses and approves it, and makes it a project', async () => {
    await signInEnrollingMfa(programme, server!.url, PROGRAMME.email, PROGRAMME.password);
    await programme.goto(`${server!.url}/assistance/requests`);
    const listed = programme.locator(`[data-testid="requests-table"] tr[data-request="${requestId}"]`);
    await listed.waitFor();
    expect(norm(await listed.locator('[data-column="status"]').textContent())).toBe('Submitted');
    await expectNoAxeViolations(programme);
    await listed.getByRole('link', { name: /^Request \d+/ }).click();
    await programme.waitForURL(new RegExp(`/assistance/requests/${requestId}$`));
    const workflow = programme.getByTestId('workflow');
    await workflow.getByRole('button', { name: 'Mark as assessed' }).click();
    await waitForText(
      programme,
      '[data-testid="request"] .as-of-lead [data-testid="request-status"]',
      'Assessed',
    );
    await workflow.getByRole('button', { name: 'Approve' }).click();
    await waitForText(
      programme,
      '[data-testid="request"] .as-of-lead [data-testid="request-status"]',
      'Approved',
    );

    const create = programme.getByTestId('create-project');
    await create.waitFor();
    expect(await create.getByLabel('Title').inputValue()).toBe(
      'Victim assistance and protection under TIP art. 6',
    );
    expect(await create.getByLabel('Budget (USD)').inputValue()).toBe('150000.00');
    await create.getByLabel('Title').fill('Protecting victims of trafficking in Nigeria');
    await create.getByLabel('Budget (USD)').fill('120000.00');
    await create.getByLabel('Starts on').fill('2026-04-01');
    await create.getByLabel('Ends on').fill('2027-03-31');
    await create.getByLabel('Implementing partner').fill('UNODC Country Office Nigeria');
    await create.getByLabel('Beneficiaries').fill('NAPTIP; shelters in Lagos and Benin City');
    await create.getByLabel('Publish the project (anyone may see it)').check();
    await expectNoAxeViolations(programme);
    await screenshot(programme, 'assistance-request-approved.png');
    await create.getByRole('button', { name: 'Create the project' }).click();
    await programme.waitForURL(/\/assistance\/projects\/\d+$/);
    projectId = Number(/(\d+)$/.exec(programme.url())![1]);
    await programme.getByTestId('project').waitFor();
    expect(norm(await programme.locator('[data-count="budget"] dd').textContent())).toBe('120,000.00');
    expect(norm(await programme.locator('[data-count="funded"] dd').textContent())).toBe('0.00');
    // A result with its indicator, for the measurements to come.
    const result = programme.getByTestId('result-form');
    await result.getByLabel('Title').fill('Officers trained in identifying victims');
    await result.getByLabel('Indicator').fill('Officers who completed the course');
    await result.getByLabel('Unit').fill('officers');
    await result.getByLabel('Baseline').fill('0');
    await result.getByLabel('Target').fill('200');
    await result.getByRole('button', { name: 'Add a result' }).click();
    await programme.locator('[data-result]').waitFor();
  });

  it('a fund officer funds it from the earmark the matching proposes, and posts spending', async () => {
    await signInEnrollingMfa(fund, server!.url, FUND.email, FUND.password);
    await fund.goto(`${server!.url}/assistance/projects/${projectId}`);
    const funding = fund.getByTestId('funding-form');
    await funding.getByTestId('suggestions').waitFor();
    expect(norm(await funding.getByTestId('suggestions').locator('li').textContent())).toBe(
      'Italy — TIP Protocol, Africa: 120,000.00 USD Use this',
    );
    await funding.getByRole('button', { name: 'Use this' }).click();
    expect(await funding.getByLabel('Donor').inputValue()).toBe('ITA');
    expect(await funding.getByLabel('Earmark').inputValue()).toBe('TIP-AFRICA');
    expect(await funding.getByLabel('Amount (USD)').inputValue()).toBe('120000.00');
    await funding.getByLabel('Amount (USD)').fill('100000.00');
    await funding.getByLabel('Date').fill('2026-04-01');
    await funding.getByRole('button', { name: 'Fund the project' }).click();
    await funding.getByTestId('outcome').waitFor();
    expect(norm(await funding.getByTestId('outcome').textContent())).toBe(
      'Funded: 100,000.00 USD of a budget of 120,000.00 USD.',
    );
    await waitForText(fund, '[data-count="funded"] dd', '100,000.00');

    const spending = fund.getByTestId('spending-form');
    await spending.waitFor();
    await spending.getByLabel('Amount (USD)').fill('50000.00');
    await spending.getByLabel('Date').fill('2026-06-01');
    await spending.getByLabel('Reference (optional)').fill('INV-77');
    await spending.getByRole('button', { name: 'Post the spending' }).click();
    await spending.getByTestId('outcome').waitFor();
    expect(norm(await spending.getByTestId('outcome').textContent())).toBe(
      'Spent so far: 50,000.00 USD, with 6,500.00 USD of support costs.',
    );
    await waitForText(fund, '[data-count="spent"] dd', '50,000.00');
    expect(norm(await fund.locator('[data-count="supportCosts"] dd').textContent())).toBe('6,500.00');
    expect(norm(await fund.locator('[data-count="unfunded"] dd').textContent())).toBe('20,000.00');
    const line = fund.locator('[data-testid="funding-lines"] tbody tr');
    expect((await line.locator('td').allTextContents()).map(norm)).toEqual([
      'Italy',
      'TIP Protocol, Africa',
      '100,000.00',
      '50,000.00',
      '6,500.00',
      '43,500.00',
    ]);
    // A fund officer does not manage the programme.
    expect(await fund.getByTestId('result-form').count()).toBe(0);
    await expectNoAxeViolations(fund);
    await screenshot(fund, 'assistance-project-funded.png');
  });

  it('the programme officer starts the work, measures the result and records the outcome', async () => {
    await programme.goto(`${server!.url}/assistance/projects/${projectId}`);
    const steps = programme.getByTestId('project-steps');
    await steps.getByRole('button', { name: 'Start the work' }).click();
    await steps.getByRole('button', { name: 'Complete the project' }).waitFor();
    const measurement = programme.getByTestId('measurement-form');
    await measurement.getByLabel('Period').fill('2026-Q2');
    await measurement.getByLabel('Actual value').fill('120');
    await measurement.getByRole('button', { name: 'Record a measurement' }).click();
    await measurement.getByTestId('outcome').waitFor();
    expect(await programme.locator('[data-result] tbody tr').allTextContents()).toEqual([
      'Baseline0—none',
      '2026-Q2120—none',
      'Target200—none',
    ]);
    const outcome = programme.getByTestId('outcome-form');
    await outcome.getByLabel('Kind of outcome').selectOption('legislation_adopted');
    await outcome.getByLabel('Date').fill('2026-06-15');
    await outcome.getByRole('button', { name: 'Record an outcome' }).click();
    expect((await fieldError(programme, 'Law adopted')).message).toBe('Error: Cite the law adopted.');
    await outcome
      .getByLabel('Law adopted')
      .fill('Trafficking in Persons (Prohibition) Enforcement and Administration (Amendment) Act 2026');
    await outcome.getByRole('button', { name: 'Record an outcome' }).click();
    await programme.getByTestId('outcomes').waitFor();
    expect(await programme.getByTestId('outcomes').textContent()).toBe(
      '15 June 2026 Legislation adopted — Trafficking in Persons (Prohibition) Enforcement and Administration (Amendment) Act 2026',
    );
    await expectNoAxeViolations(programme);
    await screenshot(programme, 'assistance-project.png');
  });

  it('the country page shows the chain: need → request → project → money → outcome', async () => {
    await focal.goto(`${server!.url}/countries/NGA`);
    const chain = focal.getByTestId('chain-row');
    await chain.waitFor();
    expect(await focal.getByTestId('eligibility').textContent()).toMatch(
      /^Nigeria may receive technical assistance today\. Nigeria is a developing country on 2026-06-30/,
    );
    const step = (name: string) => chain.locator(`[data-step="${name}"]`);
    expect(await step('need').locator('li').allTextContents()).toEqual([
      'TIP 5 Criminalization — Partly in place: Legislative drafting',
      'TIP 6 Assistance to and protection of victims of trafficking in persons — Not in place: Institution building, Training',
    ]);
    expect(norm(await step('request').textContent())).toBe(
      'RequestVictim assistance and protection under TIP art. 6 In progress',
    );
    expect(norm(await step('project').textContent())).toBe(
      'ProjectProtecting victims of trafficking in Nigeria Active',
    );
    expect(norm(await step('money').locator('p').textContent())).toBe(
      'Budget (USD) 120,000.00 · Funded 100,000.00 · Spent 50,000.00',
    );
    expect(norm(await step('money').locator('li').textContent())).toBe(
      'Italy (TIP Protocol, Africa): 100,000.00 USD',
    );
    expect(norm(await step('outcome').textContent())).toBe(
      'Outcome15 June 2026 Legislation adopted — Trafficking in Persons (Prohibition) Enforcement and Administration (Amendment) Act 2026',
    );
    await expectNoAxeViolations(focal);
    await screenshot(focal, 'country-chain.png');

    // The public: the published project, its money and outcome; the confidential request and needs left out.
    const page = await newPage();
    await page.goto(`${server!.url}/countries/NGA`);
    const publicChain = page.getByTestId('chain-row');
    await publicChain.waitFor();
    expect(norm(await publicChain.locator('[data-step="request"]').textContent())).toBe('RequestNot public.');
    expect(norm(await publicChain.locator('[data-step="need"]').textContent())).toBe('NeedNot public.');
    expect(norm(await publicChain.locator('[data-step="money"] li').textContent())).toBe(
      'Italy (TIP Protocol, Africa): 100,000.00 USD',
    );
    expect(await page.getByTestId('country-contributions').textContent()).toContain(
      'Not a donor to the Fund.',
    );
    await expectNoAxeViolations(page);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
