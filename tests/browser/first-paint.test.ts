// The dashboard's figures come in its first HTML answer (src/server/first-page.ts): with the API's
// /api/dashboard and /api/instruments refused by the browser, the dashboard still shows them, equal to
// what the API gives, and no error. Needs web/dist (npm run build:web) and /usr/bin/chromium.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer } from '../helpers/server.ts';
import { waitForText } from './journey.ts';

const card = (id: string, count: string) =>
  `.instrument-card[data-instrument="${id}"] [data-count="${count}"] dd`;

describe.skipIf(!hasChromium)('dashboard figures from the first answer', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the figures with /api/dashboard and /api/instruments blocked', async () => {
    const api = (await (await fetch(`${server!.url}/api/dashboard`)).json()) as {
      instruments: Array<{ instrumentId: string; counts: { partiesInForce: number; signatories: number } }>;
    };
    const context = await browser!.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    await page.route(/\/api\/(dashboard|instruments)(\?.*)?$/, (route) => {
      blocked.push(new URL(route.request().url()).pathname);
      return route.abort();
    });
    await page.goto(`${server!.url}/`);
    for (const row of api.instruments) {
      await waitForText(page, card(row.instrumentId, 'partiesInForce'), String(row.counts.partiesInForce));
      await waitForText(page, card(row.instrumentId, 'signatories'), String(row.counts.signatories));
    }
    // The dashboard did ask (and was refused): the figures can only have come with the page.
    await page.waitForFunction(() => document.querySelector('[data-testid="world-map"]') !== null);
    expect(blocked.sort()).toEqual(expect.arrayContaining(['/api/dashboard', '/api/instruments']));
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await page.locator('.instrument-card').count()).toBe(api.instruments.length);
    await context.close();
  });
});
