// The web application in Arabic (right to left) and in Chinese: the dashboard, a State's page, the
// instrument's status table and the needs-assessment form, each with lang and dir set on <html>, the
// navigation and the tables mirrored in Arabic, no English left in the main content but data the server
// sends in English (marked lang="en") and names, axe-core 0 violations at desktop, 390 px and 320 px, and
// screenshots kept in test-artifacts/ (i18n-*.png). A link with ?lang=zh opens in Chinese whatever the
// browser's language. Needs web/dist (npm run build:web) and /usr/bin/chromium.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../web/src/locales/en.ts';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { clockedPage, expectNoAxeViolationsAtWidths, screenshot, signIn } from './journey.ts';

type Tree = { [key: string]: string | Tree };

/**
 * The English strings a page could show, cut at their placeholders into the pieces a reader would see
 * verbatim; only pieces long enough to be English sentences or labels, not names or codes ("CSV", "Palermo").
 */
/** Names and formats that are written the same in every language (the allow-list). */
const NAMES =
  /\b(?:Palermo|Excel|CSV|XLSX|JSON|PDF|DOCX|USD|UTC|IATI|UNTOC|TIP|SOM|FIREARMS|English|Français)\b/g;

function isSentence(piece: string): boolean {
  const words = piece.replace(NAMES, '').match(/[A-Za-z]{3,}/g) ?? [];
  return words.length >= 2 && piece.length >= 10;
}

function englishPieces(tree: Tree): string[] {
  const out = new Set<string>();
  const walk = (node: Tree) => {
    for (const value of Object.values(node)) {
      if (typeof value !== 'string') walk(value);
      else
        for (const piece of value.split(/\{\{[^}]*\}\}/)) if (isSentence(piece.trim())) out.add(piece.trim());
    }
  };
  walk(tree);
  return [...out];
}

const ENGLISH = englishPieces(en as unknown as Tree);

/** The text of <main> without what the server sends in English (marked lang="en"). */
async function mainTextWithoutEnglishData(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    for (const el of main.querySelectorAll('[lang="en"]')) el.remove();
    return main.textContent ?? '';
  });
}

async function expectNoEnglish(page: Page, where: string): Promise<void> {
  const text = await mainTextWithoutEnglishData(page);
  expect(
    ENGLISH.filter((s) => text.includes(s)),
    `English left on ${where}`,
  ).toEqual([]);
}

const LANGS = [
  { code: 'ar', browser: 'ar-EG', dir: 'rtl', dashboard: 'لوحة المعلومات', armenia: 'أرمينيا' },
  { code: 'zh', browser: 'zh-CN', dir: 'ltr', dashboard: '概览', armenia: '亚美尼亚' },
] as const;

describe.skipIf(!hasChromium)('Arabic and Chinese in Chromium', { timeout: JOURNEY_TIMEOUT * 2 }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let focal: Page;
  const pageErrors: string[] = [];
  const FOCAL = { email: 'mwi.focal@example.org', password: 'baobab river lantern 4' };

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    await server.createUser({ ...FOCAL, displayName: 'Mia Focal', role: 'focal_point', states: ['MWI'] });
    browser = await launchChromium();
    focal = await clockedPage(browser, pageErrors);
    await signIn(focal, server.url, FOCAL.email, FOCAL.password);
    // A server on PostgreSQL, Chromium and a sign-in: longer than the default hook time on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe.each(LANGS)('$code', (lang) => {
    let page: Page;

    beforeAll(async () => {
      // A first visit: the language comes from the browser's.
      page = await clockedPage(browser!, pageErrors, { locale: lang.browser });
    });
    afterAll(async () => {
      await page.context().close();
    });

    it('opens the dashboard in the browser’s language, with lang and dir on <html>', async () => {
      await page.goto(`${server!.url}/`);
      await page.waitForFunction((code) => document.documentElement.lang === code, lang.code);
      expect(await page.locator('html').getAttribute('dir')).toBe(lang.dir);
      await page.getByRole('link', { name: lang.dashboard }).waitFor();
      await page.locator('.instrument-card').first().waitFor();
      await expectNoEnglish(page, `the dashboard (${lang.code})`);
      await screenshot(page, `i18n-${lang.code}-dashboard-desktop.png`);
      await expectNoAxeViolationsAtWidths(page, `i18n-${lang.code}-dashboard`);
    });

    it('starts the navigation on the reading side', async () => {
      const links = page.locator('.site-nav li');
      const first = (await links.first().boundingBox())!;
      const second = (await links.nth(1).boundingBox())!;
      if (lang.dir === 'rtl') {
        expect(first.x).toBeGreaterThan(second.x);
        // The first entry ends near the right edge of the page.
        expect(1280 - (first.x + first.width)).toBeLessThan(200);
      } else {
        expect(first.x).toBeLessThan(second.x);
      }
    });

    it('shows the status table with its first column on the reading side and the names the UN writes', async () => {
      await page.goto(`${server!.url}/instruments/UNTOC?asOf=2003-09-29`);
      const table = page.locator('table.participants');
      await table.locator('tbody tr').first().waitFor();
      const header = table.locator('thead th');
      const first = (await header.first().boundingBox())!;
      const second = (await header.nth(1).boundingBox())!;
      if (lang.dir === 'rtl') expect(first.x).toBeGreaterThan(second.x);
      else expect(first.x).toBeLessThan(second.x);
      const armenia = table.locator('tr[data-participant="ARM"] th a');
      await page.waitForFunction(
        ([name]) => document.querySelector('tr[data-participant="ARM"] th a')?.textContent === name,
        [lang.armenia],
      );
      expect(await armenia.getAttribute('lang')).toBe(lang.code);
      await expectNoEnglish(page, `the status table (${lang.code})`);
      await screenshot(page, `i18n-${lang.code}-status-desktop.png`);
      await expectNoAxeViolationsAtWidths(page, `i18n-${lang.code}-status`);
    });

    it("opens a State's page under its name in the reader's language", async () => {
      await page.goto(`${server!.url}/countries/ARM`);
      await page.getByRole('heading', { level: 1, name: lang.armenia }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).getAttribute('lang')).toBe(lang.code);
      await page.locator('main table').first().waitFor();
      await expectNoEnglish(page, `the country page (${lang.code})`);
      await screenshot(page, `i18n-${lang.code}-country-desktop.png`);
      await expectNoAxeViolationsAtWidths(page, `i18n-${lang.code}-country`);
    });

    it('shows the needs-assessment form to the focal point', async () => {
      const signedIn = await clockedPage(browser!, pageErrors, { locale: lang.browser, as: focal });
      await signedIn.goto(`${server!.url}/assistance/countries/MWI/assessment`);
      await signedIn.getByTestId('assessment-table').waitFor();
      await signedIn.getByTestId('assessment-table').locator('tbody button').first().click();
      await signedIn.getByTestId('assess-form').waitFor();
      await expectNoEnglish(signedIn, `the needs assessment (${lang.code})`);
      await screenshot(signedIn, `i18n-${lang.code}-assessment-desktop.png`);
      await expectNoAxeViolationsAtWidths(signedIn, `i18n-${lang.code}-assessment`);
      await signedIn.context().close();
    });
  });

  it('opens a link with ?lang=zh in Chinese in an English browser, and switches without a reload', async () => {
    const page = await clockedPage(browser!, pageErrors, { locale: 'en-US' });
    await page.goto(`${server!.url}/?lang=zh`);
    await page.waitForFunction(() => document.documentElement.lang === 'zh');
    await page.getByRole('link', { name: '概览' }).waitFor();
    // A marker on window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ar');
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
