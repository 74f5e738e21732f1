// Illustrative monthly rates for the demo: a seeded random walk from an invented starting figure, at most a
// little over one per cent a month and never far from where it started. They are labelled ILLUSTRATIVE
// wherever they are stored or shown: they are not the UN operational rates of exchange.
import { addMonths } from '../../common/dates.ts';
import { divideHalfEven, formatAmount } from '../domain/money.ts';
import { BASE_RATES, DEMO_FROM, DEMO_TO } from './profiles.ts';
import type { Prng } from './prng.ts';

export interface DemoRate {
  currency: string;
  month: string;
  rate: string;
}

/** Every month of the demo, oldest first: 2021-01 … 2026-06. */
export function demoMonths(): string[] {
  const months: string[] = [];
  for (let day = DEMO_FROM; day <= DEMO_TO; day = addMonths(day, 1)) months.push(day.slice(0, 7));
  return months;
}

export function demoRates(prng: Prng, currencies: readonly string[]): DemoRate[] {
  const out: DemoRate[] = [];
  for (const currency of [...currencies].sort()) {
    const base = BASE_RATES[currency];
    if (!base) throw new Error(`the demo has no starting rate for ${currency}`);
    const low = (base.units * 80n) / 100n;
    const high = (base.units * 135n) / 100n;
    let units = base.units;
    for (const month of demoMonths()) {
      out.push({ currency, month, rate: formatAmount(units, base.scale) });
      units = divideHalfEven(units * BigInt(10_000 + prng.int(-120, 140)), 10_000n);
      if (units < low) units = low;
      if (units > high) units = high;
    }
  }
  return out;
}
