// The events follow-up benchmark (issue 14): computeFollowUp for 300 events × 193 States on the four
// instruments, goal ≤ 200 ms. Run by bench/run.ts with the other sections, or alone with
// `npm run bench -- --events` (this section only, a few seconds; its own section of results.md).
//
// Data (deterministic LCG, seed fixed): 193 States; for each State and instrument a signature (60 %,
// 2000-12-12..2002-12-12) and a consent (85 %, 2001..2020) — about 1,100 actions; 400 assistance
// requests; 300 events of four kinds from 2001 to 2015, each for all 193 States, 2/3 with attendance
// recorded (about 40 attending, 120 invited or, for a third of those, invitations unrecorded) and 1/3
// without (the region before/after), agendas of one to four instruments or unrecorded.
//
// Baseline, in the same run: the bare work of the answer — for every event, target State and agenda
// instrument, one Map lookup of the pair's first consent day (precomputed once) and two comparisons,
// counting consents before and after; no per-State rows, no curves, no validation.
import { addDays, fromDayNumber, toDayNumber } from '../src/common/dates.ts';
import { computeFollowUp } from '../src/events/domain/follow-up.ts';
import type { FollowUpAction, FollowUpEvent, FollowUpInput } from '../src/events/domain/follow-up-types.ts';
import type { LedgerFigure } from './ledger.ts';
import { writeSectionTable } from './soak-report.ts';

const GOAL_MS = 200;
const EVENTS = 300;
const STATES = 193;
const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];
const KINDS = [
  'pre-ratification seminar',
  'regional ministerial conference',
  'sub-regional workshop',
  'expert group',
];
const RUNS = 21;
const WARMUP = 3;
const START = '<!-- events-follow-up:start -->';
const END = '<!-- events-follow-up:end -->';

/** A figure in the shape of bench/run.ts's (the ledger section's type, the same shape). */
export type EventsFigure = LedgerFigure;

export interface EventsFollowUpResults {
  figures: EventsFigure[];
  /** Rows of the results.md table, and notes to print under it. */
  rows: string[];
  notes: string[];
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The benchmark's input, the same every run. */
export function followUpData(seed = 56120): FollowUpInput {
  const random = lcg(seed);
  const pick = <T>(list: readonly T[], n: number): T[] => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  };
  const dayIn = (from: string, days: number) => addDays(from, Math.floor(random() * days));
  const states = Array.from({ length: STATES }, (_, i) => `S${String(i + 1).padStart(3, '0')}`);
  const actions: FollowUpAction[] = [];
  for (const participantId of states)
    for (const instrumentId of INSTRUMENTS) {
      if (random() < 0.6)
        actions.push({ participantId, instrumentId, kind: 'signature', date: dayIn('2000-12-12', 730) });
      if (random() < 0.85)
        actions.push({
          participantId,
          instrumentId,
          kind: random() < 0.7 ? 'ratification' : 'accession',
          date: dayIn('2001-01-01', 7300),
        });
    }
  const assistanceRequests = Array.from({ length: 400 }, () => ({
    participantId: states[Math.floor(random() * STATES)] as string,
    date: dayIn('2001-01-01', 7300),
  }));
  const events: FollowUpEvent[] = Array.from({ length: EVENTS }, (_, i) => {
    const start = dayIn('2001-01-01', 5475);
    const mode = random();
    const agenda = random() < 0.1 ? [] : pick(INSTRUMENTS, 1 + Math.floor(random() * 4));
    return {
      id: `event-${i + 1}`,
      kind: KINDS[i % KINDS.length] as string,
      start,
      end: fromDayNumber(toDayNumber(start) + Math.floor(random() * 5)),
      instruments: agenda,
      targetStates: states,
      invited: mode < 0.22 ? null : pick(states, 120),
      attended: mode < 2 / 3 ? pick(states, 30 + Math.floor(random() * 20)) : null,
    };
  });
  return { events, actions, assistanceRequests, asOf: '2020-12-31', instrumentIds: INSTRUMENTS };
}

/** The bare baseline: one lookup and two comparisons per event, State and instrument. */
function bareCount(input: FollowUpInput): number {
  const first = new Map<string, number>();
  for (const a of input.actions) {
    if (a.kind === 'signature') continue;
    const key = `${a.participantId}|${a.instrumentId}`;
    const day = toDayNumber(a.date);
    const known = first.get(key);
    if (known === undefined || day < known) first.set(key, day);
  }
  let n = 0;
  for (const e of input.events) {
    const start = toDayNumber(e.start);
    const until = toDayNumber(e.end) + 730;
    const agenda = e.instruments.length > 0 ? e.instruments : INSTRUMENTS;
    for (const s of e.targetStates)
      for (const i of agenda) {
        const day = first.get(`${s}|${i}`);
        if (day !== undefined && day >= start && day <= until) n++;
      }
  }
  return n;
}

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

/** What bench/run.ts lends the section: its wait for a quiet machine, and its timing loop. */
export interface EventsHooks {
  waitForQuiet(label: string): Promise<number | null>;
  sample(fn: () => number, warmup: number, runs: number): { median: number; p95: number; runs: number };
}

/** Runs the section: prints its lines and returns its figure, table rows and notes. */
export async function eventsFollowUpBenchmark(hooks: EventsHooks): Promise<EventsFollowUpResults> {
  console.log(`\n[events] follow-up, ${EVENTS} events × ${STATES} States`);
  const others = await hooks.waitForQuiet('events follow-up');
  const input = followUpData();
  const t0 = performance.now();
  const report = computeFollowUp(input);
  const coldMs = performance.now() - t0;
  const attendance = report.events.filter((e) => e.mode === 'attendance').length;
  const palermo = hooks.sample(() => computeFollowUp(input).events.length, WARMUP, RUNS);
  const bare = hooks.sample(() => bareCount(input), WARMUP, RUNS);
  const figure = { medianMs: palermo.median, p95Ms: palermo.p95, coldMs, runs: RUNS };
  const baseline = { medianMs: bare.median, p95Ms: bare.p95 };
  const ratio = figure.medianMs / baseline.medianMs;
  const pass = figure.medianMs <= GOAL_MS;
  const measure = `Events follow-up: computeFollowUp, ${EVENTS} events × ${STATES} States × ${INSTRUMENTS.length} instruments (${input.actions.length} actions, ${attendance} events with attendance, ${report.byKind.length} kinds pooled)`;
  const baselineName =
    'bare loop: per event, State and agenda instrument one Map lookup of the first consent day';
  console.log(
    `  cold ${ms(coldMs)}; median ${ms(figure.medianMs)}, p95 ${ms(figure.p95Ms)} of ${RUNS}; baseline median ${ms(baseline.medianMs)}; ${ratio.toFixed(1)}× (goal median ≤ ${GOAL_MS} ms) ${pass ? 'PASS' : 'MISS'}`,
  );
  return {
    figures: [
      {
        id: 'events-follow-up',
        measure,
        value: figure,
        unit: 'ms',
        baseline: { name: baselineName, value: baseline },
        ratio,
        ratioMeaning: 'median ÷ baseline median (times slower)',
        goal: `median ≤${GOAL_MS} ms`,
        pass,
      },
    ],
    rows: [
      `| ${measure} | cold ${ms(coldMs)}, median ${ms(figure.medianMs)}, p95 ${ms(figure.p95Ms)} (${RUNS} runs) | ${baselineName}: median ${ms(baseline.medianMs)} | ${ratio.toFixed(1)}× | median ≤${GOAL_MS} ms | ${pass ? 'PASS' : 'MISS'} |`,
    ],
    notes: [
      `Events follow-up: generated data (bench/events-follow-up.ts, fixed seed); the baseline does the bare counting work of the same pairs, without per-State rows, curves or validation. Other processes used ${others === null ? 'n/a' : `${others.toFixed(2)} cores`} when it started.`,
    ],
  };
}

/** `--events` mode: writes the section's own part of results.md (replaced in place). */
export function writeEventsFollowUpSection(benchDir: string, header: string, r: EventsFollowUpResults): void {
  writeSectionTable(benchDir, {
    start: START,
    end: END,
    title: '## Events follow-up (`npm run bench -- --events`)',
    lead: `${header}.`,
    rows: r.rows,
    notes: r.notes,
  });
  console.log('wrote the events follow-up section of bench/results.md');
}
