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
// 3. A real line: the same pages, and a bare static page served by node:http in the same run (the
//    baseline: the line's own cost), on localhost and on Chromium's "Slow 4G" (see SLOW_4G), with the bytes
//    each page moved (CDP Network.loadingFinished encodedDataLength: headers and body as sent). Goals
//    (issue 18): first page's JavaScript ≤ 150 KB as sent; on slow 4G the dashboard's figures ≤ 1.5 s and
//    its map ≤ 2.5 s; on localhost its figures ≤ 300 ms. No CPU throttling: the network alone.
// BENCH_WEB_TARGET=<checkout> measures another checkout's build and server (its web/dist and
// bin/palermo.mjs), for a before/after table; BENCH_WEB_LABEL=before then writes bench/results-web-before.json
// only, which the next plain run puts beside its own figures.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { worldMapData } from '../src/treaties/services/world-map.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The checkout measured: this one, or BENCH_WEB_TARGET's. */
const TARGET = resolve(process.env.BENCH_WEB_TARGET ?? ROOT);
const LABEL = process.env.BENCH_WEB_LABEL ?? 'after';
const DIST = join(TARGET, 'web', 'dist');
const CHROMIUM = '/usr/bin/chromium';
const BUNDLE_GOAL_KB = 200;
const PAINT_GOAL_MS = 1000;
const RUNS = Math.max(1, Number(process.env.BENCH_WEB_RUNS) || 5);
const LINE_RUNS = Math.max(1, Number(process.env.BENCH_WEB_LINE_RUNS) || 3);
const SENT_JS_GOAL_KB = 150;

/**
 * Chrome DevTools' "Slow 4G" preset, as DevTools itself sends it: ChromeDevTools/devtools-frontend,
 * front_end/core/sdk/NetworkManager.ts, Slow4GConditions (renamed from "Fast 3G" in May 2024): download
 * 1.6 Mbit/s × 0.9 = 180,000 B/s, upload 750 kbit/s × 0.9 = 84,375 B/s, latency 150 ms × 3.75 = 562.5 ms
 * added to every request (DevTools' own unit test expects exactly these numbers).
 */
export const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: 180_000,
  uploadThroughput: 84_375,
};

/** What is timed on a line, with its goal in ms where the issue sets one. */
const LINE_PAGES = [
  { name: 'Bare static page (baseline)', path: '/', ready: '#ready', bare: true, goal: {} },
  {
    name: 'Dashboard, figures visible',
    path: '/',
    ready: '.instrument-card .count dd',
    goal: { slow4g: 1500, localhost: 300 },
  },
  {
    name: 'Dashboard, world map drawn',
    path: '/',
    ready: '[data-testid="world-map"] g[data-participant]',
    goal: { slow4g: 2500 },
  },
] as Array<{
  name: string;
  path: string;
  ready: string;
  bare?: boolean;
  goal: { slow4g?: number; localhost?: number };
}>;

/** The baseline page: a minimal HTML page and one small script that writes the element waited for. */
const BARE_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title>' +
  '<script type="module" src="/bare.js"></script></head><body><main id="root"></main></body></html>';
const BARE_JS =
  "const p = document.createElement('p'); p.id = 'ready'; p.textContent = 'Ready'; " +
  "document.getElementById('root').append(p);";

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
  /** The pages on localhost and on slow 4G, against the bare static page. */
  line: LineResult[] | null;
  /** Initial JavaScript as sent ≤ SENT_JS_GOAL_KB. */
  sentJsMet: boolean;
  label: string;
  /** The commit measured (of TARGET). */
  commit: string;
  note: string;
}

export interface LineResult {
  line: 'localhost' | 'slow 4G';
  page: string;
  fcpMs: number;
  readyMs: number;
  /** Everything the page moved until the network was quiet (medians), and of that its scripts. */
  transferKB: number;
  jsKB: number;
  goalMs: number | null;
  met: boolean | null;
  runs: number;
}

async function bundle(): Promise<WebBenchResult['bundle']> {
  if (!existsSync(join(DIST, 'index.html'))) {
    execFileSync('npm', ['run', 'build:web'], { cwd: TARGET, stdio: 'inherit' });
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
  // The map's countries come from the API, only on the dashboard: as this checkout sends them (brotli, on a
  // coarser grid), or for another checkout the package's file gzipped, as it was sent before.
  lazy.push({
    file: 'GET /api/geo/countries',
    gzipKB: kb(
      TARGET === resolve(ROOT)
        ? (await worldMapData()).brotli.length
        : gzipSize(join(TARGET, 'node_modules', 'world-atlas', 'countries-50m.json')),
    ),
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
  const child = spawn(process.execPath, [join(TARGET, 'bin', 'palermo.mjs'), 'serve'], {
    cwd: TARGET,
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

/** The median of the figures measured (a run without a first-contentful-paint entry gives NaN: left out). */
const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

function launch(): Promise<Browser> {
  return chromium.launch({
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
}

/** A string, not a function: tsx would wrap named inner functions in a helper the page lacks. */
const readyObserver = (selector: string) =>
  `new MutationObserver(() => {
    if (window.__ready === undefined && document.querySelector(${JSON.stringify(selector)}))
      requestAnimationFrame(() => { window.__ready ??= performance.now(); });
  }).observe(document, { childList: true, subtree: true });`;

/** One cold load (new context, empty cache) on the line given: when `ready` showed, and the bytes moved. */
async function loadOnce(
  browser: Browser,
  url: string,
  ready: string,
  throttled: boolean,
): Promise<{ fcp: number; ready: number; bytes: number; jsBytes: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (throttled) await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    const scripts = new Set<string>();
    let bytes = 0;
    let jsBytes = 0;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scripts.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
    });
    await page.addInitScript(readyObserver(ready));
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __ready?: number }).__ready !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    // Whatever the page asks for after its first figures (the map) counts in its bytes.
    await page.waitForLoadState('networkidle');
    const t = await page.evaluate(() => ({
      ready: (window as unknown as { __ready: number }).__ready,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    return { ...t, bytes, jsBytes };
  } finally {
    await context.close();
  }
}

/** The bare static page, served by node:http: what any page costs on the line, before any code of ours. */
async function startBare(): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((req, res) => {
    const js = req.url === '/bare.js';
    res.writeHead(200, {
      'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.end(js ? BARE_JS : BARE_HTML);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

async function lines(palermo: string, bare: string): Promise<LineResult[]> {
  const browser = await launch();
  try {
    const out: LineResult[] = [];
    for (const line of ['localhost', 'slow 4G'] as const) {
      for (const p of LINE_PAGES) {
        const loads = [];
        // One warm-up load: the server's first answers (registry computed, files read) are not the browser's.
        for (let run = -1; run < LINE_RUNS; run++) {
          const load = await loadOnce(
            browser,
            `${p.bare ? bare : palermo}${p.path}`,
            p.ready,
            line !== 'localhost',
          );
          if (run >= 0) loads.push(load);
        }
        const readyMs = Math.round(median(loads.map((l) => l.ready)));
        const goalMs = (line === 'localhost' ? p.goal.localhost : p.goal.slow4g) ?? null;
        out.push({
          line,
          page: p.name,
          fcpMs: Math.round(median(loads.map((l) => l.fcp))),
          readyMs,
          transferKB: kb(median(loads.map((l) => l.bytes))),
          jsKB: kb(median(loads.map((l) => l.jsBytes))),
          goalMs,
          met: goalMs === null ? null : readyMs <= goalMs,
          runs: LINE_RUNS,
        });
        console.log(`${line}: ${p.name} ${readyMs} ms, ${out.at(-1)!.transferKB} KB`);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function paint(url: string): Promise<NonNullable<WebBenchResult['paint']>> {
  const browser = await launch();
  try {
    const out: NonNullable<WebBenchResult['paint']> = [];
    for (const p of PAGES) {
      const fcp: number[] = [];
      const meaningful: number[] = [];
      // One warm-up load: the server's first answers (registry computed, files read) are not the browser's.
      for (let run = -1; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(readyObserver(p.ready));
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
  const b = await bundle();
  let result: WebBenchResult['paint'] = null;
  let line: WebBenchResult['line'] = null;
  const load = () => os.loadavg()[0]!.toFixed(1);
  const loadBefore = load();
  let note = `median of ${RUNS} cold loads per page in headless Chromium, after one warm-up load`;
  if (!existsSync(CHROMIUM)) {
    note = `${CHROMIUM} not found: paint not measured (apt-get install -y chromium)`;
  } else {
    const dir = mkdtempSync(join(os.tmpdir(), 'palermo-web-bench-'));
    const server = await startPalermo(dir);
    const bare = await startBare();
    try {
      result = await paint(server.url);
      line = await lines(server.url, bare.url);
      // Paint times grow with whatever else the machine runs: the load average says how busy it was.
      note += `; load average ${loadBefore} before, ${load()} after, on ${os.cpus().length} cores`;
    } finally {
      bare.server.close();
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
    line,
    sentJsMet: b.initialJsSentKB <= SENT_JS_GOAL_KB,
    label: LABEL,
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: TARGET, encoding: 'utf8' }).trim(),
    note,
  };
}

const ok = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT met');

export function webMarkdown(r: WebBenchResult, before: WebBenchResult | null = null): string[] {
  const lines = [
    '## Web application',
    '',
    `Initial JavaScript (gzip -9): **${r.bundle.initialJsGzipKB} KB** (${r.bundle.initialJsFiles.join(', ')}); goal ≤ ${r.bundle.goalKB} KB: ${ok(r.bundle.met)}. CSS ${r.bundle.cssGzipKB} KB. As sent to a browser that takes brotli (the build's copies): **${r.bundle.initialJsSentKB} KB**; goal ≤ ${SENT_JS_GOAL_KB} KB: ${ok(r.sentJsMet)}.`,
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
      '',
    );
  } else lines.push(`Paint: ${r.note}.`, '');
  if (r.line) lines.push(...lineMarkdown(r.line), '');
  if (before?.line && r.line) lines.push(...beforeAfterMarkdown(before, r), '');
  return lines;
}

function lineMarkdown(rows: LineResult[]): string[] {
  return [
    `### On a real line: localhost and Chrome DevTools' "Slow 4G" (${SLOW_4G.latency} ms per request, ${SLOW_4G.downloadThroughput / 1000} kB/s down, ${SLOW_4G.uploadThroughput / 1000} kB/s up; no CPU throttling)`,
    '',
    '| Line | Page | First contentful paint | Ready | Bytes moved (of which scripts) | Goal |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (l) =>
        `| ${l.line} | ${l.page} | ${l.fcpMs} ms | ${l.readyMs} ms | ${l.transferKB} KB (${l.jsKB} KB) | ${l.goalMs === null ? '—' : `≤ ${l.goalMs} ms: ${ok(l.met)}`} |`,
    ),
    '',
    `Median of ${rows[0]?.runs ?? 0} cold loads each after a warm-up load; bytes are CDP's encodedDataLength (headers and body as sent) of every request until the network was quiet, so the dashboard's rows both count its map.`,
  ];
}

function beforeAfterMarkdown(before: WebBenchResult, after: WebBenchResult): string[] {
  const find = (r: WebBenchResult, line: string, page: string) =>
    r.line?.find((l) => l.line === line && l.page === page);
  const rows = (after.line ?? []).map((a) => {
    const b = find(before, a.line, a.page);
    const cell = (l: LineResult | undefined) => (l ? `${l.readyMs} ms, ${l.transferKB} KB` : '—');
    return `| ${a.line} | ${a.page} | ${cell(b)} | ${cell(a)} | ${a.goalMs === null ? '—' : `≤ ${a.goalMs} ms`} |`;
  });
  return [
    `### Before and after (${before.commit} against ${after.commit}, measured with this script in one session)`,
    '',
    '| Line | Measure | Before | After | Goal |',
    '| --- | --- | --- | --- | --- |',
    `| — | Initial JavaScript as sent | ${before.bundle.initialJsSentKB} KB | ${after.bundle.initialJsSentKB} KB | ≤ ${SENT_JS_GOAL_KB} KB |`,
    ...rows,
  ];
}

const BEFORE_JSON = join(ROOT, 'bench', 'results-web-before.json');

/**
 * Runs the web benchmark and returns its section of bench/results.md; writes bench/results-web.json, or
 * with BENCH_WEB_LABEL=before bench/results-web-before.json (the other checkout's figures, kept for the
 * before/after table).
 */
export async function webBenchSection(): Promise<string[]> {
  const result = await runWebBench();
  const out = LABEL === 'before' ? BEFORE_JSON : join(ROOT, 'bench', 'results-web.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  const before =
    LABEL !== 'before' && existsSync(BEFORE_JSON)
      ? (JSON.parse(readFileSync(BEFORE_JSON, 'utf8')) as WebBenchResult)
      : null;
  const md = webMarkdown(result, before);
  console.log(`\n${md.join('\n')}`);
  return md;
}

/** Run alone, the section replaces its predecessor in bench/results.md (up to the next section). */
function replaceSection(md: string[]): void {
  const file = join(ROOT, 'bench', 'results.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('## Web application\n');
  if (start < 0) return;
  const rest = text.slice(start + 1);
  const next = rest.search(/^(## |<!-- )/m);
  const end = next < 0 ? text.length : start + 1 + next;
  writeFileSync(file, `${text.slice(0, start)}${md.join('\n').trimEnd()}\n\n${text.slice(end)}`);
}

// Run alone (node bin/run-ts.mjs bench/web.ts): the script is the second argument of run-ts.mjs.
if (process.argv.slice(1, 3).some((a) => resolve(a) === fileURLToPath(import.meta.url))) {
  const md = await webBenchSection();
  if (LABEL !== 'before') replaceSection(md);
}
