// The canonical serialization behind a report's data fingerprint: stable under key order, exact for
// bigints, and refusing what has no single canonical text (floats, Dates); ids written as compact ranges.
import { describe, expect, it } from 'vitest';
import {
  canonicalText,
  combineFingerprints,
  fingerprintOf,
  idRanges,
  type Canonical,
} from '../../src/reports/services/fingerprint.ts';

describe('canonical text', () => {
  it('sorts object keys and keeps array order', () => {
    expect(canonicalText({ b: 1, a: [2, 1], c: { y: null, x: true } })).toBe(
      '{"a":[2,1],"b":1,"c":{"x":true,"y":null}}',
    );
    expect(fingerprintOf({ a: 1, b: 'x' })).toBe(fingerprintOf({ b: 'x', a: 1 }));
    expect(fingerprintOf([1, 2])).not.toBe(fingerprintOf([2, 1]));
  });

  it('tells a bigint from a number and a string', () => {
    expect(canonicalText(12n)).toBe('12n');
    expect(new Set([fingerprintOf(12n), fingerprintOf(12), fingerprintOf('12')]).size).toBe(3);
  });

  it('refuses floats, non-finite numbers, Dates and undefined', () => {
    expect(() => canonicalText(1.5)).toThrow(TypeError);
    expect(() => canonicalText(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalText(new Date(0) as unknown as Canonical)).toThrow(TypeError);
    expect(() => canonicalText({ a: undefined } as unknown as Canonical)).toThrow(TypeError);
  });

  it('is SHA-256 in hex, and a combination of parts depends on every part', () => {
    expect(fingerprintOf('')).toBe('12ae32cb1ec02d01eda3581b127c1fee3b0dc53572ed6baf239721a03d82e126');
    const a = combineFingerprints({ registry: 'r1', fund: 'f1' });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(combineFingerprints({ registry: 'r1', fund: 'f2' })).not.toBe(a);
  });
});

describe('id ranges', () => {
  it.each([
    [[], 'none'],
    [[7], '7'],
    [[7, 1, 2, 3, 3], '1-3,7'],
    [[10, 11, 13, 14, 15, 20], '10-11,13-15,20'],
  ])('%j → %s', (ids, text) => {
    expect(idRanges(ids)).toBe(text);
  });
});
