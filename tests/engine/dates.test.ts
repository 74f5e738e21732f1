import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  addDays,
  addDaysWithin,
  addMonths,
  addMonthsWithin,
  assertIsoDate,
  boundPartialDate,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  latestDayOf,
  MAX_DATE,
  MAX_DAY,
  maxDate,
  MIN_DATE,
  MIN_DAY,
  minDate,
  parsePartialDate,
  toDayNumber,
} from '../../src/common/dates.ts';

describe('isIsoDate', () => {
  it.each([
    ['2003-07-01', true],
    ['2003-02-28', true],
    ['2003-02-29', false],
    ['2003-02-30', false],
    ['2004-02-29', true],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['2003-04-31', false],
    ['2003-12-31', true],
    ['2003-13-01', false],
    ['2003-00-10', false],
    ['2003-01-00', false],
    ['2003-01-32', false],
    ['0000-01-01', false],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['', false],
    ['2003', false],
    ['2003-07', false],
    ['2003-7-1', false],
    ['03-07-01', false],
    ['2003/07/01', false],
    ['2003-07-01T00:00:00Z', false],
    [' 2003-07-01', false],
    ['2003-07-01 ', false],
    ['20030701', false],
    ['+02003-07-01', false],
    ['abcd-ef-gh', false],
  ])('%j → %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it('assertIsoDate returns a valid date and throws a RangeError naming the field otherwise', () => {
    expect(assertIsoDate('2003-09-29')).toBe('2003-09-29');
    expect(() => assertIsoDate('2003-02-30', 'deposit date')).toThrow(RangeError);
    expect(() => assertIsoDate('2003-02-30', 'deposit date')).toThrow(/deposit date/);
  });
});

describe('isLeapYear and daysInMonth', () => {
  it.each([
    [1900, false],
    [2000, true],
    [2003, false],
    [2004, true],
    [2100, false],
    [2400, true],
  ])('isLeapYear(%i) → %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  it.each([
    [2003, 1, 31],
    [2003, 2, 28],
    [2004, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2003, 4, 30],
    [2003, 6, 30],
    [2003, 9, 30],
    [2003, 11, 30],
    [2003, 12, 31],
  ])('daysInMonth(%i, %i) → %i', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2003-07-01', 12234],
  ])('toDayNumber(%s) → %i and back', (date, n) => {
    expect(toDayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
  });

  it('daysBetween counts calendar days in either direction', () => {
    expect(daysBetween('2003-07-01', '2003-09-29')).toBe(90);
    expect(daysBetween('2003-09-29', '2003-07-01')).toBe(-90);
    expect(daysBetween('2004-02-28', '2004-03-01')).toBe(2);
  });

  it('maxDate and minDate', () => {
    expect(maxDate('2003-09-29', '2003-08-23')).toBe('2003-09-29');
    expect(minDate('2003-09-29', '2003-08-23')).toBe('2003-08-23');
    expect(maxDate('2003-09-29', '2003-09-29')).toBe('2003-09-29');
  });
});

describe('addDays ("Xth day after")', () => {
  it.each([
    // The four official entry-into-force dates (FINAL-CLAUSES.md, worked checks).
    ['2003-07-01', 90, '2003-09-29'],
    ['2003-09-26', 90, '2003-12-25'],
    ['2003-10-30', 90, '2004-01-28'],
    ['2005-04-04', 90, '2005-07-03'],
    // Later parties (+30) and edges.
    ['2003-07-24', 30, '2003-08-23'],
    ['2005-09-15', 90, '2005-12-14'],
    ['2004-02-28', 1, '2004-02-29'],
    ['2003-02-28', 1, '2003-03-01'],
    ['2003-12-31', 1, '2004-01-01'],
    ['2004-03-01', -1, '2004-02-29'],
    ['2003-07-01', 0, '2003-07-01'],
    ['1999-12-31', 366, '2000-12-31'],
  ])('%s + %i days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('addMonths (day the month lacks → last day of month)', () => {
  it.each([
    ['2020-02-29', 12, '2021-02-28'],
    ['2003-01-31', 1, '2003-02-28'],
    ['2004-01-31', 1, '2004-02-29'],
    ['2003-03-31', 1, '2003-04-30'],
    ['2010-03-15', 12, '2011-03-15'],
    ['2003-12-15', 1, '2004-01-15'],
    ['2003-01-15', -1, '2002-12-15'],
    ['2004-02-29', 48, '2008-02-29'],
    ['2003-05-31', -3, '2003-02-28'],
    ['2003-07-01', 0, '2003-07-01'],
  ])('%s + %i months → %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('parsePartialDate', () => {
  it.each([
    ['2003-07-01', { text: '2003-07-01', precision: 'day', earliest: '2003-07-01', latest: '2003-07-01' }],
    ['2003-07', { text: '2003-07', precision: 'month', earliest: '2003-07-01', latest: '2003-07-31' }],
    ['2004-02', { text: '2004-02', precision: 'month', earliest: '2004-02-01', latest: '2004-02-29' }],
    ['2003-02', { text: '2003-02', precision: 'month', earliest: '2003-02-01', latest: '2003-02-28' }],
    ['2003-04', { text: '2003-04', precision: 'month', earliest: '2003-04-01', latest: '2003-04-30' }],
    ['2003', { text: '2003', precision: 'year', earliest: '2003-01-01', latest: '2003-12-31' }],
    ['  2003-07  ', { text: '2003-07', precision: 'month', earliest: '2003-07-01', latest: '2003-07-31' }],
    ['', { text: null, precision: 'unknown', earliest: null, latest: null }],
    ['   ', { text: null, precision: 'unknown', earliest: null, latest: null }],
  ] as const)('%j → %j', (text, expected) => {
    expect(parsePartialDate(text)).toEqual(expected);
  });

  it.each([null, undefined])('%s → unknown', (text) => {
    expect(parsePartialDate(text)).toEqual({
      text: null,
      precision: 'unknown',
      earliest: null,
      latest: null,
    });
  });

  it.each([
    'garbage',
    '2003-13',
    '2003-00',
    '2003-02-30',
    '2003-13-01',
    '0000',
    '0000-05',
    '03',
    '2003-7',
    '2003/07',
    'July 2003',
    '2003-07-01T00:00',
    '20030',
  ])('%j → null', (text) => {
    expect(parsePartialDate(text)).toBeNull();
  });

  it.each([
    ['2016-06', '2016-06-30'],
    ['2017', '2017-12-31'],
    ['2016-06-15', '2016-06-15'],
    ['', null],
    ['nonsense', null],
  ])('latestDayOf(%j) → %s', (text, expected) => {
    expect(latestDayOf(text)).toBe(expected);
  });
});

describe('boundPartialDate', () => {
  const year2003 = parsePartialDate('2003')!;
  const unknown = parsePartialDate('')!;
  it.each([
    ['no bounds', year2003, null, null, '2003-01-01', '2003-12-31'],
    ['notBefore inside narrows', year2003, '2003-06-01', null, '2003-06-01', '2003-12-31'],
    ['notAfter inside narrows', year2003, null, '2003-03-31', '2003-01-01', '2003-03-31'],
    ['both inside narrow', year2003, '2003-06-01', '2003-06-30', '2003-06-01', '2003-06-30'],
    ['bounds outside leave it', year2003, '2002-01-01', '2004-12-31', '2003-01-01', '2003-12-31'],
    ['unknown takes both bounds', unknown, '2014-06-01', '2016-06-30', '2014-06-01', '2016-06-30'],
    ['unknown with only an upper bound', unknown, null, '2016-06-30', null, '2016-06-30'],
    ['unknown with only a lower bound', unknown, '2014-06-01', null, '2014-06-01', null],
  ] as const)('%s', (_label, date, notBefore, notAfter, earliest, latest) => {
    const bounded = boundPartialDate(date, notBefore, notAfter);
    expect(bounded).toEqual({ ...date, earliest, latest });
  });

  it('keeps the text and precision as given and does not change its argument', () => {
    const original = parsePartialDate('2003-07')!;
    const copy = { ...original };
    const bounded = boundPartialDate(original, '2003-07-10', '2003-07-20');
    expect(bounded.text).toBe('2003-07');
    expect(bounded.precision).toBe('month');
    expect(original).toEqual(copy);
  });
});

describe('calendar arithmetic agrees with Temporal.PlainDate (years 1600..2600)', () => {
  const EPOCH = Temporal.PlainDate.from('1970-01-01');
  const plainDate = fc
    .record({
      year: fc.integer({ min: 1600, max: 2600 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ year, month, day }) => Temporal.PlainDate.from({ year, month, day }, { overflow: 'constrain' }));

  it('toDayNumber / fromDayNumber / isIsoDate / isLeapYear / daysInMonth', () => {
    fc.assert(
      fc.property(plainDate, (d) => {
        const iso = d.toString();
        const n = d.since(EPOCH, { largestUnit: 'days' }).days;
        expect(isIsoDate(iso)).toBe(true);
        expect(toDayNumber(iso)).toBe(n);
        expect(fromDayNumber(n)).toBe(iso);
        expect(isLeapYear(d.year)).toBe(d.inLeapYear);
        expect(daysInMonth(d.year, d.month)).toBe(d.daysInMonth);
      }),
      { numRuns: 200 },
    );
  });

  it('addDays', () => {
    fc.assert(
      fc.property(plainDate, fc.integer({ min: -40_000, max: 40_000 }), (d, days) => {
        expect(addDays(d.toString(), days)).toBe(d.add({ days }).toString());
      }),
      { numRuns: 200 },
    );
  });

  it('addMonths (overflow constrained)', () => {
    fc.assert(
      fc.property(plainDate, fc.integer({ min: -2400, max: 2400 }), (d, months) => {
        expect(addMonths(d.toString(), months)).toBe(d.add({ months }, { overflow: 'constrain' }).toString());
      }),
      { numRuns: 200 },
    );
  });

  it('parsePartialDate of a month gives the first and last day Temporal knows', () => {
    fc.assert(
      fc.property(plainDate, (d) => {
        const ym = Temporal.PlainYearMonth.from({ year: d.year, month: d.month });
        const parsed = parsePartialDate(ym.toString());
        expect(parsed?.earliest).toBe(ym.toPlainDate({ day: 1 }).toString());
        expect(parsed?.latest).toBe(ym.toPlainDate({ day: ym.daysInMonth }).toString());
      }),
      { numRuns: 200 },
    );
  });
});

describe('the calendar is 0001-01-01 to 9999-12-31, and nothing leaves it', () => {
  const EPOCH = Temporal.PlainDate.from('1970-01-01');
  /** Any day of the calendar, its two ends and their neighbours drawn often. */
  const anyDay = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: MIN_DAY, max: MAX_DAY }) },
    { weight: 1, arbitrary: fc.constantFrom(MIN_DAY, MIN_DAY + 1, MAX_DAY - 1, MAX_DAY, 0, -1) },
  );
  /** Shifts large enough to cross either end from anywhere. */
  const anyShift = fc.oneof(
    fc.integer({ min: -(MAX_DAY - MIN_DAY) - 10, max: MAX_DAY - MIN_DAY + 10 }),
    fc.integer({ min: -400, max: 400 }),
  );
  const inCalendar = (d: Temporal.PlainDate) => d.year >= 1 && d.year <= 9999;
  const temporalOf = (n: number) => EPOCH.add({ days: n });

  it('its ends', () => {
    expect(toDayNumber(MIN_DATE)).toBe(MIN_DAY);
    expect(toDayNumber(MAX_DATE)).toBe(MAX_DAY);
    expect(fromDayNumber(MIN_DAY)).toBe('0001-01-01');
    expect(fromDayNumber(MAX_DAY)).toBe('9999-12-31');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(addDays('0001-01-02', -1)).toBe('0001-01-01');
    expect(addMonths('9999-11-30', 1)).toBe('9999-12-30');
    expect(addMonths('0001-02-28', -1)).toBe('0001-01-28');
  });

  it.each([
    ['9999-12-31', 1],
    ['9999-12-31', 90],
    ['0001-01-01', -1],
    ['2026-06-30', 10_000_000],
  ])('%s + %i days is a RangeError, and addDaysWithin says null', (date, days) => {
    expect(() => addDays(date, days)).toThrow(RangeError);
    expect(addDaysWithin(date, days)).toBeNull();
  });

  it.each([
    ['9999-12-31', 1],
    ['9999-01-31', 12],
    ['0001-01-01', -1],
  ])('%s + %i months is a RangeError, and addMonthsWithin says null', (date, months) => {
    expect(() => addMonths(date, months)).toThrow(RangeError);
    expect(addMonthsWithin(date, months)).toBeNull();
  });

  it.each(['10000-01-01', '0000-12-31', '-0001-01-01', '2026-02-30', '2026-1-1', '', '99999-12-31'])(
    'is never misread: toDayNumber(%j) is a RangeError',
    (text) => {
      expect(() => toDayNumber(text)).toThrow(RangeError);
      expect(() => addDays(text, 0)).toThrow(RangeError);
      expect(() => addMonths(text, 0)).toThrow(RangeError);
      expect(() => daysBetween(text, '2026-01-01')).toThrow(RangeError);
    },
  );

  it.each([MIN_DAY - 1, MAX_DAY + 1, 0.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'fromDayNumber(%d) is a RangeError',
    (n) => {
      expect(() => fromDayNumber(n)).toThrow(RangeError);
    },
  );

  it('day numbers round-trip over the whole range, agree with Temporal, and sort as their text', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => {
        const iso = fromDayNumber(a);
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(isIsoDate(iso)).toBe(true);
        expect(iso).toBe(temporalOf(a).toString());
        expect(toDayNumber(iso)).toBe(a);
        // Text order is calendar order: the property the engine and the ledger rely on.
        expect(Math.sign(iso.localeCompare(fromDayNumber(b), 'en'))).toBe(Math.sign(a - b));
        expect(iso < fromDayNumber(b)).toBe(a < b);
      }),
      { numRuns: 1000 },
    );
  });

  it('addDays is Temporal inside the calendar and a RangeError outside, never a date outside it', () => {
    fc.assert(
      fc.property(anyDay, anyShift, (n, days) => {
        const date = fromDayNumber(n);
        const expected = temporalOf(n + days);
        const within = addDaysWithin(date, days);
        if (inCalendar(expected)) {
          expect(addDays(date, days)).toBe(expected.toString());
          expect(within).toBe(expected.toString());
        } else {
          expect(() => addDays(date, days)).toThrow(RangeError);
          expect(within).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('addMonths is Temporal (constrained) inside the calendar and a RangeError outside', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: -130_000, max: 130_000 }), (n, months) => {
        const start = temporalOf(n);
        const date = start.toString();
        const total = start.year * 12 + start.month - 1 + months;
        const year = Math.floor(total / 12);
        if (year >= 1 && year <= 9999) {
          const expected = Temporal.PlainDate.from(
            { year, month: total - year * 12 + 1, day: start.day },
            { overflow: 'constrain' },
          ).toString();
          expect(addMonths(date, months)).toBe(expected);
          expect(addMonthsWithin(date, months)).toBe(expected);
        } else {
          expect(() => addMonths(date, months)).toThrow(RangeError);
          expect(addMonthsWithin(date, months)).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('daysBetween over the whole range is the difference of day numbers', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (a, b) => {
        expect(daysBetween(fromDayNumber(a), fromDayNumber(b))).toBe(b - a);
      }),
      { numRuns: 500 },
    );
  });

  it('partial dates at the ends stay inside the calendar', () => {
    expect(parsePartialDate('9999')).toMatchObject({ earliest: '9999-01-01', latest: '9999-12-31' });
    expect(parsePartialDate('0001-01')).toMatchObject({ earliest: '0001-01-01', latest: '0001-01-31' });
    expect(parsePartialDate('10000')).toBeNull();
    expect(parsePartialDate('10000-01-01')).toBeNull();
  });
});
