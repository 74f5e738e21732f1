// The fund ledger in a real browser against the real server (with the illustrative demo data loaded, as at a
// first start): a fund officer records a donor, a pledge with two instalments, its agreement, the EUR rate
// and a payment in EUR, sees the conversion the server made and the donor statement adding up to the cent,
// and downloads the statement; the server's field messages are shown at their field (a JPY amount with
// decimals, instalments that do not add up, a payment before its month's rate); a retried payment whose
// answer was lost is recorded once; the dashboard shows real figures, and illustrative ones only under the
// banner; a donor account sees its own statement only; the public sees the lists.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  download,
  expectNoAxeViolations,
  fieldError,
  norm,
  openPage,
  screenshot,
  signIn,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

describe.skipIf(!hasChromium)('the fund ledger in Chromium', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let officer: Page;
  let pledgeId = 0;
  const pageErrors: string[] = [];
  const OFFICER = { email: 'fay.fund@example.org', password: 'mango canal whistle 9' };
  const DONOR = { email: 'italy.donor@example.org', password: 'olive terrace compass 3' };

  const newPage = (locale = 'en-US') => openPage(browser!, pageErrors, locale);

  const outcome = (page: Page) => page.getByTestId('outcome');

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer({ demo: true });
    await server.createUser({ ...OFFICER, displayName: 'Fay Fund', role: 'fund_officer' });
    browser = await launchChromium();
    officer = await newPage();
    await signInEnrollingMfa(officer, server.url, OFFICER.email, OFFICER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('before any real record, the dashboard shows the demo figures under the banner', async () => {
    const page = await newPage();
    await page.goto(`${server!.url}/fund`);
    await page.getByTestId('fund-statement').waitFor();
    expect(await page.getByLabel('Illustrative (demonstration) figures').isChecked()).toBe(true);
    const banners = page.getByTestId('illustrative-banner');
    await banners.first().waitFor();
    expect(await banners.first().locator('.illustrative-title').textContent()).toBe(
      'Illustrative data — not real contributions',
    );
    // The chart carries the banner too.
    await page.getByTestId('contributions-chart').getByTestId('illustrative-banner').waitFor();
    // The public picks a closed year (published figures), not days; the statement is the last closed year's.
    expect(await page.getByLabel('From', { exact: true }).count()).toBe(0);
    await waitForText(page, '[data-testid="fund-statement"] h2', '31 December 2025', { contains: true });
    await page.getByLabel('Year', { exact: true }).selectOption('2024');
    await page.waitForURL(/from=2024-01-01.*to=2024-12-31|to=2024-12-31.*from=2024-01-01/);
    await waitForText(page, '[data-testid="fund-statement"] h2', '31 December 2024', { contains: true });
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fund' }).count(),
    ).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'fund-dashboard-illustrative.png');
    await page.context().close();
  });

  it('a fund officer records a donor', async () => {
    await officer.goto(`${server!.url}/fund/record?what=donor`);
    await officer.getByTestId('donor-form').waitFor();
    await officer.getByLabel('State or organization in the registry').selectOption('ITA');
    expect(await officer.getByLabel('Donor reference').inputValue()).toBe('ITA');
    expect(await officer.getByLabel('Name', { exact: true }).inputValue()).toBe('Italy');
    await officer.getByRole('button', { name: 'Record the donor' }).click();
    await outcome(officer).waitFor();
    expect(await outcome(officer).getByRole('heading').textContent()).toBe('Italy is recorded as a donor');
    await expectNoAxeViolations(officer);
  });

  it("the server's messages are shown at their field: a JPY amount with decimals, instalments that do not add up", async () => {
    await officer.goto(`${server!.url}/fund/record?what=pledge`);
    const form = officer.getByTestId('pledge-form');
    await form.waitFor();
    // Nothing filled in: the form says what is missing before sending anything.
    await officer.getByRole('button', { name: 'Record the pledge' }).click();
    await officer.locator('.error-summary').waitFor();
    expect(await fieldError(officer, 'Donor')).toEqual({
      invalid: 'true',
      message: 'Error: Choose the donor.',
    });
    expect((await fieldError(officer, 'Amount pledged')).message).toBe('Error: Enter the amount.');

    await officer.getByLabel('Donor').selectOption('ITA');
    await officer.getByLabel('Date of the pledge').fill('2026-01-15');
    await officer.getByLabel('Currency', { exact: true }).selectOption('JPY');
    expect(await officer.locator(`[id="${await hintId(officer, 'Amount pledged')}"]`).textContent()).toBe(
      'A whole number without separators, for example 15125000: JPY has no decimals.',
    );
    await officer.getByLabel('Amount pledged').fill('5000000.5');
    await officer.getByRole('button', { name: 'Record the pledge' }).click();
    await officer.waitForFunction(() =>
      [...document.querySelectorAll('.field-error')].some((e) => e.textContent?.includes('no decimals')),
    );
    expect(await fieldError(officer, 'Amount pledged')).toEqual({
      invalid: 'true',
      message: 'Error: this currency has no decimals; "5000000.5" has 1',
    });
    expect(await officer.locator('.error-summary').getByRole('link').textContent()).toBe(
      'this currency has no decimals; "5000000.5" has 1',
    );
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-record-field-error.png');

    // Euros, with two instalments that do not add up to the amount: the server's rule at "Instalments".
    await officer.getByLabel('Currency', { exact: true }).selectOption('EUR');
    await officer.getByLabel('Amount pledged').fill('500000.00');
    await officer.getByRole('button', { name: 'Add an instalment' }).click();
    await officer.getByRole('button', { name: 'Add an instalment' }).click();
    await officer.getByLabel('Instalment 1: due on').fill('2026-03-31');
    await officer.getByLabel('Instalment 1: amount').fill('250000.00');
    await officer.getByLabel('Instalment 2: due on').fill('2026-09-30');
    await officer.getByLabel('Instalment 2: amount').fill('200000.00');
    expect(norm(await officer.getByTestId('instalment-sum').textContent())).toBe(
      'The instalments add up to 450,000.00 EUR; the amount pledged is 500,000.00 EUR.',
    );
    await officer.getByRole('button', { name: 'Record the pledge' }).click();
    const instalments = officer.locator('fieldset.instalments');
    await instalments.locator('.field-error').waitFor();
    expect(await instalments.locator('.field-error').textContent()).toBe(
      'Error: the instalments do not add up to the amount pledged',
    );
    expect(await instalments.getAttribute('aria-describedby')).toContain('-error');
    expect(await fieldError(officer, 'Amount pledged')).toEqual({ invalid: null, message: '' });
  });

  it('records the pledge with two instalments', async () => {
    await officer.getByLabel('Instalment 2: amount').fill('250000.00');
    expect(norm(await officer.getByTestId('instalment-sum').textContent())).toBe(
      'The instalments add up to the amount pledged: 500,000.00 EUR.',
    );
    await officer.getByLabel('Document (optional)').fill('Note verbale 2026/0115');
    await officer.getByRole('button', { name: 'Record the pledge' }).click();
    await outcome(officer).waitFor();
    const heading = (await outcome(officer).getByRole('heading').textContent()) ?? '';
    expect(heading).toMatch(/^Pledge \d+ is recorded$/);
    pledgeId = Number(/\d+/.exec(heading)![0]);
    // The donor's and the earmark's names come from lists the form loads on its own: wait for them.
    await waitForText(
      officer,
      '[data-testid="outcome"] p',
      '500,000.00 EUR from Italy, earmarked “General purpose”. Pledged',
    );
    expect(norm(await outcome(officer).locator('p').first().textContent())).toBe(
      '500,000.00 EUR from Italy, earmarked “General purpose”. Pledged',
    );
    // The form is empty again for the next pledge.
    expect(await officer.getByLabel('Amount pledged').inputValue()).toBe('');
  });

  it('records its agreement', async () => {
    await outcome(officer).getByRole('link', { name: 'Record its agreement' }).click();
    await officer.getByTestId('event-form').waitFor();
    expect(await officer.getByLabel('Pledge', { exact: true }).inputValue()).toBe(String(pledgeId));
    expect(norm(await officer.getByTestId('pledge-summary').textContent())).toBe(
      'Pledged Paid: 0.00 EUR; Outstanding: 500,000.00 EUR',
    );
    await officer.getByLabel('Date', { exact: true }).fill('2026-02-01');
    await officer.getByLabel('Reference (optional)').fill('AGR-ITA-2026-01');
    expect(await officer.getByLabel('Programme support cost rate (%)').inputValue()).toBe('13');
    await officer.getByRole('button', { name: 'Record it' }).click();
    await outcome(officer).waitFor();
    expect(await outcome(officer).textContent()).toContain('Its status is now: Committed');
    await expectNoAxeViolations(officer);
  });

  it('a payment before its month has a rate: the server says so at the currency', async () => {
    await outcome(officer).getByRole('link', { name: 'Record a payment against it' }).click();
    await officer.getByTestId('payment-form').waitFor();
    expect(await officer.getByLabel('Donor').inputValue()).toBe('ITA');
    expect(await officer.getByLabel('Currency', { exact: true }).inputValue()).toBe('EUR');
    expect(await officer.getByLabel('Earmark').count()).toBe(0);
    await officer.getByLabel('Date received').fill('2026-03-20');
    await officer.getByLabel('Amount received').fill('250000.00');
    await officer.getByRole('button', { name: 'Record the payment' }).click();
    await officer.locator('.field-invalid').waitFor();
    expect(await fieldError(officer, 'Currency')).toEqual({
      invalid: 'true',
      message: 'Error: there is no UN operational rate of exchange for EUR in 2026-03: record it first',
    });
  });

  it('records the EUR rate of March 2026', async () => {
    await officer.goto(`${server!.url}/fund/record?what=rate`);
    await officer.getByTestId('rate-form').waitFor();
    await officer.getByLabel('Currency', { exact: true }).selectOption('EUR');
    await officer.getByLabel('Month').fill('2026-03');
    await officer.getByLabel('Rate (units of the currency for one US dollar)').fill('0.926');
    await officer.getByLabel('Source').fill('UN operational rates of exchange, March 2026');
    await officer.getByRole('button', { name: 'Record the rate' }).click();
    await outcome(officer).waitFor();
    expect(await officer.getByTestId('rate-recorded').textContent()).toBe(
      '0.926 EUR for one US dollar in 2026-03.',
    );
    // A month input, which keeps the month (and the source) for the next rate of the same month.
    const month = officer.getByLabel('Month');
    expect(await month.getAttribute('type')).toBe('month');
    expect(await month.inputValue()).toBe('2026-03');
    expect(await officer.getByLabel('Source').inputValue()).toBe(
      'UN operational rates of exchange, March 2026',
    );
    expect(await officer.getByLabel('Rate (units of the currency for one US dollar)').inputValue()).toBe('');
    // A month left empty is said at the field.
    await month.fill('');
    await officer.getByRole('button', { name: 'Record the rate' }).click();
    await officer.locator('.error-summary').waitFor();
    expect(await fieldError(officer, 'Month')).toEqual({
      invalid: 'true',
      message: 'Error: Enter the month.',
    });
    await expectNoAxeViolations(officer);
  });

  it('records the payment, retried after its answer was lost, once; and shows the conversion', async () => {
    await officer.goto(`${server!.url}/fund/record?what=payment&pledge=${pledgeId}`);
    await officer.getByTestId('payment-form').waitFor();
    await officer.getByLabel('Date received').fill('2026-03-20');
    await officer.getByLabel('Amount received').fill('250000.00');
    await officer.getByLabel('Reference (optional)').fill('BANK-IT-0320');
    // The server records the payment, but its answer never reaches the page.
    const keys: string[] = [];
    await officer.route('**/api/fund/payments', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      expect(response.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await officer.getByRole('button', { name: 'Record the payment' }).click();
    await officer.getByTestId('form-error').waitFor();
    expect(await officer.getByTestId('form-error').textContent()).toBe(
      'The server could not be reached. Check your connection and try again.',
    );
    await officer.unroute('**/api/fund/payments');
    // The user tries again: same submission, same key; the server answers with the first answer.
    const [answer] = await Promise.all([
      officer.waitForResponse('**/api/fund/payments'),
      officer.getByRole('button', { name: 'Record the payment' }).click(),
    ]);
    expect(answer.request().headers()['idempotency-key']).toBe(keys[0]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers()['idempotent-replayed']).toBe('true');
    await outcome(officer).waitFor();
    expect(await officer.getByTestId('conversion').textContent()).toBe(
      '250000.00 EUR at 0.926 EUR/USD (2026-03) = 269978.40 USD',
    );
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-record-payment.png');
  });

  it('the donor statement adds up to the cent, on the page and in the CSV download', async () => {
    await outcome(officer).getByRole('link', { name: 'See the donor statement' }).click();
    await officer.waitForURL(/\/fund\/donors\/ITA$/);
    const statement = officer.getByTestId('donor-statement');
    await statement.waitFor();
    // The title names the donor once the list of donors is loaded (a load apart from the statement's).
    await waitForText(officer, 'h1', 'Donor statement: Italy');
    expect(await officer.getByRole('heading', { level: 1 }).textContent()).toBe('Donor statement: Italy');
    const eur = officer.locator('[data-testid="pledge-totals"] tr[data-currency="EUR"] td');
    expect(await eur.allTextContents()).toEqual([
      '500,000.00',
      '500,000.00',
      '250,000.00',
      '0.00',
      '250,000.00',
      '0.00',
      'Paid + written off + outstanding = pledged',
    ]);
    expect(norm(await officer.getByTestId('paid-original').textContent())).toBe(
      'Paid, in the currencies received: 250,000.00 EUR',
    );
    const usd = officer.locator('table.statement-lines tr');
    const line = async (label: string) =>
      (await usd.filter({ hasText: label }).first().locator('td').textContent())?.trim();
    expect(await line('Contributions')).toBe('269,978.40');
    expect(await line('Balance')).toBe('269,978.40');
    expect(await line('Free')).toBe('269,978.40');
    expect(await officer.getByTestId('usd-check').textContent()).toMatch(/^Checked: /);
    const general = officer.locator('[data-testid="donor-by-earmark"] tr[data-row="GENERAL"]');
    // The earmark's name comes with the list of earmarks, loaded apart from the statement.
    await waitForText(
      officer,
      '[data-testid="donor-by-earmark"] tr[data-row="GENERAL"] th',
      'General purpose',
    );
    expect(await general.locator('th').textContent()).toBe('General purpose');
    expect(await general.locator('td[data-column="contributions"]').textContent()).toBe('269,978.40');
    expect(
      await officer
        .locator('[data-testid="donor-by-year"] tr[data-row="2026"] td[data-column="balance"]')
        .textContent(),
    ).toBe('269,978.40');
    // The pledge with its instalments and its agreement.
    const pledge = officer.locator(`[data-pledge="${pledgeId}"]`);
    expect(await pledge.locator('.pledge-status').textContent()).toBe('Partly paid');
    expect((await pledge.locator('table tbody tr').allTextContents()).map(norm)).toEqual([
      '31 March 2026250,000.00 EUR',
      '30 September 2026250,000.00 EUR',
    ]);
    expect(await pledge.locator('.history-list li').textContent()).toBe(
      '1 February 2026 Agreement signed — AGR-ITA-2026-01 — support costs 13%',
    );
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-donor-statement.png');

    const csv = await download(officer, () => officer.getByRole('link', { name: /^CSV/ }).click());
    expect(csv.name).toBe('donor-statement-ITA-2026-06-30.csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines).toContain(
      'ITA,Italy,2026-06-30,no,269978.40,0.00,0.00,0.00,0.00,0.00,0.00,0.00,269978.40,0.00,269978.40',
    );
    expect(lines).toContain('EUR,500000.00,500000.00,250000.00,0.00,250000.00,0.00');
    expect(lines).toContain('GENERAL,269978.40,0.00,0.00,0.00,0.00,0.00,0.00,0.00,269978.40,0.00,269978.40');
    const xlsx = await download(officer, () => officer.getByRole('link', { name: /^Excel/ }).click());
    expect(xlsx.name).toBe('donor-statement-ITA-2026-06-30.xlsx');
  });

  it('the dashboard now shows the real figures first, without the banner, and the demo only under it', async () => {
    await officer.goto(`${server!.url}/fund`);
    const statement = officer.getByTestId('fund-statement');
    await statement.waitFor();
    expect(await officer.getByLabel('Real figures').isChecked()).toBe(true);
    expect(await officer.getByTestId('illustrative-banner').count()).toBe(0);
    const row = (label: string) => statement.locator('tr').filter({ hasText: label }).first().locator('td');
    expect(await row('Contributions').textContent()).toBe('269,978.40');
    expect(await row('Closing balance').textContent()).toBe('269,978.40');
    expect(
      (await officer.getByTestId('pledges-note').locator('tbody tr').allTextContents()).map(norm),
    ).toEqual(['EUR250,000.00 EUR0.00 EUR']);
    await officer.getByTestId('contributions-chart').waitFor();
    await officer.getByText('Show the figures as a table').click();
    expect(await officer.getByTestId('contributions-table').locator('tbody tr').allTextContents()).toEqual([
      'Italy269,978.40269,978.40',
    ]);
    // Headings of figures sit over their figures (end of the cell); the donor's heading at the start.
    expect(
      await officer
        .getByTestId('contributions-table')
        .locator('thead th')
        .evaluateAll((ths) => ths.map((th) => getComputedStyle(th).textAlign)),
    ).toEqual(['start', 'end', 'end']);
    const csv = await download(officer, () => statement.getByRole('link', { name: /^CSV/ }).click());
    expect(csv.name).toBe('fund-statement-2026-01-01-2026-06-30.csv');
    expect(csv.text).toContain('Sources: contributions,269978.40');
    expect(csv.text).toContain('Closing balance,269978.40');
    await expectNoAxeViolations(officer);
    await screenshot(officer, 'fund-dashboard.png');

    // While the illustrative figures load, the real ones must not stay on screen under the banner.
    const held = await holdAnswers(
      officer,
      /\/api\/fund\/(statement|contributions)\?(.*&)?dataset=illustrative/,
    );
    await officer.getByLabel('Illustrative (demonstration) figures').check();
    await officer.waitForURL(/dataset=illustrative/);
    await officer.getByTestId('illustrative-banner').first().waitFor();
    await held.asked(2);
    expect(await officer.getByTestId('fund-statement').count()).toBe(0);
    expect(await officer.getByTestId('contributions-chart').count()).toBe(0);
    expect(await officer.locator('p.loading[role="status"]').textContent()).toBe('Loading…');
    await held.release();
    await officer.getByTestId('fund-statement').waitFor();
    expect(await officer.getByTestId('fund-statement').textContent()).not.toContain('269,978.40');
    // The chart loads apart from the statement: wait for it to follow the dataset too.
    await waitForText(
      officer,
      '[data-testid="contributions-chart"]',
      'Illustrative data — not real contributions',
      { contains: true },
    );
  });

  it('the rate table, and a CSV import: all or nothing, every problem at its line', async () => {
    await officer.goto(`${server!.url}/fund/rates`);
    const row = officer.locator('[data-testid="rates-table"] tr[data-rate="EUR-2026-03"]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual([
      'March 2026',
      '0.926 EUR/USD',
      'UN operational rates of exchange, March 2026',
      '30 June 2026',
    ]);
    // Illustrative rates only on request, flagged.
    expect(await officer.getByText('Illustrative', { exact: true }).count()).toBe(0);
    await officer.getByLabel(/Show the \d+ illustrative rates/).check();
    expect(await officer.getByText('Illustrative', { exact: true }).count()).toBeGreaterThan(0);

    const file = (text: string) => ({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await officer
      .getByLabel('CSV file', { exact: true })
      .setInputFiles(file('currency,month,rate,source\nGBP,2026-04,0.79,UN\nJPY,2026-04,one hundred,UN\n'));
    await officer.getByRole('button', { name: 'Import the rates' }).click();
    await officer.locator('.field-invalid li').first().waitFor();
    expect(await officer.locator('.field-invalid li').allTextContents()).toEqual([
      'line 3: rate: must be a positive decimal number: units of the currency for one US dollar',
    ]);
    await officer
      .getByLabel('CSV file', { exact: true })
      .setInputFiles(
        file('currency,month,rate,source\nGBP,2026-04,0.79,UN operational rates\nEUR,2026-03,0.926,UN\n'),
      );
    await officer.getByRole('button', { name: 'Import the rates' }).click();
    await officer.getByTestId('import-outcome').waitFor();
    expect(await officer.getByTestId('import-outcome').textContent()).toBe(
      '2 rates read: 1 recorded, 1 already there.',
    );
    await expectNoAxeViolations(officer);
  });

  it('a donor account sees its own statement, not another donor’s, and records nothing', async () => {
    await server!.createUser({ ...DONOR, displayName: 'Italy donor', role: 'donor', donors: ['ITA'] });
    const page = await newPage();
    await signIn(page, server!.url, DONOR.email, DONOR.password);
    await page.goto(`${server!.url}/fund/donors`);
    await page.getByRole('heading', { name: 'Your statements' }).waitFor();
    await page.getByRole('link', { name: 'Italy' }).first().click();
    await page.waitForURL(/\/fund\/donors\/ITA$/);
    await page.getByTestId('donor-statement').waitFor();
    expect(await page.getByRole('link', { name: /^Record a payment/ }).count()).toBe(0);
    await page.goto(`${server!.url}/fund/donors/DEMO-ITA`);
    await page.getByTestId('statement-unavailable').waitFor();
    expect(await page.getByTestId('donor-statement').count()).toBe(0);
    await page.goto(`${server!.url}/fund/record`);
    await page.getByTestId('forbidden').waitFor();
    await page.context().close();
  });

  it('the public sees the donors and the rates; a statement asks to sign in', async () => {
    const page = await newPage();
    await page.goto(`${server!.url}/fund/donors`);
    const italy = page.locator('[data-testid="donors-table"] tr[data-donor="ITA"]');
    await italy.waitFor();
    expect(await italy.getByRole('link').count()).toBe(1); // the State, not the statement
    expect(await page.getByTestId('illustrative-banner').count()).toBe(0);
    // The published contributions of each donor, in dollars, aligned to the end of the cell, and their total.
    const received = italy.locator('td[data-column="contributions"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="donors-total"]') !== null);
    // Published figures are for closed years: Italy's 2026 payment is not among them yet.
    expect(await received.textContent()).toBe('0.00');
    await page.getByText('Contributions received to 31 December 2025', { exact: false }).waitFor();
    expect(await received.evaluate((td) => getComputedStyle(td).textAlign)).toBe('end');
    expect(await page.getByRole('columnheader', { name: 'Contributions received (USD)' }).count()).toBe(1);
    expect(norm(await page.getByTestId('donors-total').textContent())).toBe('Total0.00');
    await expectNoAxeViolations(page);
    // Demo data is loaded, so its figures are offered, and their total is the sum of the rows, exactly.
    const held = await holdAnswers(page, /\/api\/fund\/contributions\?(.*&)?dataset=illustrative/);
    await page.getByLabel('Illustrative (demonstration) figures').check();
    await page.waitForURL(/dataset=illustrative/);
    await page.getByTestId('illustrative-banner').waitFor();
    await page.locator('[data-testid="donors-table"] tr[data-donor^="DEMO-"]').first().waitFor();
    // The rows switch to the demo donors at once; their figures come with the next load. Meanwhile no figure
    // and no total is shown (not 0.00 for each demo donor, nor the real total).
    await held.asked(1);
    expect(
      await page
        .locator('[data-testid="donors-table"] tbody td[data-column="contributions"]')
        .allTextContents(),
    ).not.toContain('0.00');
    expect(await page.getByTestId('donors-total').count()).toBe(0);
    await held.release();
    await page.waitForFunction(
      () => {
        const total = document.querySelector('[data-testid="donors-total"] td')?.textContent ?? '';
        return total !== '' && total !== '0.00' && total !== '269,978.40';
      },
      undefined,
      { timeout: 20_000 },
    );
    const cents = (text: string | null) => BigInt((text ?? '').replace(/[,.]/g, ''));
    const rows = await page
      .locator('[data-testid="donors-table"] tbody td[data-column="contributions"]')
      .allTextContents();
    expect(rows.every((r) => /^\d{1,3}(,\d{3})*\.\d{2}$/.test(r))).toBe(true);
    expect(cents(await page.getByTestId('donors-total').locator('td').textContent())).toBe(
      rows.reduce((sum, r) => sum + cents(r), 0n),
    );
    await expectNoAxeViolations(page);
    await page.goto(`${server!.url}/fund/donors/ITA`);
    await page.waitForURL(/\/account\/sign-in\?next=%2Ffund%2Fdonors%2FITA$/);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Holds the browser's requests whose address matches until `release()`: what a page shows while an answer is
 * on its way. `asked(n)` waits until n such requests have been made.
 */
async function holdAnswers(page: Page, url: RegExp) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let count = 0;
  const continued: Promise<void>[] = [];
  // Waiters for the n-th request, told as it is made; the deadline only reports a request never made.
  const waiters: Array<{ n: number; reached: () => void }> = [];
  const handler = (route: Route) => {
    count += 1;
    for (const w of waiters) if (count >= w.n) w.reached();
    const done = gate.then(() => route.continue());
    continued.push(done);
    return done;
  };
  await page.route(url, handler);
  return {
    asked: (n: number) =>
      new Promise<void>((resolve, reject) => {
        if (count >= n) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`${n} requests to ${url} expected, ${count} made`)),
          20_000,
        );
        waiters.push({ n, reached: () => (clearTimeout(timer), resolve()) });
      }),
    release: async () => {
      open();
      await Promise.all(continued);
      await page.unroute(url, handler);
    },
  };
}

/** The id of the hint linked to an input (its first aria-describedby). */
async function hintId(page: Page, label: string): Promise<string> {
  const ids = ((await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '').split(
    ' ',
  );
  return ids.find((id) => id.endsWith('-hint')) ?? '';
}
