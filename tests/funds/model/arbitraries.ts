// The world every random history starts from, and the steps it is made of: pledge (multi-year instalments),
// pay (four currencies, against a pledge or not), define an earmark, allocate (to purposes that do and do not
// fit the earmark), spend, release, refund, transfer, reverse, interest, and pledge events. Amounts are often
// a share of what the source account holds, so that steps succeed as well as get refused.
import fc from 'fast-check';
import type { EarmarkInput } from '../../../src/funds/contract.ts';

/** The fixed world every run starts from (created once, in createModelStore). */
export const DONORS = ['PA', 'PB'] as const;
export const BASE_EARMARKS = ['GENERAL', 'P-TIP-AF', 'P-NGA', 'P-PRJ'] as const;
export const MODEL_MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
export const MODEL_EARMARKS: EarmarkInput[] = [
  {
    id: 'P-TIP-AF',
    name: 'TIP, Africa',
    purpose: 'special',
    iatiCategory: 3,
    instrumentId: 'TIP',
    region: 'Africa',
  },
  { id: 'P-NGA', name: 'Nigeria', purpose: 'special', iatiCategory: 4, countryId: 'NGA' },
  { id: 'P-PRJ', name: 'Project PRJ-1', purpose: 'special', iatiCategory: 4, projectRef: 'PRJ-1' },
];
export const CURRENCIES: ReadonlyArray<[string, number]> = [
  ['USD', 2],
  ['EUR', 2],
  ['JPY', 0],
  ['KWD', 3],
];
/** Purposes: the first fits every earmark above, the others fewer and fewer. */
export const PURPOSES = [
  { kind: 'project', ref: 'PRJ-1', instrumentId: 'TIP', countryId: 'NGA' },
  { kind: 'project', ref: 'PRJ-2', instrumentId: 'TIP', countryId: 'GHA' },
  { kind: 'event', ref: 'EVT-1', instrumentId: 'UNTOC', countryId: 'VNM' },
  { kind: 'other', ref: 'OTH-1' },
] as const;
export const NEW_EARMARKS: Array<Partial<EarmarkInput>> = [
  { region: 'Africa' },
  { instrumentId: 'UNTOC' },
  { countryId: 'GHA' },
  { theme: 'victims' },
];

/** Minor units; or a percentage (1-100) of what the source account holds; or all of it. */
export type Amount = bigint | number | 'all';
export type Action =
  | {
      t: 'pledge';
      donor: number;
      earmark: number;
      currency: number;
      minor: bigint;
      years: number;
      day: number;
    }
  | {
      t: 'pay';
      donor: number;
      pledge: number | null;
      earmark: number;
      currency: number;
      minor: bigint | 'all';
      day: number;
    }
  | { t: 'earmark'; targets: number }
  | {
      t: 'allocate';
      donor: number;
      earmark: number;
      funded: boolean;
      purpose: number;
      psc: string | null;
      minor: Amount;
      day: number;
    }
  | { t: 'spend' | 'release'; allocation: number; minor: Amount; day: number }
  | { t: 'refund'; donor: number; earmark: number; funded: boolean; minor: Amount; day: number }
  | { t: 'transfer'; donor: number; from: number; to: number; funded: boolean; minor: Amount; day: number }
  | { t: 'reverse'; tx: number }
  | { t: 'interest'; earmark: number; minor: bigint; day: number }
  | { t: 'pledgeEvent'; pledge: number; kind: 'agreement' | 'write_off' | 'close'; minor: bigint | null };

const idx = fc.nat({ max: 50 });
/** Mostly take money from a line that holds some (the donor and earmark indices then pick among those). */
const funded = fc.oneof(
  { weight: 4, arbitrary: fc.constant(true) },
  { weight: 1, arbitrary: fc.constant(false) },
);
const day = fc.integer({ min: 0, max: 180 });
/** A payment: an amount, or all that is outstanding on its pledge. */
const payment = (max: bigint): fc.Arbitrary<bigint | 'all'> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: 1n, max }) },
    { weight: 1, arbitrary: fc.constant('all' as const) },
  );
const amount = (max: bigint): fc.Arbitrary<Amount> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.bigInt({ min: 1n, max }) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 100 }) },
    { weight: 1, arbitrary: fc.constant('all' as const) },
  );

/** A payment without a pledge: how most histories start, so that later steps have money to move. */
export const openingPaymentArb: fc.Arbitrary<Action> = fc.record({
  t: fc.constant('pay' as const),
  donor: fc.nat({ max: 1 }),
  pledge: fc.constant(null),
  earmark: fc.nat({ max: BASE_EARMARKS.length - 1 }),
  currency: fc.nat({ max: 3 }),
  minor: fc.bigInt({ min: 100_000n, max: 10_000_000n }),
  day: fc.integer({ min: 0, max: 60 }),
});

/** An allocation: of any line, to any purpose (some do not fit the earmark). */
export const allocateArb: fc.Arbitrary<Action> = fc.record({
  t: fc.constant('allocate' as const),
  donor: fc.nat({ max: 2 }),
  earmark: idx,
  funded,
  purpose: fc.constantFrom(0, 0, 0, 1, 2, 3),
  psc: fc.constantFrom(null, '0', '13', '7.5'),
  minor: amount(3_000_000n),
  day,
});

/** An allocation that can succeed: part of a funded line, to the purpose that fits every earmark. */
export const openingAllocationArb: fc.Arbitrary<Action> = fc.record({
  t: fc.constant('allocate' as const),
  donor: fc.nat({ max: 2 }),
  earmark: idx,
  funded: fc.constant(true),
  purpose: fc.constant(0),
  psc: fc.constantFrom(null, '0', '13', '7.5'),
  minor: fc.integer({ min: 10, max: 90 }),
  day: fc.integer({ min: 60, max: 90 }),
});

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('pledge' as const),
      donor: fc.nat({ max: 1 }),
      earmark: idx,
      currency: fc.nat({ max: 3 }),
      minor: fc.bigInt({ min: 1n, max: 10_000_000n }),
      years: fc.integer({ min: 1, max: 3 }),
      day,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('pay' as const),
      donor: fc.nat({ max: 1 }),
      pledge: fc.option(idx, { nil: null }),
      earmark: idx,
      currency: fc.nat({ max: 3 }),
      minor: payment(10_000_000n),
      day,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('pay' as const),
      donor: fc.nat({ max: 1 }),
      pledge: fc.constant(null),
      earmark: idx,
      currency: fc.constant(0),
      minor: payment(5_000_000n),
      day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('earmark' as const),
      targets: fc.nat({ max: NEW_EARMARKS.length - 1 }),
    }),
  },
  {
    weight: 3,
    arbitrary: allocateArb,
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constantFrom('spend' as const, 'release' as const),
      allocation: idx,
      minor: amount(1_500_000n),
      day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('refund' as const),
      donor: fc.nat({ max: 2 }),
      earmark: idx,
      funded,
      minor: amount(1_000_000n),
      day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('transfer' as const),
      donor: fc.nat({ max: 2 }),
      from: idx,
      to: idx,
      funded,
      minor: amount(1_000_000n),
      day,
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reverse' as const), tx: idx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('interest' as const),
      earmark: idx,
      minor: fc.bigInt({ min: 1n, max: 100_000n }),
      day,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('pledgeEvent' as const),
      pledge: idx,
      kind: fc.constantFrom('agreement' as const, 'write_off' as const, 'close' as const),
      minor: fc.option(fc.bigInt({ min: 1n, max: 5_000_000n }), { nil: null }),
    }),
  },
);
