// The public pages in a real browser on the real data: the dashboard (instrument cards, parties over
// time, the world map moved through time), an instrument's participant table (filters, sorting, search,
// downloads, changes between dates), a country page, the list of countries, French and right-to-left.
// axe-core runs on every page; screenshots go to test-artifacts/ for review.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { expectNoAxeViolations, fieldError, screenshot, waitForText } from './journey.ts';

// Each page runs axe-core, which alone takes 10 s on the full participant table of a busy machine.
describe.skipIf(!hasChromium)('public pages in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  async function open(path: string, locale = 'en-US'): Promise<Page> {
    const c = locale === 'en-US' ? context : await browser!.newContext({ locale, bypassCSP: true });
    const page = await c.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server!.url}${path}`);
    return page;
  }

  /** The state the map shows for a participant, and the colour it is drawn in. */
  const mapState = (page: Page, id: string) =>
    page.evaluate((pid) => {
      const g = document.querySelector(`[data-testid="world-map"] g[data-participant="${pid}"]`);
      const shape = g?.querySelector('path, circle');
      return { state: g?.getAttribute('data-state') ?? null, fill: shape?.getAttribute('fill') ?? null };
    }, id);

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    browser = await launchChromium();
    // bypassCSP lets the test inject axe-core; the pages themselves run under the server's CSP.
    context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      acceptDownloads: true,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('dashboard: each instrument with its parties, signatories, entry into force and newest actions', async () => {
    const page = await open('/');
    const card = (id: string) => page.locator(`.instrument-card[data-instrument="${id}"]`);
    await card('UNTOC').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'The Convention and its Protocols at a glance',
    );
    expect(await page.getByTestId('dashboard-as-of').textContent()).toContain('30 June 2026');
    const figures = async (id: string) =>
      card(id)
        .locator('[data-count] dd')
        .allTextContents()
        .then((t) => t.map((x) => x.trim()));
    // Parties in force, signatories (the real counts as at 30 June 2026).
    expect(await figures('UNTOC')).toEqual(['193', '147']);
    expect(await figures('TIP')).toEqual(['181', '117']);
    expect(await figures('SOM')).toEqual(['148', '112']);
    expect(await figures('FIREARMS')).toEqual(['123', '52']);
    expect(await card('UNTOC').locator('.eif-line').textContent()).toBe('In force since 29 September 2003');
    expect(await card('FIREARMS').locator('.eif-line').textContent()).toBe('In force since 3 July 2005');
    expect(await card('UNTOC').locator('.newest li').first().textContent()).toBe(
      '20 October 2023 South Sudan (Accession)',
    );

    // The chart: four lines, labelled axes, and the same figures as a table.
    const chart = page.getByTestId('timeline-chart');
    expect(await chart.locator('path[data-instrument]').count()).toBe(4);
    expect(await chart.locator('.axis-label').allTextContents()).toEqual([
      'Year',
      'Number of parties (in force)',
    ]);
    expect(await chart.getAttribute('role')).toBe('img');
    await page.getByText('Show the figures as a table').click();
    const row2003 = page.locator('.timeline table tbody tr').filter({ hasText: '31 December 2003' });
    expect(await row2003.locator('td').allTextContents()).toEqual(['56', '45', '0', '0']);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('dashboard map: a country changes colour on its real entry-into-force date', async () => {
    const page = await open('/');
    const map = page.getByTestId('world-map');
    await map.waitFor();
    await page.waitForSelector('[data-testid="world-map"] g[data-participant="BTN"]');
    // The shapes are drawn from the list of participants ("none" until the status loads): wait for Bhutan's.
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="world-map"] g[data-participant="BTN"]')
          ?.getAttribute('data-state') === 'party',
      undefined,
      { timeout: 20_000 },
    );
    expect(await mapState(page, 'BTN')).toMatchObject({ state: 'party' });
    // Every UN Member State is on the map, Tuvalu (missing from the 1:50m file) as a marker.
    const drawn = await page.evaluate(
      () =>
        new Set(
          [...document.querySelectorAll('[data-participant]')].map((g) => g.getAttribute('data-participant')),
        ).size,
    );
    expect(drawn).toBeGreaterThanOrEqual(193);
    expect(await page.locator('g[data-participant="TUV"] circle').count()).toBe(1);

    // Bhutan acceded on 20 February 2023; UNTOC entered into force for it on 22 March 2023 (art. 38(2)).
    const date = page.getByLabel('Exact date');
    await date.fill('2023-03-21');
    await waitForText(
      page,
      '[data-testid="map-as-of"]',
      'Organized Crime Convention: status of each State as at 21 March 2023',
    );
    await page.waitForFunction(
      () =>
        document.querySelector('g[data-participant="BTN"]')?.getAttribute('data-state') === 'party_pending',
    );
    const before = await mapState(page, 'BTN');
    await date.fill('2023-03-22');
    await page.waitForFunction(
      () => document.querySelector('g[data-participant="BTN"]')?.getAttribute('data-state') === 'party',
    );
    const after = await mapState(page, 'BTN');
    expect(before.fill).not.toBe(after.fill);
    expect(new URL(page.url()).searchParams.get('mapAsOf')).toBe('2023-03-22');

    // The slider moves by month (the end of the month before); the legend counts follow.
    const slider = page.getByLabel('Move through time (by month)');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await waitForText(
      page,
      '[data-testid="map-as-of"]',
      'Organized Crime Convention: status of each State as at 28 February 2023',
    );
    expect(await slider.getAttribute('aria-valuetext')).toBe('28 February 2023');
    await page.waitForFunction(
      () =>
        document.querySelector('g[data-participant="BTN"]')?.getAttribute('data-state') === 'party_pending',
    );

    // Another instrument, another date: the Firearms Protocol before it entered into force.
    await page.getByLabel('Instrument').selectOption('FIREARMS');
    await date.fill('2005-01-01');
    await waitForText(
      page,
      '[data-testid="map-as-of"]',
      'Firearms Protocol: status of each State as at 1 January 2005',
    );
    await page.waitForFunction(
      () => document.querySelector('[data-category="party"] .legend-count')?.textContent === ' (0)',
    );

    // The accessible alternative: the same facts as a table.
    await page.getByText('Show the map as a table').click();
    const row = page.locator('.map-table tr[data-participant="BGR"] td');
    expect(await row.textContent()).toBe('Party, not yet in force');
    await expectNoAxeViolations(page);
    await screenshot(page, 'dashboard.png');
    await page.close();
  });

  it('instrument page: filter UNTOC to the African Group and see the real count; sort and search', async () => {
    const page = await open('/instruments/UNTOC');
    const summary = page.getByTestId('shown-count');
    await waitForText(page, '[data-testid="shown-count"]', 'Showing 195 of 195 participants');
    // The UN Treaty Collection's columns, and what it lacks.
    expect(await page.locator('table.participants thead th').allTextContents()).toEqual([
      'Participant ▲',
      'State ↕',
      'Signature ↕',
      'Ratification, acceptance (A), approval (AA), accession (a), succession (d) ↕',
      'Entry into force for the party ↕',
      'Declarations, reservations and notifications',
    ]);
    await page.getByLabel('UN regional group').selectOption('African');
    await waitForText(page, '[data-testid="shown-count"]', 'Showing 54 of 195 participants');
    expect(new URL(page.url()).searchParams.get('group')).toBe('African');
    await page.getByLabel('Development class').selectOption('developing');
    expect(await summary.textContent()).toMatch(/^Showing \d+ of 195 participants$/);
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await waitForText(page, '[data-testid="shown-count"]', 'Showing 195 of 195 participants');

    // Sort by entry into force, newest first, with the keyboard alone: the last party in.
    await page.getByRole('button', { name: /^Entry into force for the party/ }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    const firstRow = page.locator('table.participants tbody tr').first();
    await page.waitForFunction(() =>
      document.querySelector('table.participants thead th[aria-sort="descending"]'),
    );
    expect(await firstRow.getAttribute('data-participant')).toBe('SSD');
    // Each party's own date, with its explanation one click away.
    await firstRow.locator('details.explained summary').click();
    expect(await firstRow.locator('details.explained p').textContent()).toContain('art. 38(2)');
    // Footnotes: numbered, linked from the row.
    expect(await page.locator('.footnotes li').count()).toBeGreaterThan(0);

    await page.getByLabel('Filter participants').fill('turkiye');
    await page.waitForFunction(() => document.querySelectorAll('table.participants tbody tr').length === 1);
    expect(await firstRow.locator('th a[lang="en"]').textContent()).toBe('Türkiye');
    // Its footnote, numbered and linked.
    await firstRow.getByRole('link', { name: 'Note 1' }).click();
    expect(await page.locator('.footnotes li#fn-1').textContent()).not.toBe('');
    await expectNoAxeViolations(page);
    await screenshot(page, 'instrument.png');
    await page.close();
  });

  it('instrument page: downloads (CSV, XLSX, JSON) hold the table as at the date', async () => {
    const page = await open('/instruments/UNTOC?asOf=2003-09-29');
    await waitForText(page, '[data-testid="as-of-lead"]', 'Status as at 29 September 2003');
    const download = async (name: RegExp) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        // The participant table's downloads (the statements section below has its own).
        page.locator('section.participants-section').getByRole('link', { name }).click(),
      ]);
      return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
    };
    const csv = await download(/^CSV/);
    expect(csv.name).toBe('UNTOC-status-2003-09-29.csv');
    const lines = csv.bytes.toString('utf8').trim().split(/\r\n/);
    expect(lines[0]).toBe(
      'instrument,as_of,participant_id,participant,region,un_group,state,signature_date,consent_kind,consent_date,consent_precision,entry_into_force,entry_into_force_explanation,denunciation_effective',
    );
    const armenia = lines.find((l) => l.includes(',ARM,'));
    expect(armenia).toMatch(
      /^UNTOC,2003-09-29,ARM,Armenia,Asia,Eastern European,party,2001-11-15,ratification,2003-07-01,day,2003-09-29,/,
    );
    expect(lines.filter((l) => l.includes(',party,')).length).toBe(41);

    const xlsx = await download(/^Excel/);
    expect(xlsx.name).toBe('UNTOC-status-2003-09-29.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(lines.length);
    const values = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(values[2]).toBe('participant_id');

    const json = await download(/^JSON/);
    const body = JSON.parse(json.bytes.toString('utf8')) as {
      asOf: string;
      counts: { partiesInForce: number };
    };
    expect(body.asOf).toBe('2003-09-29');
    expect(body.counts.partiesInForce).toBe(41);
    await page.close();
  });

  it('instrument page: what changed between two dates', async () => {
    const page = await open('/instruments/UNTOC?from=2003-01-01&to=2003-12-31');
    const result = page.getByTestId('changes-result');
    await result.waitFor();
    expect(await result.locator('h3').textContent()).toBe('59 participants changed status');
    const parties = result.locator('tbody tr').filter({ hasText: 'Parties (in force)' });
    expect(await parties.locator('td').allTextContents()).toEqual(['0', '56']);
    expect(await result.locator('li').filter({ hasText: 'Armenia' }).textContent()).toBe(
      'Armenia: Signatory → Party',
    );
    await page.getByLabel('From', { exact: true }).fill('2003-09-28');
    await page.getByLabel('To', { exact: true }).fill('2003-09-29');
    await page.getByRole('button', { name: 'Show the changes' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('from') === '2003-09-28');
    await waitForText(page, '[data-testid="changes-result"] h3', '42 participants changed status');
    await expectNoAxeViolations(page);
    await page.close();
  });

  it('country page: one State across the four instruments, reached from the table', async () => {
    const page = await open('/instruments/TIP');
    await page.getByRole('link', { name: 'Armenia', exact: true }).click();
    await page.waitForURL(/\/countries\/ARM$/);
    const status = page.getByTestId('country-status');
    await status.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Armenia');
    const untoc = status.locator('tr[data-instrument="UNTOC"] td');
    const cells = await untoc.allTextContents();
    expect(cells.slice(0, 3)).toEqual(['Party', '15 November 2001', '1 July 2003 (ratification)']);
    expect(cells[3]).toMatch(/^29 September 2003 — Explanation.*art\. 38\(1\)/);
    expect(await page.getByTestId('not-joined').textContent()).toBe('A party to all four instruments.');
    expect(await page.getByTestId('history-UNTOC').locator('li').allTextContents()).toEqual([
      '15 November 2001 Signature',
      '1 July 2003 Ratification',
    ]);
    // Assistance and contributions (their own chunk): eligibility today, nothing recorded, not a donor.
    await page.getByTestId('eligibility').waitFor();
    expect(await page.getByRole('heading', { name: 'Technical assistance' }).count()).toBe(1);
    // The contributions card is there before the list of donors it reads has loaded.
    await waitForText(page, '[data-testid="country-contributions"]', 'Not a donor to the Fund.', {
      contains: true,
    });
    expect(await page.getByTestId('country-contributions').textContent()).toContain(
      'Not a donor to the Fund.',
    );
    // Signed out: no way to record or correct.
    expect(await page.getByRole('link', { name: /Record an action for/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Correct/ }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'country.png');

    // As at a date before Armenia ratified UNTOC (1 July 2003): a signatory; the date is in the URL.
    await page.getByLabel('As at', { exact: true }).fill('2002-06-01');
    await page.waitForURL(/\/countries\/ARM\?asOf=2002-06-01$/);
    await waitForText(
      page,
      '[data-testid="as-of-lead"]',
      'Status on 1 June 2002, across the Convention and its three Protocols.',
    );
    const asAt = await untoc.allTextContents();
    expect(asAt.slice(0, 2)).toEqual(['Signatory', '15 November 2001']);
    // Eligibility for assistance follows the date; the page says the rest stands as today.
    await waitForText(
      page,
      '[data-testid="eligibility"] strong',
      'Armenia could receive technical assistance on 1 June 2002.',
    );
    expect(await page.getByTestId('later-as-of').textContent()).toBe(
      'Eligibility is as at 1 June 2002; requests, projects and contributions are shown as they stand today.',
    );
    expect(asAt[2]).toMatch(/^—/);
    expect(await page.getByTestId('not-joined').locator('li').count()).toBe(4);
    // The history is the full history, whatever the date.
    expect(await page.getByTestId('history-UNTOC').locator('li').allTextContents()).toEqual([
      '15 November 2001 Signature',
      '1 July 2003 Ratification',
    ]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'country-as-of.png');
    // Back returns to today's view.
    await page.goBack();
    await page.waitForURL(/\/countries\/ARM$/);
    await waitForText(page, 'tr[data-instrument="UNTOC"] td', 'Party');
    await waitForText(
      page,
      '[data-testid="eligibility"] strong',
      'Armenia may receive technical assistance today.',
    );
    expect(await page.getByTestId('later-as-of').count()).toBe(0);
    // The field follows the URL once the page has rendered the date it came back to.
    await expect
      .poll(() => page.getByLabel('As at', { exact: true }).inputValue(), { timeout: 20_000 })
      .toBe('2026-06-30');

    // Dates outside the kept years, and dates the server refuses, get a message at the field.
    for (const [asOf, message] of [
      ['1999-12-31', 'Choose a date from 12 December 2000, when the Convention opened for signature.'],
      ['2999-01-01', /^Choose a date no later than today/],
      ['2026-09-01', '2026-09-01 is in the future; status is known up to today (2026-06-30)'],
      ['2002-02-30', /real calendar day/],
    ] as const) {
      await page.goto(`${server!.url}/countries/ARM?asOf=${asOf}`);
      await page.locator('.controls .field-error').waitFor();
      const error = await fieldError(page, 'As at');
      expect(error.invalid).toBe('true');
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
      expect(await page.getByTestId('country-status').count()).toBe(0);
      expect(await page.locator('.problem').count()).toBe(0);
    }
    await expectNoAxeViolations(page);

    const french = await open('/countries/ARM?asOf=2002-06-01', 'fr-FR');
    await french.waitForFunction(() => document.documentElement.lang === 'fr');
    expect(await french.getByLabel('Situation au', { exact: true }).inputValue()).toBe('2002-06-01');
    await waitForText(
      french,
      '[data-testid="as-of-lead"]',
      'Situation au 1 juin 2002, au regard de la Convention et de ses trois Protocoles.',
    );
    await french.context().close();

    const iran = await open('/countries/IRN');
    await iran.getByTestId('not-joined').waitFor();
    expect(await iran.getByTestId('not-joined').locator('li').allTextContents()).toEqual([
      'Organized Crime Convention',
      'Trafficking in Persons Protocol',
      'Smuggling of Migrants Protocol',
      'Firearms Protocol',
    ]);
    await iran.close();
    await page.close();
  });

  it('countries: the list finds a State by name or code', async () => {
    const page = await open('/countries');
    await page.getByLabel('Find a country by name or code').fill('tuv');
    await page.waitForFunction(() => document.querySelectorAll('table.participants tbody tr').length === 1);
    expect(await page.locator('table.participants tbody th a').textContent()).toBe('Tuvalu');
    await expectNoAxeViolations(page);
    await screenshot(page, 'countries.png');
    await page.close();
  });

  it('in French: dashboard and instrument page translated, dates and numbers by locale, no axe violation', async () => {
    const page = await open('/instruments/UNTOC?group=African', 'fr-FR');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await waitForText(page, '[data-testid="shown-count"]', '54 participants affichés sur 195');
    expect(await page.getByLabel('Groupe régional de l’ONU').inputValue()).toBe('African');
    expect(await page.getByRole('button', { name: /^Entrée en vigueur pour la partie/ }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'instrument-fr.png');

    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await page.locator('.instrument-card').first().waitFor();
    expect(await page.locator('.instrument-card[data-instrument="UNTOC"] .eif-line').textContent()).toBe(
      'En vigueur depuis le 29 septembre 2003',
    );
    await page.getByTestId('world-map').waitFor();
    expect(await page.getByTestId('timeline-chart').locator('.axis-label').allTextContents()).toEqual([
      'Année',
      'Nombre de parties (en vigueur)',
    ]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'dashboard-fr.png');
    await page.context().close();
  });

  it("the dashboard runs under the server's Content-Security-Policy with no violation", async () => {
    const strict = await browser!.newContext({ locale: 'en-US' });
    const page = await strict.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${server!.url}/`);
    await page.waitForSelector('[data-testid="world-map"] g[data-participant]');
    expect(violations).toEqual([]);
    await strict.close();
  });

  it('right to left: the pages lay out from the right without overflowing', async () => {
    const page = await open('/instruments/UNTOC');
    await page.getByTestId('participants-table').waitFor();
    await page.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    const layout = await page.evaluate(() => {
      const h1 = document.querySelector('h1')!.getBoundingClientRect();
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        h1Right: Math.round(document.documentElement.clientWidth - h1.right),
        firstHeader: getComputedStyle(document.querySelector('table.participants th')!).textAlign,
      };
    });
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.h1Right).toBeLessThan(40);
    expect(layout.firstHeader).toBe('start');
    await screenshot(page, 'instrument-rtl.png');
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
