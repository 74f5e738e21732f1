// Depositary notifications in a real browser, on the real data: an action recorded through the API appears
// at the top of /notifications with its C.N. reference; its page shows the depositary's text in English, and
// in French for a French reader; a notice of history says its depositary reference is not known. The pages
// pass axe on the desktop and at 390 px and 320 px without scrolling sideways.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { expectNoAxeViolationsAtWidths, openPage, setupApi, waitForText } from './journey.ts';

describe.skipIf(!hasChromium)('depositary notifications', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let reader: Page;
  let lecteur: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    const api = setupApi(server, 'notifications-browser');
    await api('POST', '/api/actions', {
      instrumentId: 'UNTOC',
      participantId: 'IRN',
      kind: 'ratification',
      date: '2026-01-15',
      source: 'test: tests/browser/notifications.test.ts',
    });
    browser = await launchChromium();
    reader = await openPage(browser, pageErrors);
    lecteur = await openPage(browser, pageErrors, 'fr-FR');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the newest notification first, with its reference and feed', async () => {
    await reader.goto(`${server!.url}/notifications`);
    const first = reader.getByTestId('notification-item').first();
    await expect.poll(() => first.textContent()).toContain('IRAN (ISLAMIC REPUBLIC OF): RATIFICATION');
    expect(await first.textContent()).toContain('C.N.1.2026.TREATIES-XVIII.12');
    expect(await reader.getByTestId('feed-link').getAttribute('href')).toBe('/api/notifications.atom');
    await expectNoAxeViolationsAtWidths(reader, 'notifications-list');
  });

  it('shows one notification’s text, in English then in French', async () => {
    await reader.getByTestId('notification-item').first().getByRole('link').click();
    await reader.waitForURL(/\/notifications\/\d+$/);
    await waitForText(
      reader,
      '[data-testid="notification-text"]',
      'The above action was effected on 15 January 2026.',
      { contains: true },
    );
    await expectNoAxeViolationsAtWidths(reader, 'notification-page');
    await lecteur.goto(reader.url());
    await waitForText(
      lecteur,
      '[data-testid="notification-text"]',
      "L'action susmentionnée a été effectuée le 15 janvier 2026.",
      { contains: true },
    );
    expect(await lecteur.getByTestId('notification-text').getAttribute('lang')).toBe('fr');
    await expectNoAxeViolationsAtWidths(lecteur, 'notification-page-fr');
  });

  it('says when a notice of history has no known depositary reference', async () => {
    const res = await fetch(`${server!.url}/api/notifications?since=0&limit=200`);
    const page = (await res.json()) as { items: Array<{ id: number; referenceSource: string }> };
    const old = page.items.find((n) => n.referenceSource === 'none');
    expect(old).toBeDefined();
    await reader.goto(`${server!.url}/notifications/${old!.id}`);
    await waitForText(reader, 'h1', `Notification ${old!.id} (depositary reference not known)`);
    expect(pageErrors).toEqual([]);
  });

  it('pages back to older notifications through the list’s cursor, none shown twice', async () => {
    await reader.goto(`${server!.url}/notifications`);
    const items = reader.getByTestId('notification-item');
    await expect.poll(() => items.count()).toBe(50);
    const ids = async () => items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    const newest = await ids();
    await reader.getByRole('link', { name: 'Older notifications' }).click();
    await reader.waitForURL(/[?&]cursor=/);
    await expect.poll(async () => (await ids())[0]).toBeLessThan(newest.at(-1) as number);
    const older = await ids();
    expect(older).toHaveLength(50);
    // The two pages are the list as one read gives it, newest first, with nothing skipped between them.
    const res = await fetch(`${server!.url}/api/notifications?limit=100`);
    const one = ((await res.json()) as { items: Array<{ id: number }> }).items.map((n) => n.id);
    expect([...newest, ...older]).toEqual(one);
    expect(pageErrors).toEqual([]);
  });
});
