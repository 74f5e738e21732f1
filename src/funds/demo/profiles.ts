// Who gives what in the illustrative demo data. No real per-donor figures for the UN Crime Prevention and
// Criminal Justice Fund are in the project's data, so these are made up: the States are real participants
// (their codes come from the participants table), the sizes and patterns are invented, the foundations and
// the development bank are fictional. Every id starts with DEMO- so it can never collide with a real record.
import type { DonorInput, EarmarkInput } from '../contract.ts';
import { GENERAL_EARMARK_ID } from '../services/catalog.ts';

export const DEMO_PREFIX = 'DEMO-';
export { DEMO_SEED } from './seed.ts';
/** The demo covers these days; a payment cannot be received after today, so it loads from 1 July 2026 on. */
export const DEMO_FROM = '2021-01-01';
export const DEMO_TO = '2026-06-30';
export const DEMO_FUND_DONOR_ID = 'DEMO-FUND';
export const RATE_SOURCE = 'ILLUSTRATIVE rate, not a UN operational rate (Palermo demo data)';
export const LABEL = '(illustrative)';

export type Pattern = 'annual' | 'multi-year' | 'occasional';

export interface DemoLine {
  earmarkId: string;
  pattern: Pattern;
  /** Roughly what the line gives a year, in thousands of US dollars (before the random spread). */
  sizeK: number;
  /** Multi-year pledges come with an agreement setting this support cost rate. */
  pscPercent?: string;
  confiscated?: boolean;
}

export interface DemoDonor {
  id: string;
  kind: DonorInput['kind'];
  /** A State or the European Union: its code in the participants table, whose name the donor takes. */
  participantId: string | null;
  /** For donors that are not participants. */
  name?: string;
  currency: string;
  lines: DemoLine[];
}

const line = (
  earmarkId: string,
  pattern: Pattern,
  sizeK: number,
  extra: Partial<DemoLine> = {},
): DemoLine => ({
  earmarkId,
  pattern,
  sizeK,
  ...extra,
});
/** A donor that is not a participant (or, for the European Union, takes its participant's name). */
const organization = (
  id: string,
  kind: DonorInput['kind'],
  currency: string,
  lines: DemoLine[],
  name?: string,
): DemoDonor => ({
  id,
  kind,
  participantId: null,
  ...(name ? { name: `${name} ${LABEL}` } : {}),
  currency,
  lines,
});
const state = (code: string, currency: string, lines: DemoLine[]): DemoDonor => ({
  id: `${DEMO_PREFIX}${code}`,
  kind: 'state',
  participantId: code,
  currency,
  lines,
});

export const EARMARKS: EarmarkInput[] = [
  {
    id: 'DEMO-TIP',
    name: `Trafficking in Persons Protocol ${LABEL}`,
    purpose: 'special',
    iatiCategory: 2,
    instrumentId: 'TIP',
  },
  {
    id: 'DEMO-SOM',
    name: `Smuggling of Migrants Protocol ${LABEL}`,
    purpose: 'special',
    iatiCategory: 2,
    instrumentId: 'SOM',
  },
  {
    id: 'DEMO-FIREARMS-AFRICA',
    name: `Firearms Protocol in Africa ${LABEL}`,
    purpose: 'special',
    iatiCategory: 3,
    instrumentId: 'FIREARMS',
    region: 'Africa',
  },
  {
    id: 'DEMO-NGA',
    name: `Nigeria: the Convention in practice ${LABEL}`,
    purpose: 'special',
    iatiCategory: 3,
    countryId: 'NGA',
  },
  {
    id: 'DEMO-ASSET-RECOVERY',
    name: `Asset recovery ${LABEL}`,
    purpose: 'special',
    iatiCategory: 3,
    theme: 'Asset recovery',
  },
  {
    id: 'DEMO-PRJ-KEN',
    name: `Project DEMO-PRJ-KEN-01: a case management system for Kenya's central authority ${LABEL}`,
    purpose: 'special',
    iatiCategory: 4,
    countryId: 'KEN',
    projectRef: 'DEMO-PRJ-KEN-01',
  },
];

const G = GENERAL_EARMARK_ID;

export const DONORS: DemoDonor[] = [
  state('ITA', 'EUR', [
    line(G, 'multi-year', 800, { pscPercent: '13' }),
    line('DEMO-ASSET-RECOVERY', 'annual', 150, { confiscated: true }),
  ]),
  state('DEU', 'EUR', [line('DEMO-TIP', 'multi-year', 1200, { pscPercent: '10' })]),
  state('FRA', 'EUR', [line(G, 'annual', 400)]),
  state('AUT', 'EUR', [line(G, 'annual', 250)]),
  state('NLD', 'EUR', [line('DEMO-SOM', 'annual', 300)]),
  state('BEL', 'EUR', [line('DEMO-NGA', 'occasional', 120)]),
  state('FIN', 'EUR', [line('DEMO-TIP', 'annual', 150)]),
  state('ESP', 'EUR', [line(G, 'occasional', 100)]),
  state('GBR', 'GBP', [line('DEMO-SOM', 'multi-year', 900, { pscPercent: '13' })]),
  state('JPN', 'JPY', [line('DEMO-TIP', 'multi-year', 700, { pscPercent: '13' })]),
  state('KWT', 'KWD', [line(G, 'annual', 100)]),
  state('NOR', 'NOK', [line('DEMO-SOM', 'multi-year', 600, { pscPercent: '13' })]),
  state('SWE', 'SEK', [line(G, 'multi-year', 500, { pscPercent: '13' })]),
  state('DNK', 'DKK', [line('DEMO-FIREARMS-AFRICA', 'annual', 200)]),
  state('CHE', 'CHF', [line('DEMO-ASSET-RECOVERY', 'annual', 250)]),
  state('LIE', 'CHF', [line(G, 'annual', 30)]),
  state('CAN', 'CAD', [line('DEMO-TIP', 'annual', 350)]),
  state('AUS', 'AUD', [line('DEMO-SOM', 'occasional', 250)]),
  state('USA', 'USD', [line('DEMO-FIREARMS-AFRICA', 'multi-year', 1000, { pscPercent: '13' })]),
  state('KOR', 'KRW', [line(G, 'annual', 150)]),
  state('QAT', 'USD', [line('DEMO-TIP', 'occasional', 500)]),
  state('MEX', 'MXN', [line('DEMO-ASSET-RECOVERY', 'occasional', 50, { confiscated: true })]),
  state('THA', 'THB', [line(G, 'annual', 40)]),
  {
    ...organization('DEMO-EUU', 'igo', 'EUR', [
      line('DEMO-FIREARMS-AFRICA', 'multi-year', 1500, { pscPercent: '7' }),
    ]),
    participantId: 'EUU',
  },
  organization(
    'DEMO-DEVBANK',
    'igo',
    'USD',
    [line('DEMO-NGA', 'occasional', 200)],
    'Demo Regional Development Bank, a fictional organization',
  ),
  // One pledge (2022, two instalments): the first is paid, the second written off; see pledge-plan.ts.
  organization(
    'DEMO-FDN-JUSTICE',
    'foundation',
    'USD',
    [],
    'Demo Foundation for Justice, a fictional foundation',
  ),
  organization(
    'DEMO-FDN-SAFE',
    'foundation',
    'GBP',
    [line('DEMO-SOM', 'annual', 60)],
    'Demo Safe Migration Foundation, a fictional foundation',
  ),
  organization(
    'DEMO-PRIVATE',
    'private',
    'USD',
    [line(G, 'annual', 15)],
    'Individual donors through a fictional online appeal',
  ),
];

/** The Fund's own line for the demo's interest: a donor of kind 'fund', illustrative like the rest. */
export const DEMO_FUND_DONOR: DonorInput = {
  id: DEMO_FUND_DONOR_ID,
  name: `The Fund: interest and other income ${LABEL}`,
  kind: 'fund',
  participantId: null,
};

/**
 * Where an illustrative rate series starts (January 2021): units of the currency for one US dollar, kept as
 * an integer over 10^scale. Invented round figures in the neighbourhood of the markets of the time.
 */
export const BASE_RATES: Record<string, { units: bigint; scale: number }> = {
  EUR: { units: 8200n, scale: 4 },
  GBP: { units: 7300n, scale: 4 },
  JPY: { units: 103_500n, scale: 3 },
  KWD: { units: 3035n, scale: 4 },
  NOK: { units: 85_500n, scale: 4 },
  SEK: { units: 82_200n, scale: 4 },
  DKK: { units: 61_000n, scale: 4 },
  CHF: { units: 8850n, scale: 4 },
  CAD: { units: 12_700n, scale: 4 },
  AUD: { units: 13_000n, scale: 4 },
  KRW: { units: 108_500n, scale: 2 },
  THB: { units: 299_000n, scale: 4 },
  MXN: { units: 199_000n, scale: 4 },
};

/** Beneficiary countries the demo's projects and events name (real participant codes). */
export const BENEFICIARIES = {
  Africa: [
    'NGA',
    'KEN',
    'GHA',
    'SEN',
    'ZAF',
    'EGY',
    'MAR',
    'TUN',
    'ETH',
    'CIV',
    'UGA',
    'TZA',
    'MOZ',
    'NER',
    'MLI',
  ],
  Americas: ['COL', 'PER', 'GTM', 'HND', 'MEX'],
  Asia: ['THA', 'VNM', 'IDN', 'PAK', 'KGZ'],
  Europe: ['ALB', 'SRB', 'MDA', 'UKR'],
} as const;

export const THEMES = [
  'Asset recovery',
  'Mutual legal assistance',
  'Witness protection',
  'Cybercrime',
  'Legislative assistance',
];

export const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];
