// A State's calendar of notifications owed to the depositary in a real browser, on the real data: Albania's
// focal point reads its calendar (nothing overdue until the Secretariat marks completeness, then UNTOC 18(13)
// overdue since its deposit), in English and French; another State's calendar is refused as if absent. The
// page passes axe on the desktop and at 390 px and 320 px without scrolling sideways.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { readReferenceCsv } from '../helpers/reference-csv.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { expectNoAxeViolationsAtWidths, openPage, setupApi, signIn } from './journey.ts';

const LANGUAGE_KEY = 'palermo.language';

describe.skipIf(!hasChromium)('a State’s calendar of obligations', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let focal: Page;
  let focalFr: Page;
  const pageErrors: string[] = [];
  const FOCAL = { email: 'alb.focal@example.org', password: 'olive mountain ferry 9' };
  const deposit = readReferenceCsv('participants-untoc.csv').find((r) => r.iso3 === 'ALB')
    ?.consent_date as string;
  let api: ReturnType<typeof setupApi>;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    api = setupApi(server, 'obligations-browser');
    await server.createUser({ ...FOCAL, displayName: 'Alba Focal', role: 'focal_point', states: ['ALB'] });
    browser = await launchChromium();
    focal = await openPage(browser, pageErrors);
    await signIn(focal, server.url, FOCAL.email, FOCAL.password);
    // Signed in through the English form, then read in French (the reader's choice, kept by web/src/i18n.ts).
    focalFr = await openPage(browser, pageErrors);
    await signIn(focalFr, server.url, FOCAL.email, FOCAL.password);
    await focalFr.evaluate((key) => localStorage.setItem(key, 'fr'), LANGUAGE_KEY);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const row = (page: Page, instrument: string, article: string) =>
    page
      .getByTestId(`obligations-${instrument}`)
      .locator('tr', { has: page.locator(`th:text-is("art. ${article}")`) });

  it('shows what falls due, and calls nothing overdue before completeness is marked', async () => {
    await focal.goto(`${server!.url}/countries/ALB`);
    await focal.getByTestId('obligations-link').click();
    await focal.waitForURL(/\/countries\/ALB\/obligations$/);
    await focal.getByRole('heading', { level: 1, name: 'Notifications owed: Albania' }).waitFor();
    await focal.getByTestId('obligations-UNTOC').waitFor();
    expect(await focal.getByTestId('completeness').textContent()).toContain('has not said from when');
    expect(await focal.locator('[data-status="overdue"]').count()).toBe(0);
    const r1813 = row(focal, 'UNTOC', '18(13)');
    expect(await r1813.getAttribute('data-status')).toBe('not_recorded');
    expect(await r1813.textContent()).toContain('not recorded here');
    // TIP names no notification a party owes: said in words, not an empty table.
    expect(await focal.getByTestId('obligations-TIP').count()).toBe(0);
    expect(await focal.getByTestId('ics-link').getAttribute('href')).toBe(
      '/api/participants/ALB/obligations.ics',
    );
    await expectNoAxeViolationsAtWidths(focal, 'obligations');
  });

  it('after the Secretariat marks completeness, 18(13) is overdue since the deposit, in French too', async () => {
    await api('PUT', '/api/participants/ALB/obligations/completeness', {
      completeSince: deposit,
      reason: 'test: browser',
    });
    await focal.reload();
    const r1813 = row(focal, 'UNTOC', '18(13)');
    await expect.poll(() => r1813.getAttribute('data-status')).toBe('overdue');
    const [y, m, d] = deposit.split('-').map(Number) as [number, number, number];
    const english = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(Date.UTC(y, m - 1, d));
    expect(await r1813.textContent()).toContain(`overdue since ${english}`);
    expect(await focal.getByTestId('completeness').textContent()).toContain('complete here since');
    await expectNoAxeViolationsAtWidths(focal, 'obligations-overdue');

    await focalFr.goto(`${server!.url}/countries/ALB/obligations`);
    await focalFr.getByRole('heading', { level: 1, name: 'Notifications dues : Albanie' }).waitFor();
    const fr1813 = row(focalFr, 'UNTOC', '18(13)');
    await expect.poll(() => fr1813.textContent()).toContain('en retard depuis le');
    await expectNoAxeViolationsAtWidths(focalFr, 'obligations-fr');
  });

  it('another State’s calendar is answered as if it did not exist', async () => {
    await focal.goto(`${server!.url}/countries/MEX/obligations`);
    await focal.getByText('No calendar here').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
