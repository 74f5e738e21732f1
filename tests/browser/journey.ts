// What the browser journeys share beyond the launcher (tests/helpers/browser.ts): axe-core with readable
// failures, screenshots for review, the message linked to a field, and signing in with a second factor
// (the test server's clock is fixed, so the authenticator's code is computed here).
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { hotp, totpStep } from '../../src/auth/totp.ts';
import { ARTIFACTS, runAxe } from '../helpers/browser.ts';
import { TEST_TODAY } from '../helpers/store.ts';

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await runAxe(page);
  expect(
    results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/**
 * Axe at the page's width, then at 320 px and 390 px (small phones), where nothing may scroll sideways
 * (WCAG 1.4.10 reflow); a screenshot at each narrow width. The page is left at 1280 × 900.
 */
export async function expectNoAxeViolationsAtWidths(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await screenshot(page, `${name}-${width}.png`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });
}

/**
 * The error text linked to an input by aria-describedby, and whether the input is marked invalid; within a
 * part of the page (a row, a card) when given a locator.
 */
export async function fieldError(
  page: Page | Locator,
  label: string,
): Promise<{ invalid: string | null; message: string }> {
  const input = page.getByLabel(label, { exact: true });
  const invalid = await input.getAttribute('aria-invalid');
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts: string[] = [];
  for (const id of ids) {
    const el = page.locator(`[id="${id}"].field-error`);
    if ((await el.count()) > 0) texts.push(((await el.textContent()) ?? '').trim());
  }
  return { invalid, message: texts.join(' ') };
}

/** The test server's clock is fixed at noon UTC on TEST_TODAY: the authenticator's code for that moment. */
export function currentCode(secret: string): string {
  return hotp(secret.replace(/\s+/g, ''), totpStep(Date.parse(`${TEST_TODAY}T12:00:00.000Z`)));
}

/** Signs in a Secretariat account for the first time: password, then enrolment of the second factor. */
export async function signInEnrollingMfa(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/account/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const key = page.getByTestId('totp-key');
  await key.waitFor();
  await page.getByLabel('Verification code').fill(currentCode((await key.textContent()) ?? ''));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/account$/);
}

/**
 * Waits until the first element matching `selector` reads `text` (or contains it, with `contains`), no-break
 * spaces as spaces and trimmed: a page keeps what it showed while the next load runs, and parts of a page
 * (names, statuses) load apart. 20 s, for a busy CI machine. On timeout, says what the element read instead.
 */
export async function waitForText(
  page: Page,
  selector: string,
  text: string,
  { contains = false } = {},
): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, expected, part]) => {
        const now = (document.querySelector(sel)?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
        return part ? now.includes(expected) : now === expected;
      },
      [selector, text, contains] as const,
      { timeout: 20_000 },
    );
  } catch (error) {
    const now = await page.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector);
    throw new Error(
      `${selector} should ${contains ? 'contain' : 'read'} ${JSON.stringify(text)} but reads ${JSON.stringify(now)}`,
      { cause: error },
    );
  }
}

/** Signs in an account without a second factor (a State focal point, a donor) and waits for My account. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/account/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/account$/);
}

/** A file the page offers for download, with its suggested name, its text and its bytes. */
export async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const bytes = readFileSync((await file.path()) as string);
  return { name: file.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** A page in a new browser context (its own cookies) in `locale`; uncaught page errors go to `errors`. */
export async function openPage(browser: Browser, errors: string[], locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

/** Text as a reader sees it: amounts keep their currency code with a no-break space. */
export function norm(text: string | null): string {
  return (text ?? '').replace(/\u00a0/g, ' ');
}

/**
 * A page in a new browser context whose clock agrees with the test server's (fixed at noon UTC on
 * TEST_TODAY), in `locale`; `as`: signed in with the session of that page. Uncaught errors go to `errors`.
 */
export async function clockedPage(
  browser: Browser,
  errors: string[],
  { locale = 'en-US', as }: { locale?: string; as?: Page } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale,
    ...(as ? { storageState: await as.context().storageState() } : {}),
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
  });
  await context.clock.setFixedTime(new Date(`${TEST_TODAY}T12:00:00.000Z`));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

/**
 * On an event page, the Funding section as the Secretariat fills it: the budget, one allocation from a donor's
 * earmark, then each participant's travel paid from it (the participant chosen by the name in its option).
 */
export async function fundEvent(
  page: Page,
  input: {
    budget: string;
    donor: string;
    earmark: string;
    allocate: string;
    travel: Array<[name: string, amount: string]>;
  },
): Promise<void> {
  const section = page.getByTestId('event-funding');
  await section.getByRole('heading', { level: 2, name: 'Funding' }).waitFor();
  const budget = section.getByTestId('event-budget-form');
  await budget.getByLabel('Budget (USD)').fill(input.budget);
  await budget.getByRole('button', { name: 'Set the budget' }).click();
  await waitForText(page, '[data-testid="event-budget-form"] [data-testid="outcome"]', 'The budget is now', {
    contains: true,
  });
  const allocation = section.getByTestId('event-allocation-form');
  await allocation.getByLabel('Donor').selectOption(input.donor);
  await allocation.getByLabel('Earmark').selectOption(input.earmark);
  await allocation.getByLabel('Amount (USD)').fill(input.allocate);
  await allocation.getByRole('button', { name: 'Allocate' }).click();
  await section.getByTestId('event-allocations').waitFor();

  const pay = section.getByTestId('event-payment-form');
  const participant = pay.getByLabel('Participant (approved)');
  for (const [i, [name, amount]] of input.travel.entries()) {
    const options = await participant.locator('option').allTextContents();
    const label = options.find((o) => o.includes(name));
    if (label === undefined) throw new Error(`no approved participant named ${name}: ${options.join('; ')}`);
    await participant.selectOption({ label });
    await pay.getByLabel('Travel', { exact: true }).check();
    await pay.getByLabel('Allocation').selectOption({ index: 1 });
    await pay.getByLabel('Amount (USD)').fill(amount);
    await pay.getByRole('button', { name: 'Pay' }).click();
    await page.locator(`[data-testid="funded-participants"] tbody tr:nth-child(${i + 1})`).waitFor();
  }
}

/** Writes of a test's set-up through the API as the administrator (API token), each with its own key. */
export function setupApi(server: { url: string; token: string }, prefix: string) {
  let keys = 0;
  return async (method: string, url: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/json',
        'idempotency-key': `${prefix}-${++keys}`,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`setup ${method} ${url}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
}

/** A State donor's contribution received in US dollars under a special-purpose earmark for an instrument. */
export async function earmarkedMoney(
  api: ReturnType<typeof setupApi>,
  input: {
    donor: [id: string, name: string];
    earmark: [id: string, name: string];
    instrumentId: string;
    region: string;
    receivedOn: string;
    amount: string;
  },
): Promise<void> {
  const [donorId, donorName] = input.donor;
  const [earmarkId, earmarkName] = input.earmark;
  await api('POST', '/api/fund/donors', {
    id: donorId,
    name: donorName,
    kind: 'state',
    participantId: donorId,
  });
  await api('POST', '/api/fund/earmarks', {
    id: earmarkId,
    name: earmarkName,
    purpose: 'special',
    iatiCategory: 3,
    instrumentId: input.instrumentId,
    region: input.region,
  });
  await api('POST', '/api/fund/payments', {
    donorId,
    receivedOn: input.receivedOn,
    currency: 'USD',
    amount: input.amount,
    earmarkId,
  });
}
