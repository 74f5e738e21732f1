// All money arithmetic lives here. Amounts are integers of minor units (bigint) with an ISO 4217 code; the
// number of decimals comes from the currency table, never from an assumption of two (JPY has 0, KWD 3).
// Decimal strings are the only form on the wire and in files. There is no float anywhere between parsing
// and formatting, and one rounding rule: half to even ("banker's rounding").
import { DomainError } from '../../common/errors.ts';

export interface Money {
  currency: string;
  /** Minor units: cents for USD, yen for JPY, fils (1/1000) for KWD. */
  minor: bigint;
}

export interface Currency {
  code: string;
  name: string;
  /** ISO 4217 "minor unit": the number of decimals. */
  minorUnits: number;
}

/** Amounts and balances stay within what both stores and JSON readers hold exactly (2^53 − 1). */
export const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal string ("1234.50") into minor units of a currency with `minorUnits` decimals. More
 * decimals than the currency has are refused rather than rounded: "0.005" is not an amount of dollars.
 */
export function parseAmount(text: string, minorUnits: number, field = 'amount'): bigint {
  const m = DECIMAL.exec(text);
  if (!m) {
    throw new DomainError('validation', `"${text}" is not a decimal amount such as 1250.00`, { field });
  }
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length > minorUnits) {
    throw new DomainError(
      'validation',
      minorUnits === 0
        ? `this currency has no decimals; "${text}" has ${fraction.length}`
        : `this currency has ${minorUnits} decimals; "${text}" has ${fraction.length}`,
      { field },
    );
  }
  const minor = BigInt((whole as string) + fraction.padEnd(minorUnits, '0')) * (sign ? -1n : 1n);
  if (minor > MAX_MINOR || minor < -MAX_MINOR) {
    throw new DomainError('validation', `"${text}" is too large an amount`, { field });
  }
  return minor;
}

/** Formats minor units as a decimal string with exactly the currency's decimals ("1234.50", "1500", "0.125"). */
export function formatAmount(minor: bigint, minorUnits: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(minorUnits + 1, '0');
  const whole = minorUnits === 0 ? digits : digits.slice(0, -minorUnits);
  const fraction = minorUnits === 0 ? '' : `.${digits.slice(-minorUnits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** numerator / denominator rounded half to even; the denominator must be positive. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const r = n % denominator;
  const twice = r * 2n;
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** A positive decimal number kept exactly as an integer over a power of ten ("151.2345" = 1512345 / 10^4). */
export interface Decimal {
  units: bigint;
  scale: number;
}

export function parseDecimal(text: string, field: string): Decimal {
  const m = DECIMAL.exec(text);
  if (!m || m[1])
    throw new DomainError('validation', `"${text}" is not a positive decimal number`, { field });
  const fraction = m[3] ?? '';
  if (fraction.length > 10 || (m[2] as string).length > 15) {
    throw new DomainError('validation', `"${text}" has too many digits`, { field });
  }
  const units = BigInt((m[2] as string) + fraction);
  if (units === 0n) throw new DomainError('validation', `a rate of zero is not a rate`, { field });
  return { units, scale: fraction.length };
}

/**
 * Converts an amount into US dollars at a UN operational rate of exchange, which is quoted as units of the
 * currency for one US dollar: usd = amount / rate, in cents, rounded half to even.
 * amount_minor / 10^d currency units ÷ (units / 10^s) per USD × 100 cents = amount_minor × 100 × 10^s / (10^d × units).
 */
export function toUsdMinor(amountMinor: bigint, minorUnits: number, rate: Decimal): bigint {
  const numerator = amountMinor * 100n * 10n ** BigInt(rate.scale);
  const denominator = 10n ** BigInt(minorUnits) * rate.units;
  return divideHalfEven(numerator, denominator);
}

/**
 * Splits `total` into parts proportional to `weights` so that the parts always add up to exactly `total`
 * (largest remainder method; ties go to the earlier weight). Weights are non-negative and not all zero.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (weights.length === 0 || sum <= 0n || weights.some((w) => w < 0n)) {
    throw new RangeError('weights must be non-negative and not all zero');
  }
  const negative = total < 0n;
  const t = negative ? -total : total;
  const parts = weights.map((w) => (t * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * w) % sum }));
  let left = t - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

/** A rate in basis points (1300 = 13%) applied to an amount, rounded half to even. */
export function percentOf(amountMinor: bigint, basisPoints: number): bigint {
  return divideHalfEven(amountMinor * BigInt(basisPoints), 10_000n);
}
