// The soak's figures: judged (flat or not, with a least-squares slope), kept in their own file
// (bench/results.soak.json, written only by a soak), and shown in bench/results.md and bench/results.json as a
// section of their own with the soak's date, so that a normal `npm run bench` does not erase the last soak.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SoakSample {
  /** Seconds since the load began (0: before it). */
  second: number;
  rssMiB: number | null;
  heapUsedMiB: number | null;
  fds: number | null;
  /** Share of a core the server used over the window, and cores used meanwhile by other processes (noise). */
  serverCpu?: number | null;
  otherCpu?: number | null;
  /** Of the open file handles, the sockets. */
  sockets?: number | null;
  lagP99Ms: number | null;
  walKiB: number;
  dbKiB: number;
  readRate: number;
  readP99Ms: number;
  writeP99Ms: number;
  non2xx: number;
  errors: number;
  /** Answers by HTTP status over the window (reads and writes). */
  statuses?: Record<string, number>;
  /** The last sample: after the load stopped, the server sat idle (longer than its keep-alive timeout) and collected its garbage. */
  idle?: boolean;
}

export interface SoakMeasure {
  name: string;
  unit: string;
  /** Changes within this many units are noise, whatever the share. */
  floor: number;
  /** Judged (a growth fails the soak), or shown for information only (the database grows with its data). */
  judged: boolean;
  first: number;
  last: number;
  /** (last − first) ÷ first. */
  change: number;
  /** Least-squares slope over the samples under load, units per hour. */
  slopePerHour: number;
  /** The slope times the span of the samples under load: how much the fitted line rose over the soak. */
  fittedRise: number;
  /** n/a: fewer than two samples had a value (the measure could not be read). */
  verdict: 'flat' | 'grows' | 'falls' | 'n/a';
}

export interface SoakResult {
  date: string;
  /** The code measured: the commit, and whether src/ had uncommitted changes. */
  commit: string;
  minutes: number;
  readRate: number;
  writeRate: number;
  sampleSeconds: number;
  tolerance: number;
  samples: SoakSample[];
  measures: SoakMeasure[];
  totalErrors: number;
  /** Every judged measure flat or falling, and no non-2xx answer nor network error. */
  pass: boolean;
  /** What the measures together suggest when one grows. */
  notes: string[];
  totalSeconds: number;
}

export const SOAK_FILE = 'results.soak.json';
const START = '<!-- soak: written by `npm run bench -- --soak`, kept by a normal run -->';
const END = '<!-- /soak -->';

const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / (a.length || 1);

/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than two points. */
export function slope(points: Array<[number, number]>): number {
  if (points.length < 2) return 0;
  const mx = mean(points.map(([x]) => x));
  const my = mean(points.map(([, y]) => y));
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Flat: the last third's mean within `tolerance` of the first third's, and the fitted line's rise over the
 * soak within the same bound — each bound widened to the measure's noise floor. Otherwise it grows (or falls).
 */
export function judge(
  name: string,
  unit: string,
  floor: number,
  judged: boolean,
  samples: SoakSample[],
  value: (s: SoakSample) => number | null,
  tolerance: number,
): SoakMeasure {
  const points = samples
    .map((s) => [s.second, value(s)] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null)
    .map(([x, y]) => [x, y] as [number, number]);
  const ys = points.map(([, y]) => y);
  const third = Math.max(1, Math.floor(ys.length / 3));
  const first = mean(ys.slice(0, third));
  const last = mean(ys.slice(-third));
  const perSecond = slope(points);
  const span = points.length ? points[points.length - 1]![0] - points[0]![0] : 0;
  const fittedRise = perSecond * span;
  const bound = Math.max(tolerance * Math.abs(first), floor);
  const thirds = last - first;
  const verdict =
    points.length < 2
      ? 'n/a'
      : Math.abs(thirds) <= bound && Math.abs(fittedRise) <= bound
        ? 'flat'
        : thirds > 0 || fittedRise > bound
          ? 'grows'
          : 'falls';
  return {
    name,
    unit,
    floor,
    judged,
    first,
    last,
    change: first !== 0 ? thirds / first : 0,
    slopePerHour: perSecond * 3600,
    fittedRise,
    verdict,
  };
}

/** Judges the samples under load (not the one taken before it). */
export function analyseSoak(samples: SoakSample[], tolerance: number) {
  const loaded = samples.filter((s) => s.second > 0 && !s.idle);
  const measures = [
    judge('RSS', 'MiB', 8, true, loaded, (s) => s.rssMiB, tolerance),
    judge('V8 heap used', 'MiB', 4, true, loaded, (s) => s.heapUsedMiB, tolerance),
    judge('open file handles', '', 2, true, loaded, (s) => s.fds, tolerance),
    judge('event-loop delay p99', 'ms', 5, true, loaded, (s) => s.lagP99Ms, tolerance),
    judge('SQLite WAL size', 'KiB', 64, true, loaded, (s) => s.walKiB, tolerance),
    judge('database file (data written)', 'KiB', 0, false, loaded, (s) => s.dbKiB, tolerance),
  ];
  const totalErrors = samples.reduce((n, s) => n + s.non2xx + s.errors, 0);
  const pass =
    loaded.length >= 2 &&
    totalErrors === 0 &&
    measures.every((m) => !m.judged || m.verdict === 'flat' || m.verdict === 'falls');
  return { measures, totalErrors, pass, notes: diagnose(measures, samples) };
}

/** Which growth points where: the JS heap, memory outside it, handles, or work that grows with the data. */
function diagnose(measures: SoakMeasure[], samples: SoakSample[]): string[] {
  const grows = (name: string) => measures.find((m) => m.name === name)?.verdict === 'grows';
  const before = samples.find((s) => s.second === 0);
  const idle = samples.find((s) => s.idle);
  const notes: string[] = [];
  if (before && idle) {
    const mib = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(1)} MiB`);
    notes.push(
      `Before the load → after it, idle and garbage-collected: RSS ${mib(before.rssMiB)} → ${mib(idle.rssMiB)}, V8 heap ${mib(before.heapUsedMiB)} → ${mib(idle.heapUsedMiB)}, open file handles ${before.fds ?? 'n/a'} → ${idle.fds ?? 'n/a'} (sockets ${before.sockets ?? 'n/a'} → ${idle.sockets ?? 'n/a'}). What a leak holds stays after the load; what a backlog held drains.`,
    );
  }
  const others = samples.filter((s) => !s.idle && s.second > 0 && typeof s.otherCpu === 'number');
  if (others.length) {
    const mean = others.reduce((n, s) => n + (s.otherCpu as number), 0) / others.length;
    const max = Math.max(...others.map((s) => s.otherCpu as number));
    notes.push(
      `Other processes on the machine used ${mean.toFixed(2)} cores on average (at most ${max.toFixed(2)}) while the load ran: ${mean > 0.25 ? 'the machine was shared, so latency and event-loop figures are partly theirs' : 'quiet'}.`,
    );
  }
  const lagGrows = grows('event-loop delay p99');
  if (lagGrows) {
    notes.push(
      'Event-loop delay grows: the work per request grows over the soak (the benchmark keeps adding rows, so work that is proportional to the data grows with it), or something blocks longer over time.',
    );
  }
  const backlog = lagGrows
    ? ' With the event loop behind, more requests wait at once, each holding its socket and buffers: look there first.'
    : '';
  if (grows('RSS') && grows('V8 heap used'))
    notes.push(`RSS grows with the V8 heap: JavaScript objects are kept longer.${backlog}`);
  else if (grows('RSS'))
    notes.push(
      'RSS grows while the V8 heap does not: memory outside the heap (SQLite page cache, Buffers, native allocations).',
    );
  if (grows('open file handles')) notes.push(`Open file handles grow: sockets or files stay open.${backlog}`);
  if (grows('SQLite WAL size'))
    notes.push('The WAL grows: checkpoints do not keep up, or a reader holds a snapshot.');
  return notes;
}

const fix = (x: number, unit: string) =>
  `${Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1)}${unit ? ` ${unit}` : ''}`;
const signed = (x: number, unit: string) => `${x >= 0 ? '+' : ''}${fix(x, unit)}`;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const ms = (x: number | null) => (x === null ? 'n/a' : `${x >= 10 ? x.toFixed(0) : x.toFixed(1)} ms`);

/** The non-2xx count with its statuses, e.g. "12 (503×12)". */
function non2xxText(s: SoakSample): string {
  const codes = Object.entries(s.statuses ?? {})
    .filter(([code]) => Number(code) < 200 || Number(code) >= 300)
    .map(([code, n]) => `${code}×${n}`);
  return codes.length ? `${s.non2xx} (${codes.join(' ')})` : String(s.non2xx);
}

function verdictText(m: SoakMeasure): string {
  if (!m.judged) return `${m.verdict} (information: the benchmark keeps adding rows)`;
  return m.verdict === 'grows' || m.verdict === 'n/a' ? `**${m.verdict} — MISS**` : `${m.verdict} — PASS`;
}

/** The soak section of bench/results.md (between markers, so that a soak can replace it in place). */
export function soakMarkdown(r: SoakResult): string[] {
  return [
    START,
    '',
    `## Soak (last run ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.minutes} min): ${r.pass ? 'PASS' : '**MISS**'}`,
    '',
    `\`npm run bench -- --soak\` (\`BENCH_SOAK_MINUTES=${r.minutes}\`) on ${r.commit}: one Palermo child on a temporary SQLite file, reads ${r.readRate} req/s (status endpoint, gzip) + writes ${r.writeRate} tx/s (\`POST /api/actions\` with an Idempotency-Key, 1 in 20 sent twice), sampled every ${r.sampleSeconds} s. Kept in \`bench/${SOAK_FILE}\`; a normal run copies it here unchanged. Flat: over the samples under load, the last third's mean within ${Math.round(r.tolerance * 100)} % of the first third's, and the least-squares line's rise over the soak within the same bound (each bound at least the noise floor).`,
    '',
    row([
      'Measure',
      'First third',
      'Last third',
      'Change',
      'Slope per hour',
      'Fitted rise over the soak',
      'Noise floor',
      'Verdict',
    ]),
    row(['---', '---', '---', '---', '---', '---', '---', '---']),
    ...r.measures.map((m) =>
      row([
        m.name,
        fix(m.first, m.unit),
        fix(m.last, m.unit),
        pct(m.change),
        signed(m.slopePerHour, m.unit),
        signed(m.fittedRise, m.unit),
        fix(m.floor, m.unit),
        verdictText(m),
      ]),
    ),
    '',
    `Non-2xx answers and network errors over the soak: ${r.totalErrors} (${r.totalErrors === 0 ? 'PASS' : '**MISS**'}).`,
    '',
    ...(r.notes?.length ? [...r.notes, ''] : []),
    '<details><summary>Samples</summary>',
    '',
    row([
      'Second',
      'RSS MiB',
      'heap MiB',
      'fds (sockets)',
      'event-loop p99',
      'WAL KiB',
      'DB KiB',
      'reads req/s',
      'read p99',
      'write p99',
      'non-2xx',
      'errors',
      'server CPU',
      'others (cores)',
    ]),
    row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---']),
    ...r.samples.map((s) =>
      row([
        s.idle ? `${s.second} (idle)` : s.second,
        s.rssMiB?.toFixed(1) ?? 'n/a',
        s.heapUsedMiB?.toFixed(1) ?? 'n/a',
        s.sockets === undefined || s.sockets === null ? (s.fds ?? 'n/a') : `${s.fds ?? 'n/a'} (${s.sockets})`,
        ms(s.lagP99Ms),
        Math.round(s.walKiB),
        Math.round(s.dbKiB),
        Math.round(s.readRate),
        ms(s.readP99Ms),
        ms(s.writeP99Ms),
        non2xxText(s),
        s.errors,
        s.serverCpu == null ? 'n/a' : `${Math.round(s.serverCpu * 100)}%`,
        s.otherCpu == null ? 'n/a' : s.otherCpu.toFixed(2),
      ]),
    ),
    '',
    '</details>',
    '',
    END,
  ];
}

/** The commit checked out (BENCH_COMMIT when the tree is not a git checkout), marked when src/ has changes. */
export function codeVersion(root: string): string {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: root,
      encoding: 'utf8',
    });
    return dirty.trim() ? `${head} with uncommitted changes in src/` : head;
  } catch {
    return 'unknown commit';
  }
}

/** The last soak, or null when none was run here (or its file is not of this form). */
export function readLastSoak(benchDir: string): SoakResult | null {
  const file = join(benchDir, SOAK_FILE);
  if (!existsSync(file)) return null;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as SoakResult;
    return typeof r.date === 'string' && Array.isArray(r.samples) && Array.isArray(r.measures) ? r : null;
  } catch {
    return null;
  }
}

/** What results.md shows when no soak has been run. */
export const NO_SOAK = [
  START,
  '',
  '## Soak',
  '',
  'No soak has been run here yet: `npm run bench -- --soak`.',
  '',
  END,
];

/**
 * Puts `section` (which begins with `start` and ends with `end`) into a markdown file in place of the one
 * between those markers, or at its end; creates the file if need be.
 */
export function replaceSection(mdFile: string, start: string, end: string, section: string): void {
  if (!existsSync(mdFile)) {
    writeFileSync(mdFile, `# Palermo benchmark results\n\n${section}\n`);
    return;
  }
  const md = readFileSync(mdFile, 'utf8');
  const a = md.indexOf(start);
  const b = md.indexOf(end);
  writeFileSync(
    mdFile,
    a >= 0 && b > a ? md.slice(0, a) + section + md.slice(b + end.length) : `${md.trimEnd()}\n\n${section}\n`,
  );
}

/** A section of results.md run alone (`-- --events`, `-- --calendar`): its table of figures, replaced in place. */
export function writeSectionTable(
  benchDir: string,
  s: { start: string; end: string; title: string; lead: string; rows: string[]; notes: string[] },
): void {
  const section = [
    s.start,
    s.title,
    '',
    s.lead,
    '',
    '| Measure | Figure | Baseline (same run) | Ratio | Goal | Result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...s.rows,
    '',
    ...s.notes,
    '',
    s.end,
  ].join('\n');
  replaceSection(join(benchDir, 'results.md'), s.start, s.end, section);
}

/** Puts the soak section into results.md (replacing the one there, or at the end) and the soak key into results.json. */
export function writeSoakIntoResults(benchDir: string, r: SoakResult): void {
  replaceSection(join(benchDir, 'results.md'), START, END, soakMarkdown(r).join('\n'));
  const jsonFile = join(benchDir, 'results.json');
  let json: Record<string, unknown> = {};
  if (existsSync(jsonFile)) {
    try {
      json = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>;
    } catch {
      json = {};
    }
  }
  json.soak = r;
  writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
}
