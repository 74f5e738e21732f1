// Recording treaty actions in a real browser: an administrator (second factor enrolled at first sign-in)
// previews a ratification (the server's dry run: "will enter into force for Iran on 9 February 2026"),
// records it and sees the result on the country page; an invalid action shows the server's rule at the
// field; a correction keeps the history. A State focal point may record its own State's declarations only.
// Needs web/dist (npm run build:web) and /usr/bin/chromium; skipped with a message when Chromium is missing.
import { existsSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_INDEX, hasChromium, JOURNEY_TIMEOUT, launchChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { expectNoAxeViolations, fieldError, screenshot, signInEnrollingMfa } from './journey.ts';

/**
 * expect.poll options: the page updates after the action that came before (React renders, data arrives by
 * fetch), so a read right after an action retries until it holds or 20 s have passed.
 */
const SETTLE = { timeout: 20_000 };

describe.skipIf(!hasChromium)('recording actions in Chromium', { timeout: JOURNEY_TIMEOUT }, () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let admin: Page;
  const pageErrors: string[] = [];
  const ADMIN = { email: 'rec.admin@example.org', password: 'walnut harbour signal 5' };
  const FOCAL = { email: 'arm.focal@example.org', password: 'copper meadow lantern 8' };

  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) throw new Error('web/dist is missing: run `npm run build:web` first');
    server = await startTestServer();
    await server.createUser({ ...ADMIN, displayName: 'Rec Admin', role: 'admin' });
    await server.createUser({ ...FOCAL, displayName: 'Arm Focal', role: 'focal_point', states: ['ARM'] });
    browser = await launchChromium();
    admin = await newPage();
    await signInEnrollingMfa(admin, server.url, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signed out, the page asks to sign in; the navigation offers recording only to those who may', async () => {
    const page = await newPage();
    await page.goto(`${server!.url}/record`);
    await page.waitForURL(/\/account\/sign-in\?next=%2Frecord$/);
    expect(
      await admin
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Record an action' })
        .count(),
    ).toBe(1);
    await page.context().close();
  });

  it('the form says what is missing at each field, in words, before sending anything', async () => {
    await admin.goto(`${server!.url}/record`);
    await admin.getByTestId('action-form').waitFor();
    await admin.getByRole('button', { name: 'Preview the effect' }).click();
    await admin.locator('.error-summary').waitFor();
    expect(await fieldError(admin, 'Instrument')).toEqual({
      invalid: 'true',
      message: 'Error: Choose the instrument.',
    });
    expect((await fieldError(admin, 'Kind of action')).message).toBe('Error: Choose the kind of action.');
    expect((await fieldError(admin, 'Date')).message).toBe('Error: Enter the date of the action.');
    expect((await fieldError(admin, 'Source')).message).toBe(
      'Error: Say where this comes from, for example the depositary notification.',
    );
    await admin.getByLabel('Date', { exact: true }).fill('10/01/2026');
    await admin.getByRole('button', { name: 'Preview the effect' }).click();
    await admin.waitForFunction(() =>
      [...document.querySelectorAll('.field-error')].some((e) => e.textContent?.includes('year-month-day')),
    );
    expect((await fieldError(admin, 'Date')).message).toBe(
      'Error: Enter the date as year-month-day, for example 2026-01-10 (or 2026-01, or 2026, if the source gives no more).',
    );
    await expectNoAxeViolations(admin);
  });

  it("an invalid action shows the server's rule at the field", async () => {
    await admin.goto(`${server!.url}/record?participant=IRN`);
    await admin.getByTestId('action-form').waitFor();
    await admin.getByLabel('Instrument').selectOption('UNTOC');
    await admin.getByLabel('Kind of action').selectOption('signature');
    await admin.getByLabel('Date', { exact: true }).fill('2026-01-10');
    await admin.getByLabel('Source', { exact: true }).fill('C.N.1.2026.TREATIES-XVIII.12');
    await admin.getByRole('button', { name: 'Preview the effect' }).click();
    await admin.waitForFunction(() => document.querySelector('.field-invalid .field-error'));
    const date = await fieldError(admin, 'Date');
    expect(date.invalid).toBe('true');
    expect(date.message).toBe(
      'Error: art. 36(1): UNTOC was open for signature from 2000-12-12 to 2002-12-12; 2026-01-10 is outside that window (after it, States accede)',
    );
    expect(await admin.getByTestId('preview').count()).toBe(0);
    await expectNoAxeViolations(admin);
    await screenshot(admin, 'record-error.png');
    // A schema limit, in words: an article reference longer than the registry keeps.
    await admin.getByLabel('Kind of action').selectOption('declaration');
    await admin.getByLabel('Article').fill('35(3), paragraph 2, subparagraph (b), and its chapeau');
    await admin.getByLabel('Date', { exact: true }).fill('2026-01-10');
    await admin.getByRole('button', { name: 'Preview the effect' }).click();
    await admin.waitForFunction(() =>
      [...document.querySelectorAll('.field-error')].some((e) => e.textContent?.includes('shorten it')),
    );
    expect(await fieldError(admin, 'Article')).toEqual({
      invalid: 'true',
      message: 'Error: This is longer than the registry accepts: shorten it.',
    });
  });

  it('an administrator previews a ratification, records it and sees the result', async () => {
    await admin.getByLabel('Kind of action').selectOption('ratification');
    await admin.getByRole('button', { name: 'Preview the effect' }).click();
    const preview = admin.getByTestId('preview');
    await preview.waitFor();
    // The sentence names the State from the list of participants, a request of its own.
    await expect
      .poll(() => preview.getByTestId('effect-sentence').textContent(), SETTLE)
      .toBe(
        'Organized Crime Convention will enter into force for Iran (Islamic Republic of) on 9 February 2026.',
      );
    expect(await preview.getByTestId('state-after').textContent()).toBe('Party');
    expect(await preview.textContent()).toContain('Nothing is recorded yet.');
    expect(await fieldError(admin, 'Date')).toEqual({ invalid: null, message: '' });
    await expectNoAxeViolations(admin);
    await screenshot(admin, 'record-preview.png');
    // Nothing was written by the preview.
    const before = await (await fetch(`${server!.url}/api/participants/IRN`)).json();
    expect((before as { instruments: { state: string }[] }).instruments[0]!.state).toBe('signatory');

    // The answer is lost on the way back (the server recorded the action): the page says so and keeps the
    // preview; recording again sends the same Idempotency-Key and gets the first answer, recorded once.
    const keys: string[] = [];
    await admin.route('**/api/actions', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      expect(response.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await preview.getByRole('button', { name: 'Record this action' }).click();
    await admin.getByTestId('form-error').waitFor();
    expect(await admin.getByTestId('form-error').textContent()).toBe(
      'The server could not be reached. Check your connection and try again.',
    );
    await admin.unroute('**/api/actions');
    const [answer] = await Promise.all([
      admin.waitForResponse('**/api/actions'),
      preview.getByRole('button', { name: 'Record this action' }).click(),
    ]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(answer.request().headers()['idempotency-key']).toBe(keys[0]);
    expect(answer.headers()['idempotent-replayed']).toBe('true');
    const outcome = admin.getByTestId('outcome');
    await outcome.waitFor();
    expect(await outcome.getByRole('heading').textContent()).toBe('The action is recorded');
    await expect
      .poll(() => outcome.getByTestId('effect-sentence').textContent(), SETTLE)
      .toBe(
        'Organized Crime Convention will enter into force for Iran (Islamic Republic of) on 9 February 2026.',
      );
    await outcome.getByRole('link', { name: 'See Iran (Islamic Republic of)' }).click();
    await admin.waitForURL(/\/countries\/IRN$/);
    const row = admin.getByTestId('country-status').locator('tr[data-instrument="UNTOC"] td');
    await row.first().waitFor();
    expect((await row.allTextContents()).slice(0, 3)).toEqual([
      'Party',
      '12 December 2000',
      '10 January 2026 (ratification)',
    ]);
    expect(await admin.getByTestId('not-joined').locator('li').count()).toBe(3);
    await expectNoAxeViolations(admin);
  });

  it('a correction replaces the entry and keeps the history', async () => {
    const history = admin.getByTestId('history-UNTOC');
    await history.getByRole('link', { name: /^Correct the Ratification/ }).click();
    await admin.waitForURL(/\/record\?correct=\d+$/);
    await admin.getByTestId('action-form').waitFor();
    expect(await admin.getByLabel('Date', { exact: true }).inputValue()).toBe('2026-01-10');
    await admin.getByRole('button', { name: 'Save the correction' }).click();
    await expect
      .poll(async () => (await fieldError(admin, 'Reason for the correction')).message, SETTLE)
      .toBe('Error: Say why the entry is corrected.');
    await admin.getByLabel('Reason for the correction').fill('The notification gives 12 January 2026.');
    await admin.getByLabel('Date', { exact: true }).fill('2026-01-12');
    await admin.getByRole('button', { name: 'Save the correction' }).click();
    const outcome = admin.getByTestId('outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(
      /Entry \d+ is marked as corrected and replaced by entry \d+\./,
    );
    await outcome.getByRole('link', { name: 'See Iran (Islamic Republic of)' }).click();
    await admin.waitForURL(/\/countries\/IRN$/);
    await history.waitFor();
    const items = await history.locator('li').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[1]).toMatch(
      /^10 January 2026 Ratification Corrected: replaced by entry \d+\. “The notification gives 12 January 2026\.”$/,
    );
    expect(items[2]).toMatch(/^12 January 2026 Ratification/);
    expect(await admin.locator('tr[data-instrument="UNTOC"] td').nth(2).textContent()).toBe(
      '12 January 2026 (ratification)',
    );
    await expectNoAxeViolations(admin);
    await screenshot(admin, 'country-after-correction.png');
  });

  it("a State focal point records its own State's declaration, not a deposit", async () => {
    const page = await newPage();
    await page.goto(`${server!.url}/account/sign-in?next=%2Frecord`);
    await page.getByLabel('Email address').fill(FOCAL.email);
    await page.getByLabel('Password').fill(FOCAL.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/record$/);
    await page.getByTestId('action-form').waitFor();
    // The form is shown before the list of participants it offers has arrived.
    await expect
      .poll(() => page.getByLabel('State or organization').locator('option').allTextContents(), SETTLE)
      .toEqual(['Choose…', 'Armenia (ARM)']);
    expect(await page.getByLabel('Kind of action').locator('option[value="ratification"]').count()).toBe(0);
    await page.getByLabel('Instrument').selectOption('UNTOC');
    await page.getByLabel('Kind of action').selectOption('declaration');
    await page.getByLabel('Date', { exact: true }).fill('2026-02-01');
    await page.getByLabel('Article').fill('35(3)');
    await page.getByLabel('Source', { exact: true }).fill('Note verbale of the Permanent Mission');
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('effect-sentence').textContent()).toBe(
      'The Declaration by Armenia will be recorded for Organized Crime Convention; the status does not change.',
    );
    await page.getByRole('button', { name: 'Record this action' }).click();
    await page.getByTestId('outcome').waitFor();
    // The declaration appears in the instrument's table.
    await page.goto(`${server!.url}/instruments/UNTOC?q=armenia`);
    const cell = page.locator('tr[data-participant="ARM"] td').last();
    await cell.locator('li').waitFor();
    expect(await cell.locator('li').textContent()).toBe('Declaration — art. 35(3) (1 February 2026)');
    // On its State's page it may correct that declaration, and is not offered to correct a deposit.
    await page.goto(`${server!.url}/countries/ARM`);
    await page.getByRole('link', { name: /^Correct the Declaration/ }).waitFor();
    expect(await page.locator('li[data-action]').filter({ hasText: 'Ratification' }).count()).toBeGreaterThan(
      0,
    );
    expect(await page.getByRole('link', { name: /^Correct the (Ratification|Signature)/ }).count()).toBe(0);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
