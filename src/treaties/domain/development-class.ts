// A country's development class over time (developing, economy in transition, developed): the periods the
// reference data and the Secretariat record, and the class valid on a date. Technical assistance decides
// eligibility by it (GA res. 56/120 para 3); events invite by it.
import type { IsoDate } from '../../common/dates.ts';

export interface ClassPeriod {
  class: string;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  basis: string;
}

/**
 * The class valid on `date`: among the periods that contain the date, the one that started last (a later
 * record supersedes an open-ended earlier one without editing it).
 */
export function classOn(periods: readonly ClassPeriod[], date: IsoDate): ClassPeriod | null {
  const valid = periods.filter(
    (p) => (p.validFrom === null || p.validFrom <= date) && (p.validTo === null || p.validTo >= date),
  );
  valid.sort((a, b) =>
    (a.validFrom ?? '') < (b.validFrom ?? '') ? -1 : (a.validFrom ?? '') > (b.validFrom ?? '') ? 1 : 0,
  );
  return valid.at(-1) ?? null;
}
