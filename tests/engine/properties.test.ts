import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fromDayNumber, maxDate, toDayNumber, addDays } from '../../src/common/dates.ts';
import { computeRegistry } from '../../src/treaties/domain/engine.ts';
import { statusAsAt } from '../../src/treaties/domain/status.ts';
import type {
  InstrumentComputation,
  InstrumentRules,
  ParticipantRef,
  RegistryAction,
} from '../../src/treaties/domain/types.ts';
import { CONVENTION, PROTOCOL, pd } from './fixtures.ts';

const START = toDayNumber('2000-12-12');
const END = toDayNumber('2015-12-31');
const SIGNATURE_END = toDayNumber('2002-12-12');
const INSTRUMENTS: InstrumentRules[] = [CONVENTION, PROTOCOL];
/** With a Protocol threshold of 10, the Protocol often reaches it before the Convention enters into force. */
const SMALL_PROTOCOL: InstrumentRules[] = [CONVENTION, { ...PROTOCOL, threshold: 10 }];
const RUNS = { numRuns: 200 };

interface Registry {
  participants: Map<string, ParticipantRef>;
  actions: RegistryAction[];
}

interface Options {
  denunciations?: boolean;
  /** Some dates given only to the month or year (consents never before the Convention consent). */
  imprecise?: boolean;
}

const raw = fc.integer({ min: 0, max: END - START });
const participantArb = fc.record({
  signConvention: fc.option(raw, { nil: null }),
  consentConvention: fc.option(raw, { nil: null }),
  signProtocol: fc.option(raw, { nil: null }),
  consentProtocol: fc.option(raw, { nil: null }),
  denounceConvention: fc.option(raw, { nil: null, freq: 8 }),
  denounceProtocol: fc.option(raw, { nil: null, freq: 8 }),
  precision: fc.constantFrom('day', 'day', 'day', 'month', 'year'),
  consentKind: fc.constantFrom(
    'ratification',
    'acceptance',
    'approval',
    'accession',
    'succession',
  ) as fc.Arbitrary<RegistryAction['kind']>,
});

/** 40..120 participants; dates between 2000-12-12 and 2015-12-31, sometimes crowded into a few days. */
function registryArb(options: Options = {}): fc.Arbitrary<Registry> {
  return fc
    .record({
      span: fc.constantFrom(20, 400, END - START),
      people: fc.array(participantArb, { minLength: 40, maxLength: 120 }),
    })
    .map(({ span, people }) => {
      const day = (r: number) => START + (r % (span + 1));
      const signatureDay = (r: number) => START + (r % (Math.min(span, SIGNATURE_END - START) + 1));
      const participants = new Map<string, ParticipantRef>();
      const actions: RegistryAction[] = [];
      let id = 1;
      const push = (
        instrumentId: string,
        participantId: string,
        kind: RegistryAction['kind'],
        text: string,
      ) => {
        actions.push({ id: id++, instrumentId, participantId, kind, date: pd(text) });
      };
      const text = (n: number, precision: string) => {
        const iso = fromDayNumber(n);
        if (!options.imprecise || precision === 'day') return iso;
        return precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
      };
      people.forEach((p, i) => {
        const pid = `P${String(i + 1).padStart(3, '0')}`;
        participants.set(pid, { id: pid, name: `State ${i + 1}`, kind: 'state' });
        if (p.signConvention !== null)
          push('untoc', pid, 'signature', fromDayNumber(signatureDay(p.signConvention)));
        if (p.signProtocol !== null)
          push('tip', pid, 'signature', fromDayNumber(signatureDay(p.signProtocol)));
        if (p.consentConvention === null) return;
        const conventionDay = day(p.consentConvention);
        // An imprecise Convention consent is written to the month/year; the Protocol consent then comes
        // after the end of that period, so it is never before the Convention's.
        const conventionText = text(conventionDay, p.precision);
        push('untoc', pid, p.consentKind, conventionText);
        const conventionLatest = toDayNumber(pd(conventionText).latest!);
        let protocolDay: number | null = null;
        if (p.consentProtocol !== null) {
          protocolDay = Math.max(conventionLatest, day(p.consentProtocol));
          push('tip', pid, p.consentKind, fromDayNumber(protocolDay));
        }
        if (options.denunciations) {
          if (p.denounceConvention !== null) {
            push(
              'untoc',
              pid,
              'denunciation',
              fromDayNumber(Math.max(conventionLatest, day(p.denounceConvention))),
            );
          }
          if (protocolDay !== null && p.denounceProtocol !== null) {
            push('tip', pid, 'denunciation', fromDayNumber(Math.max(protocolDay, day(p.denounceProtocol))));
          }
        }
      });
      return { participants, actions };
    });
}

function compute(r: Registry, instruments = INSTRUMENTS): Map<string, InstrumentComputation> {
  return computeRegistry(instruments, r.actions, r.participants);
}

function get(result: Map<string, InstrumentComputation>, id: string): InstrumentComputation {
  const c = result.get(id);
  if (!c) throw new Error(`no computation for ${id}`);
  return c;
}

/** A JSON-serializable view of everything computeRegistry returns. */
function project(result: Map<string, InstrumentComputation>): string {
  return JSON.stringify(
    [...result.entries()].map(([id, c]) => ({ id, entry: c.entry, parties: [...c.parties.entries()] })),
  );
}

function withShuffle(options: Options = {}) {
  return registryArb(options).chain((r) =>
    fc
      .shuffledSubarray(r.actions, { minLength: r.actions.length, maxLength: r.actions.length })
      .map((shuffled) => ({ r, shuffled })),
  );
}

describe('engine properties over random registries', () => {
  it('(a) shuffling the input actions never changes the result', () => {
    fc.assert(
      fc.property(withShuffle(), ({ r, shuffled }) => {
        expect(project(compute({ ...r, actions: shuffled }))).toBe(project(compute(r)));
      }),
      RUNS,
    );
  });

  it('(a) ... also with denunciations and month/year dates', () => {
    fc.assert(
      fc.property(withShuffle({ denunciations: true, imprecise: true }), ({ r, shuffled }) => {
        expect(project(compute({ ...r, actions: shuffled }))).toBe(project(compute(r)));
      }),
      RUNS,
    );
  });

  it('(b) adding a REIO consent (not counted) never moves any instrument date', () => {
    fc.assert(
      fc.property(registryArb(), raw, fc.option(raw, { nil: null }), (r, conventionRaw, protocolRaw) => {
        const before = compute(r);
        const participants = new Map(r.participants);
        participants.set('EU', { id: 'EU', name: 'European Union', kind: 'reio' });
        const actions = [...r.actions];
        const conventionDay = START + conventionRaw;
        actions.push({
          id: 100_000,
          instrumentId: 'untoc',
          participantId: 'EU',
          kind: 'approval',
          date: pd(fromDayNumber(conventionDay)),
        });
        if (protocolRaw !== null) {
          actions.push({
            id: 100_001,
            instrumentId: 'tip',
            participantId: 'EU',
            kind: 'approval',
            date: pd(fromDayNumber(Math.max(conventionDay, START + protocolRaw))),
          });
        }
        const after = computeRegistry(INSTRUMENTS, actions, participants);
        for (const rules of INSTRUMENTS) {
          const x = get(before, rules.id).entry;
          const y = get(after, rules.id).entry;
          expect(y.eif).toEqual(x.eif);
          expect(y.counted).toBe(x.counted);
          expect(y.thresholdDeposit).toEqual(x.thresholdDeposit);
        }
      }),
      RUNS,
    );
  });

  it('(c) every exact per-party date is on or after the instrument date', () => {
    fc.assert(
      fc.property(registryArb({ denunciations: true }), (r) => {
        for (const c of compute(r).values()) {
          for (const record of c.parties.values()) {
            for (const p of record.participations) {
              if (p.eif.on === null) continue;
              expect(c.entry.eif?.on).toBeTruthy();
              expect(p.eif.on >= (c.entry.eif?.on as string)).toBe(true);
              // ... and it is the later of the instrument date and the 30th day after the deposit.
              expect(p.eif.on).toBe(
                maxDate(c.entry.eif?.on as string, addDays(p.consent.text as string, 30)),
              );
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('(d) without denunciations, counts never fall as the as-at date increases', () => {
    const asAt = fc
      .array(fc.integer({ min: START - 30, max: END + 400 }), { minLength: 2, maxLength: 12 })
      .map((days) => [...new Set(days)].sort((a, b) => a - b).map(fromDayNumber));
    fc.assert(
      fc.property(registryArb(), asAt, (r, dates) => {
        for (const c of compute(r).values()) {
          let previous = statusAsAt(c, dates[0]!).counts;
          for (const date of dates.slice(1)) {
            const counts = statusAsAt(c, date).counts;
            expect(counts.signatories).toBeGreaterThanOrEqual(previous.signatories);
            expect(counts.contractingParties).toBeGreaterThanOrEqual(previous.contractingParties);
            expect(counts.partiesInForce).toBeGreaterThanOrEqual(previous.partiesInForce);
            expect(counts.withdrawn).toBe(0);
            previous = counts;
          }
        }
      }),
      RUNS,
    );
  });

  it.each([
    ['40', INSTRUMENTS],
    ['10', SMALL_PROTOCOL],
  ])("(e) a Protocol's date is never before its parent's (Protocol threshold %s)", (_label, instruments) => {
    fc.assert(
      fc.property(registryArb({ denunciations: true }), (r) => {
        const result = compute(r, instruments);
        const protocol = get(result, 'tip').entry.eif;
        const parent = get(result, 'untoc').entry.eif;
        if (protocol?.on) {
          expect(parent?.on).toBeTruthy();
          expect(protocol.on >= (parent?.on as string)).toBe(true);
        }
        if (protocol?.earliest && parent?.earliest) {
          expect(protocol.earliest >= parent.earliest).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it.each([
    ['40', INSTRUMENTS],
    ['10', SMALL_PROTOCOL],
  ])(
    '(f) instrument dates match a direct computation: Nth deposit + 90 days, not before the parent (Protocol threshold %s)',
    (_label, instruments) => {
      fc.assert(
        fc.property(registryArb(), (r) => {
          const result = compute(r, instruments);
          const expected = new Map<string, string | null>();
          for (const rules of instruments) {
            const deposits = r.actions
              .filter(
                (a) => a.instrumentId === rules.id && a.kind !== 'signature' && a.kind !== 'denunciation',
              )
              .map((a) => a.date.text as string)
              .sort();
            const nth = deposits[rules.threshold - 1];
            let eif = nth === undefined ? null : addDays(nth, rules.eifDays);
            if (rules.parentId) {
              const parentEif = expected.get(rules.parentId) ?? null;
              eif = eif === null || parentEif === null ? null : maxDate(eif, parentEif);
            }
            expected.set(rules.id, eif);
            expect(get(result, rules.id).entry.eif?.on ?? null).toBe(eif);
            expect(get(result, rules.id).entry.counted).toBe(deposits.length);
          }
        }),
        RUNS,
      );
    },
  );
});
