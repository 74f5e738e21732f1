// A pledge is a promise, not money. It moves pledged → agreement signed (committed) → partly paid → paid,
// or is closed or written off. "Funded" totals never count a bare pledge; what is outstanding, and which
// instalments are overdue, is computed from the instalments and the payments received against the pledge.
import type { IsoDate } from '../../common/dates.ts';

/**
 * Programme support costs: 13% (1300 basis points) of what an allocation spends, unless the donor's
 * agreement sets another rate. The one definition: services and the demo dataset use this name.
 */
export const DEFAULT_PSC_BP = 1300;

export type PledgeStatus = 'pledged' | 'committed' | 'partly_paid' | 'paid' | 'written_off' | 'closed';

export interface Instalment {
  dueOn: IsoDate;
  /** Minor units of the pledge's currency. */
  amount: bigint;
}

export interface PledgeFacts {
  amount: bigint;
  instalments: readonly Instalment[];
  /** Date the agreement was signed, if it was. */
  agreementOn: IsoDate | null;
  /** Sum of payments received against the pledge (reversed ones excluded), in the pledge's currency. */
  paid: bigint;
  writtenOff: bigint;
  closedOn: IsoDate | null;
}

export interface PledgeStanding {
  status: PledgeStatus;
  outstanding: bigint;
  /** Instalments due on or before `today` not covered by what was paid, in due order. */
  overdue: bigint;
  overdueSince: IsoDate | null;
}

export function pledgeStanding(p: PledgeFacts, today: IsoDate): PledgeStanding {
  const outstanding = p.closedOn ? 0n : p.amount - p.paid - p.writtenOff;
  let status: PledgeStatus;
  if (p.closedOn) status = p.writtenOff > 0n && p.paid === 0n ? 'written_off' : 'closed';
  else if (p.paid >= p.amount) status = 'paid';
  else if (p.writtenOff > 0n && outstanding <= 0n) status = 'written_off';
  else if (p.paid > 0n) status = 'partly_paid';
  else if (p.agreementOn) status = 'committed';
  else status = 'pledged';
  let covered = p.paid + p.writtenOff;
  let overdue = 0n;
  let overdueSince: IsoDate | null = null;
  const schedule = p.instalments.length > 0 ? p.instalments : [];
  for (const i of [...schedule].sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))) {
    const cover = covered >= i.amount ? i.amount : covered > 0n ? covered : 0n;
    covered -= cover;
    if (i.dueOn <= today && cover < i.amount && outstanding > 0n) {
      overdue += i.amount - cover;
      overdueSince ??= i.dueOn;
    }
  }
  return { status, outstanding: outstanding < 0n ? 0n : outstanding, overdue, overdueSince };
}

/** Instalments must add up to the pledge exactly, fall inside its period, and come in date order. */
export function instalmentProblem(
  amount: bigint,
  instalments: readonly Instalment[],
  period: { from: IsoDate | null; to: IsoDate | null },
): { field: string; message: string } | null {
  if (instalments.length === 0) return null;
  let sum = 0n;
  for (const [n, i] of instalments.entries()) {
    if (i.amount <= 0n)
      return { field: `instalments[${n}].amount`, message: 'an instalment must be more than zero' };
    if (period.from && i.dueOn < period.from) {
      return {
        field: `instalments[${n}].dueOn`,
        message: `due before the pledge's period starts (${period.from})`,
      };
    }
    if (period.to && i.dueOn > period.to) {
      return {
        field: `instalments[${n}].dueOn`,
        message: `due after the pledge's period ends (${period.to})`,
      };
    }
    const previous = instalments[n - 1];
    if (previous && previous.dueOn > i.dueOn) {
      return {
        field: `instalments[${n}].dueOn`,
        message: 'instalments are listed in the order they fall due',
      };
    }
    sum += i.amount;
  }
  if (sum !== amount) {
    return { field: 'instalments', message: 'the instalments do not add up to the amount pledged' };
  }
  return null;
}
