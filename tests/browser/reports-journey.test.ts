// The report to the Commission in a real browser, on the real data, as the Secretariat makes it in the web
// pages: a draft for the fourteenth session as at 8 March 2005; a paragraph edited with a placeholder (an
// unknown one refused at its field with the server's line, column and suggestion); a save refused because
// someone saved meanwhile, then reloaded; two versions compared; the HTML preview; freezing the version read;
// the frozen files downloaded (a PDF and a DOCX, checked by their first bytes). Signed out, the public sees
// the frozen report with its files and not the next report's draft. The list and report pages pass axe on
// the desktop and at 320 px and 390 px without scrolling sideways, and in French.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import {
  download,
  expectNoAxeViolations,
  expectNoAxeViolationsAtWidths,
  fieldError,
  norm,
  openPage,
  signInEnrollingMfa,
  waitForText,
} from './journey.ts';

describe.skipIf(!hasChromium)(
  'a report to the Commission from draft to publication',
  { timeout: JOURNEY_TIMEOUT },
  () => {
    let server: TestServer | undefined;
    let browser: Browser | undefined;
    let officer: Page;
    let reportId = 0;
    let nextId = 0;
    const pageErrors: string[] = [];
    const OFFICER = { email: 'rosa.reports@example.org', password: 'granite willow compass 8' };
    const STATUS_EN = 'II. Status of signature and ratification (English)';
    const PARAGRAPH = 'As at {{asAt}}, the Firearms Protocol had {{parties FIREARMS}} parties.';

    beforeAll(async () => {
      if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
      server = await startTestServer();
      await server.createUser({ ...OFFICER, displayName: 'Rosa Reports', role: 'admin' });
      browser = await launchChromium();
      officer = await openPage(browser, pageErrors);
      await signInEnrollingMfa(officer, server.url, OFFICER.email, OFFICER.password);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the Secretariat starts a draft for the fourteenth session', async () => {
      await officer.goto(`${server!.url}/reports`);
      await waitForText(officer, '[data-testid="reports-count"]', '0 reports');
      const form = officer.getByTestId('new-report');
      await form.getByLabel('Session number', { exact: true }).fill('14');
      await form.getByLabel('First day of the session', { exact: true }).fill('2005-05-23');
      await form.getByLabel('Last day of the session', { exact: true }).fill('2005-05-27');
      await form.getByLabel('Agenda item', { exact: true }).fill('4');
      await form.getByLabel('Symbol of the provisional agenda', { exact: true }).fill('E/CN.15/2005/1');
      await form.getByLabel('Figures as at', { exact: true }).fill('2005-03-08');
      await form.getByLabel('Period from (optional)', { exact: true }).fill('2004-03-09');
      await form.getByLabel('Date of the document', { exact: true }).fill('2005-03-15');
      await expectNoAxeViolationsAtWidths(officer, 'reports-list-secretariat');
      await form.getByRole('button', { name: 'Start the draft' }).click();
      await officer.waitForURL(/\/reports\/\d+$/);
      reportId = Number(/\/reports\/(\d+)$/.exec(officer.url())![1]);
      await waitForText(officer, '[data-testid="report-status"]', 'Draft');
      await waitForText(officer, '[data-testid="report-symbol"]', 'Not yet assigned', { contains: true });
      await waitForText(officer, '[data-testid="report-period"]', '9 March 2004 to 8 March 2005');
      await waitForText(officer, '[data-testid="report-version"]', 'Version 1,', { contains: true });
      await officer.getByText('Placeholders a paragraph may use').click();
      await expectNoAxeViolationsAtWidths(officer, 'report-draft');
    });

    it('an unknown placeholder is refused at its field; the paragraph is saved with a known one', async () => {
      const form = officer.getByTestId('paragraphs-form');
      await form
        .getByLabel(STATUS_EN, { exact: true })
        .fill(PARAGRAPH.replace('parties FIREARMS', 'partys FIREARMS'));
      await form.getByRole('button', { name: 'Save a new version' }).click();
      await officer.locator('.error-summary').waitFor();
      const refused = await fieldError(form, STATUS_EN);
      expect(refused.invalid).toBe('true');
      expect(refused.message).toMatch(/^Error: line 1, column \d+: /);
      expect(refused.message).toContain('did you mean "parties"?');
      await waitForText(officer, '[data-testid="report-version"]', 'Version 1,', { contains: true });

      await form.getByLabel(STATUS_EN, { exact: true }).fill(PARAGRAPH);
      await form.getByRole('button', { name: 'Save a new version' }).click();
      await waitForText(officer, '[data-testid="report-version"]', 'Version 2,', { contains: true });
      await waitForText(officer, '[data-testid="saved"]', 'Saved as version 2.');
      expect(await officer.getByLabel(STATUS_EN, { exact: true }).inputValue()).toBe(PARAGRAPH);
    });

    it('a save on a version someone else has replaced is refused plainly; reloading shows theirs', async () => {
      // A colleague saves version 3 through the API while this page still shows version 2.
      const current = await (
        await fetch(`${server!.url}/api/reports/${reportId}`, { headers: auth() })
      ).json();
      const draft = (current as { draft: Record<string, unknown> & { texts: Texts } }).draft;
      draft.texts.en.paragraphs.conclusions = 'The Commission may wish to take note of the present report.';
      const saved = await fetch(`${server!.url}/api/reports/${reportId}`, {
        method: 'PUT',
        headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': 'reports-journey-1' },
        body: JSON.stringify({ ...draft, baseVersion: 2 }),
      });
      expect(saved.status, await saved.clone().text()).toBe(200);

      const form = officer.getByTestId('paragraphs-form');
      const summary = 'VI. Conclusions and recommendations (English)';
      await form.getByLabel(summary, { exact: true }).fill('A change made on version 2.');
      await form.getByRole('button', { name: 'Save a new version' }).click();
      await waitForText(
        officer,
        '[data-testid="stale"] .problem-heading',
        'This report was changed since you opened it.',
      );
      await waitForText(officer, '[data-testid="stale"]', 'version 3 was saved by', {
        contains: true,
      });
      await officer.getByRole('button', { name: 'Reload the latest version' }).click();
      await waitForText(officer, '[data-testid="report-version"]', 'Version 3,', { contains: true });
      expect(await officer.getByTestId('saved').count()).toBe(0);
      expect(await officer.getByLabel(summary, { exact: true }).inputValue()).toBe(
        'The Commission may wish to take note of the present report.',
      );
    });

    it('two versions compared: the paragraph edited, line by line', async () => {
      const compare = officer.getByTestId('compare-form');
      await compare.getByLabel('Compare version', { exact: true }).selectOption('1');
      await compare.getByLabel('with version', { exact: true }).selectOption('2');
      await compare.getByRole('button', { name: 'Compare' }).click();
      const diff = officer.locator('[data-testid="comparison"] [data-field="texts.en.paragraphs.status"]');
      await diff.waitFor();
      expect(await diff.locator('[data-op="added"]').allTextContents()).toEqual([`+Added: ${PARAGRAPH}`]);
      expect(await diff.locator('[data-op="removed"]').count()).toBeGreaterThan(0);
    });

    it('the HTML preview opens in a new tab, marked as a draft, with the figure', async () => {
      const [preview] = await Promise.all([
        officer.context().waitForEvent('page'),
        officer.getByTestId('preview-html-en').click(),
      ]);
      await preview.waitForLoadState('load');
      const text = norm(await preview.locator('body').textContent());
      expect(text).toContain('DRAFT');
      expect(text).toContain('As at 8 March 2005, the Firearms Protocol had 36 parties.');
      await preview.close();
    });

    it('freezes the version read, then downloads its files', async () => {
      await officer.getByTestId('freeze-start').click();
      await officer.getByRole('button', { name: 'Freeze version 3 now' }).click();
      // Freezing produces eight files (the PDFs through Typst): on a busy machine, longer than a page load.
      await officer.getByTestId('report-frozen').waitFor({ timeout: 90_000 });
      await waitForText(officer, '[data-testid="report-status"]', 'Frozen');
      expect(await officer.getByTestId('report-fingerprint').textContent()).toMatch(/^[0-9a-f]{64}$/);
      await waitForText(officer, '[data-testid="report-frozen"]', 'Version 3 was frozen at', {
        contains: true,
      });
      expect(await officer.getByTestId('paragraphs').count()).toBe(0);

      const pdf = await download(officer, () => officer.getByTestId('download-pdf-en').click());
      expect(pdf.name).toBe(`report-${reportId}-en.pdf`);
      expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const docx = await download(officer, () => officer.getByTestId('download-docx-fr').click());
      expect(docx.name).toBe(`report-${reportId}-fr.docx`);
      expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      await expectNoAxeViolationsAtWidths(officer, 'report-frozen');
    });

    it('the next report starts from the frozen one, as a draft', async () => {
      await officer.goto(`${server!.url}/reports`);
      const frozen = officer.locator(`[data-testid="report-item"][data-report="${reportId}"]`);
      await frozen.getByRole('button', { name: 'Start the next report from this one' }).click();
      await officer.waitForURL(/\/reports\/\d+$/);
      nextId = Number(/\/reports\/(\d+)$/.exec(officer.url())![1]);
      expect(nextId).not.toBe(reportId);
      await waitForText(officer, '[data-testid="report-status"]', 'Draft');
      await officer.getByRole('button', { name: `What changed since report ${reportId} as frozen` }).click();
      await waitForText(
        officer,
        '[data-testid="comparison"] h3',
        `Report ${reportId}, version 3, compared with version 1`,
      );
      const session = officer.locator('[data-testid="comparison-fields"] [data-field="session.number"]');
      expect(norm(await session.textContent())).toBe('session.number: 14 → became 15');
    });

    it('signed out, the public sees the frozen report and its files, not the draft', async () => {
      const visitor = await openPage(browser!, pageErrors);
      await visitor.goto(`${server!.url}/reports`);
      await waitForText(visitor, '[data-testid="reports-count"]', '1 report');
      const items = visitor.getByTestId('report-item');
      expect(await items.getAttribute('data-report')).toBe(String(reportId));
      expect(await items.getAttribute('data-status')).toBe('frozen');
      expect(await visitor.getByTestId('new-report').count()).toBe(0);
      await expectNoAxeViolationsAtWidths(visitor, 'reports-list-public');

      const xlsx = await download(visitor, () => visitor.getByTestId('download-xlsx-en').click());
      expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

      await visitor.getByRole('link', { name: `Report ${reportId} (symbol to come)`, exact: true }).click();
      await visitor.waitForURL(/\/reports\/\d+$/);
      await visitor.getByTestId('report-frozen').waitFor();
      expect(await visitor.getByTestId('report-versions').count()).toBe(0);
      await expectNoAxeViolationsAtWidths(visitor, 'report-public');

      await visitor.goto(`${server!.url}/reports/${nextId}`);
      await visitor.getByTestId('report-unavailable').waitFor();
      await visitor.context().close();
    });

    it('the pages read in French and pass axe', async () => {
      const fr = await openPage(browser!, pageErrors, 'fr-FR');
      await fr.goto(`${server!.url}/reports`);
      await waitForText(fr, '[data-testid="reports-count"]', '1 rapport');
      await waitForText(fr, '[data-testid="report-status"]', 'Arrêté');
      await expectNoAxeViolations(fr);
      await fr.goto(`${server!.url}/reports/${reportId}`);
      await waitForText(fr, '[data-testid="report-period"]', 'du 9 mars 2004 au 8 mars 2005');
      await expectNoAxeViolations(fr);
      await fr.context().close();
      expect(pageErrors).toEqual([]);
    });

    type Texts = Record<'en' | 'fr', { paragraphs: Record<string, string> }>;
    function auth() {
      return { authorization: `Bearer ${server!.token}` };
    }
  },
);
