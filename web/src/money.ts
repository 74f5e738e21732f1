// Amounts as the fund ledger sends them: decimal strings in the currency's own decimals ("269978.40",
// "15125000", "30750.125"). They are never turned into JavaScript numbers for arithmetic: sums are made on
// BigInt, and display groups the digits of the string itself with Intl (which formats a BigInt exactly).
// Only a chart's geometry (the height of a bar) uses a float, and no figure is read back from it.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Parsed {
  negative: boolean;
  whole: string;
  fraction: string;
}

function parse(text: string): Parsed | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  return { negative: Boolean(m[1]), whole: m[2] as string, fraction: m[3] ?? '' };
}

const groupers = new Map<string, { whole: Intl.NumberFormat; decimal: string; minus: string }>();

function grouper(locale: string) {
  let g = groupers.get(locale);
  if (!g) {
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const parts = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).formatToParts(-1.5);
    g = {
      whole,
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      minus: parts.find((p) => p.type === 'minusSign')?.value ?? '-',
    };
    groupers.set(locale, g);
  }
  return g;
}

/**
 * "269978.40" → "269,978.40" (en-GB) or "269 978,40" (fr-FR): every digit of the string kept, the whole
 * part grouped by Intl from a BigInt. Text that is not a decimal is shown as it is.
 */
export function formatDecimal(text: string, locale: string): string {
  const p = parse(text);
  if (!p) return text;
  const g = grouper(locale);
  const whole = g.whole.format(BigInt(p.whole));
  const negative = p.negative && /[1-9]/.test(p.whole + p.fraction);
  return `${negative ? g.minus : ''}${whole}${p.fraction ? g.decimal + p.fraction : ''}`;
}

/** "269978.40", "USD" → "269,978.40 USD": the code, never a symbol that could be read as another currency. */
export function formatMoney(amount: string, currency: string, locale: string): string {
  return `${formatDecimal(amount, locale)}\u00a0${currency}`;
}

/** A decimal string as an integer of units of 10^-scale: ("12.5", 2) → 1250n. */
function scaled(text: string, scale: number): bigint {
  const p = parse(text);
  if (!p) throw new Error(`not a decimal amount: ${text}`);
  const value = BigInt(p.whole + p.fraction.padEnd(scale, '0').slice(0, scale));
  return p.negative ? -value : value;
}

function decimals(text: string): number {
  return parse(text)?.fraction.length ?? 0;
}

function unscale(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  return `${negative ? '-' : ''}${whole}${scale === 0 ? '' : `.${digits.slice(-scale)}`}`;
}

/** The exact sum of decimal strings, with as many decimals as the most precise of them ("0.00" for none). */
export function sumDecimals(values: readonly string[], minScale = 2): string {
  const scale = Math.max(minScale, ...values.map(decimals));
  return unscale(
    values.reduce((sum, v) => sum + scaled(v, scale), 0n),
    scale,
  );
}

/** a − b, exactly. */
export function subtractDecimals(a: string, b: string): string {
  const scale = Math.max(decimals(a), decimals(b));
  return unscale(scaled(a, scale) - scaled(b, scale), scale);
}

/** Compares two decimal strings exactly: negative, zero or positive. */
export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(decimals(a), decimals(b));
  const d = scaled(a, scale) - scaled(b, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isZero(text: string): boolean {
  return compareDecimals(text, '0') === 0;
}

/** For drawing only (a bar's length): never used to compute a figure that is shown. */
export function toPlotValue(text: string): number {
  return Number(text);
}
