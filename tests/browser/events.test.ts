// Events in a real browser against the real server, on the real data: the public calendar with the reference
// events of 2000-2004 (the Bamako seminar of November 2003 and its sources); a programme officer records a
// seminar for the States of Western Africa (the mistakes shown at their fields, the server's own at its
// field), invites them (then Senegal again: already invited, with its note's reference), opens registration
// (a postponement without a reason refused at the field), and corrects it against a change made meanwhile
// (409: the page says so and reloads); the public calendar then shows it. Every events page passes axe on
// the desktop, at 320 px and 390 px wide (without sideways scrolling), and in French.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  clockedPage,
  expectNoAxeViolations,
  expectNoAxeViolationsAtWidths,
  fieldError,
  screenshot,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

describe.skipIf(!hasChromium)('events in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let officer: Page;
  let eventId = 0;
  const pageErrors: string[] = [];
  const OFFICER = { email: 'pat.programme@example.org', password: 'granite meadow violin 2' };
  const TITLE = 'Sub-regional seminar on the ratification of the Convention for West African States';
  const BAMAKO =
    'Sub-Regional Seminar for the ratification and implementation of the universal instruments against terrorism and UNTOC and its three Protocols';

  const newPage = (locale = 'en-US', as?: Page) =>
    clockedPage(browser!, pageErrors, { locale, ...(as ? { as } : {}) });

  const checkAtWidths = expectNoAxeViolationsAtWidths;

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    await server.createUser({ ...OFFICER, displayName: 'Pat Programme', role: 'programme_officer' });
    browser = await launchChromium();
    officer = await newPage();
    await signInEnrollingMfa(officer, server.url, OFFICER.email, OFFICER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the public calendar lists the reference events; the Bamako seminar shows its sources', async () => {
    const page = await newPage();
    await page.goto(`${server!.url}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
    await page.waitForURL(/\/events$/);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    const past = page.getByTestId('past');
    await past.getByRole('heading', { level: 3, name: '2003' }).waitFor();
    const bamako = past.getByRole('listitem').filter({ has: page.getByRole('link', { name: BAMAKO }) });
    expect(await bamako.locator('dd').first().textContent()).toBe('25 November 2003 to 28 November 2003');
    expect(await bamako.getByTestId('event-status').textContent()).toBe('Held');
    await checkAtWidths(page, 'events-calendar');

    // Filtered by kind: the seminars only.
    await page.getByLabel('Kind', { exact: true }).selectOption('regional_ministerial_conference');
    await page.waitForURL(/kind=regional_ministerial_conference/);
    await page.getByRole('link', { name: BAMAKO }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Clear the filters' }).click();

    await page.getByRole('link', { name: BAMAKO }).click();
    await page.waitForURL(/\/events\/\d+$/);
    await page.getByRole('heading', { level: 1, name: BAMAKO }).waitFor();
    const provenance = page.getByTestId('event-provenance');
    expect(await provenance.getByTestId('source-link').first().getAttribute('href')).toBe(
      'https://unis.unvienna.org/unis/en/pressrels/2003/cp455.html',
    );
    expect(await provenance.getByTestId('participants-note').textContent()).toMatch(
      /^around 50 participants; 20 countries represented/,
    );
    const targets = page.getByTestId('event-targets');
    expect(await targets.locator('li').first().textContent()).toBe('Intermediate region: Western Africa');
    await targets.locator('summary').click();
    await targets.getByRole('link', { name: 'Mali' }).waitFor();
    expect(
      await page.getByTestId('event-history').locator('li[data-revision="1"] p').first().textContent(),
    ).toMatch(/^Version 1 — loaded from the sources — /);
    // Its iCalendar file, as anyone may download it.
    const ics = await page.evaluate(
      async (href) => (await fetch(href!)).text(),
      await page.getByTestId('event-ics').getAttribute('href'),
    );
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('DTSTART;VALUE=DATE:20031125');
    // The public sees no Secretariat action.
    expect(await page.getByRole('link', { name: 'Correct the event' }).count()).toBe(0);
    await checkAtWidths(page, 'event-bamako');
    await page.context().close();
  });

  it('the Secretariat records a seminar for West African States: mistakes at their fields', async () => {
    await officer.goto(`${server!.url}/events`);
    await officer
      .getByRole('navigation', { name: 'Events' })
      .getByRole('link', { name: 'Record an event' })
      .click();
    await officer.waitForURL(/\/events\/new$/);
    const form = officer.getByTestId('event-form');
    await form.waitFor();
    await checkAtWidths(officer, 'event-new');

    await form.getByRole('button', { name: 'Record the event' }).click();
    await officer.locator('.error-summary').waitFor();
    expect(await fieldError(officer, 'Kind')).toEqual({
      invalid: 'true',
      message: 'Error: Choose the kind of event.',
    });
    expect(await fieldError(officer, 'Title')).toEqual({
      invalid: 'true',
      message: 'Error: Enter the title.',
    });

    await form.getByLabel('Kind', { exact: true }).selectOption('pre_ratification_seminar');
    await form.getByLabel('Title', { exact: true }).fill(TITLE);
    await form.getByLabel('First day', { exact: true }).fill('2026-09-14');
    await form.getByLabel('Last day', { exact: true }).fill('2026-09-10');
    await form.getByLabel('City', { exact: true }).fill('Dakar');
    await form.getByLabel('Country of the venue', { exact: true }).selectOption('SEN');
    await form.getByLabel('Hosts', { exact: true }).selectOption(['SEN']);
    await form
      .getByLabel('Co-organisers', { exact: true })
      .fill('ECOWAS\nUNODC Regional Office for West Africa');
    const target = form.getByTestId('targets-row');
    await target.getByLabel('By', { exact: true }).selectOption('intermediate_region');
    await target.getByLabel('Which', { exact: true }).selectOption('Western Africa');
    await form.getByLabel('Organized Crime Convention', { exact: true }).check();
    await form.getByLabel('Trafficking in Persons Protocol', { exact: true }).check();
    await form.getByRole('button', { name: 'Add an agenda item' }).click();
    const item = form.getByTestId('agenda-row');
    await item.getByLabel('Title of the item', { exact: true }).fill('Criminalization of participation');
    await item.getByLabel('Instrument of the item', { exact: true }).selectOption('UNTOC');
    await item.getByLabel('Articles', { exact: true }).fill('5, 6');
    await form.getByLabel('With interpretation', { exact: true }).check();
    await form.getByRole('button', { name: 'Record the event' }).click();
    // The server's own rule, at its field.
    await waitForText(
      officer,
      '.error-summary li',
      'the event ends (2026-09-10) before it starts (2026-09-14)',
    );
    expect((await fieldError(officer, 'Last day')).invalid).toBe('true');

    await form.getByLabel('Last day', { exact: true }).fill('2026-09-16');
    await form.getByRole('button', { name: 'Record the event' }).click();
    await officer.waitForURL(/\/events\/\d+$/);
    eventId = Number(/\/events\/(\d+)$/.exec(officer.url())![1]);
    await officer.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await waitForText(officer, '[data-testid="event-status"]', 'Planned');
    expect(await officer.getByTestId('event-agenda').locator('li').textContent()).toBe(
      'Criminalization of participation — Organized Crime Convention, articles 5, 6',
    );
    expect(await officer.getByTestId('event-targets').locator('summary').textContent()).toBe('16 States');
    await checkAtWidths(officer, 'event-new-seminar');
  });

  it('invites Western Africa, then Senegal again: already invited, with its reference', async () => {
    await officer.getByRole('link', { name: 'Invitations (0)' }).click();
    await officer.waitForURL(/\/invitations$/);
    const form = officer.getByTestId('invite-form');
    await form.waitFor();
    expect(await officer.getByTestId('no-invitations').textContent()).toBe('No invitation yet.');
    expect(await form.getByLabel('Which', { exact: true }).inputValue()).toBe('Western Africa');
    await checkAtWidths(officer, 'event-invitations');
    await form.getByRole('button', { name: 'Invite' }).click();
    await waitForText(officer, '[data-testid="invited-count"]', '16 States invited.');
    expect(await officer.getByTestId('invited').locator('li').first().textContent()).toBe(
      `Benin — UNODC/EVT/${eventId}/BEN`,
    );
    await officer.getByTestId('invitations-table').waitFor();
    expect(await officer.getByTestId('invitations-table').locator('tbody tr').count()).toBe(16);
    expect(
      await officer
        .locator('tr[data-state="SEN"]')
        .getByRole('link', { name: 'PDF — note verbale for Senegal' })
        .getAttribute('href'),
    ).toBe(`/api/events/${eventId}/invitations/SEN/note-verbale.pdf`);

    const row = form.getByTestId('invite-row');
    await row.getByLabel('By', { exact: true }).selectOption('state');
    await row.getByLabel('Which', { exact: true }).selectOption('SEN');
    await form.getByRole('button', { name: 'Invite' }).click();
    await waitForText(officer, '[data-testid="invited-count"]', '0 States invited.');
    await waitForText(officer, '[data-testid="already-invited"] li', `Senegal — UNODC/EVT/${eventId}/SEN`);
    expect(await officer.getByTestId('already-count').textContent()).toBe(
      '1 State had already been invited:',
    );
    await expectNoAxeViolations(officer);
  });

  it('opens registration: only the next statuses offered, a reason needed to postpone', async () => {
    await officer.getByRole('link', { name: TITLE }).click();
    await officer.waitForURL(/\/events\/\d+$/);
    await waitForText(officer, '[data-testid="event-status"]', 'Invitations sent');
    const form = officer.getByTestId('status-form');
    const options = await form.getByLabel('New status', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(['Choose…', 'Registration open', 'Postponed', 'Cancelled']);
    await form.getByLabel('New status', { exact: true }).selectOption('postponed');
    await form.getByRole('button', { name: 'Change the status' }).click();
    expect(await fieldError(officer, 'Reason')).toEqual({
      invalid: 'true',
      message: 'Error: Say why the event is Postponed.',
    });
    await form.getByLabel('New status', { exact: true }).selectOption('registration_open');
    await form.getByRole('button', { name: 'Change the status' }).click();
    await waitForText(officer, '[data-testid="event-status"]', 'Registration open');
    await waitForText(
      officer,
      '[data-testid="event-history"] li[data-revision="3"] li[data-field="status"]',
      'Status: Invitations sent → became Registration open',
    );
    await expectNoAxeViolations(officer);
  });

  it('a correction against a change made meanwhile is refused with a reload; then saved', async () => {
    await officer.getByRole('link', { name: 'Correct the event' }).click();
    await officer.waitForURL(/\/correct$/);
    const form = officer.getByTestId('event-form');
    await form.waitFor();
    expect(await form.getByLabel('Title', { exact: true }).inputValue()).toBe(TITLE);
    await checkAtWidths(officer, 'event-correct');

    // Meanwhile, someone else corrects the description.
    const other = await newPage('en-US', officer);
    await other.goto(`${server!.url}/events/${eventId}/correct`);
    const otherForm = other.getByTestId('event-form');
    await otherForm.waitFor();
    await otherForm.getByLabel('Description', { exact: true }).fill('Hosted by the Government of Senegal.');
    await otherForm.getByLabel('Reason for the correction', { exact: true }).fill('Description added');
    await otherForm.getByRole('button', { name: 'Save the correction' }).click();
    await other.waitForURL(/\/events\/\d+$/);
    await other.context().close();

    await form.getByLabel('City', { exact: true }).fill('Saly');
    await form.getByLabel('Reason for the correction', { exact: true }).fill('Venue moved to Saly');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await waitForText(
      officer,
      '[data-testid="stale"] .problem-heading',
      'Someone changed this event since you opened it.',
    );
    await expectNoAxeViolations(officer);
    await officer.getByRole('button', { name: 'Load the event again' }).click();
    await waitForText(
      officer,
      '[data-testid="event-form"] textarea[lang="en"][rows="4"]',
      'Hosted by the Government of Senegal.',
    );
    await form.getByLabel('City', { exact: true }).fill('Saly');
    await form.getByLabel('Reason for the correction', { exact: true }).fill('Venue moved to Saly');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await officer.waitForURL(/\/events\/\d+$/);
    const change = '[data-testid="event-history"] li[data-revision="5"]';
    await waitForText(officer, `${change} li[data-field="venue"]`, 'Venue: Dakar, SEN → became Saly, SEN');
    expect(await officer.locator(`${change} > p`).nth(1).textContent()).toBe('Why: Venue moved to Saly');
  });

  it('the public calendar shows the seminar, in English and in French', async () => {
    const page = await newPage();
    await page.goto(`${server!.url}/events`);
    const upcoming = page.getByTestId('upcoming');
    await upcoming.getByRole('heading', { level: 3, name: 'September 2026' }).waitFor();
    const item = upcoming.locator(`li[data-event="${eventId}"]`);
    await waitForText(page, `li[data-event="${eventId}"] [data-testid="event-status"]`, 'Registration open');
    expect(await item.getByRole('link').textContent()).toBe(TITLE);
    await page.context().close();

    const fr = await newPage('fr-FR');
    await fr.goto(`${server!.url}/events`);
    await fr.getByRole('heading', { level: 1, name: 'Événements' }).waitFor();
    await fr.getByTestId('upcoming').getByRole('heading', { level: 3, name: 'septembre 2026' }).waitFor();
    await waitForText(
      fr,
      `li[data-event="${eventId}"] [data-testid="event-status"]`,
      'Inscriptions ouvertes',
    );
    await checkAtWidths(fr, 'events-calendar-fr');
    await fr.getByRole('link', { name: TITLE }).click();
    await fr.getByTestId('event-details').waitFor();
    expect(await fr.getByTestId('event-details').locator('dd').first().textContent()).toBe(
      'du 14 septembre 2026 au 16 septembre 2026',
    );
    await checkAtWidths(fr, 'event-fr');
    const frOfficer = await newPage('fr-FR', officer);
    await frOfficer.goto(`${server!.url}/events/${eventId}/invitations`);
    await frOfficer.getByTestId('invitations-table').waitFor();
    await expectNoAxeViolations(frOfficer);
    await frOfficer.goto(`${server!.url}/events/new`);
    await frOfficer.getByTestId('event-form').waitFor();
    await expectNoAxeViolations(frOfficer);
    await fr.context().close();
    await frOfficer.context().close();
    expect(pageErrors).toEqual([]);
  });
});
