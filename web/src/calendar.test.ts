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
