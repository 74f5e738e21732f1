// Who may receive technical assistance (GA resolution 56/120, para 3; Convention art. 30(2)): developing
// countries and countries with economies in transition. The development class that counts is the one valid
// on the date of the request, since a country's class changes over time. Least developed countries,
// landlocked developing countries and small island developing States come first.
import type { IsoDate } from '../../common/dates.ts';
import { classOn, type ClassPeriod } from '../../treaties/domain/development-class.ts';

export { classOn, type ClassPeriod };

export type DevelopmentClassName = 'developing' | 'transition' | 'developed';

export type PriorityGroup = 'ldc' | 'lldc' | 'sids';

export interface Eligibility {
  eligible: boolean;
  /** The class that decided, or null when none is known for the date. */
  developmentClass: string | null;
  reason: string;
  priority: PriorityGroup[];
}

const LABEL: Record<string, string> = {
  developing: 'a developing country',
  transition: 'an economy in transition',
  developed: 'a developed country',
};

export function eligibilityOn(
  state: { name: string; kind: string; ldc: boolean; lldc: boolean; sids: boolean },
  periods: readonly ClassPeriod[],
  date: IsoDate,
): Eligibility {
  const priority: PriorityGroup[] = [];
  if (state.ldc) priority.push('ldc');
  if (state.lldc) priority.push('lldc');
  if (state.sids) priority.push('sids');
  if (state.kind !== 'state') {
    return { eligible: false, developmentClass: null, reason: `${state.name} is not a State`, priority: [] };
  }
  const period = classOn(periods, date);
  if (!period) {
    return {
      eligible: false,
      developmentClass: null,
      reason: `no development class is recorded for ${state.name} on ${date}`,
      // Priority is among eligible beneficiaries only, as for a developed country.
      priority: [],
    };
  }
  const label = LABEL[period.class] ?? period.class;
  const eligible = period.class === 'developing' || period.class === 'transition';
  return {
    eligible,
    developmentClass: period.class,
    reason: eligible
      ? `${state.name} is ${label} on ${date} (${period.basis})`
      : `${state.name} is ${label} on ${date} (${period.basis}); assistance under resolution 56/120 is for developing countries and economies in transition`,
    priority: eligible ? priority : [],
  };
}
