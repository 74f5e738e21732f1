// Money, table-driven and by property: decimal strings ⇄ integer minor units for currencies of 0, 2 and 3
// decimals (JPY, USD, KWD), refusals, half-even division, conversion to US cents, allocate() and percentOf().
// No float may sit between parse and format: 16-digit amounts (beyond what a double holds exactly) must
// round-trip digit for digit.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/common/errors.ts';
import {
  allocate,
  divideHalfEven,
  formatAmount,
  MAX_MINOR,
  parseAmount,
  parseDecimal,
  percentOf,
  toUsdMinor,
} from '../../../src/funds/domain/money.ts';

const JPY = 0;
const USD = 2;
const KWD = 3;

/** The DomainError `f` throws (or a failure when it throws none). */
function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('parseAmount and formatAmount', () => {
  it.each([
    ['0', JPY, 0n, '0'],
    ['1500', JPY, 1500n, '1500'],
    ['15125000', JPY, 15125000n, '15125000'],
    ['0', USD, 0n, '0.00'],
    ['0.05', USD, 5n, '0.05'],
    ['1234.5', USD, 123450n, '1234.50'],
    ['1234.50', USD, 123450n, '1234.50'],
    ['007.50', USD, 750n, '7.50'],
    ['-5.00', USD, -500n, '-5.00'],
    ['-0.05', USD, -5n, '-0.05'],
    ['0.125', KWD, 125n, '0.125'],
    ['12.5', KWD, 12500n, '12.500'],
    ['30750.125', KWD, 30750125n, '30750.125'],
    ['9007199254740991', JPY, MAX_MINOR, '9007199254740991'],
    ['90071992547409.91', USD, MAX_MINOR, '90071992547409.91'],
    ['9007199254740.991', KWD, MAX_MINOR, '9007199254740.991'],
  ] as const)('%s with %i decimals = %s minor units, formatted %s', (text, units, minor, formatted) => {
    expect(parseAmount(text, units)).toBe(minor);
    expect(formatAmount(minor, units)).toBe(formatted);
  });

  it.each([
    ['100.5', JPY, /no decimals; "100.5" has 1/],
    ['1.005', USD, /2 decimals; "1.005" has 3/],
    ['0.0001', KWD, /3 decimals; "0.0001" has 4/],
  ] as const)('refuses %s for a currency of %i decimals rather than rounding', (text, units, message) => {
    const e = refusal(() => parseAmount(text, units, 'amount'));
    expect(e.code).toBe('validation');
    expect(e.field).toBe('amount');
    expect(e.message).toMatch(message);
  });

  it.each([
    ['9007199254740992', JPY],
    ['90071992547409.92', USD],
    ['9007199254740.992', KWD],
    ['-9007199254740992', JPY],
    ['9223372036854775808', JPY], // 2^63
    ['99999999999999999999', USD],
  ] as const)('refuses %s (%i decimals): beyond 2^53 − 1 minor units', (text, units) => {
    expect(refusal(() => parseAmount(text, units)).message).toMatch(/too large/);
  });

  it.each(['', ' 1', '1 ', '1e5', 'NaN', 'Infinity', '+1', '.5', '5.', '1,000.00', '0x10', '١٢٣', '1_000'])(
    'refuses %j: not a decimal amount',
    (text) => {
      const e = refusal(() => parseAmount(text, USD, 'instalments[0].amount'));
      expect(e.code).toBe('validation');
      expect(e.field).toBe('instalments[0].amount');
    },
  );

  const digits = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

  it('round-trips any amount of up to 16 digits exactly, in every scale (no float on the way)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(JPY, USD, KWD),
        digits(1, 16),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (units, all, fractionLength, negative) => {
          const f = Math.min(units, fractionLength, all.length - 1);
          const whole = all.slice(0, all.length - f);
          const fraction = all.slice(all.length - f);
          const text = `${negative ? '-' : ''}${whole}${f > 0 ? `.${fraction}` : ''}`;
          // The exact value, by string arithmetic only: the digits, padded to the currency's scale.
          const exact = BigInt(whole + fraction.padEnd(units, '0')) * (negative ? -1n : 1n);
          if (exact > MAX_MINOR || exact < -MAX_MINOR) {
            expect(refusal(() => parseAmount(text, units)).message).toMatch(/too large/);
            return;
          }
          const minor = parseAmount(text, units);
          expect(minor).toBe(exact);
          const out = formatAmount(minor, units);
          expect(parseAmount(out, units)).toBe(minor);
          // The canonical text: no leading zeros, exactly `units` decimals, "-" only when not zero.
          const w = whole.replace(/^0+(?=\d)/, '');
          const canonical = `${w}${units > 0 ? `.${fraction.padEnd(units, '0')}` : ''}`;
          expect(out).toBe(exact === 0n ? canonical.replace(/^-/, '') : `${negative ? '-' : ''}${canonical}`);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keeps 16 significant digits exactly, where a double would round them', () => {
    expect(Number('9007199254740993')).toBe(9007199254740992);
    expect(formatAmount(parseAmount('9007199254740.991', KWD), KWD)).toBe('9007199254740.991');
    expect(formatAmount(parseAmount('1234567890123.457', KWD), KWD)).toBe('1234567890123.457');
  });

  it('the money module uses no float arithmetic (no parseFloat, Number(), Math, toFixed)', () => {
    const source = readFileSync(new URL('../../../src/funds/domain/money.ts', import.meta.url), 'utf8');
    const code = source.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(code).not.toMatch(/parseFloat|parseInt|Number\(|Math\.|toFixed|toPrecision|\/ 100\b/);
  });
});

describe('divideHalfEven', () => {
  it.each([
    [0n, 5n, 0n],
    [10n, 5n, 2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [5n, 2n, 2n], // 2.5 → 2
    [7n, 2n, 4n], // 3.5 → 4
    [10n, 4n, 2n], // 2.5 → 2
    [14n, 4n, 4n], // 3.5 → 4
    [15n, 4n, 4n], // 3.75 → 4
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [-2n, 3n, -1n],
    [-1n, 3n, 0n],
    [MAX_MINOR * 100n, 3n, 300239975158033033n],
  ])('%i / %i = %i', (n, d, q) => {
    expect(divideHalfEven(n, d)).toBe(q);
  });

  it.each([0n, -1n])('refuses the denominator %i', (d) => {
    expect(() => divideHalfEven(1n, d)).toThrow(RangeError);
  });

  it('is within half a unit of the exact quotient, ties to even', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = divideHalfEven(n, d);
          const diff2 = (n - q * d) * 2n; // 2 × (exact − q) × d
          expect(diff2 <= d && diff2 >= -d).toBe(true);
          if (diff2 === d || diff2 === -d) expect(q % 2n).toBe(0n);
        },
      ),
    );
  });
});

describe('parseDecimal and toUsdMinor', () => {
  it.each([
    // amount, decimals, rate → US cents (rate: units of the currency for one US dollar)
    [25000000n, USD, '0.926', 26997840n], // 250,000.00 EUR → 269,978.40 USD
    [15125000n, JPY, '151.25', 10000000n], // 15,125,000 JPY → 100,000.00 USD
    [30750125n, KWD, '0.3075', 10000041n], // 30,750.125 KWD → 100,000.4065 → 100,000.41
    [123456n, USD, '1', 123456n],
    [1n, USD, '2', 0n], // 0.5 cent → 0 (even)
    [3n, USD, '2', 2n], // 1.5 cents → 2 (even)
    [1n, JPY, '151.25', 1n], // 0.661 cent → 1
    [1n, KWD, '0.3075', 0n], // 0.325 cent → 0
    [MAX_MINOR, JPY, '0.0000000001', 9007199254740991000000000000n], // no overflow: bigint all along
  ] as const)('%i minor units (%i decimals) at %s = %i US cents', (amount, units, rate, cents) => {
    expect(toUsdMinor(amount, units, parseDecimal(rate, 'rate'))).toBe(cents);
  });

  it.each(['0', '0.000', '-1', '1e3', 'NaN', '1.12345678901', '1234567890123456'])(
    'parseDecimal refuses %j',
    (text) => {
      expect(refusal(() => parseDecimal(text, 'rate')).field).toBe('rate');
    },
  );
});

describe('allocate', () => {
  const cases: Array<[bigint, bigint[], bigint[]]> = [
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [-100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
    [5n, [0n, 1n], [0n, 5n]],
    [1n, [1n, 1n], [1n, 0n]], // ties go to the earlier weight
    [10n, [3n, 7n], [3n, 7n]],
    [0n, [2n, 5n], [0n, 0n]],
    [101n, [50n, 25n, 25n], [51n, 25n, 25n]],
  ];
  it.each(cases.map(([t, w, p]) => [`allocate(${t}, [${w}]) = [${p}]`, t, w, p] as const))(
    '%s',
    (_n, total, weights, parts) => {
      expect(allocate(total, weights)).toEqual(parts);
    },
  );

  it.each([[], [0n], [0n, 0n], [-1n, 2n]].map((w) => [`[${w}]`, w] as const))(
    'refuses the weights %s',
    (_n, weights) => {
      expect(() => allocate(100n, weights)).toThrow(RangeError);
    },
  );

  it('parts always sum exactly to the total, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -MAX_MINOR, max: MAX_MINOR }),
        fc
          .array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = allocate(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((p, i) => {
            const exactTimesSum = total * (weights[i] as bigint); // exact share × sum
            const gap = p * sum - exactTimesSum;
            expect(gap < sum && gap > -sum).toBe(true);
            if (weights[i] === 0n) expect(p).toBe(0n);
          });
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('percentOf', () => {
  it.each([
    [10000000n, 1300, 1300000n], // 13% of 100,000.00
    [10000000n, 800, 800000n],
    [1n, 1300, 0n], // 0.13 cent → 0
    [50n, 1300, 6n], // 6.5 → 6 (even)
    [150n, 1300, 20n], // 19.5 → 20 (even)
    [12345n, 0, 0n],
    [12345n, 10000, 12345n],
    [-150n, 1300, -20n],
  ])('%i × %i bp = %i', (amount, bp, out) => {
    expect(percentOf(amount, bp)).toBe(out);
  });
});
