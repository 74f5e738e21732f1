import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, lastDayOfMonth, monthEnd, monthIndex } from './calendar.ts';

describe('calendar arithmetic for the date controls', () => {
  it('month indexes and month ends, never after today', () => {
    expect(monthIndex('2000-12-12')).toBe(2000 * 12 + 11);
    expect(monthEnd(monthIndex('2024-02-10'), '2026-06-30')).toBe('2024-02-29');
    expect(monthEnd(monthIndex('2023-02-10'), '2026-06-30')).toBe('2023-02-28');
    expect(monthEnd(monthIndex('2026-06-10'), '2026-06-15')).toBe('2026-06-15');
    expect(lastDayOfMonth(2100, 2)).toBe(28);
  });

  it('days: the 90th day after 1 July 2003 is 29 September 2003', () => {
    expect(addDays('2003-07-01', 90)).toBe('2003-09-29');
    expect(fromDayNumber(dayNumber('1999-12-31') + 1)).toBe('2000-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('the calendar ends', () => {
  it('years below 100 are not read as 1900-1999', () => {
    expect(dayNumber('0050-03-01') - dayNumber('0050-02-28')).toBe(1);
    expect(fromDayNumber(dayNumber('0001-01-01'))).toBe('0001-01-01');
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('nothing past 9999-12-31', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});
