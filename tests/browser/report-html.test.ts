// The report's HTML page (src/reports/render/html.ts) in a real browser: axe-core finds no violation, in
// English and French, at desktop width and at 320 px and 390 px, where nothing scrolls sideways; the figure's
// SVG is drawn (from its data: URL, no request leaves the page); print media keeps the marks on every page,
// starts annexes on a new page and repeats table headers. The page needs no server: it is set as content.
// Needs /usr/bin/chromium; skipped with a message when it is missing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/reports/render/html.ts';
import { hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { fixtureDocument } from '../reports/render-fixture.ts';
import { expectNoAxeViolationsAtWidths } from './journey.ts';

describe.skipIf(!hasChromium)('report, HTML page in a browser', { timeout: JOURNEY_TIMEOUT }, () => {
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(['en', 'fr'] as const)('passes axe at every width and draws its figure (%s)', async (locale) => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.setContent(renderHtml(fixtureDocument(locale)), { waitUntil: 'load' });
    expect(await page.locator('figure img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(200);
    await expectNoAxeViolationsAtWidths(page, `report-html-${locale}`);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('prints the marks on every page, each annex on a new page, table headers repeated', async () => {
    const page = await browser!.newPage();
    await page.setContent(renderHtml(fixtureDocument('en')), { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate(() => ({
      marks: getComputedStyle(document.querySelector('.marks')!).position,
      annex: getComputedStyle(document.querySelector('.annex')!).breakBefore,
      thead: getComputedStyle(document.querySelector('thead')!).display,
    }));
    expect(styles).toEqual({ marks: 'fixed', annex: 'page', thead: 'table-header-group' });
    await page.close();
  });
});
