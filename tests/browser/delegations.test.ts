// Delegations in a real browser against the real server: Senegal's focal point registers its delegation to a
// seminar open for registration (the form's own messages first, then a file that claims to be a PDF and is
// not, refused by the server at its field, then a real PDF); the Secretariat asks for a change to one person
// from the approval queue, with the reason; the focal point reads the reason, changes the person and sends
// the registration again; the Secretariat approves one person from the queue and the other from the event
// page, where it also sets the places; with no place left for observers, an observer added goes on the
// waiting list (the State is told, the Secretariat sees it) and moves up when the limit is lifted. Every new
// page passes axe on the desktop, at 320 px and 390 px wide (without sideways scrolling), with its messages
// shown, and in French.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { samplePdf, seminarInput } from '../events/delegations-support.ts';
import {
  clockedPage,
  expectNoAxeViolations,
  expectNoAxeViolationsAtWidths,
  fieldError,
  signIn,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

const OFFICER = { email: 'olga.officer@example.org', password: 'harbour lantern cedar 4' };
const FOCAL = { email: 'sene.focal@example.org', password: 'baobab river compass 8' };
const TITLE = 'Seminar on the ratification of the Firearms Protocol for West African States';
const REASON = 'Give the full function: which ministry?';

describe.skipIf(!hasChromium)('delegations in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let officer: Page;
  let focal: Page;
  let eventId = 0;
  const pageErrors: string[] = [];

  async function api(method: string, path: string, body: unknown): Promise<{ id?: number }> {
    const res = await fetch(`${server!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`setup ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id?: number };
  }

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    await server.createUser({ ...OFFICER, displayName: 'Olga Officer', role: 'programme_officer' });
    await server.createUser({ ...FOCAL, displayName: 'Sene Focal', role: 'focal_point', states: ['SEN'] });
    // The seminar, recorded and opened by the Secretariat through the API (its pages have their own test).
    eventId = (
      await api('POST', '/api/events', { ...seminarInput(TITLE), instruments: ['UNTOC', 'FIREARMS'] })
    ).id!;
    await api('POST', `/api/events/${eventId}/status`, {
      status: 'registration_open',
      reason: null,
      revision: 1,
    });
    browser = await launchChromium();
    officer = await clockedPage(browser, pageErrors);
    await signInEnrollingMfa(officer, server.url, OFFICER.email, OFFICER.password);
    focal = await clockedPage(browser, pageErrors);
    await signIn(focal, server.url, FOCAL.email, FOCAL.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the focal point registers the delegation: its mistakes, then a file that is not a PDF, at their fields', async () => {
    await focal.goto(`${server!.url}/events/${eventId}`);
    await focal.getByTestId('register-link').click();
    await focal.waitForURL(/\/events\/\d+\/register$/);
    await focal.getByRole('heading', { level: 1, name: 'Register a delegation' }).waitFor();
    const form = focal.getByTestId('registration-form');
    await form.waitFor();
    expect(await focal.getByLabel('State', { exact: true }).inputValue()).toBe('SEN');
    expect(await focal.getByTestId('registration-status').count()).toBe(0);
    await expectNoAxeViolationsAtWidths(focal, 'registration-new');

    // The form's own checks, each at its field.
    await form.getByRole('button', { name: 'Register the delegation' }).click();
    await focal.locator('.error-summary').waitFor();
    const first = form.getByTestId('person-row').first();
    expect(await fieldError(first, 'Given name')).toEqual({
      invalid: 'true',
      message: 'Error: Enter the given name of person 1.',
    });
    expect(await fieldError(focal, 'Note verbale (PDF)')).toEqual({
      invalid: 'true',
      message: 'Error: Attach the note verbale (PDF).',
    });
    await expectNoAxeViolationsAtWidths(focal, 'registration-errors');

    expect(await first.getByLabel('Position', { exact: true }).inputValue()).toBe('head');
    await first.getByLabel('Title (Mr., Ms., H.E.…)', { exact: true }).fill('H.E. Mr.');
    await first.getByLabel('Given name', { exact: true }).fill('Amadou');
    await first.getByLabel('Family name', { exact: true }).fill('Diallo');
    await first.getByLabel('Function', { exact: true }).fill('Minister of Justice');
    await form.getByRole('button', { name: 'Add a person' }).click();
    const second = form.getByTestId('person-row').nth(1);
    await second.getByLabel('Category', { exact: true }).selectOption('adviser');
    await second.getByLabel('Title (Mr., Ms., H.E.…)', { exact: true }).fill('Ms.');
    await second.getByLabel('Given name', { exact: true }).fill('Awa');
    await second.getByLabel('Family name', { exact: true }).fill('Ndiaye');
    await second.getByLabel('Function', { exact: true }).fill('Legal adviser');
    await second.getByLabel('Email address', { exact: true }).fill('awa.ndiaye@example.org');

    // A file that claims to be a PDF and is not: the server refuses it, at its field.
    await focal.getByLabel('Note verbale (PDF)', { exact: true }).setInputFiles({
      name: 'note-verbale.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('Note verbale No. 123, typed in a text file.\n'),
    });
    await form.getByRole('button', { name: 'Register the delegation' }).click();
    await waitForText(
      focal,
      '.error-summary li',
      'the file is not a PDF: it does not begin with the %PDF- header',
    );
    expect(await fieldError(focal, 'Note verbale (PDF)')).toEqual({
      invalid: 'true',
      message: 'Error: the file is not a PDF: it does not begin with the %PDF- header',
    });
    expect(await focal.getByTestId('registration-status').count()).toBe(0);

    await focal
      .getByLabel('Note verbale (PDF)', { exact: true })
      .setInputFiles({ name: 'note-verbale-SEN.pdf', mimeType: 'application/pdf', buffer: samplePdf() });
    await form.getByRole('button', { name: 'Register the delegation' }).click();
    await waitForText(
      focal,
      '[data-testid="registration-sent"]',
      'The delegation is registered. The Secretariat will review each person.',
    );
    const status = focal.getByTestId('registration-status');
    await waitForText(focal, '[data-testid="delegation-status"]', 'Waiting for review');
    expect(await status.locator('tbody tr th').allTextContents()).toEqual([
      'H.E. Mr. Amadou Diallo',
      'Ms. Awa Ndiaye',
    ]);
    expect(await status.getByTestId('delegate-status').allTextContents()).toEqual([
      'Waiting for review',
      'Waiting for review',
    ]);
    // The note verbale the State sent, as it sent it.
    const href = await status.getByTestId('note-verbale-link').getAttribute('href');
    const pdf = await focal.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(pdf).toBe(samplePdf().toString('latin1'));
    await focal.getByRole('heading', { level: 2, name: 'Change the registration' }).waitFor();
    await expectNoAxeViolationsAtWidths(focal, 'registration-status');
  });

  it('the Secretariat asks for a change from the approval queue, with the reason', async () => {
    await officer.goto(`${server!.url}/events`);
    await officer
      .getByRole('navigation', { name: 'Events' })
      .getByRole('link', { name: 'Approval queue' })
      .click();
    await officer.waitForURL(/\/events\/queue$/);
    await officer.getByTestId('approval-queue').waitFor();
    await waitForText(officer, '[data-testid="queue-count"]', '2 people waiting for review.');
    const awa = officer.getByTestId('queue-person').filter({ hasText: 'Ms. Awa Ndiaye' });
    expect(await awa.getByTestId('queue-state').textContent()).toBe('Senegal');
    expect(await awa.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(`/events/${eventId}`);
    await expectNoAxeViolationsAtWidths(officer, 'approval-queue');

    // The reason is needed to ask for changes.
    await awa.getByRole('button', { name: 'Ask for changes' }).click();
    expect(await fieldError(awa, 'Reason')).toEqual({
      invalid: 'true',
      message: 'Error: Say why: the State reads the reason.',
    });
    await expectNoAxeViolations(officer);
    await awa.getByLabel('Reason', { exact: true }).fill(REASON);
    await awa.getByRole('button', { name: 'Ask for changes' }).click();
    await waitForText(officer, '[data-testid="review-done"]', 'Ms. Awa Ndiaye: changes asked.');
    await waitForText(officer, '[data-testid="queue-count"]', '1 person waiting for review.');
    expect(await officer.getByTestId('queue-person').locator('h2').allTextContents()).toEqual([
      'H.E. Mr. Amadou Diallo',
    ]);
  });

  it('the focal point reads the reason, changes the person and sends the registration again', async () => {
    await focal.goto(`${server!.url}/events/${eventId}/register`);
    await waitForText(focal, '[data-testid="changes-requested"]', 'asked for changes for 1 person', {
      contains: true,
    });
    const row = focal.locator('[data-testid="registration-status"] tr[data-status="changes_requested"]');
    expect(await row.locator('th').textContent()).toBe('Ms. Awa Ndiaye');
    expect(await row.getByTestId('delegate-reason').textContent()).toBe(REASON);
    const form = focal.getByTestId('registration-form');
    const second = form.getByTestId('person-row').nth(1);
    expect(await second.getByLabel('Family name', { exact: true }).inputValue()).toBe('Ndiaye');
    await second.getByLabel('Function', { exact: true }).fill('Legal adviser, Ministry of Justice');
    await form.getByRole('button', { name: 'Send the changes' }).click();
    await waitForText(
      focal,
      '[data-testid="registration-sent"]',
      'The changes are sent. The Secretariat will review them.',
    );
    await focal.getByTestId('changes-requested').waitFor({ state: 'detached' });
    await waitForText(
      focal,
      '[data-testid="registration-status"] tr[data-status="pending"]:nth-child(2) td[data-column="function"]',
      'Legal adviser, Ministry of Justice',
    );
    await expectNoAxeViolationsAtWidths(focal, 'registration-resubmitted');
  });

  it('the Secretariat approves one person from the queue and the other on the event page', async () => {
    await officer.goto(`${server!.url}/events/queue`);
    await waitForText(officer, '[data-testid="queue-count"]', '2 people waiting for review.');
    const awa = officer.getByTestId('queue-person').filter({ hasText: 'Ms. Awa Ndiaye' });
    expect(await awa.locator('dd').filter({ hasText: 'Legal adviser' }).textContent()).toBe(
      'Legal adviser, Ministry of Justice',
    );
    await awa.getByRole('button', { name: 'Approve' }).click();
    await waitForText(officer, '[data-testid="review-done"]', 'Ms. Awa Ndiaye: approved.');
    await waitForText(officer, '[data-testid="queue-count"]', '1 person waiting for review.');

    await officer.getByRole('link', { name: TITLE }).click();
    await officer.waitForURL(/\/events\/\d+$/);
    const section = officer.getByTestId('event-delegations');
    await section.getByTestId('delegation').waitFor();
    expect(await section.getByTestId('waiting-list').locator('p').textContent()).toBe(
      'Nobody is on the waiting list.',
    );
    expect(await section.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe(
      `/api/events/${eventId}/participants.csv`,
    );
    const amadou = section.getByTestId('delegation-person').filter({ hasText: 'Amadou Diallo' });
    await amadou.getByRole('button', { name: 'Approve' }).click();
    await waitForText(officer, '[data-testid="delegations-notice"]', 'H.E. Mr. Amadou Diallo: approved.');
    await section
      .locator('[data-testid="delegation-person"][data-status="pending"]')
      .waitFor({ state: 'detached' });
    expect(
      await section
        .locator('[data-testid="delegation-person"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
    ).toEqual(['approved', 'approved']);

    // Places: ten in all; the form keeps what was saved.
    const capacity = section.getByTestId('capacity-form');
    await capacity.getByLabel('All categories', { exact: true }).fill('ten');
    await capacity.getByRole('button', { name: 'Save the places' }).click();
    expect(await fieldError(officer, 'All categories')).toEqual({
      invalid: 'true',
      message: 'Error: Enter a whole number of places, or leave it empty.',
    });
    await capacity.getByLabel('All categories', { exact: true }).fill('10');
    await capacity.getByRole('button', { name: 'Save the places' }).click();
    await waitForText(
      officer,
      '[data-testid="delegations-notice"]',
      'Places saved; 0 people left the waiting list.',
    );
    // Each category with how many are approved and waiting now.
    await expect
      .poll(() => section.getByTestId('capacity-form').locator('p.hint').allTextContents())
      .toEqual([
        '1 approved, 0 waiting',
        '1 approved, 0 waiting',
        '0 approved, 0 waiting',
        '0 approved, 0 waiting',
        '0 approved, 0 waiting',
      ]);
    expect(await section.getByLabel('All categories', { exact: true }).inputValue()).toBe('10');
    await expectNoAxeViolationsAtWidths(officer, 'event-delegations');
  });

  it('the focal point sees its delegation approved on the event page, read-only; French pages pass axe', async () => {
    await focal.goto(`${server!.url}/events/${eventId}`);
    const section = focal.getByTestId('event-delegations');
    await section.getByTestId('registration-status').waitFor();
    await waitForText(
      focal,
      '[data-testid="event-delegations"] [data-testid="delegation-status"]',
      'Approved',
    );
    expect(await section.getByTestId('review-form').count()).toBe(0);
    expect(await section.getByTestId('capacity-form').count()).toBe(0);
    await expectNoAxeViolationsAtWidths(focal, 'event-delegations-focal');

    const frFocal = await clockedPage(browser!, pageErrors, { locale: 'fr-FR', as: focal });
    await frFocal.goto(`${server!.url}/events/${eventId}/register`);
    await frFocal.getByRole('heading', { level: 1, name: 'Inscrire une délégation' }).waitFor();
    await frFocal.getByTestId('registration-form').waitFor();
    await expectNoAxeViolationsAtWidths(frFocal, 'registration-fr');
    await frFocal.context().close();
    const frOfficer = await clockedPage(browser!, pageErrors, { locale: 'fr-FR', as: officer });
    await frOfficer.goto(`${server!.url}/events/queue`);
    await waitForText(frOfficer, '[data-testid="queue-count"]', '0 personne en attente d’examen.');
    await expectNoAxeViolationsAtWidths(frOfficer, 'approval-queue-fr');
    await frOfficer.goto(`${server!.url}/events/${eventId}`);
    await frOfficer.getByTestId('capacity-form').waitFor();
    await expectNoAxeViolations(frOfficer);
    await frOfficer.context().close();
    expect(pageErrors).toEqual([]);
  });
  it('no place left for observers: one added goes on the waiting list, and up when places are freed', async () => {
    await officer.goto(`${server!.url}/events/${eventId}`);
    const capacity = officer.getByTestId('capacity-form');
    await capacity.getByLabel('Observer', { exact: true }).fill('0');
    await capacity.getByRole('button', { name: 'Save the places' }).click();
    await waitForText(
      officer,
      '[data-testid="delegations-notice"]',
      'Places saved; 0 people left the waiting list.',
    );

    await focal.goto(`${server!.url}/events/${eventId}/register`);
    const form = focal.getByTestId('registration-form');
    await form.getByRole('button', { name: 'Add a person' }).click();
    const third = form.getByTestId('person-row').nth(2);
    await third.getByLabel('Category', { exact: true }).selectOption('observer');
    await third.getByLabel('Given name', { exact: true }).fill('Ousmane');
    await third.getByLabel('Family name', { exact: true }).fill('Sow');
    await form.getByRole('button', { name: 'Send the changes' }).click();
    await waitForText(
      focal,
      '[data-testid="registration-sent"]',
      'The event is full for some categories: those people are on the waiting list.',
      { contains: true },
    );
    await waitForText(
      focal,
      '[data-testid="registration-status"] tr[data-status="waitlisted"] th',
      'Ousmane Sow',
    );
    // The two approved people, sent again unchanged, stay approved.
    expect(
      await focal.locator('[data-testid="registration-status"] tr[data-status="approved"]').count(),
    ).toBe(2);

    await officer.reload();
    await waitForText(officer, '[data-testid="waiting-list"] li', 'Ousmane Sow — Senegal, Observer');
    await expectNoAxeViolations(officer);
    await officer.getByTestId('capacity-form').getByLabel('Observer', { exact: true }).fill('');
    await officer.getByTestId('capacity-form').getByRole('button', { name: 'Save the places' }).click();
    await waitForText(
      officer,
      '[data-testid="delegations-notice"]',
      'Places saved; 1 person left the waiting list.',
    );
    await waitForText(officer, '[data-testid="waiting-list"] p', 'Nobody is on the waiting list.');
    const ousmane = officer.getByTestId('delegation-person').filter({ hasText: 'Ousmane Sow' });
    expect(await ousmane.getAttribute('data-status')).toBe('pending');
    expect(pageErrors).toEqual([]);
  });
});
