// The fund officer's recording forms (/fund/record, one per kind of record) and the account pages on small
// phones: at 320 px and 390 px wide nothing scrolls sideways and axe-core finds no violation, with the forms
// empty and with their messages shown, in English and in French.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { clockedPage, expectNoAxeViolationsAtWidths, signInEnrollingMfa } from './journey.ts';

const FORMS = ['pledge', 'event', 'payment', 'rate', 'donor', 'earmark'] as const;

describe.skipIf(!hasChromium)(
  'fund forms and account pages at 320 and 390 px',
  { timeout: JOURNEY_TIMEOUT },
  () => {
    let server: TestServer | undefined;
    let browser: Browser | undefined;
    let officer: Page;
    const pageErrors: string[] = [];
    const FUND = { email: 'fred.fund@example.org', password: 'copper canal whistle 6' };

    beforeAll(async () => {
      if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
      server = await startTestServer({ demo: true });
      await server.createUser({ ...FUND, displayName: 'Fred Fund', role: 'fund_officer' });
      browser = await launchChromium();
      officer = await clockedPage(browser, pageErrors);
      await signInEnrollingMfa(officer, server.url, FUND.email, FUND.password);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function checkForms(page: Page, suffix: string) {
      for (const what of FORMS) {
        await page.goto(`${server!.url}/fund/record?what=${what}`);
        const section = page.locator('section[aria-labelledby="record-form-heading"]');
        await section.locator('form').waitFor();
        await expectNoAxeViolationsAtWidths(page, `fund-record-${what}${suffix}`);
        // With its messages: the error summary and each field's error.
        await section.locator('form button[type="submit"]').last().click();
        await page.locator('.error-summary').waitFor();
        await expectNoAxeViolationsAtWidths(page, `fund-record-${what}-errors${suffix}`);
      }
    }

    it("the fund officer's recording forms, empty and with their messages", async () => {
      await checkForms(officer, '');
    });

    it('the same forms in French', async () => {
      const fr = await clockedPage(browser!, pageErrors, { locale: 'fr-FR', as: officer });
      await checkForms(fr, '-fr');
      await fr.context().close();
    });

    it('the account pages, signed in and signed out, in English and French', async () => {
      await officer.goto(`${server!.url}/account`);
      await officer.getByTestId('account-details').waitFor();
      await expectNoAxeViolationsAtWidths(officer, 'account');
      for (const locale of ['en-US', 'fr-FR']) {
        const page = await clockedPage(browser!, pageErrors, { locale });
        for (const path of ['/account/sign-in', '/account/reset', '/account/invitation']) {
          await page.goto(`${server!.url}${path}`);
          await page.locator('h1').waitFor();
          await expectNoAxeViolationsAtWidths(page, `${path.slice(1).replace('/', '-')}-${locale}`);
        }
        // The sign-in form with its messages.
        await page.goto(`${server!.url}/account/sign-in`);
        await page.locator('form button[type="submit"]').click();
        await page.locator('.error-summary').waitFor();
        await expectNoAxeViolationsAtWidths(page, `sign-in-errors-${locale}`);
        await page.context().close();
      }
    });
  },
);
