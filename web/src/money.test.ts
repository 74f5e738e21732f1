import { describe, expect, it } from 'vitest';
import { compareDecimals, formatDecimal, formatMoney, subtractDecimals, sumDecimals } from './money.ts';

describe('amounts from their decimal strings', () => {
  it('groups the digits of the string itself, in the interface language', () => {
    expect(formatDecimal('269978.40', 'en-GB')).toBe('269,978.40');
    expect(formatDecimal('269978.40', 'fr-FR')).toBe('269\u202f978,40');
    expect(formatDecimal('15125000', 'en-GB')).toBe('15,125,000');
    expect(formatDecimal('30750.125', 'en-GB')).toBe('30,750.125');
    // Beyond what a float holds exactly: every digit kept.
    expect(formatDecimal('9007199254740993.01', 'en-GB')).toBe('9,007,199,254,740,993.01');
    expect(formatDecimal('-0.50', 'en-GB')).toBe('-0.50');
    expect(formatDecimal('-0.00', 'en-GB')).toBe('0.00');
    expect(formatDecimal('1,000', 'en-GB')).toBe('1,000');
    expect(formatMoney('250000.00', 'EUR', 'en-GB')).toBe('250,000.00\u00a0EUR');
  });

  it('adds and compares exactly, never through a float', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(['250000.00', '250000.00', '0'], 0)).toBe('500000.00');
    expect(sumDecimals(['12.5', '0.125'])).toBe('12.625');
    expect(sumDecimals([])).toBe('0.00');
    expect(sumDecimals(['9007199254740993.01', '0.01'])).toBe('9007199254740993.02');
    expect(subtractDecimals('269978.40', '269978.41')).toBe('-0.01');
    expect(compareDecimals('500000', '500000.00')).toBe(0);
    expect(compareDecimals('0.1', '0.09')).toBe(1);
  });
});
