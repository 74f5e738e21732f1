// The events calendar API benchmark (issue 14): GET /api/events as the web calendar asks it, goal p95 ≤ 20 ms.
// Run by bench/run.ts with the other sections, or alone with `npm run bench -- --calendar` (this section only,
// about a minute; its own section of results.md).
//
// The server: the real one as `palermo serve` runs it (bench/server-palermo.mjs: a temporary SQLite file,
// migrated, the reference data and the 11 real events of 2000-2004 loaded at first start, the default log).
// Set-up through the API as the Secretariat (the child's administrator token): EVENTS generated events
// (deterministic LCG: kinds, 2005-2030, hosts, targets, one to three instruments, an agenda, 85 % public)
// recorded with POST /api/events, and one in eight then moved along its life cycle (POST …/status), so that
// the calendar holds a realistic mix. Nothing is written by SQL.
//
// The request: what web/src/components/events/EventsPage.tsx sends for the calendar with no filter chosen,
// anonymous (the public calendar): `GET /api/events?limit=500` (api-events.ts, CALENDAR_LIMIT), with the
// headers a browser adds to `fetch(…, { cache: 'no-store' })`: gzip accepted, no cache.
//
// The load: an open-loop client at an even pace (BENCH_CALENDAR_RATE req/s over at most
// BENCH_CALENDAR_CONNECTIONS kept-alive connections; pacedRun), so that the latency is the server's, not a
// queue the load generator builds itself (closed-loop latency with 50 connections is at least 50 ÷ req/s,
// whatever the server; autocannon's fixed rate sends each second's requests in one burst). Every response
// time is kept, from when the request was due, and the p95 computed from them.
//
// Baseline, in the same run and at the same rate: bare Fastify 5 (bench/server-bare.ts) sending a precomputed
// Buffer of the same bytes (gzipped if Palermo gzipped them) with the headers Palermo sent, at the same path.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addDays } from '../src/common/dates.ts';
import type { LedgerFigure } from './ledger.ts';
import { formatProfileSummary, summariseProfile } from './profile-summary.ts';
import { writeSectionTable } from './soak-report.ts';

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] && Number.isFinite(v) && v > 0 ? v : fallback;
};
const GOAL_P95_MS = 20;
const EVENTS = envNumber('BENCH_CALENDAR_EVENTS', 300);
const RATE = envNumber('BENCH_CALENDAR_RATE', 100);
const CONNECTIONS = envNumber('BENCH_CALENDAR_CONNECTIONS', 10);
const WARMUP_S = envNumber('BENCH_WARMUP', 2);
const DURATION_S = envNumber('BENCH_DURATION', 10);
const CALENDAR_PATH = '/api/events?limit=500';
const BROWSER_HEADERS: Record<string, string> = {
  'accept-encoding': 'gzip, deflate, br',
  accept: '*/*',
  'cache-control': 'no-cache',
  pragma: 'no-cache',
};
const START = '<!-- events-calendar:start -->';
const END = '<!-- events-calendar:end -->';

const KINDS = [
  'pre_ratification_seminar',
  'regional_ministerial_conference',
  'regional_seminar',
  'subregional_workshop',
  'treaty_event',
  'conference_of_parties',
  'commission_session',
  'expert_group',
];
const TARGETS = [
  { kind: 'intermediate_region', value: 'Western Africa' },
  { kind: 'region', value: 'Americas' },
  { kind: 'subregion', value: 'South-eastern Asia' },
  { kind: 'region', value: 'Europe' },
  { kind: 'intermediate_region', value: 'Caribbean' },
];
const HOSTS = ['SEN', 'NGA', 'ITA', 'AUT', 'MEX', 'THA', 'KEN', 'BRA', 'FRA', 'JAM', 'PHL', 'ZAF'];
const CITIES = ['Dakar', 'Abuja', 'Palermo', 'Vienna', 'Mexico City', 'Bangkok', 'Nairobi', 'Brasília'];
const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];

interface Child {
  name: string;
  child: ChildProcess;
  url: string;
  token: string;
}

/** What bench/run.ts lends the section. */
export interface CalendarHooks {
  tmp: string;
  benchDir: string;
  profile: boolean;
  pinning: { client: number; server: number } | null;
  startChild(
    name: string,
    script: string,
    args: string[],
    pinning: CalendarHooks['pinning'],
    env?: NodeJS.ProcessEnv,
  ): Promise<Child>;
  stopChild(server: Child): Promise<void>;
  waitForQuiet(label: string): Promise<number | null>;
  /** CPU seconds a process has used so far (/proc), null when unknown. */
  processCpuSeconds(pid: number | undefined): number | null;
  /** Sends a child a message and waits for its answer of that type (its CPU profiling, bench/profiling.mjs). */
  ask(child: ChildProcess, message: object, replyType: string): Promise<void>;
  /** GET with exactly the given headers, the bytes as sent (nothing decompressed). */
  getRaw(
    url: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>;
  /** The headers a server chose (not those Node.js sets on every response), for the bare baseline to send. */
  sentHeaders(headers: IncomingHttpHeaders): Record<string, string>;
}

export interface CalendarResults {
  figures: LedgerFigure[];
  rows: string[];
  notes: string[];
  json: Record<string, unknown>;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The generated events, the same every run; `status` is where one in eight goes after it is recorded. They
 * start within `window` (2005-2029 for the calendar; the report benchmark asks for its period).
 */
export function calendarEvents(
  count = EVENTS,
  seed = 14_2026,
  window: { from: string; days: number } = { from: '2005-01-01', days: 9_125 },
): Array<{ input: Record<string, unknown>; status: string | null }> {
  const random = lcg(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const start = addDays(window.from, Math.floor(random() * window.days));
    const end = addDays(start, Math.floor(random() * 4));
    const kind = KINDS[i % KINDS.length] as string;
    const instruments = INSTRUMENTS.filter(() => random() < 0.4);
    if (instruments.length === 0) instruments.push(pick(INSTRUMENTS));
    const online = random() < 0.1;
    const host = pick(HOSTS);
    const mode = random();
    return {
      input: {
        kind,
        title: `${kind.replace(/_/g, ' ')} ${i + 1} on ${instruments.join(', ')}`,
        start,
        end,
        venue: online
          ? { city: null, country: null, online: true }
          : { city: pick(CITIES), country: host, online: false },
        hosts: random() < 0.2 ? [host, pick(HOSTS.filter((h) => h !== host))] : [host],
        coOrganisers: random() < 0.5 ? ['UNODC'] : [],
        targets: [pick(TARGETS)],
        instruments,
        agenda: instruments.map((id) => ({ title: `The ${id} in force`, instrumentId: id, articles: ['5'] })),
        languages: random() < 0.5 ? ['en', 'fr'] : ['en'],
        interpretation: random() < 0.5,
        public: random() < 0.85,
        registrationDeadline: null,
        description: 'Generated for the calendar benchmark.',
      },
      status: mode < 0.06 ? 'cancelled' : mode < 0.125 ? 'registration_open' : null,
    };
  });
}

/** Records the generated events through the API, as the Secretariat. */
async function recordEvents(origin: string, token: string): Promise<{ recorded: number; moved: number }> {
  let serial = 0;
  const send = async (path: string, body: unknown): Promise<{ id: number; revision: number }> => {
    const res = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-calendar-${process.pid}-${++serial}`,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as { id: number; revision: number };
  };
  let moved = 0;
  for (const { input, status } of calendarEvents()) {
    const event = await send('/api/events', input);
    if (status) {
      await send(`/api/events/${event.id}/status`, {
        status,
        reason: status === 'cancelled' ? 'The host withdrew.' : null,
        revision: event.revision,
      });
      moved++;
    }
  }
  return { recorded: EVENTS, moved };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

interface RateRun {
  achievedRate: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  bytesPerResponse: number;
  /** Server CPU per request, µs (its cost, whoever set the pace). */
  serverUsPerRequest: number | null;
}

interface Paced {
  /** Each response time, ms, from the moment the request was due (so a late send counts against it). */
  times: number[];
  requests: number;
  non2xx: number;
  errors: number;
  bytes: number;
  seconds: number;
}

/**
 * An open-loop client at an even pace: one request every 1000 ÷ RATE ms on a clock of its own, over at most
 * CONNECTIONS kept-alive connections, whether or not earlier answers have come back. (autocannon's
 * `overallRate` sends each second's quota in a burst at the start of the second, so its latency was mostly
 * the queue of that burst: ten requests at once wait for each other.) Each time is measured from when the
 * request was due, not when it went out, so that a client falling behind cannot hide a slow server.
 */
async function pacedRun(url: string, seconds: number): Promise<Paced> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const interval = 1000 / RATE;
  const count = Math.round(seconds * RATE);
  const out: Paced = { times: [], requests: 0, non2xx: 0, errors: 0, bytes: 0, seconds };
  const pending: Array<Promise<void>> = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      new Promise<void>((resolve) => {
        const req = request(url, { agent, headers: BROWSER_HEADERS }, (res) => {
          res.on('data', (chunk: Buffer) => (out.bytes += chunk.length));
          res.on('end', () => {
            out.times.push(performance.now() - due);
            out.requests++;
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) out.non2xx++;
            resolve();
          });
        });
        req.on('error', () => {
          out.errors++;
          resolve();
        });
        req.end();
      }),
    );
  }
  await Promise.all(pending);
  out.seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return out;
}

/** Warm-up, then a measured run at the fixed rate, keeping every response time. */
async function rateRun(h: CalendarHooks, server: Child, url: string): Promise<RateRun> {
  await h.waitForQuiet(server.name);
  process.stdout.write(`  ${server.name}: warm-up ${WARMUP_S} s, ${RATE} req/s for ${DURATION_S} s … `);
  await pacedRun(url, WARMUP_S);
  const cpu0 = h.processCpuSeconds(server.child.pid);
  const t0 = performance.now();
  const r = await pacedRun(url, DURATION_S);
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = h.processCpuSeconds(server.child.pid);
  const times = [...r.times].sort((a, b) => a - b);
  const run: RateRun = {
    achievedRate: r.requests / r.seconds,
    requests: r.requests,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    p99Ms: percentile(times, 0.99),
    non2xx: r.non2xx,
    errors: r.errors,
    bytesPerResponse: r.requests ? r.bytes / r.requests : 0,
    serverUsPerRequest:
      cpu0 !== null && cpu1 !== null && r.requests ? ((cpu1 - cpu0) * 1e6) / r.requests : null,
  };
  process.stdout.write(
    `${Math.round(run.achievedRate)} req/s, p50 ${ms(run.p50Ms)}, p95 ${ms(run.p95Ms)}, p99 ${ms(run.p99Ms)}; server CPU ${run.serverUsPerRequest === null ? 'n/a' : `${Math.round(run.serverUsPerRequest)} µs`}/request (wall ${wall.toFixed(1)} s)\n`,
  );
  // Reported, not thrown: on a busy machine the server sheds load (503, its event loop behind) and the run
  // says so; a run with any counts as missed.
  if (run.non2xx > 0 || run.errors > 0)
    console.log(`  ${server.name}: ${run.non2xx} non-2xx answers and ${run.errors} errors under load`);
  return run;
}

/** BENCH_PROFILE=1: a separate, CPU-profiled run of Palermo (profiling slows it: not the measured run). */
async function profileRun(h: CalendarHooks, server: Child, url: string): Promise<void> {
  const dir = join(h.benchDir, 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `palermo-calendar-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  await h.ask(server.child, { type: 'profile-start' }, 'profile-started');
  await pacedRun(url, DURATION_S);
  await h.ask(server.child, { type: 'profile-stop', file }, 'profile-stopped');
  console.log(`  profile ${file}\n${formatProfileSummary(summariseProfile(file))}`);
}

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

/** Runs the section: prints its lines and returns its figure, table rows and notes. */
export async function eventsCalendarBenchmark(h: CalendarHooks): Promise<CalendarResults> {
  console.log(
    `\n[events] calendar API: GET ${CALENDAR_PATH} (anonymous, gzip), ${EVENTS} generated events + the reference events, ${RATE} req/s over ${CONNECTIONS} connections`,
  );
  const palermo = await h.startChild(
    'Palermo',
    'server-palermo.mjs',
    [join(h.tmp, 'calendar.db')],
    h.pinning,
  );
  const origin = new URL(palermo.url).origin;
  const s0 = performance.now();
  const { moved } = await recordEvents(origin, palermo.token);
  const setupS = (performance.now() - s0) / 1000;
  const url = `${origin}${CALENDAR_PATH}`;
  const first = await h.getRaw(url, BROWSER_HEADERS);
  // The calendar answers gzip only if the server chooses to: the baseline sends whatever it sent.
  const gzip = first.headers['content-encoding'] === 'gzip';
  if (
    first.status !== 200 ||
    (first.headers['content-encoding'] ?? 'identity') !== (gzip ? 'gzip' : 'identity')
  )
    throw new Error(
      `Palermo calendar: HTTP ${first.status}, content-encoding ${first.headers['content-encoding']}`,
    );
  const json = gzip ? gunzipSync(first.body) : first.body;
  const list = JSON.parse(json.toString('utf8')) as { events: unknown[]; total: number };
  const jsonBytes = json.length;
  const wire = `${jsonBytes.toLocaleString('en-US')} B of JSON${gzip ? `, ${first.body.length.toLocaleString('en-US')} B gzipped` : ', sent uncompressed'}`;
  console.log(
    `  set-up: ${EVENTS} events recorded and ${moved} moved along their life cycle through the API in ${setupS.toFixed(1)} s; the calendar lists ${list.events.length} public events of ${list.total} (${wire})`,
  );
  let real: RateRun;
  try {
    real = await rateRun(h, palermo, url);
    if (h.profile) await profileRun(h, palermo, url);
  } finally {
    await h.stopChild(palermo);
  }

  const bytesFile = join(h.tmp, gzip ? 'calendar.json.gz' : 'calendar.json');
  writeFileSync(bytesFile, first.body);
  const headersFile = join(h.tmp, 'calendar.headers.json');
  writeFileSync(headersFile, JSON.stringify(h.sentHeaders(first.headers)));
  const bare = await h.startChild(
    gzip ? 'bare Fastify, same gzip bytes' : 'bare Fastify, same bytes',
    'server-bare.ts',
    [gzip ? 'gzip-bytes' : 'bytes', bytesFile, headersFile],
    h.pinning,
    { ...process.env, BENCH_ROUTE: '/api/events' },
  );
  let baseline: RateRun;
  try {
    const check = await h.getRaw(url.replace(origin, new URL(bare.url).origin), BROWSER_HEADERS);
    if (check.status !== 200 || !check.body.equals(first.body))
      throw new Error('the bare Fastify baseline does not send the same bytes at /api/events');
    baseline = await rateRun(h, bare, `${new URL(bare.url).origin}${CALENDAR_PATH}`);
  } finally {
    await h.stopChild(bare);
  }

  const ratio = real.p95Ms / baseline.p95Ms;
  const pass = real.p95Ms <= GOAL_P95_MS && real.non2xx + real.errors === 0;
  const measure = `Events calendar API: \`GET ${CALENDAR_PATH}\`, anonymous, \`accept-encoding: ${BROWSER_HEADERS['accept-encoding']}\` (as the web calendar asks it), ${list.events.length} public events listed of ${EVENTS} generated + the reference events (${wire}), ${RATE} req/s over ${CONNECTIONS} connections, ${DURATION_S} s`;
  const baselineName = 'bare Fastify 5, the same bytes and headers, same path and rate';
  const describe = (r: RateRun) =>
    `p95 ${ms(r.p95Ms)} (p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}; ${Math.round(r.achievedRate)} req/s, ${r.requests.toLocaleString('en-US')} requests, non-2xx ${r.non2xx}, errors ${r.errors}; server CPU ${r.serverUsPerRequest === null ? 'n/a' : `${Math.round(r.serverUsPerRequest)} µs`}/request)`;
  console.log(
    `  Palermo p95 ${ms(real.p95Ms)}; baseline p95 ${ms(baseline.p95Ms)}; ${ratio.toFixed(1)}× (goal p95 ≤ ${GOAL_P95_MS} ms) ${pass ? 'PASS' : 'MISS'}`,
  );
  const value = (r: RateRun) => ({
    p95Ms: r.p95Ms,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    achievedRate: r.achievedRate,
    requests: r.requests,
    non2xx: r.non2xx,
    errors: r.errors,
    serverUsPerRequest: r.serverUsPerRequest ?? NaN,
  });
  return {
    figures: [
      {
        id: 'events-calendar',
        measure,
        value: value(real),
        unit: 'ms',
        baseline: { name: baselineName, value: value(baseline) },
        ratio,
        ratioMeaning: 'p95 ÷ baseline p95 (times slower)',
        goal: `p95 ≤${GOAL_P95_MS} ms, 0 non-2xx/errors`,
        pass,
      },
    ],
    rows: [
      `| ${measure} | ${describe(real)} | ${baselineName}: ${describe(baseline)} | ${ratio.toFixed(1)}× | p95 ≤${GOAL_P95_MS} ms, 0 non-2xx/errors | ${pass ? 'PASS' : 'MISS'} |`,
    ],
    notes: [
      `Events calendar: ${EVENTS} events generated (bench/events-calendar.ts, fixed seed) and recorded through the API as the Secretariat (${moved} then moved along their life cycle), on top of the reference events loaded at first start; measured at an even fixed rate (open loop, each time from when the request was due) so that the latency is the server's, not a queue of the load generator's making; p95 computed from every response time.`,
    ],
    json: { events: EVENTS, listed: list.events.length, total: list.total, jsonBytes, gzip, real, baseline },
  };
}

/** `--calendar` mode: writes the section's own part of results.md (replaced in place). */
export function writeEventsCalendarSection(
  benchDir: string,
  header: string,
  r: CalendarResults,
  hostNote: string,
): void {
  writeSectionTable(benchDir, {
    start: START,
    end: END,
    title: '## Events calendar API (`npm run bench -- --calendar`)',
    lead: `${header}. ${hostNote}`,
    rows: r.rows,
    notes: r.notes,
  });
  console.log('wrote the events calendar section of bench/results.md');
}
