// Instruments unlike the four shipped ones, in a real browser: one defined through the API without an MTDSG
// number (the API allows it), one open for signature without a closing date, and a successor State's
// succession to its predecessor's signature ("d" in the signature column, as the UN Treaty Collection marks
// it). Every page is watched for uncaught errors.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thirtyPlusNinety } from '../helpers/api.ts';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitForText } from './journey.ts';

describe.skipIf(!hasChromium)('instruments of any kind in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
    await page.goto(`${server!.url}${path}`);
    return page;
  }

  /** Waits for an element; on a timeout the page's uncaught errors say why it never came. */
  async function appears(page: Page, selector: string): Promise<void> {
    await page
      .locator(selector)
      .first()
      .waitFor()
      .catch(async (error: Error) => {
        const alerts = await page.locator('[role="alert"]').allTextContents();
        const said = [...pageErrors, ...alerts].join(' | ') || 'nothing';
        throw new Error(`${selector} never appeared; the page said: ${said}`, { cause: error });
      });
  }

  async function post(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${server!.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an instrument without an MTDSG number: the dashboard and its page open without an error', async () => {
    await post(
      '/api/instruments',
      thirtyPlusNinety('NOREF', { title: 'Treaty without a depositary number' }),
    );
    await post('/api/actions', {
      instrumentId: 'NOREF',
      participantId: 'ARM',
      kind: 'signature',
      date: '2004-01-15',
      source: 'test',
    });

    const dashboard = await open('/');
    await appears(dashboard, '.instrument-card[data-instrument="NOREF"]');
    await waitForText(
      dashboard,
      '.instrument-card[data-instrument="NOREF"] [data-count="signatories"] dd',
      '1',
    );
    // Instruments without a number come after the numbered ones, as the server orders them.
    const cards = await dashboard
      .locator('.instrument-card')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-instrument')));
    expect(cards).toEqual(['UNTOC', 'TIP', 'SOM', 'FIREARMS', 'NOREF']);

    const page = await open('/instruments/NOREF');
    await waitForText(page, 'h1', 'Treaty without a depositary number');
    await appears(page, '[data-testid="participants-table"]');
    expect(await page.locator('p.meta').textContent()).not.toContain('null');
    expect(await page.getByTestId('signature-period').textContent()).toBe(
      'Open for signature from 9 December 2003 to 9 December 2005',
    );
    expect(await page.locator('[role="alert"]').allTextContents()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('an instrument open for signature with no closing date: a late signature counts and the page says so', async () => {
    await post(
      '/api/instruments',
      thirtyPlusNinety('OPENSIG', { signatureClosesOn: null, signature: 'open' }),
    );
    await post('/api/actions', {
      instrumentId: 'OPENSIG',
      participantId: 'ALB',
      kind: 'signature',
      date: '2025-03-04',
      source: 'test',
    });
    const page = await open('/instruments/OPENSIG');
    await waitForText(
      page,
      '[data-testid="signature-period"]',
      'Open for signature from 9 December 2003, with no closing date',
    );
    await waitForText(
      page,
      '[data-testid="participants-table"] tr[data-participant="ALB"] td.date',
      '4 March 2025',
    );
    expect(pageErrors).toEqual([]);
  });

  it('a succession to signature shows "d" after the signature date, with its legend, in English and French', async () => {
    await post('/api/actions', {
      instrumentId: 'UNTOC',
      participantId: 'SSD',
      kind: 'succession_to_signature',
      date: '2012-01-20',
      targetParticipantId: 'SDN',
      source: 'test',
    });
    const cell = '[data-testid="participants-table"] tr[data-participant="SSD"] td.date';
    const instrument = await open('/instruments/UNTOC?q=South%20Sudan');
    await waitForText(instrument, cell, '20 January 2012 d (Succession to signature)');
    expect(await instrument.locator(`${cell} .marker`).first().getAttribute('title')).toBe(
      'Succession to signature',
    );
    // An ordinary signature has no marker.
    await open('/instruments/UNTOC?q=Sudan').then((page) =>
      waitForText(
        page,
        '[data-testid="participants-table"] tr[data-participant="SDN"] td.date',
        '15 December 2000',
      ),
    );
    expect(await instrument.locator('.legend').textContent()).toContain('d = succession to signature');

    const country = await open('/countries/SSD');
    const row = '[data-testid="country-status"] tr[data-instrument="UNTOC"] td.date';
    await waitForText(country, row, '20 January 2012 d (Succession to signature)');
    expect(await country.getByTestId('country-legend').textContent()).toContain(
      'd = succession to signature',
    );

    const french = await browser!.newContext({ locale: 'fr-FR' });
    const page = await french.newPage();
    page.on('pageerror', (error) => pageErrors.push(`fr: ${error.message}`));
    await page.goto(`${server!.url}/countries/SSD`);
    await waitForText(page, row, '20 janvier 2012 d (Succession à la signature)');
    expect(await page.getByTestId('country-legend').textContent()).toContain('d = succession à la signature');
    await french.close();
    expect(pageErrors).toEqual([]);
  });
});
