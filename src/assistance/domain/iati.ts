// The IATI 2.03 codes Palermo's assistance data maps to, and the ledger read as IATI transactions: pure rules,
// used by the export (src/assistance/services/iati.ts; the mapping table is in docs/assistance.md). Code
// meanings were checked against the codelists in the shared data (Sector, ActivityStatus, TransactionType,
// OrganisationType), as copied from IATI's repositories for version 2.03.
import { addDaysWithin, addMonthsWithin, daysBetween, daysInMonth, minDate } from '../../common/dates.ts';
import { allocate } from '../../funds/domain/money.ts';
import { MAX_PROJECT_YEARS } from './project-period.ts';

/**
 * DAC 5-digit purpose code (Sector vocabulary 1) by instrument: the Firearms Protocol is SALW control (15240);
 * the Migrants Protocol falls under 15190, whose scope names legal and judicial development against irregular
 * migration; the Convention, the Trafficking Protocol and requests across instruments are legal and judicial
 * development (15130: legal drafting, law enforcement). 15180 covers trafficking of women and girls only, so
 * it is not used for projects that do not say they are about them.
 */
export function sectorFor(instrumentId: string | null): string {
  if (instrumentId === 'FIREARMS') return '15240';
  if (instrumentId === 'SOM') return '15190';
  return '15130';
}

/** ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled. */
export function activityStatus(project: string, request: string, allocatedLeft: bigint): string {
  if (request === 'withdrawn' || request === 'declined') return '5';
  if (project === 'completed') return allocatedLeft > 0n ? '3' : '4';
  return request === 'approved' ? '1' : '2';
}

/** OrganisationType of a donor: 10 government, 40 multilateral, 60 foundation, 70 private sector, 90 other. */
export const DONOR_TYPE: Record<string, string> = {
  state: '10',
  igo: '40',
  foundation: '60',
  private: '70',
  other: '90',
};

/**
 * The most budget periods one activity gets: projects last at most MAX_PROJECT_YEARS (checked when one is
 * recorded), so only a project stored before that bound can exceed it. The loop below is bounded by it
 * whatever the dates, and such a project's budget is left out of the file (IATI makes it optional) rather
 * than written over thousands of years.
 */
export const MAX_BUDGET_PERIODS = MAX_PROJECT_YEARS;

/** The project's budget in consecutive periods of at most a year (an IATI rule), split by days without losing a cent. */
export function budgetPeriods(
  startsOn: string,
  endsOn: string,
  budget: bigint,
): Array<{ start: string; end: string; amount: bigint }> {
  const periods: Array<{ start: string; end: string }> = [];
  for (let start: string | null = startsOn, i = 1; start !== null && start <= endsOn; i++) {
    if (i > MAX_BUDGET_PERIODS) return [];
    const yearLater = addMonthsWithin(startsOn, 12 * i);
    const end = yearLater === null ? endsOn : minDate(addDaysWithin(yearLater, -1) ?? endsOn, endsOn);
    periods.push({ start, end });
    start = addDaysWithin(end, 1);
  }
  const parts = allocate(
    budget,
    periods.map((p) => BigInt(daysBetween(p.start, p.end) + 1)),
  );
  return periods.map((p, i) => ({ ...p, amount: parts[i] as bigint }));
}

/** A measurement period (YYYY, YYYY-MM or YYYY-Qn) as its first and last day. */
export function periodDates(period: string): { start: string; end: string } {
  const year = Number(period.slice(0, 4));
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  const [first, last] = quarter
    ? [3 * Number(quarter[1]) - 2, 3 * Number(quarter[1])]
    : period.length === 7
      ? [Number(period.slice(5)), Number(period.slice(5))]
      : [1, 12];
  const mm = (m: number) => String(m).padStart(2, '0');
  return {
    start: `${period.slice(0, 4)}-${mm(first)}-01`,
    end: `${period.slice(0, 4)}-${mm(last)}-${mm(daysInMonth(year, last))}`,
  };
}

export const DECIMAL = /^-?\d{1,15}(\.\d{1,10})?$/;

/** Compares two decimal strings exactly (no floats): negative, zero or positive. */
export function compareDecimals(a: string, b: string): number {
  const scaled = (s: string) => {
    const [whole, fraction = ''] = s.split('.');
    return BigInt(`${whole}${fraction.padEnd(10, '0')}`.replace(/^(-?)0+(?=\d)/, '$1'));
  };
  const d = scaled(a) - scaled(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

// ---- the ledger, as IATI transactions ----------------------------------------------------------------------

/** What the export needs of a ledger transaction (src/funds/repository.ts has the whole row). */
export interface LedgerTransaction {
  id: number;
  kind: string;
  bookedOn: string;
  reversesId: number | null;
}

export interface IatiTransaction {
  ledgerId: number;
  type: '2' | '4';
  date: string;
  amount: bigint;
  description: string;
  earmarkCategory: number | null;
}

/**
 * What each ledger transaction of an allocation did to the project: money committed to it (taken from a
 * funding line: 2 outgoing commitment; a release or a reversal gives it back, a negative commitment) and
 * money spent (4 expenditure: the spending itself, and the programme support costs charged on it).
 */
export function ledgerToIati(
  transactions: ReadonlyArray<{
    row: LedgerTransaction;
    entries: ReadonlyArray<{ account: string; currency: string; amount: bigint }>;
  }>,
  allocation: {
    id: number;
    donorName: string;
    earmarkName: string;
    earmarkCategory: number | null;
    psc: string;
  },
): IatiTransaction[] {
  const out: IatiTransaction[] = [];
  for (const { row, entries } of transactions) {
    const usd = entries.filter((e) => e.currency === 'USD');
    const total = (test: (account: string) => boolean) =>
      usd.filter((e) => test(e.account)).reduce((s, e) => s + e.amount, 0n);
    const committed = -total((a) => a.startsWith('available/'));
    const spent = total((a) => a === `spent/${allocation.id}`);
    const psc = total((a) => a === `psc/${allocation.id}`);
    const base = { ledgerId: row.id, date: row.bookedOn, earmarkCategory: allocation.earmarkCategory };
    const correction = row.kind === 'reversal' ? ` (reversal of ledger transaction ${row.reversesId})` : '';
    if (committed !== 0n)
      out.push({
        ...base,
        type: '2',
        amount: committed,
        description:
          committed > 0n
            ? `Allocation ${allocation.id}: ${allocation.donorName}'s contribution under "${allocation.earmarkName}"${correction}`
            : `Allocation ${allocation.id}: money returned to ${allocation.donorName}'s funding line${correction}`,
      });
    if (spent !== 0n)
      out.push({
        ...base,
        type: '4',
        amount: spent,
        description: `Expenditure from allocation ${allocation.id}${correction}`,
      });
    if (psc !== 0n)
      out.push({
        ...base,
        type: '4',
        amount: psc,
        description: `Programme support costs (${allocation.psc}%) on expenditure from allocation ${allocation.id}${correction}`,
      });
  }
  return out;
}
