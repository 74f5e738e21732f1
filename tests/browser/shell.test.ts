// The web shell in a real browser against the real server and the real data: status as at a date,
// changing the date, filtering, French, accessibility (axe-core) and the 422 message for an impossible date.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  DIST_INDEX,
  hasChromium,
  JOURNEY_TIMEOUT,
  launchChromium,
  runAxe,
} from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';
import { waitForText } from './journey.ts';

function describeViolations(results: AxeResults): string[] {
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const count = (key: string) => `[data-count="${key}"] dd`;

describe.skipIf(!hasChromium)('web shell in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    browser = await launchChromium();
    // bypassCSP lets the test inject axe-core; the page itself runs under the server's CSP.
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the entry into force, its explanation and the counts as at 29 September 2003', async () => {
    await page.goto(`${server!.url}/?instrument=UNTOC&asOf=2003-09-29`);
    await waitForText(page, '[data-testid="eif-date"]', '29 September 2003');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('[data-testid="eif-explanation"]').textContent()).toContain('Armenia');
    expect((await page.locator(count('signatories')).textContent())?.trim()).toBe('147');
    expect(await page.locator('[data-testid="instrument-in-force"]').textContent()).toBe('In force');
    expect(await page.getByLabel('Instrument').inputValue()).toBe('UNTOC');
    expect(await page.getByLabel('As at', { exact: true }).inputValue()).toBe('2003-09-29');
    expect(await page.locator('table.participants caption').textContent()).toContain('29 September 2003');
  });

  it("runs under the server's Content-Security-Policy with no violation", async () => {
    const strict = await browser!.newContext({ locale: 'en-US' });
    const strictPage = await strict.newPage();
    const violations: string[] = [];
    strictPage.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await strictPage.goto(`${server!.url}/?instrument=UNTOC&asOf=2003-09-29`);
    expect(response?.headers()['content-security-policy']).toContain("object-src 'none'");
    await waitForText(strictPage, '[data-testid="eif-date"]', '29 September 2003');
    expect(violations).toEqual([]);
    await strict.close();
  });

  it('recomputes when the date changes and keeps the view in the URL', async () => {
    await page.getByLabel('As at', { exact: true }).fill('2003-07-01');
    await waitForText(page, count('contractingParties'), '40');
    await waitForText(page, '[data-testid="as-of-lead"]', 'Status as at 1 July 2003');
    const url = new URL(page.url());
    // The first version's address (/?instrument=UNTOC&asOf=…) opened the instrument's own page.
    expect(url.pathname).toBe('/instruments/UNTOC');
    expect(url.searchParams.get('asOf')).toBe('2003-07-01');
    expect(await page.getByRole('link', { name: /^CSV \(the table as at/ }).getAttribute('href')).toBe(
      '/api/instruments/UNTOC/status.csv?asOf=2003-07-01',
    );
  });

  it('runs axe-core on the full page with no violations', async () => {
    const results = await runAxe(page);
    expect(describeViolations(results)).toEqual([]);
  });

  it('filters the table', async () => {
    const rows = page.locator('table.participants tbody tr');
    expect(await rows.count()).toBeGreaterThan(40);
    await page.getByLabel('Filter participants').fill('Armenia');
    await page.waitForFunction(() => document.querySelectorAll('table.participants tbody tr').length === 1);
    expect(await rows.first().locator('th').textContent()).toContain('Armenia');
    expect(await page.locator('[data-testid="shown-count"]').textContent()).toMatch(/^Showing 1 of \d+/);
  });

  it('switches to French', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    await waitForText(page, '[data-testid="eif-date"]', '29 septembre 2003');
    expect(await page.getByRole('heading', { name: 'Entrée en vigueur', exact: true }).count()).toBe(1);
    expect((await page.locator('[data-count="contractingParties"] dt').textContent())?.trim()).toBe(
      'Parties contractantes',
    );
    expect(await page.getByLabel('Situation au', { exact: true }).inputValue()).toBe('2003-07-01');
    expect(await page.getByRole('link', { name: /^CSV \(le tableau au/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Français' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('has no axe-core violations in French, and saves a screenshot', async () => {
    const results = await runAxe(page);
    expect(describeViolations(results)).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'shell.png'), fullPage: true });
  });

  it('shows the server message next to the date input for an impossible date', async () => {
    await page.goto(`${server!.url}/?instrument=UNTOC&asOf=2003-02-30`);
    const error = page.locator('.controls .field-error');
    await error.waitFor({ timeout: 20_000 });
    expect((await error.textContent())?.trim()).not.toBe('');
    expect(await page.locator('input[type="date"][aria-invalid="true"]').count()).toBe(1);
    expect(await page.locator('table.participants').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
