// Technical assistance in a real browser against the real server, on the real country data: Malawi's focal
// point (a least developed, landlocked country, so eligible with priority) assesses its needs under the
// Trafficking in Persons Protocol article by article and submits a request (its mistakes shown at their
// fields first); Senegal's focal point sees none of it; a programme officer assesses and approves it and makes
// it a project; a fund officer records a donor, an earmark for the Protocol in Africa and a payment under it,
// funds the project from the earmark and posts spending; the project page shows funded vs budget vs spent and
// Malawi's country page the chain need → request → project → money → outcome. Every assistance page passes
// axe, in English and in French.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { TEST_TODAY } from '../helpers/store.ts';
import {
  expectNoAxeViolations,
  fieldError,
  screenshot,
  signIn,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

describe.skipIf(!hasChromium)('technical assistance in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let focal: Page;
  let programme: Page;
  let fund: Page;
  let requestId = 0;
  let projectId = 0;
  const pageErrors: string[] = [];
  const FOCAL = { email: 'mwi.focal@example.org', password: 'baobab river lantern 4' };
  const OTHER = { email: 'sen.focal@example.org', password: 'acacia harbour drum 7' };
  const PROGRAMME = { email: 'pat.programme@example.org', password: 'granite meadow violin 2' };
  const FUND = { email: 'fred.fund@example.org', password: 'copper canal whistle 6' };
  const TITLE = 'Protecting victims of trafficking in Malawi';

  /** A page in a new context; `as`: signed in with the session of that page. */
  async function newPage(locale = 'en-US', as?: Page): Promise<Page> {
    const context = await browser!.newContext({
      locale,
      ...(as ? { storageState: await as.context().storageState() } : {}),
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    // The browser's calendar agrees with the server's (whose clock is fixed at noon on TEST_TODAY).
    await context.clock.setFixedTime(new Date(`${TEST_TODAY}T12:00:00.000Z`));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  const outcome = (page: Page) => page.getByTestId('outcome');

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    await server.createUser({ ...FOCAL, displayName: 'Mia Focal', role: 'focal_point', states: ['MWI'] });
    await server.createUser({ ...OTHER, displayName: 'Sam Focal', role: 'focal_point', states: ['SEN'] });
    await server.createUser({ ...PROGRAMME, displayName: 'Pat Programme', role: 'programme_officer' });
    await server.createUser({ ...FUND, displayName: 'Fred Fund', role: 'fund_officer' });
    browser = await launchChromium();
    focal = await newPage();
    await signIn(focal, server.url, FOCAL.email, FOCAL.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("Malawi's focal point assesses its needs under the TIP Protocol, article by article", async () => {
    await focal.goto(`${server!.url}/assistance`);
    await focal.getByRole('heading', { level: 1, name: 'Technical assistance' }).waitFor();
    await expectNoAxeViolations(focal);
    await focal.getByRole('link', { name: 'Needs assessment (MWI)' }).click();
    await focal.waitForURL(/\/assistance\/countries\/MWI\/assessment$/);
    await focal.getByRole('heading', { level: 1, name: 'Needs assessment: Malawi' }).waitFor();
    await focal.getByTestId('assessment-table').waitFor();
    expect(await focal.getByTestId('publication-state').textContent()).toBe(
      'Confidential: only the State and the Secretariat may read this assessment.',
    );
    await focal.getByLabel('Instrument', { exact: true }).selectOption('TIP');
    await focal.waitForURL(/instrument=TIP/);
    await focal.locator('tr[data-provision="UNTOC 5"]').waitFor({ state: 'detached' });

    // Article 5: in place, with the law cited.
    await focal.getByRole('button', { name: 'Assess TIP 5' }).click();
    const form = focal.getByTestId('assess-form');
    await form.waitFor();
    await form.getByRole('button', { name: 'Save the assessment' }).click();
    await focal.locator('.error-summary').waitFor();
    expect(await fieldError(focal, 'Status')).toEqual({
      invalid: 'true',
      message: 'Error: Choose the status of the provision.',
    });
    await form.getByLabel('Status', { exact: true }).selectOption('in_place');
    await form
      .getByLabel('Measure cited', { exact: true })
      .fill('Trafficking in Persons Act, 2015 (No. 3 of 2015), s. 14');
    await form.getByRole('button', { name: 'Save the assessment' }).click();
    await focal.getByTestId('assessment-saved').waitFor();
    expect(await focal.getByTestId('assessment-saved').textContent()).toBe(
      'The assessment of TIP 5 is saved.',
    );

    // Article 6: partly in place, with assistance needed.
    await focal.getByRole('button', { name: 'Assess TIP 6' }).click();
    await form.waitFor();
    await form.getByLabel('Status', { exact: true }).selectOption('partly');
    await form.getByLabel('Measure cited', { exact: true }).fill('Trafficking in Persons Act, 2015, Part IV');
    await form.getByLabel('Institution building', { exact: true }).check();
    await form.getByLabel('Training', { exact: true }).check();
    await form.getByRole('button', { name: 'Save the assessment' }).click();
    await waitForText(focal, '[data-testid="assessment-saved"]', 'The assessment of TIP 6 is saved.');
    const row6 = focal.locator('tr[data-provision="TIP 6"]');
    await waitForText(
      focal,
      'tr[data-provision="TIP 6"] td[data-column="status"] .assess',
      'Partly in place',
    );
    expect(await row6.locator('td').nth(4).textContent()).toBe('Institution building, Training');
    expect(await focal.locator('[data-count="in_place"] dd').textContent()).toBe('1');
    expect(await focal.locator('[data-count="partly"] dd').textContent()).toBe('1');
    await expectNoAxeViolations(focal);
    await screenshot(focal, 'assistance-assessment.png');
  });

  it('submits a request: the mistakes are shown at their fields first', async () => {
    await focal.getByRole('link', { name: 'Request assistance for the needs assessed' }).click();
    await focal.waitForURL(/\/assistance\/requests\/new\?/);
    const form = focal.getByTestId('request-form');
    await form.waitFor();
    expect(await focal.getByLabel('State', { exact: true }).inputValue()).toBe('MWI');
    expect(await focal.getByTestId('eligibility-hint').textContent()).toMatch(
      /^Eligible\. Malawi is a developing country on 2026-06-30/,
    );
    expect(
      await form
        .getByRole('group', { name: 'Trafficking in Persons Protocol' })
        .getByLabel('art. 6 Assistance to and protection of victims of trafficking in persons', {
          exact: true,
        })
        .isChecked(),
    ).toBe(true);
    await expectNoAxeViolations(focal);

    // Nothing filled in: the form says what is missing before sending anything.
    await focal.getByRole('button', { name: 'Save the draft' }).click();
    await focal.locator('.error-summary').waitFor();
    expect(await fieldError(focal, 'Title')).toEqual({ invalid: 'true', message: 'Error: Enter a title.' });
    expect((await fieldError(focal, 'What is needed')).message).toBe('Error: Say what is needed.');
    expect(await focal.locator('.error-summary li').allTextContents()).toContain(
      'Choose at least one kind of assistance.',
    );

    // The server's rules, at their fields: a cost with separators, a date needed before the request.
    await focal.getByLabel('Title', { exact: true }).fill('Victim protection under TIP art. 6');
    await focal
      .getByLabel('What is needed', { exact: true })
      .fill('Set up two shelters, train labour inspectors and police on identifying victims.');
    await form
      .getByRole('group', { name: 'Assistance asked for' })
      .getByLabel('Training', { exact: true })
      .check();
    await form
      .getByRole('group', { name: 'Assistance asked for' })
      .getByLabel('Institution building', { exact: true })
      .check();
    await focal.getByLabel('Needed by (optional)', { exact: true }).fill('2026-01-31');
    await focal.getByLabel('Estimated cost in US dollars (optional)', { exact: true }).fill('150,000');
    await focal.getByRole('button', { name: 'Save the draft' }).click();
    await focal.locator('.field-invalid').first().waitFor();
    // The server's answer: wait for the message at this field (not only for some field marked invalid).
    await expect
      .poll(() => fieldError(focal, 'Estimated cost in US dollars (optional)'), { timeout: 20_000 })
      .toEqual({
        invalid: 'true',
        message: 'Error: must be a positive decimal amount such as 1250.00, without separators',
      });
    await focal.getByLabel('Estimated cost in US dollars (optional)', { exact: true }).fill('150000.00');
    await focal.getByRole('button', { name: 'Save the draft' }).click();
    await focal.waitForFunction(() =>
      [...document.querySelectorAll('.field-error')].some((e) => e.textContent?.includes('needed before')),
    );
    expect(await fieldError(focal, 'Needed by (optional)')).toEqual({
      invalid: 'true',
      message: 'Error: needed before it is requested',
    });
    await expectNoAxeViolations(focal);
    await focal.getByLabel('Needed by (optional)', { exact: true }).fill('2026-12-31');
    await focal.getByRole('button', { name: 'Save the draft' }).click();

    await focal.waitForURL(/\/assistance\/requests\/\d+$/);
    requestId = Number(/(\d+)$/.exec(focal.url())![1]);
    const request = focal.getByTestId('request');
    await request.waitFor();
    expect(await request.getByTestId('request-status').first().textContent()).toBe('Draft');
    expect(await focal.getByTestId('request-eligibility').textContent()).toMatch(
      /^Eligible\. Malawi is a developing country on 2026-06-30/,
    );
    expect(
      await request.locator('dt', { hasText: 'Priority' }).locator('xpath=..').locator('dd').textContent(),
    ).toBe('least developed country, landlocked developing country');
    await focal.getByRole('button', { name: 'Submit the request' }).click();
    await waitForText(
      focal,
      '[data-testid="request"] .as-of-lead [data-testid="request-status"]',
      'Submitted',
    );
    expect(
      await focal.locator('[data-testid="steps"] tbody tr').last().locator('td').allTextContents(),
    ).toEqual(['2026-06-30 12:00', 'Mia Focal (State focal point)', '—none']);
    expect(await focal.getByRole('button', { name: 'Mark as assessed' }).count()).toBe(0);
    expect(await focal.getByRole('button', { name: 'Withdraw' }).count()).toBe(1);
    await expectNoAxeViolations(focal);
    await screenshot(focal, 'assistance-request-submitted.png');

    await focal.goto(`${server!.url}/assistance/requests`);
    const row = focal.locator(`[data-testid="requests-table"] tr[data-request="${requestId}"]`);
    await row.waitFor();
    // The State's name comes from the list of participants, which loads apart from the requests.
    await waitForText(focal, `[data-testid="requests-table"] tr[data-request="${requestId}"] td`, 'Malawi');
    expect(await row.locator('td').first().textContent()).toBe('Malawi');
    await expectNoAxeViolations(focal);
  });

  it("Senegal's focal point sees none of it, in the list or by its address", async () => {
    const page = await newPage();
    await signIn(page, server!.url, OTHER.email, OTHER.password);
    await page.goto(`${server!.url}/assistance/requests`);
    await page.getByTestId('requests-table').or(page.getByText('0 requests')).first().waitFor();
    expect(await page.locator('[data-testid="requests-table"] tbody tr[data-request]').count()).toBe(0);
    await page.goto(`${server!.url}/assistance/requests/${requestId}`);
    // Answered exactly like a request that does not exist.
    const unavailable = page.getByTestId('request-unavailable');
    await unavailable.waitFor();
    const shown = await unavailable.innerText();
    expect(shown).toMatch(/^This request is not available/);
    expect(await page.getByTestId('request').count()).toBe(0);
    await page.goto(`${server!.url}/assistance/requests/999`);
    await waitForText(page, 'h1', 'Request 999');
    expect(await unavailable.innerText()).toBe(shown);
    await page.goto(`${server!.url}/assistance/countries/MWI/assessment`);
    await page.getByTestId('assessment-unavailable').waitFor();
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('a programme officer assesses and approves it, and makes it a project', async () => {
    programme = await newPage();
    await signInEnrollingMfa(programme, server!.url, PROGRAMME.email, PROGRAMME.password);
    await programme.goto(`${server!.url}/assistance/requests?status=submitted`);
    await programme
      .locator(`tr[data-request="${requestId}"]`)
      .getByRole('link', { name: `Request ${requestId} — Victim protection under TIP art. 6` })
      .click();
    await programme.waitForURL(new RegExp(`/assistance/requests/${requestId}$`));
    await programme.getByRole('button', { name: 'Mark as assessed' }).click();
    const status = '[data-testid="request"] .as-of-lead [data-testid="request-status"]';
    await waitForText(programme, status, 'Assessed');
    // Declining needs a reason, said at the field.
    await programme.getByRole('button', { name: 'Decline' }).click();
    await expect
      .poll(() => fieldError(programme, 'Reason'), { timeout: 20_000 })
      .toEqual({
        invalid: 'true',
        message: 'Error: Say why the request is declined.',
      });
    await programme.getByRole('button', { name: 'Approve' }).click();
    await waitForText(programme, status, 'Approved');
    const form = programme.getByTestId('create-project');
    await form.waitFor();
    await expectNoAxeViolations(programme);
    expect(await form.getByLabel('Budget (USD)', { exact: true }).inputValue()).toBe('150000.00');
    await form.getByLabel('Title', { exact: true }).fill(TITLE);
    await form.getByLabel('Budget (USD)', { exact: true }).fill('120000.00');
    await form.getByLabel('Starts on', { exact: true }).fill('2026-07-01');
    await form.getByLabel('Ends on', { exact: true }).fill('2027-06-30');
    await form
      .getByLabel('Implementing partner', { exact: true })
      .fill('UNODC Regional Office for Southern Africa');
    await form
      .getByLabel('Beneficiaries', { exact: true })
      .fill('Malawi Police Service; Ministry of Labour; shelters in Lilongwe');
    await form.getByLabel('Publish the project (anyone may see it)', { exact: true }).check();
    await form.getByRole('button', { name: 'Create the project' }).click();
    await programme.waitForURL(/\/assistance\/projects\/\d+$/);
    projectId = Number(/(\d+)$/.exec(programme.url())![1]);
    await programme.getByTestId('project').waitFor();
    expect(await programme.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    expect(await programme.locator('[data-count="budget"] dd').textContent()).toBe('120,000.00');
    expect(await programme.locator('[data-count="funded"] dd').textContent()).toBe('0.00');
    // Activities and a result with its indicator.
    const activity = programme.getByTestId('activity-form');
    await activity.getByLabel('Title', { exact: true }).fill('Training of 200 police and labour inspectors');
    await activity.getByLabel('Starts on', { exact: true }).fill('2026-09-01');
    await activity.getByLabel('Ends on', { exact: true }).fill('2027-03-31');
    await activity.getByRole('button', { name: 'Add an activity' }).click();
    await programme.getByTestId('activities').waitFor();
    const result = programme.getByTestId('result-form');
    await result.getByLabel('Title', { exact: true }).fill('Officers able to identify victims');
    await result.getByLabel('Indicator', { exact: true }).fill('Officers trained on victim identification');
    await result.getByLabel('Unit', { exact: true }).fill('officers');
    await result.getByLabel('Baseline', { exact: true }).fill('0');
    await result.getByLabel('Target', { exact: true }).fill('200');
    await result.getByRole('button', { name: 'Add a result' }).click();
    await programme.locator('.result caption').first().waitFor();
    await expectNoAxeViolations(programme);
  });

  it('a fund officer records a donor, an earmark and a payment under it', async () => {
    fund = await newPage();
    await signInEnrollingMfa(fund, server!.url, FUND.email, FUND.password);
    await fund.goto(`${server!.url}/fund/record?what=donor`);
    await fund.getByTestId('donor-form').waitFor();
    await fund.getByLabel('State or organization in the registry', { exact: true }).selectOption('ITA');
    await fund.getByRole('button', { name: 'Record the donor' }).click();
    await outcome(fund).waitFor();

    // Italy's money for the TIP Protocol in Africa, and some for Senegal alone.
    const earmark = async (id: string, name: string, limits: Record<string, string>) => {
      await fund.goto(`${server!.url}/fund/record?what=earmark`);
      const form = fund.getByTestId('earmark-form');
      await form.waitFor();
      await form.getByLabel('Earmark reference', { exact: true }).fill(id);
      await form.getByLabel('Name', { exact: true }).fill(name);
      for (const [label, value] of Object.entries(limits)) {
        await form.getByLabel(label, { exact: true }).selectOption(value);
      }
      await form.getByRole('button', { name: 'Define the earmark' }).click();
      await outcome(fund).waitFor();
      expect(await outcome(fund).textContent()).toContain(name);
    };
    const payment = async (receivedOn: string, amount: string, earmarkId: string) => {
      await fund.goto(`${server!.url}/fund/record?what=payment`);
      const form = fund.getByTestId('payment-form');
      await form.waitFor();
      await form.getByLabel('Donor', { exact: true }).selectOption('ITA');
      await form.getByLabel('Date received', { exact: true }).fill(receivedOn);
      await form.getByLabel('Amount received', { exact: true }).fill(amount);
      await form.getByLabel('Earmark', { exact: true }).selectOption(earmarkId);
      await form.getByRole('button', { name: 'Record the payment' }).click();
      await outcome(fund).waitFor();
    };
    await earmark('TIP-AFRICA', 'TIP Protocol, Africa', { Instrument: 'TIP', Region: 'Africa' });
    await payment('2026-06-15', '200000.00', 'TIP-AFRICA');
    await earmark('SEN-ONLY', 'Senegal', { Country: 'SEN' });
    await payment('2026-06-16', '30000.00', 'SEN-ONLY');
  });

  it('funds the project from the earmark (matching proposes it) and posts spending', async () => {
    await fund.goto(`${server!.url}/assistance/projects/${projectId}`);
    const funding = fund.getByTestId('funding-form');
    await funding.waitFor();
    await funding.getByTestId('suggestions').waitFor();
    // The donor's and the earmark's names load apart from the suggestions (ids until then).
    await expect
      .poll(() => funding.getByTestId('suggestions').locator('li').allTextContents(), { timeout: 20_000 })
      .toEqual([expect.stringMatching(/^Italy — TIP Protocol, Africa: 120,000\.00\sUSD Use this$/)]);
    await expectNoAxeViolations(fund);
    // Money earmarked for another State is refused, at the earmark.
    await funding.getByLabel('Donor', { exact: true }).selectOption('ITA');
    await funding.getByLabel('Earmark', { exact: true }).selectOption('SEN-ONLY');
    await funding.getByLabel('Amount (USD)', { exact: true }).fill('1000.00');
    await funding.getByRole('button', { name: 'Fund the project' }).click();
    await funding.locator('.field-invalid').first().waitFor();
    expect(await fieldError(fund, 'Earmark')).toEqual({
      invalid: 'true',
      message: 'Error: money earmarked "Senegal" is for country SEN only',
    });
    await funding.getByRole('button', { name: 'Use this' }).click();
    await expect
      .poll(() => funding.getByLabel('Amount (USD)', { exact: true }).inputValue(), { timeout: 20_000 })
      .toBe('120000.00');
    await funding.getByLabel('Amount (USD)', { exact: true }).fill('100000.00');
    await funding.getByRole('button', { name: 'Fund the project' }).click();
    await waitForText(fund, '[data-count="funded"] dd', '100,000.00');
    expect(await fund.locator('[data-count="unfunded"] dd').textContent()).toBe('20,000.00');
    const line = fund.locator('[data-testid="funding-lines"] tbody tr').first();
    // The donor's name loads apart from the project (its id until then).
    await waitForText(fund, '[data-testid="funding-lines"] tbody tr td', 'Italy');
    expect(await line.locator('td').first().textContent()).toBe('Italy');
    // Names read from the start of their cells, figures from the end.
    const align = (column: string) =>
      line.locator(`td[data-column="${column}"]`).evaluate((td) => getComputedStyle(td).textAlign);
    expect([await align('donor'), await align('earmark'), await align('allocated')]).toEqual([
      'start',
      'start',
      'end',
    ]);

    const spending = fund.getByTestId('spending-form');
    await spending.waitFor();
    await spending.getByLabel('Amount (USD)', { exact: true }).fill('40000.00');
    await spending.getByLabel('Reference (optional)', { exact: true }).fill('INV-MWI-0001');
    await spending.getByRole('button', { name: 'Post the spending' }).click();
    await waitForText(fund, '[data-count="spent"] dd', '40,000.00');
    expect(await fund.locator('[data-count="supportCosts"] dd').textContent()).toBe('5,200.00');
    await expectNoAxeViolations(fund);
  });

  it('the programme officer starts the work and records the outcome; the project shows the money', async () => {
    await programme.goto(`${server!.url}/assistance/projects/${projectId}`);
    await programme.getByTestId('project-steps').waitFor();
    await programme.getByRole('button', { name: 'Start the work' }).click();
    await waitForText(programme, '[data-testid="project-steps"] button', 'Complete the project');
    // What the result achieved so far.
    const measurement = programme.getByTestId('measurement-form');
    expect(await measurement.getByLabel('Result', { exact: true }).inputValue()).not.toBe('');
    await measurement.getByLabel('Period', { exact: true }).fill('September 2026');
    await measurement.getByLabel('Actual value', { exact: true }).fill('45');
    await measurement.getByRole('button', { name: 'Record a measurement' }).click();
    // The server says it: wait for its answer at the field.
    await expect
      .poll(async () => (await fieldError(programme, 'Period')).message, { timeout: 20_000 })
      .toBe('Error: must be a year, a month (YYYY-MM) or a quarter (YYYY-Q1)');
    await measurement.getByLabel('Period', { exact: true }).fill('2026-Q3');
    await measurement.getByRole('button', { name: 'Record a measurement' }).click();
    const measured = programme.locator('.result tbody tr').filter({ hasText: '2026-Q3' });
    await measured.waitFor();
    expect(await measured.locator('td').first().textContent()).toBe('45');
    const form = programme.getByTestId('outcome-form');
    await form.getByLabel('Kind of outcome', { exact: true }).selectOption('legislation_adopted');
    await form
      .getByLabel('Law adopted', { exact: true })
      .fill('Trafficking in Persons (Amendment) Act, 2026');
    await form.getByRole('button', { name: 'Record an outcome' }).click();
    await programme.getByTestId('outcomes').waitFor();
    expect(await programme.getByTestId('outcomes').textContent()).toContain(
      'Legislation adopted — Trafficking in Persons (Amendment) Act, 2026',
    );
    const money = async (k: string) => programme.locator(`[data-count="${k}"] dd`).textContent();
    expect(await money('budget')).toBe('120,000.00');
    expect(await money('funded')).toBe('100,000.00');
    expect(await money('spent')).toBe('40,000.00');
    await expectNoAxeViolations(programme);
    await screenshot(programme, 'assistance-project.png');
  });

  it("Malawi's country page shows the chain need → request → project → money → outcome", async () => {
    await focal.goto(`${server!.url}/countries/MWI`);
    const chain = focal.getByTestId('chain-row').first();
    await chain.waitFor();
    const step = (s: string) => chain.locator(`[data-step="${s}"]`);
    expect(await focal.getByTestId('eligibility').textContent()).toMatch(
      /^Malawi may receive technical assistance today\./,
    );
    expect(await step('need').textContent()).toContain('TIP 6');
    expect(await step('need').textContent()).toContain('Partly in place: Institution building, Training');
    expect(await step('request').textContent()).toContain('Victim protection under TIP art. 6');
    expect(await step('request').textContent()).toContain('In progress');
    expect(await step('project').textContent()).toContain(TITLE);
    expect(await step('money').textContent()).toMatch(
      /Budget \(USD\) 120,000\.00.*Funded 100,000\.00.*Spent 40,000\.00/,
    );
    // The donor's and the earmark's names load apart from the chain (ids until then).
    await waitForText(
      focal,
      '[data-testid="chain-row"] [data-step="money"]',
      'Italy (TIP Protocol, Africa)',
      { contains: true },
    );
    expect(await step('money').textContent()).toContain('Italy (TIP Protocol, Africa)');
    expect(await step('outcome').textContent()).toContain('Trafficking in Persons (Amendment) Act, 2026');
    await expectNoAxeViolations(focal);
    await screenshot(focal, 'assistance-country-chain.png');

    // The public sees the published project and its money, not the confidential request or assessment.
    const page = await newPage();
    await page.goto(`${server!.url}/countries/MWI`);
    const row = page.getByTestId('chain-row').first();
    await row.waitFor();
    expect(await row.locator('[data-step="project"]').textContent()).toContain(TITLE);
    expect(await row.locator('[data-step="money"]').textContent()).toContain('Funded 100,000.00');
    expect(await row.locator('[data-step="request"]').textContent()).toBe('RequestNot public.');
    expect(await row.locator('[data-step="need"]').textContent()).toBe('NeedNot public.');
    expect(await page.getByRole('link', { name: 'Needs assessment' }).count()).toBe(0);
    await expectNoAxeViolations(page);

    // Malawi publishes its assessment: the public reads it, without learning what was requested.
    await focal.goto(`${server!.url}/assistance/countries/MWI/assessment`);
    await focal.getByRole('button', { name: 'Publish the assessment' }).click();
    await waitForText(
      focal,
      '[data-testid="publication-state"]',
      'Published: anyone may read this assessment. (decided on 30 June 2026)',
    );
    await expectNoAxeViolations(focal);
    await page.reload();
    const needs = page.locator('.open-needs');
    await needs.waitFor();
    expect(await needs.getByRole('heading').textContent()).toBe('Needs assessed');
    expect(await needs.locator('li').allTextContents()).toEqual([
      'TIP 6 Assistance to and protection of victims of trafficking in persons — Partly in place: Institution building, Training',
    ]);
    await page.getByRole('link', { name: 'Needs assessment' }).click();
    await page.waitForURL(/\/assistance\/countries\/MWI\/assessment$/);
    await page.getByTestId('assessment-table').waitFor();
    expect(await page.getByRole('button', { name: /^Assess / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Withdraw the publication' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    // The published project is on the overview; the requests ask to sign in.
    await page.goto(`${server!.url}/assistance`);
    const projects = page.getByTestId('projects-table');
    await projects.waitFor();
    expect(await projects.getByRole('link', { name: TITLE }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Requests' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.goto(`${server!.url}/assistance/requests`);
    await page.waitForURL(/\/account\/sign-in\?next=%2Fassistance%2Frequests$/);
    await page.context().close();
  });

  it('in French: the assistance pages are in French and pass axe', async () => {
    const visit = async (page: Page, path: string, heading: string, ready: string) => {
      await page.goto(`${server!.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      await page.locator(ready).first().waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      const text = await page.locator('main').innerText();
      // No key left untranslated, and no English label of the section.
      expect(text).not.toMatch(/\b(assistance|assessment|requests|newRequest|project|chain|country)\.[a-z]/);
      expect(text).not.toMatch(/Needs assessment|Request assistance|Not yet funded|Assistance asked for/);
      await expectNoAxeViolations(page);
    };
    const officer = await newPage('fr-FR', programme);
    // Each page, and what to open on it before checking it again (a form, its messages).
    const pages: Array<[string, string, string, (() => Promise<void>)?]> = [
      ['/assistance', 'Assistance technique', '[data-testid="projects-table"]'],
      [
        '/assistance/countries/MWI/assessment',
        'Évaluation des besoins : Malawi',
        '[data-testid="assessment-table"]',
        async () => {
          await officer.getByRole('button', { name: 'Évaluer TIP 7' }).click();
          await officer.getByTestId('assess-form').waitFor();
        },
      ],
      ['/assistance/requests', 'Demandes d’assistance', '[data-testid="requests-table"]'],
      [`/assistance/requests/${requestId}`, `Demande ${requestId}`, '[data-testid="steps"]'],
      [
        '/assistance/requests/new',
        'Nouvelle demande d’assistance',
        '[data-testid="request-form"]',
        async () => {
          await officer.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
          await officer.locator('.error-summary').waitFor();
        },
      ],
      [`/assistance/projects/${projectId}`, TITLE, '[data-testid="outcome-form"]'],
    ];
    for (const [path, heading, ready, open] of pages) {
      await visit(officer, path, heading, ready);
      if (open) {
        await open();
        await expectNoAxeViolations(officer);
      }
    }
    expect(await officer.getByTestId('project-money').textContent()).toContain('Pas encore financé');
    await screenshot(officer, 'assistance-project-fr.png');
    await visit(officer, '/countries/MWI', 'Malawi', '[data-testid="chain-row"]');
    expect(await officer.getByTestId('eligibility').textContent()).toMatch(
      /^Malawi peut recevoir une assistance technique aujourd’hui\./,
    );
    await screenshot(officer, 'assistance-country-chain-fr.png');
    await officer.context().close();

    const fundFr = await newPage('fr-FR', fund);
    await visit(fundFr, `/assistance/projects/${projectId}`, TITLE, '[data-testid="spending-form"]');
    await fundFr.context().close();

    const focalFr = await newPage('fr-FR', focal);
    await visit(
      focalFr,
      '/assistance/countries/MWI/assessment',
      'Évaluation des besoins : Malawi',
      '[data-testid="publication"] button',
    );
    await focalFr.context().close();
  });

  it('the programme officer completes the project; its request is completed', async () => {
    await programme.goto(`${server!.url}/assistance/projects/${projectId}`);
    await programme.getByRole('button', { name: 'Complete the project' }).click();
    await waitForText(programme, '[data-testid="project"] .meta .request-status', 'Completed');
    // The steps follow the request, which loads again after the project: wait for them to go.
    await programme.getByTestId('project-steps').waitFor({ state: 'detached' });
    expect(await programme.getByTestId('project-steps').count()).toBe(0);
    await programme.goto(`${server!.url}/countries/MWI`);
    await waitForText(
      programme,
      '[data-testid="chain-row"] [data-step="request"] [data-testid="request-status"]',
      'Completed',
    );
    await expectNoAxeViolations(programme);
    expect(pageErrors).toEqual([]);
  });
});
