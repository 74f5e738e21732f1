// What the real-browser tests share: Debian Chromium driven by playwright-core, the built web application,
// axe-core, and the folder where screenshots are kept for review.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST_INDEX = path.join(ROOT, 'web/dist/index.html');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

if (!hasChromium) {
  console.warn(
    `Browser tests skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium).`,
  );
}

/** Headless, and quiet on this machine's closed network (no background connections that would be refused). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs axe-core on the page (the context must bypass CSP to inject it). */
export async function runAxe(page: Page): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(() => (window as unknown as { axe: { run: () => Promise<AxeResults> } }).axe.run());
}

/**
 * Time for one step of a browser journey: a step visits several pages, each with an axe-core run, and on a
 * machine that is running other test files at once (CI runs them in parallel) one took 30 s.
 */
export const JOURNEY_TIMEOUT = 120_000;
