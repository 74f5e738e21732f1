// Earmarking: what a donor's money may pay for. General-purpose money may pay for anything the Fund does;
// special-purpose money only for what matches every target its earmark names (instrument, region,
// country, theme, project). IATI earmarking categories (codelist EarmarkingCategory): 1 unearmarked,
// 2 softly earmarked, 3 earmarked, 4 tightly earmarked.
import { DomainError } from '../../common/errors.ts';

export type EarmarkPurpose = 'general' | 'special';

export interface EarmarkTargets {
  instrumentId: string | null;
  region: string | null;
  countryId: string | null;
  theme: string | null;
  projectRef: string | null;
}

export interface Earmark extends EarmarkTargets {
  id: string;
  name: string;
  purpose: EarmarkPurpose;
  iatiCategory: 1 | 2 | 3 | 4;
}

/** What an allocation pays for: a project, an event or another activity of the Fund. */
export interface Purpose {
  kind: 'project' | 'event' | 'other';
  ref: string;
  instrumentId: string | null;
  /** The region of the beneficiary country when there is one, else the region the activity serves. */
  region: string | null;
  countryId: string | null;
  theme: string | null;
}

const TARGETS: readonly (keyof EarmarkTargets)[] = [
  'instrumentId',
  'region',
  'countryId',
  'theme',
  'projectRef',
];

/** An earmark's own consistency: general purpose is unearmarked and names no target; special purpose names one. */
export function checkEarmark(e: Omit<Earmark, 'id' | 'name'>): void {
  const named = TARGETS.filter((t) => e[t] !== null);
  if (e.purpose === 'general') {
    if (named.length > 0) {
      throw new DomainError('validation', 'general-purpose money names no target', {
        field: named[0] as string,
      });
    }
    if (e.iatiCategory !== 1) {
      throw new DomainError('validation', 'general-purpose money is IATI category 1 (unearmarked)', {
        field: 'iatiCategory',
      });
    }
  } else {
    if (named.length === 0) {
      throw new DomainError('validation', 'special-purpose money names at least one target', {
        field: 'purpose',
      });
    }
    if (e.iatiCategory === 1) {
      throw new DomainError(
        'validation',
        'special-purpose money is IATI category 2, 3 or 4, not 1 (unearmarked)',
        {
          field: 'iatiCategory',
        },
      );
    }
  }
}

/**
 * Why money under `earmark` may not pay for `purpose`, or null when it may. Every target the earmark names
 * must be met by the purpose; a purpose that does not say (e.g. no country) does not meet a country target.
 */
export function earmarkRefusal(earmark: Earmark, purpose: Purpose): string | null {
  const misses: string[] = [];
  if (earmark.instrumentId !== null && purpose.instrumentId !== earmark.instrumentId) {
    misses.push(`instrument ${earmark.instrumentId}`);
  }
  if (earmark.region !== null && purpose.region !== earmark.region) misses.push(`region ${earmark.region}`);
  if (earmark.countryId !== null && purpose.countryId !== earmark.countryId) {
    misses.push(`country ${earmark.countryId}`);
  }
  if (earmark.theme !== null && purpose.theme !== earmark.theme) misses.push(`theme "${earmark.theme}"`);
  if (earmark.projectRef !== null && (purpose.kind !== 'project' || purpose.ref !== earmark.projectRef)) {
    misses.push(`project ${earmark.projectRef}`);
  }
  if (misses.length === 0) return null;
  return `money earmarked "${earmark.name}" is for ${misses.join(', ')} only`;
}
