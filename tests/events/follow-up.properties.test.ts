import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../../src/common/dates.ts';
import {
  computeFollowUp,
  type Curve,
  type EventFollowUp,
  type FollowUpAction,
  type FollowUpEvent,
  type FollowUpInput,
  type GroupCurves,
} from '../../src/events/domain/follow-up.ts';

const STATES = ['AGO', 'BEN', 'CIV', 'GHA', 'MLI', 'NER', 'SEN', 'TGO'];
const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM'];
const DAY0 = toDayNumber('2000-12-12');
const SPAN = 6000;
const RUNS = { numRuns: 150 };

const day = fc.integer({ min: 0, max: SPAN });
const date = day.map((d) => fromDayNumber(DAY0 + d));
const someStates = fc.subarray(STATES);

const eventArb = fc
  .record({
    kind: fc.constantFrom('seminar', 'conference'),
    // Often just before the crowded days, so that same-day actions fall inside the follow-up.
    startDay: fc.oneof(day, fc.constant(toDayNumber('2003-10-01') - DAY0)),
    length: fc.integer({ min: 0, max: 5 }),
    instruments: fc.subarray(INSTRUMENTS),
    targetStates: someStates,
    invited: fc.option(someStates, { nil: null }),
    attended: fc.option(someStates, { nil: null, freq: 4 }),
  })
  .map((e): Omit<FollowUpEvent, 'id'> => ({
    kind: e.kind,
    start: fromDayNumber(DAY0 + e.startDay),
    end: fromDayNumber(DAY0 + e.startDay + e.length),
    instruments: e.instruments,
    targetStates: e.targetStates,
    invited: e.invited,
    attended: e.attended,
  }));

/**
 * A few fixed days, so that the same pair often has two actions on one day (order must not matter), and
 * actions fall on the day before and the first day of the events that start on 2003-10-01.
 */
const crowdedDate = fc.constantFrom('2003-09-30', '2003-10-01', '2004-03-05', '2004-06-30');

const actionArb: fc.Arbitrary<FollowUpAction> = fc.record({
  participantId: fc.constantFrom(...STATES),
  instrumentId: fc.constantFrom(...INSTRUMENTS),
  kind: fc.constantFrom('signature', 'ratification', 'accession', 'acceptance'),
  date: fc.oneof(date, crowdedDate),
});

const inputArb: fc.Arbitrary<FollowUpInput> = fc.record({
  events: fc
    .array(eventArb, { minLength: 1, maxLength: 5 })
    .map((es) => es.map((e, i) => ({ ...e, id: `event-${i}` }))),
  actions: fc.array(actionArb, { minLength: 20, maxLength: 60 }),
  assistanceRequests: fc.array(fc.record({ participantId: fc.constantFrom(...STATES), date }), {
    maxLength: 10,
  }),
  asOf: date,
  windowDays: fc.integer({ min: 0, max: 1500 }),
  instrumentIds: fc.constant(INSTRUMENTS),
});

const curvesOfGroup = (g: GroupCurves): Curve[] => [g.all, ...g.byInstrument.map((c) => c.curve)];

/** The consents of one pair known at `asOf`, in date order: computed here from the raw input. */
const consentsOf = (input: FollowUpInput, state: string, instrument: string) =>
  input.actions
    .filter(
      (a) =>
        a.participantId === state &&
        a.instrumentId === instrument &&
        a.kind !== 'signature' &&
        a.date <= input.asOf,
    )
    .map((a) => a.date)
    .sort();

/** A deterministic shuffle (Fisher–Yates with a small LCG), so that fast-check can replay it. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

type ViewOf<M extends EventFollowUp['mode']> = Extract<EventFollowUp, { mode: M }>;

/** Checks every event follow-up of one mode in reports on random input. */
function everyView<M extends EventFollowUp['mode']>(
  mode: M,
  check: (view: ViewOf<M>, input: FollowUpInput) => void,
): void {
  fc.assert(
    fc.property(inputArb, (input) => {
      for (const view of computeFollowUp(input).events)
        if (view.mode === mode) check(view as ViewOf<M>, input);
    }),
    RUNS,
  );
}

describe('follow-up properties', () => {
  it('counts an attendee’s consent once, never one dated before the event', () => {
    everyView('attendance', (view, input) => {
      for (const state of [...view.attendees, ...view.comparison])
        for (const pair of state.instruments) {
          const dates = consentsOf(input, state.participantId, pair.instrumentId);
          const before = dates.filter((d) => d < view.start);
          expect(pair.atRisk).toBe(before.length === 0);
          if (pair.consent) expect(pair.consent.on >= view.start).toBe(true);
          expect(pair.consent?.on ?? null).toBe(before.length > 0 ? null : (dates[0] ?? null));
        }
      const counted = view.attendees.flatMap((s) =>
        s.instruments.filter((p) => p.atRisk && p.consent?.withinWindow),
      ).length;
      expect(view.curves.attendees.all.consented).toBe(counted);
    });
  });

  it('keeps the cumulative share within [0, 1] and non-decreasing, and at-risk counts never rising', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = computeFollowUp(input);
        const curves = [
          ...report.events.flatMap((v) =>
            v.mode === 'attendance'
              ? [...curvesOfGroup(v.curves.attendees), ...curvesOfGroup(v.curves.comparison)]
              : [],
          ),
          ...report.byKind.flatMap((k) => [
            ...curvesOfGroup(k.curves.attendees),
            ...curvesOfGroup(k.curves.comparison),
          ]),
        ];
        for (const curve of curves) {
          let share = 0;
          let atRisk = curve.atRiskAtStart;
          let consents = 0;
          for (const step of curve.steps) {
            expect(step.cumulativeShare).toBeGreaterThanOrEqual(share);
            expect(step.cumulativeShare).toBeLessThanOrEqual(1);
            expect(step.atRisk).toBe(atRisk);
            share = step.cumulativeShare;
            atRisk -= step.consents + step.censored;
            consents += step.consents;
          }
          expect(atRisk).toBe(0);
          expect(consents).toBe(curve.consented);
          expect(curve.finalShare).toBe(share);
        }
      }),
      RUNS,
    );
  });

  it('never puts a State both among the attendees and in the comparison group', () => {
    everyView('attendance', (view, input) => {
      const event = input.events.find((e) => e.id === view.eventId) as FollowUpEvent;
      const attendees = new Set(view.attendees.map((s) => s.participantId));
      const pool = new Set(event.invited ?? event.targetStates);
      for (const s of view.comparison) {
        expect(attendees.has(s.participantId)).toBe(false);
        expect(pool.has(s.participantId)).toBe(true);
      }
      expect(attendees).toEqual(new Set(event.attended));
    });
  });

  it('lists a State in a region period only when it consented then', () => {
    everyView('region', (view, input) => {
      for (const row of view.byInstrument)
        for (const key of ['before', 'during', 'after'] as const) {
          const { from, to } = view.periods[key];
          expect(new Set(row[key]).size).toBe(row[key].length);
          for (const state of row[key]) {
            const dates = consentsOf(input, state, row.instrumentId);
            expect(dates.some((d) => from !== null && to !== null && d >= from && d <= to)).toBe(true);
          }
        }
    });
  });

  it('gives the same result whatever the order of the input', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const shuffled: FollowUpInput = {
          ...input,
          events: shuffle(input.events, seed).map((e) => ({
            ...e,
            targetStates: shuffle(e.targetStates, seed + 1),
            invited: e.invited && shuffle(e.invited, seed + 2),
            attended: e.attended && shuffle(e.attended, seed + 3),
            instruments: shuffle(e.instruments, seed + 4),
          })),
          actions: shuffle(input.actions, seed + 5),
          assistanceRequests: shuffle(input.assistanceRequests ?? [], seed + 6),
        };
        expect(computeFollowUp(shuffled)).toEqual(computeFollowUp(input));
      }),
      RUNS,
    );
  });

  it('never follows an event past its window or the as-of date', () => {
    everyView('attendance', (view, input) => {
      expect(view.observedUntil <= input.asOf).toBe(true);
      expect(view.observedDays).toBeLessThanOrEqual(input.windowDays ?? 730);
      for (const curve of curvesOfGroup(view.curves.attendees))
        for (const step of curve.steps) expect(step.day).toBeLessThanOrEqual(view.observedDays);
    });
  });
});
