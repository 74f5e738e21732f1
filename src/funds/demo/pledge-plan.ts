// The demo's pledges and the payments made against them, planned up front from the seed (pure: no I/O).
// Annual donors pledge most years and pay within weeks of the due date; multi-year donors sign an agreement
// (with its support cost rate) for three years and pay yearly instalments; occasional donors give now and then.
// A few fates are fixed so that every demo shows them: an overdue instalment (Japan, 2026), an unpaid pledge
// (Republic of Korea, 2025), a payment recorded twice and reversed (Germany, 2022), and a foundation's
// pledge whose second instalment is written off.
import { addDays } from '../../common/dates.ts';
import type { SourceOfFunds } from '../repository.ts';
import { allocate } from '../domain/money.ts';
import { BASE_RATES, DEMO_TO, DONORS, LABEL, type DemoDonor, type DemoLine } from './profiles.ts';
import type { Prng } from './prng.ts';

export interface PlannedPayment {
  on: string;
  /** Minor units of the pledge's currency. */
  amount: bigint;
  /** Recorded a second time by mistake on the same day, and reversed on `reverseOn`. */
  duplicate?: { reverseOn: string; reason: string };
}

export interface PlannedPledge {
  donorId: string;
  earmarkId: string;
  currency: string;
  minorUnits: number;
  pledgedOn: string;
  amount: bigint;
  periodFrom: string | null;
  periodTo: string | null;
  instalments: Array<{ dueOn: string; amount: bigint }>;
  agreement: { on: string; reference: string; pscPercent: string } | null;
  sourceOfFunds: SourceOfFunds;
  conditions: string | null;
  documentRef: string;
  payments: PlannedPayment[];
  writeOff: { on: string; note: string } | null;
}

const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
const pad = (n: number) => String(n).padStart(2, '0');
const day = (prng: Prng, year: number, fromMonth: number, toMonth: number) =>
  `${year}-${pad(prng.int(fromMonth, toMonth))}-${pad(prng.int(1, 28))}`;

/** What a line pledges, in minor units of the donor's currency: a whole multiple of `unit` major units. */
function pledgeAmount(prng: Prng, sizeK: number, currency: string, minorUnits: number, unit: bigint): bigint {
  const usd = BigInt(sizeK) * 1000n * BigInt(prng.int(80, 120));
  const base = BASE_RATES[currency] ?? { units: 1n, scale: 0 };
  const major = (usd * base.units) / 100n / 10n ** BigInt(base.scale);
  const rounded = major - (major % unit);
  return (rounded > 0n ? rounded : unit) * 10n ** BigInt(minorUnits);
}

/** Payments for one instalment: one, or now and then two; none when the money would come after the demo ends. */
function paymentsFor(
  prng: Prng,
  due: string,
  amount: bigint,
  after: string,
  lateness: number,
): PlannedPayment[] {
  let on = addDays(due, prng.int(-20, lateness));
  if (on <= after) on = addDays(after, 1);
  if (on > DEMO_TO) return [];
  if (!prng.chance(15)) return [{ on, amount }];
  const first = (amount * BigInt(prng.int(40, 70))) / 100n;
  const second = addDays(on, prng.int(20, 50));
  return second > DEMO_TO || first === 0n
    ? [{ on, amount: first }]
    : [
        { on, amount: first },
        { on: second, amount: amount - first },
      ];
}

function pledge(
  donor: DemoDonor,
  l: DemoLine,
  minorUnits: number,
  fields: Pick<PlannedPledge, 'pledgedOn' | 'amount' | 'periodFrom' | 'periodTo' | 'instalments'>,
): PlannedPledge {
  const code = donor.id.slice('DEMO-'.length);
  return {
    donorId: donor.id,
    earmarkId: l.earmarkId,
    currency: donor.currency,
    minorUnits,
    ...fields,
    agreement: null,
    sourceOfFunds: l.confiscated ? 'confiscated_proceeds' : 'voluntary',
    conditions: l.confiscated
      ? `Value of confiscated proceeds of crime (Convention art. 14(3)(a)) ${LABEL}`
      : null,
    documentRef: `DEMO-PLEDGE-${code}-${fields.pledgedOn.slice(0, 4)}-${l.earmarkId} ${LABEL}`,
    payments: [],
    writeOff: null,
  };
}

/** A one-year pledge with a single instalment: annual donors from January to April, occasional ones later. */
function single(prng: Prng, donor: DemoDonor, l: DemoLine, minorUnits: number, year: number): PlannedPledge {
  const annual = l.pattern === 'annual';
  const pledgedOn = annual ? day(prng, year, 1, 4) : day(prng, year, 3, 10);
  const amount = pledgeAmount(prng, l.sizeK, donor.currency, minorUnits, 1000n);
  const dueOn = addDays(pledgedOn, annual ? 90 : 60);
  const p = pledge(donor, l, minorUnits, {
    pledgedOn,
    amount,
    periodFrom: annual ? `${year}-01-01` : null,
    periodTo: annual ? `${year}-12-31` : null,
    instalments: [{ dueOn, amount }],
  });
  p.payments = paymentsFor(prng, dueOn, amount, pledgedOn, annual ? 75 : 45);
  return p;
}

function multiYear(
  prng: Prng,
  donor: DemoDonor,
  l: DemoLine,
  minorUnits: number,
  year: number,
): PlannedPledge {
  const pledgedOn = day(prng, year, 1, 1);
  const total = pledgeAmount(prng, l.sizeK * 3, donor.currency, minorUnits, 3000n);
  const parts = allocate(total, [1n, 1n, 1n]);
  const p = pledge(donor, l, minorUnits, {
    pledgedOn,
    amount: total,
    periodFrom: `${year}-01-01`,
    periodTo: `${year + 2}-12-31`,
    instalments: parts.map((amount, i) => ({ dueOn: `${year + i}-03-31`, amount })),
  });
  const agreedOn = addDays(pledgedOn, prng.int(15, 45));
  p.agreement = {
    on: agreedOn,
    reference: `DEMO-AGR-${donor.id.slice('DEMO-'.length)}-${year} ${LABEL}`,
    pscPercent: l.pscPercent ?? '13',
  };
  p.payments = p.instalments.flatMap((i) => paymentsFor(prng, i.dueOn, i.amount, agreedOn, 60));
  return p;
}

function linePledges(prng: Prng, donor: DemoDonor, l: DemoLine, minorUnits: number): PlannedPledge[] {
  if (l.pattern === 'multi-year') return [2021, 2024].map((y) => multiYear(prng, donor, l, minorUnits, y));
  if (l.pattern === 'occasional') {
    const years = YEARS.slice(0, 5).filter(() => prng.chance(55));
    return (years.length > 0 ? years : [2023]).map((y) => single(prng, donor, l, minorUnits, y));
  }
  // The Republic of Korea's 2025 pledge is always there (it stays unpaid: see fixFates).
  const years = YEARS.filter(
    (y) => y === 2021 || (donor.id === 'DEMO-KOR' && y === 2025) || !prng.chance(15),
  );
  return years.map((y) => single(prng, donor, l, minorUnits, y));
}

/** The foundation's pledge: first instalment paid, the second written off when its programme closed. */
function foundationPledge(minorUnits: number): PlannedPledge {
  const half = 150_000n * 10n ** BigInt(minorUnits);
  return {
    donorId: 'DEMO-FDN-JUSTICE',
    earmarkId: 'DEMO-PRJ-KEN',
    currency: 'USD',
    minorUnits,
    pledgedOn: '2022-02-14',
    amount: 2n * half,
    periodFrom: '2022-01-01',
    periodTo: '2023-12-31',
    instalments: [
      { dueOn: '2022-06-30', amount: half },
      { dueOn: '2023-06-30', amount: half },
    ],
    agreement: { on: '2022-03-01', reference: `DEMO-AGR-FDN-JUSTICE-2022 ${LABEL}`, pscPercent: '8' },
    sourceOfFunds: 'voluntary',
    conditions: `The second instalment depends on the results of the first year ${LABEL}`,
    documentRef: `DEMO-PLEDGE-FDN-JUSTICE-2022 ${LABEL}`,
    payments: [{ on: '2022-07-12', amount: half }],
    writeOff: {
      on: '2023-12-15',
      note: `The foundation closed its grant programme; the second instalment will not come ${LABEL}`,
    },
  };
}

/** The fates every demo shows, whatever the seed. */
function fixFates(pledges: PlannedPledge[]): void {
  const find = (donorId: string, year: string) =>
    pledges.find((p) => p.donorId === donorId && p.pledgedOn.startsWith(year));
  const japan = find('DEMO-JPN', '2024');
  if (japan) japan.payments = japan.payments.filter((p) => p.on < '2026-01-01');
  const korea = find('DEMO-KOR', '2025');
  if (korea) korea.payments = [];
  const germany = find('DEMO-DEU', '2021');
  const second = germany?.instalments[1];
  if (germany && second) {
    germany.payments = germany.payments.filter((p) => p.on < '2022-01-01' || p.on > '2022-12-31');
    germany.payments.push({
      on: '2022-04-19',
      amount: second.amount,
      duplicate: {
        reverseOn: '2022-04-22',
        reason: `Entered twice: the bank statement shows one transfer ${LABEL}`,
      },
    });
    germany.payments.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  }
}

export function planPledges(prng: Prng, minorUnits: ReadonlyMap<string, number>): PlannedPledge[] {
  const pledges: PlannedPledge[] = [];
  for (const donor of DONORS) {
    const units = minorUnits.get(donor.currency);
    if (units === undefined) throw new Error(`unknown currency ${donor.currency}`);
    for (const l of donor.lines) pledges.push(...linePledges(prng, donor, l, units));
  }
  pledges.push(foundationPledge(minorUnits.get('USD') ?? 2));
  fixFates(pledges);
  return pledges;
}
