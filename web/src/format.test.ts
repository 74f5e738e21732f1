import { describe, expect, it } from 'vitest';
import { formatDate, isolated } from './format.ts';

describe('formatDate', () => {
  it("writes dates in the reader's language, keeping partial dates partial", () => {
    expect(formatDate('2003-09-29', 'en-GB')).toBe('29 September 2003');
    expect(formatDate('2003-09', 'fr-FR')).toBe('septembre 2003');
    expect(formatDate('2003', 'en-GB')).toBe('2003');
  });

  it("shows the calendar's ends as they are (years below 100 were shown as 19xx)", () => {
    expect(formatDate('0050-03-01', 'en-GB')).toBe('1 March 50');
    expect(formatDate('0001-01-01', 'en-GB')).toBe('1 January 1');
    expect(formatDate('9999-12-31', 'en-GB')).toBe('31 December 9999');
  });
});

describe('isolated', () => {
  it('sets a value apart in right-to-left text only', () => {
    expect(isolated('29 September 2003', false)).toBe('29 September 2003');
    expect(isolated('1,234.5', true)).toBe('\u20681,234.5\u2069');
  });
});
