import { describe, it, expect } from 'vitest';
import type { PartialDate } from '../../src/common/dates.ts';
import {
  computeInstrumentEntry,
  computePartyEntry,
  computeRegistry,
  parentFirst,
} from '../../src/treaties/domain/engine.ts';
import {
  differenceBetween,
  participantStatusAt,
  reached,
  statusAsAt,
} from '../../src/treaties/domain/status.ts';
import type { InstrumentComputation, InstrumentRules } from '../../src/treaties/domain/types.ts';
import { ordinal } from '../../src/treaties/domain/explain.ts';
import { CONVENTION, OTHER_TREATY, PROTOCOL, RegistryBuilder, pd } from './fixtures.ts';

/** A Protocol variant with a small threshold, so that it can be reached before its parent. */
const PROTOCOL5: InstrumentRules = { ...PROTOCOL, threshold: 5 };

/** 39 States S01..S39 (2003-01-01 .. 2003-02-08), then Armenia, the 40th, on 2003-07-01: in force 2003-09-29. */
function untoc(): RegistryBuilder {
  const b = new RegistryBuilder();
  b.consents('untoc', 'S', 39, '2003-01-01');
  b.participant('ARM', 'state', 'Armenia');
  b.act('untoc', 'ARM', 'ratification', '2003-07-01');
  return b;
}

function computeAll(b: RegistryBuilder, instruments: InstrumentRules[]): Map<string, InstrumentComputation> {
  return computeRegistry(instruments, b.actions, b.participants);
}

function comp(result: Map<string, InstrumentComputation>, id: string): InstrumentComputation {
  const c = result.get(id);
  if (!c) throw new Error(`no computation for ${id}`);
  return c;
}

function record(c: InstrumentComputation, participantId: string) {
  const r = c.parties.get(participantId);
  if (!r) throw new Error(`no record for ${participantId}`);
  return r;
}

function onlyPeriod(c: InstrumentComputation, participantId: string) {
  const p = record(c, participantId).participations;
  expect(p).toHaveLength(1);
  return p[0]!;
}

function range(d: { on: string | null; earliest: string | null; latest: string | null } | null) {
  return d ? { on: d.on, earliest: d.earliest, latest: d.latest } : null;
}

function stateOf(c: InstrumentComputation, participantId: string, asOf: string) {
  return participantStatusAt(record(c, participantId), asOf).state;
}

describe('explain helpers', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [30, '30th'],
    [40, '40th'],
    [90, '90th'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
  ])('ordinal(%i) → %s', (n, text) => {
    expect(ordinal(n)).toBe(text);
  });
});

describe('computeInstrumentEntry', () => {
  it('threshold not reached: no date, counted so far', () => {
    const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
    const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
    expect(entry).toEqual({
      instrumentId: 'untoc',
      counted: 39,
      threshold: 40,
      thresholdDeposit: null,
      eif: null,
      explanation: '39 of 40 instruments deposited; art. 38(1): in force on the 90th day after the 40th',
    });
  });

  it('signatures, declarations and denunciations are not instruments of consent', () => {
    const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
    b.act('untoc', 'X', 'signature', '2001-01-01');
    b.act('untoc', 'S01', 'declaration', '2003-01-01');
    b.act('untoc', 'S02', 'denunciation', '2003-03-01');
    b.act('untoc', 'S03', 'notification', '2003-03-01');
    const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
    expect(entry.counted).toBe(39);
    expect(entry.eif).toBeNull();
  });

  it('only actions on this instrument count', () => {
    const b = new RegistryBuilder()
      .consents('untoc', 'S', 39, '2003-01-01')
      .consents('tip', 'T', 10, '2003-01-01');
    expect(computeInstrumentEntry(CONVENTION, b.actions, b.participants, null).counted).toBe(39);
  });

  it.each([
    'ratification',
    'acceptance',
    'approval',
    'accession',
    'succession',
    'formal_confirmation',
  ] as const)('a %s counts toward the threshold', (kind) => {
    const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
    b.act('untoc', 'X', kind, '2003-07-01');
    expect(computeInstrumentEntry(CONVENTION, b.actions, b.participants, null).counted).toBe(40);
  });

  it('exact threshold: 90th day after the 40th instrument, with its explanation', () => {
    const b = untoc();
    const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
    expect(entry.counted).toBe(40);
    expect(entry.thresholdDeposit).toEqual({
      participantId: 'ARM',
      participantName: 'Armenia',
      on: '2003-07-01',
      sameDay: 1,
    });
    expect(range(entry.eif)).toEqual({ on: '2003-09-29', earliest: '2003-09-29', latest: '2003-09-29' });
    expect(entry.explanation).toBe(
      '40th instrument deposited 2003-07-01 (Armenia); art. 38(1): 90th day after → 2003-09-29',
    );
    expect(entry.eif?.explanation).toContain(
      '40th instrument deposited 2003-07-01 (Armenia); art. 38(1): 90th day after → 2003-09-29',
    );
  });

  it('instruments after the 40th do not move the date, whatever the input order', () => {
    const b = untoc();
    b.act('untoc', 'CRI', 'ratification', '2003-07-24');
    b.act('untoc', 'LATE', 'accession', '2010-01-01');
    const forward = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
    const backward = computeInstrumentEntry(CONVENTION, [...b.actions].reverse(), b.participants, null);
    expect(forward.counted).toBe(42);
    expect(forward.eif?.on).toBe('2003-09-29');
    expect(backward).toEqual(forward);
  });

  it('another "N + D days" treaty (30 + 90): UNCAC model', () => {
    const b = new RegistryBuilder().consents('uncac', 'S', 29, '2004-01-01');
    b.participant('ECU', 'state', 'Ecuador');
    b.act('uncac', 'ECU', 'ratification', '2005-09-15');
    const entry = computeInstrumentEntry(OTHER_TREATY, b.actions, b.participants, null);
    expect(entry.thresholdDeposit?.participantName).toBe('Ecuador');
    expect(entry.eif?.on).toBe('2005-12-14');
    expect(entry.explanation).toBe(
      '30th instrument deposited 2005-09-15 (Ecuador); art. 68(1): 90th day after → 2005-12-14',
    );
  });

  it.each([
    // [instrument, 40th date, expected, rules] — the official dates (FINAL-CLAUSES.md, worked checks)
    ['UNTOC', '2003-07-01', '2003-09-29', CONVENTION],
    ['TIP', '2003-09-26', '2003-12-25', { ...PROTOCOL, parentId: null }],
    ['SoM', '2003-10-30', '2004-01-28', { ...PROTOCOL, id: 'som', parentId: null }],
    ['Firearms', '2005-04-04', '2005-07-03', { ...PROTOCOL, id: 'fa', parentId: null }],
  ] as const)('%s: threshold instrument %s → %s', (_name, thresholdOn, eif, rules) => {
    const b = new RegistryBuilder().consents(rules.id, 'S', 39, '2002-01-01');
    b.act(rules.id, 'LAST', 'ratification', thresholdOn);
    expect(computeInstrumentEntry(rules, b.actions, b.participants, null).eif?.on).toBe(eif);
  });

  it('same-day deposits: the 40th falls among four deposits of one day (TIP, 2003-09-26)', () => {
    const b = new RegistryBuilder().consents('untoc', 'S', 38, '2003-01-01');
    b.participant('BLZ', 'state', 'Belize');
    b.participant('LAO', 'state', "Lao People's Democratic Republic");
    b.participant('POL', 'state', 'Poland');
    b.participant('RWA', 'state', 'Rwanda');
    for (const id of ['BLZ', 'LAO', 'POL', 'RWA']) b.act('untoc', id, 'ratification', '2003-09-26');
    const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
    expect(entry.counted).toBe(42);
    expect(entry.thresholdDeposit?.on).toBe('2003-09-26');
    expect(entry.thresholdDeposit?.sameDay).toBe(4);
    expect(['BLZ', 'LAO', 'POL', 'RWA']).toContain(entry.thresholdDeposit?.participantId);
    expect(entry.eif?.on).toBe('2003-12-25');
    expect(entry.explanation).toContain(
      "(4 instruments that day: Belize, Lao People's Democratic Republic, Poland, Rwanda)",
    );
    expect(entry.explanation).toContain('→ 2003-12-25');
    // The same result for any input order.
    const reversed = computeInstrumentEntry(CONVENTION, [...b.actions].reverse(), b.participants, null);
    expect(reversed).toEqual(entry);
    // All four, including the two after the 40th in recording order, are in force on the instrument's date.
    const registry = computeAll(b, [CONVENTION]);
    for (const id of ['BLZ', 'LAO', 'POL', 'RWA']) {
      expect(onlyPeriod(comp(registry, 'untoc'), id).eif.on).toBe('2003-12-25');
    }
  });

  describe('REIO instruments (UNTOC 38(1): not additional to those of member States)', () => {
    function withReio(): RegistryBuilder {
      const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
      b.participant('EU', 'reio', 'European Union');
      b.act('untoc', 'EU', 'approval', '2003-06-01');
      b.act('untoc', 'S40', 'ratification', '2003-07-01');
      return b;
    }

    it('not counted when reioCounted is false', () => {
      const b = withReio();
      const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
      expect(entry.counted).toBe(40);
      expect(entry.thresholdDeposit?.participantId).toBe('S40');
      expect(entry.eif?.on).toBe('2003-09-29');
    });

    it('counted when reioCounted is true', () => {
      const b = withReio();
      const entry = computeInstrumentEntry(
        { ...CONVENTION, reioCounted: true },
        b.actions,
        b.participants,
        null,
      );
      expect(entry.counted).toBe(41);
      expect(entry.thresholdDeposit?.participantId).toBe('EU');
      expect(entry.thresholdDeposit?.on).toBe('2003-06-01');
      expect(entry.eif?.on).toBe('2003-08-30');
    });

    it('a REIO deposit never brings the count to the threshold', () => {
      const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
      b.participant('EU', 'reio', 'European Union');
      b.act('untoc', 'EU', 'approval', '2003-06-01');
      const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
      expect(entry.counted).toBe(39);
      expect(entry.eif).toBeNull();
    });

    it('the REIO is still a party, on the instrument date or 30 days after its deposit', () => {
      const b = withReio();
      b.participant('EU2', 'reio', 'Another REIO');
      b.act('untoc', 'EU2', 'approval', '2004-05-21');
      const c = comp(computeAll(b, [CONVENTION]), 'untoc');
      expect(onlyPeriod(c, 'EU').eif.on).toBe('2003-09-29');
      expect(onlyPeriod(c, 'EU2').eif.on).toBe('2004-06-20');
      expect(stateOf(c, 'EU', '2003-09-29')).toBe('party');
    });
  });

  describe('a Protocol never enters into force before its parent Convention', () => {
    it('reaching its threshold first, it takes the parent date', () => {
      const b = untoc();
      b.consents('tip', 'S', 5, '2003-03-01');
      const result = computeAll(b, [PROTOCOL5, CONVENTION]);
      const entry = comp(result, 'tip').entry;
      expect(entry.thresholdDeposit).toEqual({
        participantId: 'S05',
        participantName: 'S05',
        on: '2003-03-05',
        sameDay: 1,
      });
      expect(range(entry.eif)).toEqual({ on: '2003-09-29', earliest: '2003-09-29', latest: '2003-09-29' });
      expect(entry.explanation).toBe(
        '5th instrument deposited 2003-03-05 (S05); art. 17(1): 90th day after → 2003-06-03; not before UNTOC entered into force (2003-09-29) → 2003-09-29',
      );
    });

    it('reaching it after the parent, it keeps its own date', () => {
      const b = untoc();
      b.consents('tip', 'S', 5, '2003-07-28');
      const entry = comp(computeAll(b, [CONVENTION, PROTOCOL5]), 'tip').entry;
      expect(entry.eif?.on).toBe('2003-10-30');
      expect(entry.explanation).toBe(
        '5th instrument deposited 2003-08-01 (S05); art. 17(1): 90th day after → 2003-10-30',
      );
    });

    it('parent not in force: the Protocol date is not fixed', () => {
      const b = new RegistryBuilder()
        .consents('untoc', 'S', 39, '2003-01-01')
        .consents('tip', 'S', 5, '2003-03-01');
      const entry = comp(computeAll(b, [CONVENTION, PROTOCOL5]), 'tip').entry;
      expect(entry.eif?.on).toBeNull();
      expect(entry.eif?.earliest).toBe('2003-06-03');
      expect(entry.explanation).toContain('not before UNTOC enters into force, which is not yet fixed');
      expect(entry.thresholdDeposit?.on).toBe('2003-03-05');
    });

    // Regression (src/treaties/domain/engine.ts, computeInstrumentEntry, "parent not fixed" branch, with
    // src/treaties/domain/status.ts reached): when the parent has not reached its threshold at all, the
    // Protocol gets eif { on: null, earliest: own date, latest: null }, so statusAsAt reports it 'uncertain'
    // (and its parties 'uncertain') on every later day, while the Convention itself is reported 'no'.
    it('parent not in force: the Protocol is not in force either, as at any date', () => {
      const b = new RegistryBuilder()
        .consents('untoc', 'S', 39, '2003-01-01')
        .consents('tip', 'S', 5, '2003-03-01');
      const result = computeAll(b, [CONVENTION, PROTOCOL5]);
      expect(statusAsAt(comp(result, 'untoc'), '2010-01-01').instrumentInForce).toBe('no');
      const tip = statusAsAt(comp(result, 'tip'), '2010-01-01');
      expect(tip.instrumentInForce).toBe('no');
      expect(tip.counts.pendingEntryIntoForce).toBe(5);
      expect(tip.counts.uncertain).toBe(0);
    });

    it('computeRegistry orders parents first whatever the order of instruments', () => {
      expect(parentFirst([PROTOCOL, OTHER_TREATY, CONVENTION]).map((i) => i.id)).toEqual([
        'untoc',
        'tip',
        'uncac',
      ]);
      const b = untoc();
      b.consents('tip', 'S', 5, '2003-03-01');
      const a = computeAll(b, [PROTOCOL5, CONVENTION]);
      const c = computeAll(b, [CONVENTION, PROTOCOL5]);
      expect(comp(a, 'tip').entry).toEqual(comp(c, 'tip').entry);
    });

    it('an instrument that is its own ancestor is refused', () => {
      expect(() => parentFirst([{ ...CONVENTION, parentId: 'tip' }, PROTOCOL])).toThrow(/own ancestor/);
    });

    // Regression (src/treaties/domain/engine.ts, computeInstrumentEntry): in the branch where the threshold
    // instrument's date is imprecise (earliestN !== latestN), the parent's date is ignored.
    it('an imprecise threshold deposit still gives a Protocol range no earlier than its parent', () => {
      const b = untoc();
      b.consents('tip', 'S', 4, '2003-03-01');
      b.act('tip', 'S05', 'ratification', '2003-05'); // the 5th: some day in May 2003 → 2003-07-30 .. 2003-08-29
      const eif = comp(computeAll(b, [CONVENTION, PROTOCOL5]), 'tip').entry.eif;
      // Every possible day is before UNTOC's 2003-09-29, so the Protocol enters into force on 2003-09-29.
      expect(eif?.earliest).toBe('2003-09-29');
      expect(eif?.latest).toBe('2003-09-29');
    });

    // Regression (src/treaties/domain/engine.ts, computeInstrumentEntry): when the parent's date is a range, the
    // Protocol range is [own date, parent's latest] instead of [max(own, parent earliest), max(own, parent latest)].
    it.each([
      // [label, Protocol 5th deposit, expected earliest, expected latest]
      ['own date before the parent range', '2003-03-05', '2003-09-29', '2003-10-29'],
      ['own date after the parent range', '2003-12-01', '2004-02-29', '2004-02-29'],
    ])('parent date is a range, %s', (_label, fifth, earliest, latest) => {
      const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
      b.act('untoc', 'ARM', 'ratification', '2003-07'); // UNTOC between 2003-09-29 and 2003-10-29
      b.consents('tip', 'S', 4, '2003-03-01');
      b.act('tip', 'S05', 'ratification', fifth);
      const result = computeAll(b, [CONVENTION, PROTOCOL5]);
      expect(range(comp(result, 'untoc').entry.eif)).toEqual({
        on: null,
        earliest: '2003-09-29',
        latest: '2003-10-29',
      });
      const eif = comp(result, 'tip').entry.eif;
      expect(eif?.earliest).toBe(earliest);
      expect(eif?.latest).toBe(latest);
    });
  });

  describe('imprecise deposits near the threshold', () => {
    it('the 40th instrument known only to the month gives a range', () => {
      const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
      b.act('untoc', 'ARM', 'ratification', '2003-07');
      const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
      expect(entry.thresholdDeposit).toBeNull();
      expect(range(entry.eif)).toEqual({ on: null, earliest: '2003-09-29', latest: '2003-10-29' });
      expect(entry.explanation).toContain('the 40th instrument falls between 2003-07-01 and 2003-07-31');
      expect(entry.eif?.explanation).toContain('falls between 2003-07-01 and 2003-07-31');
    });

    it('an unknown deposit date leaves the upper end open', () => {
      const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
      b.act('untoc', 'UNK', 'ratification', '');
      const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
      expect(entry.counted).toBe(40);
      expect(range(entry.eif)).toEqual({ on: null, earliest: '2003-05-09', latest: null });
      expect(entry.eif?.explanation).toContain('an unknown date');
    });

    it('a month-precision deposit before the 40th does not make the date uncertain', () => {
      const b = new RegistryBuilder().consents('untoc', 'S', 38, '2003-01-01');
      b.act('untoc', 'M', 'ratification', '2003-05');
      b.act('untoc', 'ARM', 'ratification', '2003-07-01');
      const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
      expect(entry.thresholdDeposit?.participantId).toBe('ARM');
      expect(entry.eif?.on).toBe('2003-09-29');
    });

    it('a month-precision deposit that is surely the 40th gives the range of its month', () => {
      const b = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
      b.act('untoc', 'M', 'ratification', '2003-06'); // 2003-06-01 .. 2003-06-30
      b.act('untoc', 'D', 'ratification', '2003-06-30');
      const entry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);
      // M (some day in June) is never after D, so M is the 40th: 2003-06-01 .. 2003-06-30, + 90 days.
      expect(range(entry.eif)).toEqual({ on: null, earliest: '2003-08-30', latest: '2003-09-28' });
    });
  });
});

describe('computePartyEntry', () => {
  const b = untoc();
  const convEntry = computeInstrumentEntry(CONVENTION, b.actions, b.participants, null);

  it.each([
    // [label, consent, on, earliest, latest, explanation fragment]
    [
      'before the threshold',
      pd('2003-01-01'),
      '2003-09-29',
      '2003-09-29',
      '2003-09-29',
      'deposit 2003-01-01, by the 40th instrument (2003-07-01); art. 38(1): in force with UNTOC → 2003-09-29',
    ],
    [
      'the threshold instrument itself',
      pd('2003-07-01'),
      '2003-09-29',
      '2003-09-29',
      '2003-09-29',
      'by the 40th instrument',
    ],
    [
      'after the threshold, 30 days after falls before the instrument date (Costa Rica)',
      pd('2003-07-24'),
      '2003-09-29',
      '2003-09-29',
      '2003-09-29',
      "deposit 2003-07-24; art. 38(2): 30th day after → 2003-08-23; not before UNTOC's own entry into force (2003-09-29) → 2003-09-29",
    ],
    [
      '30 days after lands on the instrument date',
      pd('2003-08-30'),
      '2003-09-29',
      '2003-09-29',
      '2003-09-29',
      '30th day after → 2003-09-29',
    ],
    [
      'a later party: deposit + 30',
      pd('2003-10-10'),
      '2003-11-09',
      '2003-11-09',
      '2003-11-09',
      'deposit 2003-10-10; art. 38(2): 30th day after → 2003-11-09',
    ],
    ['a much later party', pd('2010-12-15'), '2011-01-14', '2011-01-14', '2011-01-14', '→ 2011-01-14'],
    ['month precision', pd('2004-05'), null, '2004-05-31', '2004-06-30', 'too imprecise'],
    ['year precision', pd('2005'), null, '2005-01-31', '2006-01-30', 'between 2005-01-31 and 2006-01-30'],
    [
      'unknown with bounds',
      pd('', '2014-06-01', '2016-06-30'),
      null,
      '2014-07-01',
      '2016-07-30',
      'too imprecise',
    ],
    [
      'unknown, only an upper bound',
      pd('', null, '2016-06-30'),
      null,
      '2003-09-29',
      '2016-07-30',
      'deposit date unknown',
    ],
    ['unknown, no bounds', pd(''), null, '2003-09-29', null, 'deposit date unknown'],
    [
      'month precision ending before the instrument date',
      pd('2003-08'),
      null,
      '2003-09-29',
      '2003-09-30',
      'too imprecise',
    ],
  ] as [string, PartialDate, string | null, string, string | null, string][])(
    '%s',
    (_label, consent, on, earliest, latest, fragment) => {
      const eif = computePartyEntry(CONVENTION, convEntry, consent);
      expect(range(eif)).toEqual({ on, earliest, latest });
      expect(eif.explanation).toContain(fragment);
    },
  );

  it('a month-precision deposit whose every day gives the instrument date is exact', () => {
    const eif = computePartyEntry(CONVENTION, convEntry, pd('2003-06'));
    expect(range(eif)).toEqual({ on: '2003-09-29', earliest: '2003-09-29', latest: '2003-09-29' });
  });

  // Regression (src/treaties/domain/engine.ts, computePartyEntry): when a reduced-precision deposit collapses to one
  // date (upper === lower), the explanation treats consent.earliest as the deposit day: "deposit 2003-07-01,
  // by the 40th instrument (2003-07-01)" for a deposit known only as "2003-07" (which may be after the 40th).
  it('the explanation keeps a month-precision deposit as given, never a filled-in day', () => {
    const eif = computePartyEntry(CONVENTION, convEntry, pd('2003-07'));
    expect(eif.on).toBe('2003-09-29');
    expect(eif.explanation).not.toContain('deposit 2003-07-01');
    expect(eif.explanation).toContain('2003-07');
  });

  it('instrument not yet in force: no date', () => {
    const partial = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
    const entry = computeInstrumentEntry(CONVENTION, partial.actions, partial.participants, null);
    const eif = computePartyEntry(CONVENTION, entry, pd('2003-01-01'));
    expect(range(eif)).toEqual({ on: null, earliest: null, latest: null });
    expect(eif.explanation).toContain('UNTOC is not yet in force');
  });

  it.each([
    // later_of (Protocols, UNCAC): [consent, expected]
    ['2005-01-01', '2005-12-14'],
    ['2005-09-15', '2005-12-14'],
    ['2005-10-01', '2005-12-14'],
    ['2005-11-14', '2005-12-14'],
    ['2005-11-20', '2005-12-20'],
    ['2007-02-28', '2007-03-30'],
  ])('later_of rule (30 + 90 treaty): deposit %s → %s', (consent, expected) => {
    const u = new RegistryBuilder().consents('uncac', 'S', 29, '2004-01-01');
    u.act('uncac', 'ECU', 'ratification', '2005-09-15');
    const entry = computeInstrumentEntry(OTHER_TREATY, u.actions, u.participants, null);
    const eif = computePartyEntry(OTHER_TREATY, entry, pd(consent));
    expect(eif.on).toBe(expected);
  });

  it('later_of explanation names both dates', () => {
    const u = new RegistryBuilder().consents('uncac', 'S', 29, '2004-01-01');
    u.act('uncac', 'ECU', 'ratification', '2005-09-15');
    const entry = computeInstrumentEntry(OTHER_TREATY, u.actions, u.participants, null);
    expect(computePartyEntry(OTHER_TREATY, entry, pd('2005-10-01')).explanation).toBe(
      "deposit 2005-10-01; art. 68(2): 30th day after (2005-10-31) or UNCAC's entry into force (2005-12-14), whichever is later → 2005-12-14",
    );
  });

  it.each([
    // Protocol in force on UNTOC's date 2003-09-29 (its 5th instrument 2003-03-05)
    ['2003-03-01', '2003-09-29'],
    ['2003-08-01', '2003-09-29'],
    ['2003-08-30', '2003-09-29'],
    ['2003-08-31', '2003-09-30'],
    ['2003-09-20', '2003-10-20'],
  ])('Protocol later party: deposit %s → %s, never before the Protocol date', (consent, expected) => {
    const r = untoc();
    r.consents('tip', 'S', 5, '2003-03-01');
    const tip = comp(computeAll(r, [CONVENTION, PROTOCOL5]), 'tip');
    expect(computePartyEntry(PROTOCOL5, tip.entry, pd(consent)).on).toBe(expected);
  });

  // Regression (src/treaties/domain/engine.ts, computePartyEntry): when the instrument's own date is a range
  // (on === null, earliest and latest set), every party gets latest: null ("not yet fixed") although its
  // date is max(instrument date, deposit + 30) and so lies in [max(earliest, d+30), max(latest, d+30)].
  // A party that deposited years later stays 'uncertain' for ever.
  it.each([
    // [label, consent, expected on, earliest, latest]
    ['a party long after the uncertain threshold', '2005-01-01', '2005-01-31', '2005-01-31', '2005-01-31'],
    ['an early party', '2003-01-01', null, '2003-09-29', '2003-10-29'],
  ])('instrument date a range: %s', (_label, consent, on, earliest, latest) => {
    const r = new RegistryBuilder().consents('untoc', 'S', 39, '2003-01-01');
    r.act('untoc', 'ARM', 'ratification', '2003-07');
    const entry = computeInstrumentEntry(CONVENTION, r.actions, r.participants, null);
    expect(range(computePartyEntry(CONVENTION, entry, pd(consent)))).toEqual({ on, earliest, latest });
  });
});

describe('denunciation', () => {
  function registry() {
    const b = untoc();
    b.consents('tip', 'S', 5, '2003-03-01');
    b.act('untoc', 'S01', 'denunciation', '2010-03-15');
    b.act('untoc', 'S02', 'denunciation', '2012-02-29');
    b.act('tip', 'S03', 'denunciation', '2008-01-10');
    // S04: denounces the Protocol (effective 2013-01-01), then the Convention (effective 2011-06-01, earlier).
    b.act('tip', 'S04', 'denunciation', '2012-01-01');
    b.act('untoc', 'S04', 'denunciation', '2010-06-01');
    // S05: denounces the Protocol (effective 2011-01-01) before the Convention (effective 2015-01-01).
    b.act('tip', 'S05', 'denunciation', '2010-01-01');
    b.act('untoc', 'S05', 'denunciation', '2014-01-01');
    return computeAll(b, [CONVENTION, PROTOCOL5]);
  }

  it.each([
    ['S01', '2010-03-15', '2011-03-15'],
    ['S02', '2012-02-29', '2013-02-28'],
    ['S04', '2010-06-01', '2011-06-01'],
    ['S05', '2014-01-01', '2015-01-01'],
  ])('%s notifies %s: takes effect one year after, %s', (id, notified, effective) => {
    const d = onlyPeriod(comp(registry(), 'untoc'), id).denunciation;
    expect(d?.notified.text).toBe(notified);
    expect(range(d?.effective ?? null)).toEqual({ on: effective, earliest: effective, latest: effective });
    expect(d?.viaParent).toBe(false);
    expect(d?.effective.explanation).toBe(
      `denunciation notified ${notified}; art. 40(1): takes effect one year after → ${effective}`,
    );
  });

  it.each([
    ['S01', '2011-03-14', 'party'],
    ['S01', '2011-03-15', 'withdrawn'],
    ['S01', '2020-01-01', 'withdrawn'],
    ['S02', '2013-02-27', 'party'],
    ['S02', '2013-02-28', 'withdrawn'],
  ])('Convention: %s as at %s is %s', (id, asOf, state) => {
    expect(stateOf(comp(registry(), 'untoc'), id, asOf)).toBe(state);
  });

  it('denouncing the Convention ends Protocol participation on the same date (art. 40(3))', () => {
    const tip = comp(registry(), 'tip');
    const d = onlyPeriod(tip, 'S01').denunciation;
    expect(d?.viaParent).toBe(true);
    expect(d?.effective.on).toBe('2011-03-15');
    expect(d?.notified.text).toBe('2010-03-15');
    expect(d?.effective.explanation).toContain('(UNTOC)');
    expect(d?.effective.explanation).toContain('art. 40(3): denouncing UNTOC denounces its Protocols');
    expect(stateOf(tip, 'S01', '2011-03-14')).toBe('party');
    expect(stateOf(tip, 'S01', '2011-03-15')).toBe('withdrawn');
  });

  it.each([
    // [participant, effective, viaParent]
    ['S03', '2009-01-10', false], // Protocol only
    ['S04', '2011-06-01', true], // the Convention's earlier date wins
    ['S05', '2011-01-01', false], // its own earlier Protocol denunciation stays
  ])('Protocol: %s leaves on %s (viaParent %s)', (id, effective, viaParent) => {
    const d = onlyPeriod(comp(registry(), 'tip'), id).denunciation;
    expect(d?.effective.on).toBe(effective);
    expect(d?.viaParent).toBe(viaParent);
  });

  it('a Protocol denunciation leaves the Convention untouched', () => {
    expect(onlyPeriod(comp(registry(), 'untoc'), 'S03').denunciation).toBeNull();
    expect(stateOf(comp(registry(), 'untoc'), 'S03', '2020-01-01')).toBe('party');
  });

  it('a denunciation known only to the month takes effect within a range', () => {
    const b = untoc();
    b.act('untoc', 'S01', 'denunciation', '2010-03');
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    const d = onlyPeriod(c, 'S01').denunciation;
    expect(range(d?.effective ?? null)).toEqual({ on: null, earliest: '2011-03-01', latest: '2011-03-31' });
    expect(stateOf(c, 'S01', '2011-02-28')).toBe('party');
    expect(stateOf(c, 'S01', '2011-03-10')).toBe('uncertain');
    expect(stateOf(c, 'S01', '2011-03-31')).toBe('withdrawn');
  });

  // Regression (src/treaties/domain/engine.ts, computePartyRecord with byDeposit): a denunciation whose date is
  // unknown (earliest null) sorts before every consent (earliest '' < any date), finds no open participation
  // and is silently dropped: the State stays a party for ever, with no trace of the denunciation.
  it('a denunciation of unknown date is not lost', () => {
    const b = untoc();
    b.act('untoc', 'S01', 'denunciation', '');
    b.act('untoc', 'S02', 'denunciation', pd('', null, '2015-12-31'));
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    expect(onlyPeriod(c, 'S01').denunciation).not.toBeNull();
    expect(onlyPeriod(c, 'S02').denunciation?.effective.latest).toBe('2016-12-31');
  });

  it('rejoining after withdrawal opens a new period', () => {
    const b = untoc();
    b.act('untoc', 'S01', 'denunciation', '2010-03-15');
    b.act('untoc', 'S01', 'accession', '2012-06-01');
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    const periods = record(c, 'S01').participations;
    expect(periods).toHaveLength(2);
    expect(periods[0]?.denunciation?.effective.on).toBe('2011-03-15');
    expect(periods[1]?.eif.on).toBe('2012-07-01');
    expect(periods[1]?.denunciation).toBeNull();
    expect(stateOf(c, 'S01', '2012-01-01')).toBe('withdrawn');
    expect(stateOf(c, 'S01', '2012-06-15')).toBe('party_pending');
    expect(stateOf(c, 'S01', '2012-07-01')).toBe('party');
  });

  it('Protocol participation that began before the Convention denunciation ends with it even after rejoining the Convention', () => {
    const b = untoc();
    b.consents('tip', 'S', 5, '2003-03-01');
    b.act('untoc', 'S01', 'denunciation', '2010-03-15');
    b.act('untoc', 'S01', 'accession', '2012-06-01');
    const tip = comp(computeAll(b, [CONVENTION, PROTOCOL5]), 'tip');
    expect(onlyPeriod(tip, 'S01').denunciation?.viaParent).toBe(true);
    expect(stateOf(tip, 'S01', '2013-01-01')).toBe('withdrawn');
  });
});

describe('status as at a date', () => {
  function registry() {
    const b = untoc();
    b.act('untoc', 'S01', 'signature', '2000-12-12');
    b.act('untoc', 'SIG', 'signature', '2001-01-10');
    b.act('untoc', 'P1', 'accession', '2003-09-10'); // in force 2003-10-10
    b.act('untoc', 'U1', 'accession', '2003-09'); // consent 2003-09-01..30 → in force 2003-10-01..2003-10-30
    b.act('untoc', 'S02', 'denunciation', '2004-01-10'); // withdrawn from 2005-01-10
    b.act('untoc', 'Y1', 'accession', '2005'); // consent 2005 → in force 2005-01-31..2006-01-30
    b.act('untoc', 'B1', 'accession', pd('', '2014-06-01', '2016-06-30')); // in force 2014-07-01..2016-07-30
    return comp(computeAll(b, [CONVENTION]), 'untoc');
  }

  it.each([
    // [asOf, instrumentInForce, counts]
    [
      '2000-12-11',
      'no',
      {
        signatories: 0,
        contractingParties: 0,
        partiesInForce: 0,
        pendingEntryIntoForce: 0,
        uncertain: 0,
        withdrawn: 0,
      },
    ],
    [
      '2001-01-10',
      'no',
      {
        signatories: 2,
        contractingParties: 0,
        partiesInForce: 0,
        pendingEntryIntoForce: 0,
        uncertain: 0,
        withdrawn: 0,
      },
    ],
    [
      '2003-09-20',
      'no',
      {
        signatories: 2,
        contractingParties: 41,
        partiesInForce: 0,
        pendingEntryIntoForce: 41,
        uncertain: 1,
        withdrawn: 0,
      },
    ],
    [
      '2003-09-29',
      'yes',
      {
        signatories: 2,
        contractingParties: 41,
        partiesInForce: 40,
        pendingEntryIntoForce: 1,
        uncertain: 1,
        withdrawn: 0,
      },
    ],
    [
      '2003-10-05',
      'yes',
      {
        signatories: 2,
        contractingParties: 42,
        partiesInForce: 40,
        pendingEntryIntoForce: 1,
        uncertain: 1,
        withdrawn: 0,
      },
    ],
    [
      '2003-10-31',
      'yes',
      {
        signatories: 2,
        contractingParties: 42,
        partiesInForce: 42,
        pendingEntryIntoForce: 0,
        uncertain: 0,
        withdrawn: 0,
      },
    ],
    [
      '2005-01-10',
      'yes',
      {
        signatories: 2,
        contractingParties: 41,
        partiesInForce: 41,
        pendingEntryIntoForce: 0,
        uncertain: 1,
        withdrawn: 1,
      },
    ],
    [
      '2006-01-30',
      'yes',
      {
        signatories: 2,
        contractingParties: 42,
        partiesInForce: 42,
        pendingEntryIntoForce: 0,
        uncertain: 0,
        withdrawn: 1,
      },
    ],
    [
      '2015-01-01',
      'yes',
      {
        signatories: 2,
        contractingParties: 42,
        partiesInForce: 42,
        pendingEntryIntoForce: 0,
        uncertain: 1,
        withdrawn: 1,
      },
    ],
    [
      '2016-07-30',
      'yes',
      {
        signatories: 2,
        contractingParties: 43,
        partiesInForce: 43,
        pendingEntryIntoForce: 0,
        uncertain: 0,
        withdrawn: 1,
      },
    ],
  ] as const)('as at %s: in force %s, counts %j', (asOf, inForce, counts) => {
    const s = statusAsAt(registry(), asOf);
    expect(s.asOf).toBe(asOf);
    expect(s.instrumentId).toBe('untoc');
    expect(s.instrumentInForce).toBe(inForce);
    expect(s.instrumentsCounted).toBe(44);
    expect(s.counts).toEqual(counts);
  });

  it.each([
    // [participant, asOf, state, signed, consented, inForce]
    ['SIG', '2001-01-09', 'none', 'no', 'no', 'no'],
    ['SIG', '2001-01-10', 'signatory', 'yes', 'no', 'no'],
    ['S01', '2003-01-01', 'party_pending', 'yes', 'yes', 'no'],
    ['S01', '2003-09-29', 'party', 'yes', 'yes', 'yes'],
    ['P1', '2003-10-09', 'party_pending', 'no', 'yes', 'no'],
    ['P1', '2003-10-10', 'party', 'no', 'yes', 'yes'],
    ['U1', '2003-08-31', 'none', 'no', 'no', 'no'],
    ['U1', '2003-09-15', 'uncertain', 'no', 'uncertain', 'no'],
    ['U1', '2003-09-30', 'party_pending', 'no', 'yes', 'no'],
    ['U1', '2003-10-15', 'uncertain', 'no', 'yes', 'uncertain'],
    ['U1', '2003-10-30', 'party', 'no', 'yes', 'yes'],
    ['Y1', '2004-12-31', 'none', 'no', 'no', 'no'],
    ['Y1', '2005-06-01', 'uncertain', 'no', 'uncertain', 'uncertain'],
    ['Y1', '2005-12-31', 'uncertain', 'no', 'yes', 'uncertain'],
    ['Y1', '2006-01-30', 'party', 'no', 'yes', 'yes'],
    ['B1', '2014-05-31', 'none', 'no', 'no', 'no'],
    ['B1', '2015-01-01', 'uncertain', 'no', 'uncertain', 'uncertain'],
    ['B1', '2016-07-01', 'uncertain', 'no', 'yes', 'uncertain'],
    ['B1', '2016-07-30', 'party', 'no', 'yes', 'yes'],
    ['S02', '2005-01-09', 'party', 'no', 'yes', 'yes'],
    ['S02', '2005-01-10', 'withdrawn', 'no', 'yes', 'no'],
  ] as const)(
    '%s as at %s: %s (signed %s, consented %s, in force %s)',
    (id, asOf, state, signed, consented, inForce) => {
      const s = participantStatusAt(record(registry(), id), asOf);
      expect({ state: s.state, signed: s.signed, consented: s.consented, inForce: s.inForce }).toEqual({
        state,
        signed,
        consented,
        inForce,
      });
    },
  );

  it('a participant with state none is not listed', () => {
    const s = statusAsAt(registry(), '2003-08-31');
    expect(s.participants.map((p) => p.participantId)).not.toContain('U1');
    expect(s.participants.map((p) => p.participantId)).toContain('SIG');
  });

  it('participant status carries the consent and the dates', () => {
    const s = participantStatusAt(record(registry(), 'U1'), '2003-10-15');
    expect(s.consentKind).toBe('accession');
    expect(s.consentDate).toBe('2003-09');
    expect(s.consentPrecision).toBe('month');
    expect(range(s.eif)).toEqual({ on: null, earliest: '2003-10-01', latest: '2003-10-30' });
    expect(s.denunciationEffective).toBeNull();
    const w = participantStatusAt(record(registry(), 'S02'), '2006-01-01');
    expect(w.denunciationEffective?.on).toBe('2005-01-10');
  });

  // Regression (src/treaties/domain/status.ts, reached): a date with no lower bound (unknown deposit date, possibly
  // bounded above: "a party by 2016-06") is reported as not reached ('no') on every day before its upper
  // bound, and on every day at all when unbounded; it may have happened on any of them, so it is
  // 'uncertain'. Such a party is never listed (state 'none') before the bound, or never at all.
  it.each([
    ['bounded above by 2016-06-30', pd('', null, '2016-06-30')],
    ['with no bounds', pd('')],
  ])('an unknown consent date %s is uncertain on a day after the instrument date', (_label, date) => {
    const b = untoc();
    b.act('untoc', 'UB', 'accession', date);
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    if (date.latest) expect(participantStatusAt(record(c, 'UB'), date.latest).consented).toBe('yes');
    expect(participantStatusAt(record(c, 'UB'), '2015-01-01').consented).toBe('uncertain');
    expect(stateOf(c, 'UB', '2015-01-01')).toBe('uncertain');
  });

  it.each([
    // reached(range, asOf)
    [{ earliest: '2003-09-29', latest: '2003-09-29' }, '2003-09-28', 'no'],
    [{ earliest: '2003-09-29', latest: '2003-09-29' }, '2003-09-29', 'yes'],
    [{ earliest: '2003-09-29', latest: '2003-10-29' }, '2003-10-01', 'uncertain'],
    [{ earliest: '2003-09-29', latest: '2003-10-29' }, '2003-10-29', 'yes'],
    [{ earliest: '2003-09-29', latest: null }, '2050-01-01', 'uncertain'],
    // Both bounds unknown: it may or may not have happened.
    [{ earliest: null, latest: null }, '2050-01-01', 'uncertain'],
    [{ earliest: null, latest: null, pending: true }, '2050-01-01', 'no'],
    [{ earliest: null, latest: '2003-10-29' }, '2003-10-29', 'yes'],
    [null, '2050-01-01', 'no'],
  ] as const)('reached(%j, %s) → %s', (d, asOf, expected) => {
    expect(reached(d, asOf)).toBe(expected);
  });

  it('Protocol status follows the Convention denunciation', () => {
    const b = untoc();
    b.consents('tip', 'S', 5, '2003-03-01');
    b.act('untoc', 'S01', 'denunciation', '2010-03-15');
    const tip = comp(computeAll(b, [CONVENTION, PROTOCOL5]), 'tip');
    expect(statusAsAt(tip, '2011-03-15').counts).toEqual({
      signatories: 0,
      contractingParties: 4,
      partiesInForce: 4,
      pendingEntryIntoForce: 0,
      uncertain: 0,
      withdrawn: 1,
    });
    expect(statusAsAt(tip, '2003-09-28').instrumentInForce).toBe('no');
    expect(statusAsAt(tip, '2003-09-29').instrumentInForce).toBe('yes');
  });
});

describe('succession to signature (UNTC "d" in the signature column)', () => {
  // MNE succeeds to its predecessor's signature in 2006, after the period closed (2002-12-12), then ratifies.
  function registry() {
    const b = untoc();
    b.act('untoc', 'SIG', 'signature', '2001-01-10');
    b.act('untoc', 'MNE', 'succession_to_signature', '2006-10-23');
    b.act('untoc', 'MNE', 'ratification', '2008-03-01');
    return comp(computeAll(b, [CONVENTION]), 'untoc');
  }

  it.each([
    ['2006-10-22', 'none', 'no', null, null, 1],
    ['2006-10-23', 'signatory', 'yes', 'succession_to_signature', '2006-10-23', 2],
    ['2008-04-01', 'party', 'yes', 'succession_to_signature', '2006-10-23', 2],
  ] as const)(
    'on %s: %s, signed %s (%s %s); %i signatories',
    (asOf, state, signed, kind, date, signatories) => {
      const status = statusAsAt(registry(), asOf);
      const mne = status.participants.find((p) => p.participantId === 'MNE');
      expect(mne?.state ?? 'none').toBe(state);
      expect(mne?.signed ?? 'no').toBe(signed);
      expect(mne?.signatureKind ?? null).toBe(kind);
      expect(mne?.signatureDate ?? null).toBe(date);
      expect(status.counts.signatories).toBe(signatories);
    },
  );

  it('an ordinary signature is of kind signature', () => {
    const sig = statusAsAt(registry(), '2008-04-01').participants.find((p) => p.participantId === 'SIG');
    expect(sig).toMatchObject({
      state: 'signatory',
      signatureKind: 'signature',
      signatureDate: '2001-01-10',
    });
  });

  it('it does not count toward entry into force (it is not a consent)', () => {
    expect(registry().entry.counted).toBe(41);
  });
});

describe('differenceBetween', () => {
  function registry() {
    const b = untoc();
    b.act('untoc', 'P1', 'accession', '2003-09-10');
    b.act('untoc', 'U1', 'accession', '2003-09');
    b.act('untoc', 'S02', 'denunciation', '2004-01-10');
    b.act('untoc', 'NEW', 'accession', '2006-01-01');
    b.act('untoc', 'SIG', 'signature', '2001-01-10');
    return comp(computeAll(b, [CONVENTION]), 'untoc');
  }

  it.each([
    [
      '2003-10-05',
      '2003-10-31',
      [
        { participantId: 'P1', from: 'party_pending', to: 'party' },
        { participantId: 'U1', from: 'uncertain', to: 'party' },
      ],
    ],
    [
      '2003-10-31',
      '2003-10-05',
      [
        { participantId: 'P1', from: 'party', to: 'party_pending' },
        { participantId: 'U1', from: 'party', to: 'uncertain' },
      ],
    ],
    ['2004-12-31', '2005-01-10', [{ participantId: 'S02', from: 'party', to: 'withdrawn' }]],
    ['2005-12-31', '2006-01-02', [{ participantId: 'NEW', from: 'none', to: 'party_pending' }]],
    ['2006-01-02', '2006-01-31', [{ participantId: 'NEW', from: 'party_pending', to: 'party' }]],
    ['2001-01-09', '2001-01-10', [{ participantId: 'SIG', from: 'none', to: 'signatory' }]],
    ['2010-01-01', '2012-01-01', []],
  ] as const)('from %s to %s', (from, to, changes) => {
    const d = differenceBetween(registry(), from, to);
    expect(d.instrumentId).toBe('untoc');
    expect(d.from).toBe(from);
    expect(d.to).toBe(to);
    expect(d.changes).toEqual(changes);
    expect(d.countsFrom).toEqual(statusAsAt(registry(), from).counts);
    expect(d.countsTo).toEqual(statusAsAt(registry(), to).counts);
  });

  it('the Convention entering into force moves all 40 parties', () => {
    const d = differenceBetween(registry(), '2003-09-28', '2003-09-29');
    expect(d.changes).toHaveLength(40);
    expect(d.changes.every((c) => c.from === 'party_pending' && c.to === 'party')).toBe(true);
    expect(d.changes.map((c) => c.participantId)).toEqual([...d.changes.map((c) => c.participantId)].sort());
    expect(d.countsFrom.partiesInForce).toBe(0);
    expect(d.countsTo.partiesInForce).toBe(40);
  });
});

describe('computeRegistry', () => {
  it('records signature and participations per participant, sorted by participant id', () => {
    const b = untoc();
    b.act('untoc', 'S10', 'signature', '2001-05-05');
    b.act('untoc', 'ZZ', 'signature', '2001-05-05');
    b.act('untoc', 'AA', 'signature', '2002-05-05');
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    const ids = [...c.parties.keys()];
    expect(ids).toEqual([...ids].sort());
    expect(record(c, 'S10').signature?.date.text).toBe('2001-05-05');
    expect(record(c, 'ZZ').participations).toEqual([]);
    expect(onlyPeriod(c, 'S10').consentKind).toBe('ratification');
    expect(c.rules).toBe(CONVENTION);
  });

  it('computes every instrument given, each from its own actions', () => {
    const b = untoc();
    b.consents('uncac', 'S', 29, '2004-01-01');
    b.act('uncac', 'ECU', 'ratification', '2005-09-15');
    const result = computeAll(b, [CONVENTION, OTHER_TREATY, PROTOCOL]);
    expect([...result.keys()].sort()).toEqual(['tip', 'uncac', 'untoc']);
    expect(comp(result, 'untoc').entry.eif?.on).toBe('2003-09-29');
    expect(comp(result, 'uncac').entry.eif?.on).toBe('2005-12-14');
    expect(comp(result, 'tip').entry.counted).toBe(0);
    expect(comp(result, 'tip').parties.size).toBe(0);
  });
});

describe('the calendar ends on 9999-12-31', () => {
  // A bound such as notAfter 9999-12-31 (an "open-ended" placeholder) once gave 10000-01-30 as the latest
  // day of entry into force, which sorts before 2026 as text: the party read "in force" on every date.
  it('a consent bounded by 9999-12-31 is uncertain, never in force', () => {
    const b = untoc();
    b.act('untoc', 'OPEN', 'accession', pd('', '2019-01-01', '9999-12-31'));
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    const eif = onlyPeriod(c, 'OPEN').eif;
    expect(eif.earliest).toBe('2019-01-31');
    expect(eif.latest).toBeNull();
    const s = statusAsAt(c, '2026-06-30').participants.find((p) => p.participantId === 'OPEN');
    expect(s?.state).toBe('uncertain');
    expect(s?.inForce).toBe('uncertain');
    expect(statusAsAt(c, '2018-12-31').participants.find((p) => p.participantId === 'OPEN')).toBeUndefined();
  });

  it('an instrument whose threshold deposit is bounded by 9999-12-31 has no fixed date', () => {
    const b = new RegistryBuilder();
    b.consents('untoc', 'S', 39, '2001-01-01');
    b.act('untoc', 'LAST', 'accession', pd('', '2002-01-01', '9999-12-31'));
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    expect(c.entry.eif?.on).toBeNull();
    expect(c.entry.eif?.latest).toBeNull();
    expect(statusAsAt(c, '2026-06-30').instrumentInForce).toBe('uncertain');
  });

  it('deposits and denunciations on the last days stay inside the calendar', () => {
    const b = untoc();
    b.act('untoc', 'LATE', 'accession', '9999-12-15');
    b.act('untoc', 'LATE', 'denunciation', '9999-12-20');
    const c = comp(computeAll(b, [CONVENTION]), 'untoc');
    const period = onlyPeriod(c, 'LATE');
    for (const d of [period.eif, period.denunciation?.effective]) {
      for (const day of [d?.earliest, d?.latest, d?.on]) {
        if (day !== null && day !== undefined) expect(day <= '9999-12-31' && day.length === 10).toBe(true);
      }
    }
    const s = statusAsAt(c, '9999-12-31').participants.find((p) => p.participantId === 'LATE');
    expect(s?.inForce).not.toBe('yes');
  });
});
