// Web benchmark (part of `npm run bench`, or alone: node bin/run-ts.mjs bench/web.ts): what a browser
// downloads first and how soon the pages show their content, on this machine, against `palermo serve`.
//
// 1. Bundle: the JavaScript index.html loads at once (entry script and module preloads), gzip -9, against
//    the goal of 200 KB, and as the server sends it (the build's brotli copies); the code-split chunks (the world map with d3-geo and topojson-client) and the map
//    data, which only the dashboard fetches, are listed apart.
// 2. Paint: Debian Chromium (headless, playwright-core) opens each page cold (new context, empty cache)
//    BENCH_WEB_RUNS times (default 5); the median first contentful paint, and the moment the page's real data
//    is on screen ("first meaningful paint": the element that shows the figures, seen by a MutationObserver
//    installed before the page loads, then one animation frame so it is painted). Goal: ≤ 1 s.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'web', 'dist');
const CHROMIUM = '/usr/bin/chromium';
const BUNDLE_GOAL_KB = 200;
const PAINT_GOAL_MS = 1000;
const RUNS = Math.max(1, Number(process.env.BENCH_WEB_RUNS) || 5);

/** Each page and the element that shows its real data. */
const PAGES = [
  { name: 'Dashboard', path: '/', ready: '.instrument-card .count dd' },
  // Informational: the map chunk, its 1:50m data and the drawing come after the figures.
  {
    name: 'Dashboard, world map drawn',
    path: '/',
    ready: '[data-testid="world-map"] g[data-participant]',
    info: true,
  },
  { name: 'Instrument (UNTOC, 195 rows)', path: '/instruments/UNTOC', ready: 'table.participants tbody tr' },
  { name: 'Country (Armenia)', path: '/countries/ARM', ready: '[data-testid="country-status"] tbody tr' },
] as Array<{ name: string; path: string; ready: string; info?: boolean }>;

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
/** What the server sends a browser that takes brotli: the build's .br copy (web/precompress.ts), else the file. */
const sentSize = (file: string) => statSync(existsSync(`${file}.br`) ? `${file}.br` : file).size;

export interface WebBenchResult {
  bundle: {
    initialJsGzipKB: number;
    /** As sent to a browser that accepts brotli. */
    initialJsSentKB: number;
    initialJsFiles: string[];
    cssGzipKB: number;
    lazy: Array<{ file: string; gzipKB: number }>;
    goalKB: number;
    met: boolean;
  };
  paint: Array<{
    page: string;
    path: string;
    fcpMs: number;
    meaningfulMs: number;
    runs: number;
    info: boolean;
  }> | null;
  paintGoalMs: number;
  paintMet: boolean | null;
  note: string;
}

function bundle(): WebBenchResult['bundle'] {
  if (!existsSync(join(DIST, 'index.html'))) {
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
  }
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1] as string);
  const file = (url: string) => join(DIST, url.replace(/^\//, ''));
  const initialBytes = initial.reduce((sum, u) => sum + gzipSize(file(u)), 0);
  const assets = join(DIST, 'assets');
  const lazy = execFileSync('ls', [assets], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => (f.endsWith('.js') || f.endsWith('.json')) && !initial.some((u) => u.endsWith(f)))
    .map((f) => ({
      file: `assets/${f}`,
      gzipKB: kb(gzipSize(join(assets, f))),
      rawKB: kb(statSync(join(assets, f)).size),
    }))
    .map(({ file, gzipKB }) => ({ file, gzipKB }));
  // The map's countries come from the API (gzip), only on the dashboard.
  lazy.push({
    file: 'GET /api/geo/countries',
    gzipKB: kb(gzipSize(join(ROOT, 'node_modules', 'world-atlas', 'countries-50m.json'))),
  });
  return {
    initialJsGzipKB: kb(initialBytes),
    initialJsSentKB: kb(initial.reduce((sum, u) => sum + sentSize(file(u)), 0)),
    initialJsFiles: initial,
    cssGzipKB: kb(css.reduce((sum, u) => sum + gzipSize(file(u)), 0)),
    lazy,
    goalKB: BUNDLE_GOAL_KB,
    met: initialBytes <= BUNDLE_GOAL_KB * 1024,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startPalermo(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'palermo.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PALERMO_DB: join(dir, 'web-bench.db'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error('palermo serve did not become ready within 60 s');
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function paint(url: string): Promise<NonNullable<WebBenchResult['paint']>> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  try {
    const out: NonNullable<WebBenchResult['paint']> = [];
    for (const p of PAGES) {
      const fcp: number[] = [];
      const meaningful: number[] = [];
      // One warm-up load: the server's first answers (registry computed, files read) are not the browser's.
      for (let run = -1; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
        await page.addInitScript(
          `new MutationObserver(() => {
            if (window.__ready === undefined && document.querySelector(${JSON.stringify(p.ready)}))
              requestAnimationFrame(() => { window.__ready ??= performance.now(); });
          }).observe(document, { childList: true, subtree: true });`,
        );
        await page.goto(`${url}${p.path}`);
        await page.waitForFunction(
          () => (window as unknown as { __ready?: number }).__ready !== undefined,
          null,
          {
            timeout: 30_000,
          },
        );
        const t = await page.evaluate(() => ({
          ready: (window as unknown as { __ready: number }).__ready,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        }));
        if (run >= 0) {
          fcp.push(t.fcp);
          meaningful.push(t.ready);
        }
        await context.close();
      }
      out.push({
        page: p.name,
        path: p.path,
        fcpMs: Math.round(median(fcp)),
        meaningfulMs: Math.round(median(meaningful)),
        runs: RUNS,
        info: p.info ?? false,
      });
    }
    return out;
  } finally {
    await browser.close();
  }
}

export async function runWebBench(): Promise<WebBenchResult> {
  const b = bundle();
  let result: WebBenchResult['paint'] = null;
  const load = () => os.loadavg()[0]!.toFixed(1);
  const loadBefore = load();
  let note = `median of ${RUNS} cold loads per page in headless Chromium, after one warm-up load`;
  if (!existsSync(CHROMIUM)) {
    note = `${CHROMIUM} not found: paint not measured (apt-get install -y chromium)`;
  } else {
    const dir = mkdtempSync(join(os.tmpdir(), 'palermo-web-bench-'));
    const server = await startPalermo(dir);
    try {
      result = await paint(server.url);
      // Paint times grow with whatever else the machine runs: the load average says how busy it was.
      note += `; load average ${loadBefore} before, ${load()} after, on ${os.cpus().length} cores`;
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    bundle: b,
    paint: result,
    paintGoalMs: PAINT_GOAL_MS,
    paintMet: result ? result.every((r) => r.info || r.meaningfulMs <= PAINT_GOAL_MS) : null,
    note,
  };
}

export function webMarkdown(r: WebBenchResult): string[] {
  const ok = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT met');
  const lines = [
    '## Web application',
    '',
    `Initial JavaScript (gzip -9): **${r.bundle.initialJsGzipKB} KB** (${r.bundle.initialJsFiles.join(', ')}); goal ≤ ${r.bundle.goalKB} KB: ${ok(r.bundle.met)}. CSS ${r.bundle.cssGzipKB} KB. As sent to a browser that takes brotli (the build's copies): ${r.bundle.initialJsSentKB} KB.`,
    '',
    `Loaded later, only by the pages that need them: ${r.bundle.lazy.map((l) => `${l.file} ${l.gzipKB} KB`).join('; ')}.`,
    '',
  ];
  if (r.paint) {
    lines.push(
      `| Page | First contentful paint | First meaningful paint (real data on screen) |`,
      '| --- | --- | --- |',
      ...r.paint.map(
        (p) =>
          `| ${p.page} \`${p.path}\` | ${p.fcpMs} ms | ${p.meaningfulMs} ms${p.info ? ' (not a goal)' : ''} |`,
      ),
      '',
      `Goal: first meaningful paint ≤ ${r.paintGoalMs} ms on localhost: ${ok(r.paintMet)} (${r.note}).`,
    );
  } else lines.push(`Paint: ${r.note}.`);
  return lines;
}

/** Runs the web benchmark, writes bench/results-web.json, and returns its section of bench/results.md. */
export async function webBenchSection(): Promise<string[]> {
  const result = await runWebBench();
  writeFileSync(join(ROOT, 'bench', 'results-web.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = webMarkdown(result);
  console.log(`\n${md.join('\n')}`);
  return md;
}

// Run alone (node bin/run-ts.mjs bench/web.ts): the script is the second argument of run-ts.mjs.
if (process.argv.slice(1, 3).some((a) => resolve(a) === fileURLToPath(import.meta.url)))
  await webBenchSection();
