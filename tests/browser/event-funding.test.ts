// The Fund pays for participants of a seminar, in a real browser against the real server: the
// Secretariat's fund officer sets the seminar's budget, allocates money from Italy's earmark for seminars in
// Africa, and pays the travel of three approved participants of Senegal from it; the page shows each
// participant's amounts and the budget against actual, exact to the cent with the 13% support costs. Italy's
// donor account then sees its part, read-only and without names. The section passes axe on the desktop, at
// 320 px and 390 px wide (without sideways scrolling), and in French.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { noteOf, person, samplePdf, seminarInput } from '../events/delegations-support.ts';
import {
  clockedPage,
  earmarkedMoney,
  expectNoAxeViolations,
  expectNoAxeViolationsAtWidths,
  fundEvent,
  norm,
  signIn,
  setupApi,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

describe.skipIf(!hasChromium)('funded participation in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let officer: Page;
  let eventId = 0;
  const pageErrors: string[] = [];
  const OFFICER = { email: 'fay.fund@example.org', password: 'granite meadow violin 2' };
  const DONOR = { email: 'italy.donor@example.org', password: 'harbour lantern cedar 9' };
  const PEOPLE: Array<[string, string]> = [
    ['Aminata', 'Diallo'],
    ['Moussa', 'Ndiaye'],
    ['Fatou', 'Sarr'],
  ];

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    const api = setupApi(server, 'browser-funding');
    await earmarkedMoney(api, {
      donor: ['ITA', 'Italy'],
      earmark: ['SEM-AFRICA', 'Seminars in Africa'],
      instrumentId: 'FIREARMS',
      region: 'Africa',
      receivedOn: '2026-02-01',
      amount: '50000.00',
    });
    eventId = (await api('POST', '/api/events', seminarInput('Seminar on the Firearms Protocol, Dakar')))
      .id as number;
    await api('POST', `/api/events/${eventId}/status`, {
      status: 'registration_open',
      reason: null,
      revision: 1,
    });
    const delegation = await api('POST', `/api/events/${eventId}/delegations`, {
      state: 'SEN',
      delegates: PEOPLE.map(([g, f], i) => person(g, f, 'delegate', i === 0 ? 'head' : 'member')),
      noteVerbale: noteOf(samplePdf()),
    });
    for (const d of delegation.delegates as Array<{ id: number }>) {
      await api('POST', `/api/events/${eventId}/delegates/${d.id}/review`, {
        decision: 'approve',
        reason: null,
      });
    }
    await server.createUser({ ...OFFICER, displayName: 'Fay Fund', role: 'fund_officer' });
    await server.createUser({ ...DONOR, displayName: 'Italy donor', role: 'donor', donors: ['ITA'] });
    browser = await launchChromium();
    officer = await clockedPage(browser, pageErrors);
    await signInEnrollingMfa(officer, server.url, OFFICER.email, OFFICER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the Secretariat pays three participants’ travel from an earmark', async () => {
    await officer.goto(`${server!.url}/events/${eventId}`);
    const section = officer.getByTestId('event-funding');
    await section.getByRole('heading', { level: 2, name: 'Funding' }).waitFor();
    await section.getByText('No money allocated to this event yet.').waitFor();

    await fundEvent(officer, {
      budget: '15000.00',
      donor: 'ITA',
      earmark: 'SEM-AFRICA',
      allocate: '10000.00',
      travel: PEOPLE.map(([given, family], i) => [
        `${given} ${family}, Senegal (Delegate)`,
        ['1012.50', '1234.57', '999.99'][i] as string,
      ]),
    });
    const rows = section.getByTestId('funded-participants').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    const first = rows.filter({ hasText: 'Aminata Diallo' });
    // 1012.50 × 13% = 131.625, rounded half to even: 131.62.
    expect(norm(await first.locator('[data-column="travel"]').textContent())).toBe('1,012.50');
    expect(norm(await first.locator('[data-column="supportCosts"]').textContent())).toBe('131.62');
    expect(norm(await first.locator('[data-column="total"]').textContent())).toBe('1,144.12');
    // Spent 3247.06; support costs 131.62 + 160.49 + 130.00 = 422.11; actual 3669.17; budget left 11330.83.
    const figure = async (k: string) =>
      norm(
        await section.locator(`[data-testid="event-funding-summary"] [data-count="${k}"] dd`).textContent(),
      );
    await waitForText(officer, '[data-count="spent"] dd', '3,247.06', { contains: true });
    expect(await figure('supportCosts')).toBe('422.11');
    expect(await figure('actual')).toBe('3,669.17');
    expect(await figure('remaining')).toBe('11,330.83');
    expect(await figure('budget')).toBe('15,000.00');
    await expectNoAxeViolationsAtWidths(officer, 'event-funding');
  });

  it('Italy’s donor account sees its part read-only, without names, also in French', async () => {
    const english = await clockedPage(browser!, pageErrors);
    await signIn(english, server!.url, DONOR.email, DONOR.password);
    // The same session in a French browser: the page speaks French.
    const page = await clockedPage(browser!, pageErrors, { locale: 'fr-FR', as: english });
    await page.goto(`${server!.url}/events/${eventId}`);
    const section = page.getByTestId('event-funding');
    await section.getByRole('heading', { level: 2, name: 'Financement' }).waitFor();
    await section.getByTestId('funded-participants').waitFor();
    expect(await section.locator('form').count()).toBe(0);
    const text = norm(await section.textContent());
    expect(text).not.toMatch(/Diallo|Ndiaye|Sarr/);
    expect(await section.getByTestId('funded-participants').locator('tbody tr').count()).toBe(3);
    expect(await section.locator('[data-count="budget"]').count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.context().close();
    await english.context().close();
    expect(pageErrors).toEqual([]);
  });
});
