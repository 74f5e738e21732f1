// What events leave behind and what happened afterwards, in a real browser against the real server on the
// real data: the follow-up view of the Bamako seminar of November 2003 (attendance not recorded, so the
// target region's consents in the 12 months before and after, with its table: the figures of
// tests/events/follow-up-real-data.golden.txt) and the view pooled by kind; the Secretariat adds a document
// in French and the declaration adopted, records a commitment at that seminar (a mistake and the server's
// own rule at their fields), marks it met by the ratification the registry holds, and withdraws another with
// its reason; a seminar with attendance recorded (the curves for the Secretariat, withheld for the public);
// the public list of commitments filtered by status and State. Every new page passes axe on the desktop, at
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
  expectNoAxeViolations,
  expectNoAxeViolationsAtWidths,
  fieldError,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

describe.skipIf(!hasChromium)(
  'event outcomes and follow-up in Chromium',
  { timeout: JOURNEY_TIMEOUT },
  () => {
    let server: TestServer | undefined;
    let browser: Browser | undefined;
    let officer: Page;
    let bamako = 0;
    const pageErrors: string[] = [];
    const OFFICER = { email: 'olu.outcomes@example.org', password: 'granite meadow violin 3' };
    const BAMAKO =
      'Sub-Regional Seminar for the ratification and implementation of the universal instruments against terrorism and UNTOC and its three Protocols';
    const PLEDGE =
      'Senegal intends to deposit its instrument of ratification of the Firearms Protocol by June 2006.';

    const newPage = (locale = 'en-US', as?: Page) =>
      clockedPage(browser!, pageErrors, { locale, ...(as ? { as } : {}) });
    const cells = async (page: Page, instrument: string) =>
      (
        await page
          .getByTestId('follow-up-table')
          .locator(`tr[data-instrument="${instrument}"]`)
          .locator('th, td')
          .allTextContents()
      ).map((s) => s.trim());

    /** A write through the API as the administrator (the set-up of a held seminar with its delegations). */
    const api = async (method: string, url: string, body: unknown, status: number) => {
      const res = await fetch(`${server!.url}${url}`, {
        method,
        headers: { authorization: `Bearer ${server!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      expect(res.status, `${url}: ${text}`).toBe(status);
      return JSON.parse(text) as Record<string, unknown> & { id: number; revision: number };
    };
    const revisionOf = async (id: number) =>
      ((await (await fetch(`${server!.url}/api/events/${id}`)).json()) as { revision: number }).revision;

    beforeAll(async () => {
      if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
      server = await startTestServer();
      await server.createUser({ ...OFFICER, displayName: 'Olu Outcomes', role: 'programme_officer' });
      browser = await launchChromium();
      officer = await newPage();
      await signInEnrollingMfa(officer, server.url, OFFICER.email, OFFICER.password);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the follow-up of the Bamako seminar shows the region before and after, with its table', async () => {
      const page = await newPage();
      await page.goto(`${server!.url}/events`);
      await page.getByRole('link', { name: BAMAKO }).click();
      await page.waitForURL(/\/events\/\d+$/);
      bamako = Number(/\/events\/(\d+)$/.exec(page.url())![1]);
      const outcomes = page.getByTestId('event-outcomes');
      await waitForText(page, '[data-testid="no-commitments"]', 'No commitment recorded.');
      expect(await outcomes.getByRole('heading', { level: 2 }).textContent()).toBe(
        'Documents, outcomes and commitments',
      );
      // The public records nothing.
      expect(await page.getByTestId('commitment-form').count()).toBe(0);

      await page.getByTestId('follow-up-link').click();
      await page.waitForURL(/\/events\/\d+\/follow-up$/);
      await page.getByRole('heading', { level: 1, name: 'What happened afterwards' }).waitFor();
      const view = page.getByTestId('event-follow-up');
      await view.waitFor();
      expect(await view.getAttribute('data-mode')).toBe('region');
      expect(await page.getByTestId('follow-up-shown').textContent()).toBe(
        'Attendance is not recorded for this event. Shown instead: the consents to be bound of the 16 States it was for, in the 12 months before its first day and the 12 months after its last day. This compares two periods, not States that attended with States that did not.',
      );
      expect(await page.getByTestId('follow-up-periods').textContent()).toBe(
        'Before: 25 November 2002 to 24 November 2003. During: 25 November 2003 to 28 November 2003. After: 29 November 2003 to 28 November 2004.',
      );
      expect(await view.locator('p').first().textContent()).toContain(
        'They came after the event; this does not show that they came because of it.',
      );
      // The same figures as tests/events/follow-up-real-data.golden.txt.
      // State names arrive after the figures (the names module, in another language); wait for them.
      await expect
        .poll(() => cells(page, 'UNTOC'))
        .toEqual([
          'Organized Crime Convention',
          '2',
          '0',
          '6',
          'Gambia, Senegal',
          'Benin, Cabo Verde, Guinea, Liberia, Niger, Togo',
        ]);
      expect((await cells(page, 'FIREARMS')).slice(1, 4)).toEqual(['0', '0', '3']);
      expect((await cells(page, 'all')).slice(0, 4)).toEqual(['All instruments', '6', '0', '17']);
      expect(await page.getByTestId('follow-up-chart').getAttribute('role')).toBe('img');
      expect(await page.getByTestId('follow-up-chart').locator('g[data-instrument]').count()).toBe(4);
      expect(await page.getByTestId('follow-up-withheld').textContent()).toContain(
        'Requests for technical assistance are confidential to their State',
      );
      await expectNoAxeViolationsAtWidths(page, 'event-follow-up');

      // Across the events of its kind: the pre-ratification seminars, pooled.
      await page.getByRole('link', { name: 'Across events of one kind' }).click();
      await page.waitForURL(/\/events\/follow-up\?kind=pre_ratification_seminar$/);
      await waitForText(
        page,
        '[data-testid="event-follow-up"] p[role="status"]',
        '1 held event pooled: 0 with attendance recorded, 1 compared before and after.',
      );
      expect((await cells(page, 'UNTOC')).slice(0, 4)).toEqual(['Organized Crime Convention', '2', '0', '6']);
      expect(await page.getByLabel('Kind of event', { exact: true }).inputValue()).toBe(
        'pre_ratification_seminar',
      );
      await expectNoAxeViolationsAtWidths(page, 'kind-follow-up');
      await page.getByLabel('Kind of event', { exact: true }).selectOption('regional_seminar');
      await waitForText(
        page,
        '[data-testid="event-follow-up"] p[role="status"]',
        '4 held events pooled: 0 with attendance recorded, 4 compared before and after.',
      );
      await page.context().close();
    });

    it('the Secretariat records a commitment at the seminar, then marks it met by the ratification', async () => {
      await officer.goto(`${server!.url}/events/${bamako}`);
      const form = officer.getByTestId('commitment-form');
      await form.waitFor();
      // A document in French, referenced where it is published, and the declaration the seminar adopted.
      const doc = officer.getByTestId('document-form');
      await doc.getByLabel('Language', { exact: true }).selectOption('fr');
      await doc.getByLabel('Kind of document', { exact: true }).selectOption('report');
      await doc.getByLabel('Title of the document', { exact: true }).fill('Rapport du séminaire de Bamako');
      await doc.getByLabel('Address (http or https)', { exact: true }).fill('ftp://example.org/rapport.pdf');
      await doc.getByRole('button', { name: 'Add the document' }).click();
      await waitForText(officer, '.error-summary li', 'must be an http or https address', { contains: true });
      await doc
        .getByLabel('Address (http or https)', { exact: true })
        .fill('https://www.unodc.org/rapport-bamako.pdf');
      await doc.getByRole('button', { name: 'Add the document' }).click();
      await waitForText(officer, '[data-testid="event-documents"] dt', 'French');
      expect(await officer.getByTestId('event-documents').getByRole('link').getAttribute('href')).toBe(
        'https://www.unodc.org/rapport-bamako.pdf',
      );
      const outcome = officer.getByTestId('outcome-form');
      await outcome.getByLabel('Kind of outcome', { exact: true }).selectOption('declaration');
      await outcome.getByLabel('Title of the outcome', { exact: true }).fill('Bamako Declaration');
      await outcome
        .getByLabel('Text adopted', { exact: true })
        .fill('The participating States resolve to ratify.');
      await outcome.getByLabel('Adopted on', { exact: true }).fill('2003-11-28');
      await outcome.getByRole('button', { name: 'Record the outcome' }).click();
      await waitForText(officer, '[data-testid="event-outcome-list"] li p', 'Bamako Declaration', {
        contains: true,
      });
      expect(await officer.getByTestId('event-outcome-list').locator('li p').first().textContent()).toBe(
        'Bamako DeclarationDeclaration adopted on 28 November 2003',
      );
      await form.getByRole('button', { name: 'Record the commitment' }).click();
      expect(await fieldError(officer, 'State')).toEqual({
        invalid: 'true',
        message: 'Error: Choose the State.',
      });
      await form.getByLabel('State', { exact: true }).selectOption('SEN');
      await form.getByLabel('Instrument', { exact: true }).selectOption('FIREARMS');
      await form.getByLabel('Commits to', { exact: true }).selectOption('ratification');
      await form.getByLabel('The commitment as worded', { exact: true }).fill(PLEDGE);
      // Due before the seminar began: the server's rule, at its field.
      await form.getByLabel('Due by (optional)', { exact: true }).fill('2003-06');
      await form.getByRole('button', { name: 'Record the commitment' }).click();
      await waitForText(
        officer,
        '.error-summary li',
        'the commitment is due by 2003-06, before the event began (2003-11-25)',
      );
      expect((await fieldError(officer, 'Due by (optional)')).invalid).toBe('true');
      await form.getByLabel('Due by (optional)', { exact: true }).fill('2006-06');
      await form.getByRole('button', { name: 'Record the commitment' }).click();

      const row = officer.getByTestId('commitment-row').first();
      await row.waitFor();
      // Open, and June 2006 is long past on the server's day: overdue.
      await waitForText(
        officer,
        '[data-testid="commitment-row"] [data-testid="commitment-status"]',
        'Overdue',
      );
      expect(await row.getByRole('heading', { level: 4 }).textContent()).toBe('Senegal — Firearms Protocol');
      expect(await row.locator('dd[lang="en"]').first().textContent()).toBe(PLEDGE);
      const met = row.getByTestId('commitment-met-form');
      const choice = met.getByLabel('Registry action that met it', { exact: true });
      const options = await choice.locator('option').allTextContents();
      expect(options).toHaveLength(2);
      expect(options[1]).toMatch(/^Ratification of 7 April 2006 \(action \d+\)$/);
      await expectNoAxeViolationsAtWidths(officer, 'event-outcomes-secretariat');
      await choice.selectOption({ index: 1 });
      await met.getByRole('button', { name: 'Mark as met' }).click();
      await waitForText(officer, '[data-testid="commitment-row"] [data-testid="commitment-status"]', 'Met');
      expect(await row.getByTestId('commitment-met-by').textContent()).toMatch(
        /^Ratification of 7 April 2006 \(registry action \d+\)$/,
      );
      expect(await row.getByTestId('commitment-met-form').count()).toBe(0);

      // Another, with no ratification in the registry to meet it: withdrawn, with the reason.
      await form.getByLabel('State', { exact: true }).selectOption('NER');
      await form.getByLabel('Instrument', { exact: true }).selectOption('FIREARMS');
      await form.getByLabel('Commits to', { exact: true }).selectOption('ratification');
      await form
        .getByLabel('The commitment as worded', { exact: true })
        .fill('Niger will ratify the Protocol.');
      await form.getByRole('button', { name: 'Record the commitment' }).click();
      const second = officer.locator('[data-testid="commitment-row"][data-status="open"]');
      await second.waitFor();
      expect(await second.getByTestId('no-candidates').textContent()).toContain(
        'No action in the registry meets it yet',
      );
      await second.getByText('Withdraw the commitment').click();
      await second.getByRole('button', { name: 'Withdraw' }).click();
      await waitForText(officer, '.error-summary li', 'Say why the commitment is withdrawn.');
      await second.getByLabel('Why it is withdrawn', { exact: true }).fill('Recorded in error');
      await second.getByRole('button', { name: 'Withdraw' }).click();
      await officer.locator('[data-testid="commitment-row"][data-status="withdrawn"]').waitFor();
      await expectNoAxeViolations(officer);
    });

    it('where attendance is recorded: attending States against the others; who attended withheld', async () => {
      // A seminar held in March 2026 for Western Africa: Niger attended (approved), Guinea stayed away
      // (refused); neither had consented to the Firearms Protocol; Niger ratifies it on 1 May 2026.
      const { id } = await api(
        'POST',
        '/api/events',
        seminarInput('Seminar on the Firearms Protocol, held', '2026-03-10', '2026-03-12'),
        201,
      );
      await api(
        'POST',
        `/api/events/${id}/status`,
        { status: 'registration_open', reason: null, revision: 1 },
        200,
      );
      await api(
        'POST',
        `/api/events/${id}/invitations`,
        { invite: [{ kind: 'intermediate_region', value: 'Western Africa' }], sentOn: '2026-03-01' },
        201,
      );
      const delegate: Record<string, number> = {};
      for (const state of ['NER', 'GIN']) {
        const body = {
          state,
          delegates: [person('Awa', `Head of ${state}`, 'delegate', 'head')],
          noteVerbale: noteOf(samplePdf(state)),
        };
        const r = (await api('POST', `/api/events/${id}/delegations`, body, 201)) as unknown as {
          delegates: Array<{ id: number }>;
        };
        delegate[state] = r.delegates[0]!.id;
      }
      await api(
        'POST',
        `/api/events/${id}/delegates/${delegate.NER}/review`,
        { decision: 'approve', reason: null },
        200,
      );
      await api(
        'POST',
        `/api/events/${id}/delegates/${delegate.GIN}/review`,
        { decision: 'refuse', reason: 'registered late' },
        200,
      );
      for (const status of ['registration_closed', 'held'])
        await api(
          'POST',
          `/api/events/${id}/status`,
          { status, reason: null, revision: await revisionOf(id) },
          200,
        );
      await api(
        'POST',
        '/api/actions',
        {
          instrumentId: 'FIREARMS',
          participantId: 'NER',
          kind: 'ratification',
          date: '2026-05-01',
          source: 'test: the depositary notification',
        },
        201,
      );

      await officer.goto(`${server!.url}/events/${id}/follow-up`);
      const view = officer.getByTestId('event-follow-up');
      await view.waitFor();
      expect(await view.getAttribute('data-mode')).toBe('attendance');
      expect(await officer.getByTestId('follow-up-shown').textContent()).toContain(
        'against the invited States that did not attend',
      );
      expect(await officer.getByTestId('follow-up-chart').locator('path[data-group]').count()).toBe(2);
      // The numbers behind the curves: Niger's ratification 50 days after the seminar's last day.
      const attending = officer.getByTestId('follow-up-table').locator('tr[data-group="attendees"]');
      expect((await attending.first().locator('th, td').allTextContents()).map((c) => c.trim())).toEqual([
        'Attending States',
        '50',
        '1',
        '1',
        '0',
        '100%',
      ]);
      expect(
        await officer
          .locator('[data-testid="follow-up-states"] tr[data-state="NER"] td')
          .nth(4)
          .textContent(),
      ).toBe('Ratification, 1 May 2026, 50 days after');
      await expectNoAxeViolationsAtWidths(officer, 'event-follow-up-attendance');

      // The public: numbers only; with one State on each side the curves would name them, so they are withheld too.
      const page = await newPage();
      await page.goto(`${server!.url}/events/${id}/follow-up`);
      await waitForText(
        page,
        '[data-testid="follow-up-withheld"] p',
        'which States attended is shown to the Secretariat only.',
        { contains: true },
      );
      expect(await page.getByTestId('follow-up-withheld').textContent()).toContain(
        'The curves are withheld too',
      );
      expect(await page.getByTestId('follow-up-states').count()).toBe(0);
      expect(await page.getByTestId('follow-up-chart').count()).toBe(0);
      await expectNoAxeViolations(page);
      await page.context().close();
    });

    it('everyone reads the commitments, filtered by status and State; in French too', async () => {
      const page = await newPage();
      await page.goto(`${server!.url}/commitments`);
      await page.getByRole('heading', { level: 1, name: 'Commitments' }).waitFor();
      await waitForText(page, '[data-testid="commitments-count"]', '2 commitments');
      await page.getByLabel('Status', { exact: true }).selectOption('met');
      await page.waitForURL(/status=met/);
      await waitForText(page, '[data-testid="commitments-count"]', '1 commitment');
      const row = page.getByTestId('commitment-row');
      expect(await row.getByRole('heading', { level: 2 }).textContent()).toBe('Senegal — Firearms Protocol');
      expect(await row.getByRole('link', { name: BAMAKO }).getAttribute('href')).toBe(`/events/${bamako}`);
      await page.getByLabel('Status', { exact: true }).selectOption('');
      await page.getByLabel('State', { exact: true }).selectOption('NER');
      await waitForText(page, '[data-testid="commitments-count"]', '1 commitment');
      await expect.poll(() => row.getByTestId('commitment-status').textContent()).toBe('Withdrawn');
      await expectNoAxeViolationsAtWidths(page, 'commitments');
      await page.context().close();

      const fr = await newPage('fr-FR');
      await fr.goto(`${server!.url}/commitments?status=met`);
      await fr.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
      await waitForText(fr, '[data-testid="commitment-status"]', 'Tenu');
      await expectNoAxeViolations(fr);
      await fr.goto(`${server!.url}/events/${bamako}/follow-up`);
      await waitForText(fr, '[data-testid="follow-up-shown"]', 'La participation à cet événement', {
        contains: true,
      });
      expect((await cells(fr, 'all')).slice(0, 4)).toEqual(['Tous les instruments', '6', '0', '17']);
      await expectNoAxeViolationsAtWidths(fr, 'event-follow-up-fr');
      await fr.context().close();
      expect(pageErrors).toEqual([]);
    });
  },
);
