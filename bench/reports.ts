// The report to the Commission benchmark (issue 15, "Benchmark"): the full report (HTML + DOCX + PDF + XLSX)
// on the real data plus 10,000 ledger transactions and 300 events in ≤ 2 s, HTML alone in ≤ 200 ms. Run by
// bench/run.ts with the other sections, or alone with `npm run bench -- --report` (this section only, about a
// minute; its own section of results.md, its figures merged into results.json).
//
// The store: a temporary SQLite file prepared as `palermo serve` prepares it (prepareStore: migrations, the
// real reference data: registry, the real events of 2000-2004, the Fund's reference data), then, through the
// services and nothing by SQL: the ledger benchmark's donors and allocations (bench/ledger.ts, seed), the
// first 10,000 transactions of its generated ledger (bench/ledger-data.ts, booked 2016-2025) imported as
// `palermo fund import-ledger` does (importLedgerFile), and the calendar benchmark's 300 generated events
// (bench/events-calendar.ts, calendarEvents) dated within the period, recorded and moved to "held" (those
// the generator cancels: cancelled) as the Secretariat does it (createEvent, changeEventStatus).
//
// The report: English, as at 2025-12-31 for the period 2016-01-01 to 2025-12-31 (every generated record
// falls in it), the default prose. Produced by the producer `palermo serve` and the CLI are given
// (realReportProducer: produce.ts loaded at its first call; gathering from the store, composing, rendering
// each format; the PDF compiled by Typst in its worker thread, as the product runs it):
// (a) all four formats, not a draft (what freezing asks for, per language); (b) HTML alone, as a draft (what
// the web page's preview asks for). Cold: the first run of each in this process — HTML alone first (it loads
// produce.ts, the gatherers and the HTML renderer), then all four (the DOCX, PDF and XLSX libraries are
// loaded and the PDF worker started) — then the median of RUNS warm runs. Beside them, the document built
// once (gather + compose; the registry and Fund, and the events and assistance, gathered apart too) and each
// format rendered from it: where the time goes. Beside each wall time, the CPU time the process used (every
// thread): the machine may be shared, and the wall time then grows with the others' load. BENCH_PROFILE=1
// CPU-profiles one more full report (bench/out/report-*.cpuprofile) and summarises it under the table;
// BENCH_REPORT_RUNS sets the number of warm runs (7).
//
// Baseline, in the same run: rendering `emptyDocument('en')` (src/reports/render/fixture.ts: the front matter
// alone) in each format with the same renderers, median of RUNS after one warm-up.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { systemClock } from '../src/common/clock.ts';
import type { ServiceContext } from '../src/context.ts';
import { EventInputSchema } from '../src/events/contract.ts';
import type { EventStatus } from '../src/events/domain/events.ts';
import { changeEventStatus, createEvent } from '../src/events/services/events.ts';
import { formatAmount } from '../src/funds/domain/money.ts';
import { importLedgerFile } from '../src/funds/services/import-ledger.ts';
import { DEFAULT_PARAGRAPHS } from '../src/reports/domain/default-paragraphs.ts';
import { REPORT_FORMATS, type ReportFormat } from '../src/reports/domain/document.ts';
import type { ReportInput } from '../src/reports/domain/input.ts';
import { emptyDocument, renderReport } from '../src/reports/render/index.ts';
import { gatherProgramme } from '../src/reports/services/gather-programme.ts';
import { realReportProducer, type ProduceOptions } from '../src/reports/services/producer.ts';
import { gatherRegistryAndFund } from '../src/reports/services/resolve-figure.ts';
import { prepareStore } from '../src/server/prepare-store.ts';
import { calendarEvents } from './events-calendar.ts';
import { seed, type LedgerFigure } from './ledger.ts';
import { writeLedgerCsv } from './ledger-data.ts';
import { formatProfileSummary, summariseProfile } from './profile-summary.ts';
import { writeSectionTable } from './soak-report.ts';

const envNumber = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return process.env[name] && Number.isInteger(v) && v > 0 ? v : fallback;
};
const FULL_GOAL_MS = 2_000;
const HTML_GOAL_MS = 200;
const RUNS = envNumber('BENCH_REPORT_RUNS', 7);
const TRANSACTIONS = 10_000;
/** Entries the generator aims at: about 3.8 a transaction, so the first 10,000 span its ten years. */
const LEDGER_ENTRIES = 38_000;
const EVENTS = 300;
const AS_AT = '2025-12-31';
const PERIOD = { from: '2016-01-01', to: '2025-12-31' };
/** Events start within the period and end (at most three days later) by its last day. */
const EVENT_WINDOW = { from: PERIOD.from, days: 3_649 };
const START = '<!-- report:start -->';
const END = '<!-- report:end -->';

/** What bench/run.ts lends the section. */
export interface ReportHooks {
  tmp: string;
  benchDir: string;
  /** BENCH_PROFILE=1: profile one more full report (bench/out/report-*.cpuprofile). */
  profile: boolean;
  waitForQuiet(label: string): Promise<number | null>;
}

export interface ReportResults {
  figures: LedgerFigure[];
  rows: string[];
  notes: string[];
  json: Record<string, unknown>;
}

/** The report the benchmark produces: the test report's session and prose, dated to cover the data. */
export const REPORT_INPUT: ReportInput = {
  locale: 'en',
  symbol: 'E/CN.15/2026/8',
  date: '2026-03-15',
  session: {
    number: 35,
    place: 'Vienna',
    from: '2026-05-18',
    to: '2026-05-22',
    agendaItem: 4,
    agendaTitle: 'International cooperation in combating transnational crime',
    agendaSymbol: 'E/CN.15/2026/1',
  },
  asAt: AS_AT,
  period: PERIOD,
  paragraphs: DEFAULT_PARAGRAPHS.en,
  resources: [],
};

export interface Seeded {
  ctx: ServiceContext;
  close(): Promise<void>;
  transactions: number;
  entries: number;
  events: { recorded: number; held: number; cancelled: number; publicHeld: number; titles: string[] };
  setupMs: number;
}

/** The store: prepared as the product prepares it, then the ledger and the events through the services. */
export async function seedReportStore(tmp: string): Promise<Seeded> {
  const t0 = performance.now();
  const sqlitePath = join(tmp, 'report.db');
  const catalog = await seed({ sqlitePath });
  const csv = join(tmp, 'report-ledger.csv');
  const generated = await writeLedgerCsv(csv, catalog, LEDGER_ENTRIES, TRANSACTIONS);
  if (generated.transactions !== TRANSACTIONS)
    throw new Error(`the ledger generator gave ${generated.transactions} transactions, not ${TRANSACTIONS}`);
  const { store, registry } = await prepareStore({ sqlitePath });
  const ctx: ServiceContext = { store, clock: systemClock, registry, actor: 'bench' };
  const imported = await importLedgerFile(ctx, csv);
  if (imported.recorded !== TRANSACTIONS)
    throw new Error(`the ledger import recorded ${imported.recorded} transactions, not ${TRANSACTIONS}`);
  const events = { recorded: 0, held: 0, cancelled: 0, publicHeld: 0, titles: [] as string[] };
  for (const { input, status } of calendarEvents(EVENTS, 15_2026, EVENT_WINDOW)) {
    const event = EventInputSchema.parse(input);
    const path: EventStatus[] =
      status === 'cancelled' ? ['cancelled'] : ['registration_open', 'registration_closed', 'held'];
    await store.db.transaction().execute(async (db) => {
      const id = await createEvent(ctx, db, event);
      for (const [i, next] of path.entries()) {
        const reason = next === 'cancelled' ? 'The host withdrew.' : null;
        await changeEventStatus(ctx, db, id, { status: next, reason, revision: i + 1 });
      }
    });
    events.recorded++;
    if (status === 'cancelled') events.cancelled++;
    else {
      events.held++;
      if (event.public) {
        events.publicHeld++;
        events.titles.push(event.title);
      }
    }
  }
  return {
    ctx,
    close: () => store.close(),
    transactions: imported.recorded,
    entries: imported.entries,
    events,
    setupMs: performance.now() - t0,
  };
}

const ms = (x: number) =>
  `${x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3)} ms`;
const usd = (cents: bigint) => `USD ${formatAmount(cents, 2)}`;
const times = (x: number) => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function median(list: readonly number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

/**
 * Wall time of `fn`, ms, and the CPU time the process used meanwhile (every thread, the PDF worker's too): on
 * a shared machine the wall time grows with the others' load, the CPU time much less.
 */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, value };
}

interface Warm {
  median: number;
  cpuMedian: number;
  runs: number[];
}

/** Median of RUNS warm runs (the caller has run it once already). */
async function warm(fn: () => Promise<unknown>): Promise<Warm> {
  const runs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = await timed(fn);
    runs.push(t.ms);
    cpu.push(t.cpuMs);
  }
  return { median: median(runs), cpuMedian: median(cpu), runs };
}

/** BENCH_PROFILE=1: one more run of the full report, CPU-profiled (not a measured run), summarised. */
async function profileRun(benchDir: string, fn: () => Promise<unknown>): Promise<string> {
  const dir = join(benchDir, 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `report-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await fn();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  const summary = formatProfileSummary(summariseProfile(file));
  console.log(`  profile ${file}\n${summary}`);
  return summary;
}

/**
 * What the report drew from the seeded records: the events section III lists, the Fund's figures of section V,
 * and how many of the seeded events' titles the HTML names. Throws when any is zero: the timing would then be
 * of a report without the data it is meant to carry.
 */
async function sanity(s: Seeded, html: string) {
  const gather = { asAt: AS_AT, period: PERIOD };
  const programme = await gatherProgramme(s.ctx.store.db, gather);
  const { fund } = await gatherRegistryAndFund(s.ctx, gather);
  const e = programme.events;
  const found = {
    eventsInSectionIII: e.promotion.length + e.other.length,
    conferencesAndSeminars: e.promotion.length,
    titlesInHtml: s.events.titles.filter((t) => html.includes(t)).length,
    donorsInAnnexII: fund.donors.length,
    paidCents: fund.paid.value,
    expenditureCents: fund.expenditure.value,
    balanceCents: fund.balance.value,
  };
  const line = `section III lists ${found.eventsInSectionIII} events held in the period (${found.conferencesAndSeminars} conferences and seminars; ${s.events.publicHeld} public held events seeded), the HTML names ${found.titlesInHtml} of their titles; section V: ${usd(found.paidCents)} paid in the period by ${found.donorsInAnnexII} donors, ${usd(found.expenditureCents)} spent, balance ${usd(found.balanceCents)}`;
  console.log(`  sanity: ${line}`);
  const zero = Object.entries(found).filter(([, v]) => v === 0 || v === 0n);
  if (zero.length > 0)
    throw new Error(
      `report benchmark: the seeded data is missing from the report (${zero.map(([k]) => k).join(', ')} = 0): ${line}`,
    );
  return { ...found, line };
}

/** Runs the section: prints its lines and returns its figures, table rows and notes. */
export async function reportBenchmark(h: ReportHooks): Promise<ReportResults> {
  console.log(
    `\n[report] report to the Commission, as at ${AS_AT} for ${PERIOD.from}..${PERIOD.to}: real data + ${TRANSACTIONS.toLocaleString('en-US')} ledger transactions + ${EVENTS} events`,
  );
  const s = await seedReportStore(h.tmp);
  try {
    console.log(
      `  set-up: ${s.transactions.toLocaleString('en-US')} transactions (${s.entries.toLocaleString('en-US')} entries) imported, ${s.events.recorded} events recorded (${s.events.held} held, ${s.events.cancelled} cancelled) in ${(s.setupMs / 1000).toFixed(1)} s (SQLite temporary file)`,
    );
    const others = await h.waitForQuiet('report');
    const options = (formats: readonly ReportFormat[], draft: boolean): ProduceOptions => ({
      draft,
      formats,
      context: s.ctx,
    });
    const produce = (formats: readonly ReportFormat[], draft: boolean) =>
      realReportProducer(REPORT_INPUT, options(formats, draft));

    // Cold: the first report of the process (HTML alone), then the first of all four formats.
    const htmlCold = await timed(() => produce(['html'], true));
    const fullCold = await timed(() => produce(REPORT_FORMATS, false));
    const sizes = Object.fromEntries(REPORT_FORMATS.map((f) => [f, fullCold.value.files[f]?.length ?? 0]));
    const check = await sanity(s, fullCold.value.files.html?.toString('utf8') ?? '');
    const full = await warm(() => produce(REPORT_FORMATS, false));
    const html = await warm(() => produce(['html'], true));

    // Where the time goes: the document once (gather + compose), then each format rendered from it.
    const { buildReportDocument } = await import('../src/reports/services/produce.ts');
    const build = await warm(() => buildReportDocument(s.ctx, REPORT_INPUT, { draft: false }));
    const gather = { asAt: AS_AT, period: PERIOD };
    const registryAndFund = await warm(() => gatherRegistryAndFund(s.ctx, gather));
    const programme = await warm(() => gatherProgramme(s.ctx.store.db, gather));
    const profile = h.profile ? await profileRun(h.benchDir, () => produce(REPORT_FORMATS, false)) : null;
    const doc = await buildReportDocument(s.ctx, REPORT_INPUT, { draft: false });
    const empty = emptyDocument('en');
    const render: Record<string, Warm> = {};
    const baseline: Record<string, Warm> = {};
    for (const format of REPORT_FORMATS) {
      await renderReport(empty, format);
      baseline[format] = await warm(() => renderReport(empty, format));
      render[format] = await warm(() => renderReport(doc, format));
    }
    const baselineAll = REPORT_FORMATS.reduce((n, f) => n + (baseline[f]?.median ?? 0), 0);
    const baselineHtml = baseline.html?.median ?? NaN;
    const fullPass = full.median <= FULL_GOAL_MS;
    const htmlPass = html.median <= HTML_GOAL_MS;
    const fullRatio = full.median / baselineAll;
    const htmlRatio = html.median / baselineHtml;
    const perFormat = REPORT_FORMATS.map(
      (f) =>
        `${f.toUpperCase()} ${ms(render[f]?.median ?? NaN)} (empty ${ms(baseline[f]?.median ?? NaN)}, ${times((render[f]?.median ?? NaN) / (baseline[f]?.median ?? NaN))})`,
    ).join(', ');
    console.log(
      `  all four formats: cold ${ms(fullCold.ms)}, median ${ms(full.median)} (CPU ${ms(full.cpuMedian)}) of ${RUNS} (${full.runs.map(ms).join(', ')}); empty documents ${ms(baselineAll)}; ${times(fullRatio)} (goal ≤ ${FULL_GOAL_MS / 1000} s) ${verdict(fullPass)}`,
    );
    console.log(
      `  HTML alone: cold ${ms(htmlCold.ms)}, median ${ms(html.median)} (CPU ${ms(html.cpuMedian)}) of ${RUNS}; empty document ${ms(baselineHtml)}; ${times(htmlRatio)} (goal ≤ ${HTML_GOAL_MS} ms) ${verdict(htmlPass)}`,
    );
    const parts = `gathering and composing the document ${ms(build.median)} (of which gathering the registry and the Fund ${ms(registryAndFund.median)}, the events and assistance ${ms(programme.median)}, each timed apart); rendering it ${perFormat}`;
    console.log(`  where the time goes (medians): ${parts}`);

    const data = `real data + ${TRANSACTIONS.toLocaleString('en-US')} ledger transactions (${s.entries.toLocaleString('en-US')} entries) + ${EVENTS} events, as at ${AS_AT}, period ${PERIOD.from}..${PERIOD.to}, English`;
    const fullMeasure = `Report to the Commission, all four formats (HTML + DOCX + PDF + XLSX, ${Object.values(
      sizes,
    )
      .map((b) => `${Math.round(b / 1024).toLocaleString('en-US')} KiB`)
      .join(' + ')}), through the producer the server and CLI use: ${data}`;
    const htmlMeasure = `Report to the Commission, HTML alone (a draft, as the preview asks for it): ${data}`;
    const fullBaseline = `emptyDocument rendered in the four formats: ${ms(baselineAll)} (${REPORT_FORMATS.map((f) => `${f.toUpperCase()} ${ms(baseline[f]?.median ?? NaN)}`).join(', ')})`;
    const htmlBaseline = `emptyDocument rendered in HTML: ${ms(baselineHtml)}`;
    const figure = (
      id: string,
      measure: string,
      cold: number,
      w: Warm,
      base: { name: string; ms: number },
      ratio: number,
      goalMs: number,
      pass: boolean,
    ): LedgerFigure => ({
      id,
      measure,
      value: { coldMs: cold, medianMs: w.median, cpuMedianMs: w.cpuMedian, runs: w.runs.length },
      unit: 'ms',
      baseline: { name: base.name, value: { medianMs: base.ms } },
      ratio,
      ratioMeaning: 'median ÷ baseline median (times slower)',
      goal: `median ≤${goalMs} ms`,
      pass,
    });
    const row = (measure: string, cold: number, w: Warm, base: string, ratio: number) =>
      `| ${measure} | cold ${ms(cold)}, median ${ms(w.median)} of ${RUNS} runs (CPU ${ms(w.cpuMedian)}) | ${base} | ${times(ratio)} |`;
    return {
      figures: [
        figure(
          'report-full',
          fullMeasure,
          fullCold.ms,
          full,
          { name: 'emptyDocument rendered in HTML, DOCX, PDF and XLSX', ms: baselineAll },
          fullRatio,
          FULL_GOAL_MS,
          fullPass,
        ),
        figure(
          'report-html',
          htmlMeasure,
          htmlCold.ms,
          html,
          { name: 'emptyDocument rendered in HTML', ms: baselineHtml },
          htmlRatio,
          HTML_GOAL_MS,
          htmlPass,
        ),
      ],
      rows: [
        `${row(fullMeasure, fullCold.ms, full, fullBaseline, fullRatio)} ≤${FULL_GOAL_MS / 1000} s | ${verdict(fullPass)} |`,
        `${row(htmlMeasure, htmlCold.ms, html, htmlBaseline, htmlRatio)} ≤${HTML_GOAL_MS} ms | ${verdict(htmlPass)} |`,
      ],
      notes: [
        `Report to the Commission (bench/reports.ts): a temporary SQLite file prepared as \`palermo serve\` prepares it (migrations, the real reference data), then through the services ${TRANSACTIONS.toLocaleString('en-US')} generated ledger transactions (bench/ledger-data.ts, booked 2016–2025, imported as \`palermo fund import-ledger\` does) and ${EVENTS} generated events (bench/events-calendar.ts, dated in the period; ${s.events.held} moved to held, ${s.events.cancelled} cancelled); set-up ${(s.setupMs / 1000).toFixed(1)} s. Produced with \`realReportProducer\` (gather from the store, compose, render; the PDF by Typst in its worker thread). Cold: the first run in the process, HTML alone first, then all four formats (loading their libraries and starting the PDF worker). Warm runs: ${full.runs.map(ms).join(', ')} (all four), ${html.runs.map(ms).join(', ')} (HTML). Other processes used ${others === null ? 'n/a' : `${others.toFixed(2)} cores`} when it started.`,
        `Where the time goes (medians of ${RUNS}, measured apart): ${parts}.`,
        ...(profile
          ? [`CPU profile of one more full report (BENCH_PROFILE=1):\n\n\`\`\`\n${profile}\n\`\`\``]
          : []),
        `Sanity: ${check.line}.`,
      ],
      json: {
        asAt: AS_AT,
        period: PERIOD,
        locale: REPORT_INPUT.locale,
        store: 'sqlite (temporary file)',
        seeded: {
          transactions: s.transactions,
          entries: s.entries,
          events: s.events.recorded,
          held: s.events.held,
          cancelled: s.events.cancelled,
          publicHeld: s.events.publicHeld,
        },
        setupMs: s.setupMs,
        runs: RUNS,
        bytes: sizes,
        full: {
          coldMs: fullCold.ms,
          medianMs: full.median,
          cpuMedianMs: full.cpuMedian,
          runsMs: full.runs,
          goalMs: FULL_GOAL_MS,
          pass: fullPass,
        },
        html: {
          coldMs: htmlCold.ms,
          medianMs: html.median,
          cpuMedianMs: html.cpuMedian,
          runsMs: html.runs,
          goalMs: HTML_GOAL_MS,
          pass: htmlPass,
        },
        gatherAndComposeMedianMs: build.median,
        gatherRegistryAndFundMedianMs: registryAndFund.median,
        gatherEventsAndAssistanceMedianMs: programme.median,
        renderCpuMedianMs: Object.fromEntries(REPORT_FORMATS.map((f) => [f, render[f]?.cpuMedian])),
        renderMedianMs: Object.fromEntries(REPORT_FORMATS.map((f) => [f, render[f]?.median])),
        emptyDocumentMedianMs: Object.fromEntries(REPORT_FORMATS.map((f) => [f, baseline[f]?.median])),
        sanity: {
          eventsInSectionIII: check.eventsInSectionIII,
          conferencesAndSeminars: check.conferencesAndSeminars,
          titlesInHtml: check.titlesInHtml,
          donorsInAnnexII: check.donorsInAnnexII,
          paidCents: check.paidCents.toString(),
          expenditureCents: check.expenditureCents.toString(),
          balanceCents: check.balanceCents.toString(),
        },
        otherCpuCores: others,
      },
    };
  } finally {
    await s.close();
  }
}

/** `--report` mode: the section's own part of results.md (replaced in place), its figures into results.json. */
export function writeReportSection(
  benchDir: string,
  header: string,
  r: ReportResults,
  hostNote: string,
): void {
  writeSectionTable(benchDir, {
    start: START,
    end: END,
    title: '## Report to the Commission (`npm run bench -- --report`)',
    lead: `${header}. ${hostNote}`,
    rows: r.rows,
    // One paragraph each.
    notes: r.notes.flatMap((n, i) => (i === 0 ? [n] : ['', n])),
  });
  const jsonFile = join(benchDir, 'results.json');
  const json = (existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {}) as Record<
    string,
    unknown
  >;
  const ids = new Set(r.figures.map((f) => f.id));
  const kept = Array.isArray(json.figures)
    ? (json.figures as Array<{ id?: unknown }>).filter((f) => !ids.has(String(f.id)))
    : [];
  json.figures = [...kept, ...r.figures];
  json.report = r.json;
  writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
  console.log('wrote the report section of bench/results.md and its figures in bench/results.json');
}
