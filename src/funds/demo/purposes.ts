// What the demo's allocations pay for: a project or an event built from the earmark's own targets, so that
// money earmarked for X is only ever allocated to X (the allocation service checks it again).
import type { AllocationInput } from '../contract.ts';
import type { EarmarkRecord } from '../repository.ts';
import { BENEFICIARIES, INSTRUMENTS, LABEL, THEMES } from './profiles.ts';
import type { Prng } from './prng.ts';

type Region = keyof typeof BENEFICIARIES;
const REGIONS = Object.keys(BENEFICIARIES) as Region[];

const INSTRUMENT_NAMES: Record<string, string> = {
  UNTOC: 'the Convention',
  TIP: 'the Trafficking in Persons Protocol',
  SOM: 'the Smuggling of Migrants Protocol',
  FIREARMS: 'the Firearms Protocol',
};

export function demoPurpose(
  prng: Prng,
  earmark: EarmarkRecord,
  year: string,
  n: number,
): { purpose: AllocationInput['purpose']; description: string } {
  const region: Region =
    earmark.region && earmark.region in BENEFICIARIES ? (earmark.region as Region) : prng.pick(REGIONS);
  const countryId = earmark.countryId ?? prng.pick(BENEFICIARIES[region]);
  const instrumentId = earmark.instrumentId ?? (prng.chance(60) ? prng.pick(INSTRUMENTS) : null);
  const theme = earmark.theme ?? (prng.chance(50) ? prng.pick(THEMES) : null);
  const event = earmark.projectRef === null && prng.chance(25);
  const ref = earmark.projectRef ?? `DEMO-${event ? 'EVT' : 'PRJ'}-${year}-${String(n).padStart(3, '0')}`;
  const what = [
    theme ?? 'Technical assistance',
    instrumentId ? `under ${INSTRUMENT_NAMES[instrumentId] ?? instrumentId}` : null,
    `for ${countryId}`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    purpose: { kind: event ? 'event' : 'project', ref, instrumentId, countryId, theme },
    description: `${event ? 'Workshop' : 'Project'}: ${what} ${LABEL}`,
  };
}
