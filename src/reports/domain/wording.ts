// The fixed words of the report to the Commission, in English and French: the front matter as Commission
// documents print it, the titles of the sections and annexes (in the order of the resolution, issue 15
// item 3), the renderers' labels, and session ordinals. French follows the Organization's French usage
// ("Distr. générale", "Original : anglais", with the no-break space before the colon).
import type { DocumentLabel } from './document.ts';
import type { ReportLocale } from './format.ts';

const NBSP = '\u00A0';

export interface Wording {
  distribution: string;
  original: string;
  body: string;
  subtitle: string;
  title: string;
  /** "Item 4 of the provisional agenda". */
  agendaItem: (item: number) => string;
  /** "Fourteenth session". */
  session: (ordinal: number) => string;
  sections: Readonly<Record<'I' | 'II' | 'III' | 'IV' | 'V' | 'VI', string>>;
  annexes: Readonly<{ status: string; contributions: string }>;
  labels: Readonly<Record<DocumentLabel, string>>;
}

const EN_ORDINALS =
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth'.split(
    ' ',
  );
const EN_TENS = ['', '', 'twent', 'thirt', 'fort', 'fift'];
const FR_ORDINALS =
  'première deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième onzième douzième treizième quatorzième quinzième seizième dix-septième dix-huitième dix-neuvième'.split(
    ' ',
  );
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante'];
const FR_UNIT_ORDINALS =
  'unième deuxième troisième quatrième cinquième sixième septième huitième neuvième'.split(' ');

/** The largest session number written in words; the Commission held its first session in 1992. */
export const MAX_SESSION = 59;

/** "fourteenth", "thirty-fifth" (English ordinals up to 59). */
export function ordinalEn(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SESSION) throw new RangeError(`no ordinal for ${n}`);
  if (n < 20) return EN_ORDINALS[n - 1] as string;
  const tens = EN_TENS[Math.floor(n / 10)] as string;
  const unit = n % 10;
  if (unit === 0) return `${tens}ieth`;
  const last = EN_ORDINALS[unit - 1] as string;
  return `${tens}y-${last}`;
}

/** « quatorzième », « trente et unième » (French ordinals up to 59). */
export function ordinalFr(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_SESSION) throw new RangeError(`no ordinal for ${n}`);
  if (n < 20) return FR_ORDINALS[n - 1] as string;
  const tens = FR_TENS[Math.floor(n / 10)] as string;
  const unit = n % 10;
  if (unit === 0) return `${tens.replace(/e$/, '')}ième`;
  if (unit === 1) return `${tens} et unième`;
  return `${tens}-${FR_UNIT_ORDINALS[unit - 1] as string}`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const WORDING: Readonly<Record<ReportLocale, Wording>> = {
  en: {
    distribution: 'Distr.: General',
    original: 'Original: English',
    body: 'Commission on Crime Prevention and Criminal Justice',
    subtitle: 'Report of the Secretary-General',
    title:
      'Implementation of General Assembly resolution 56/120: action against transnational organized crime — assistance to States in capacity-building with a view to facilitating the implementation of the United Nations Convention against Transnational Organized Crime and the Protocols thereto',
    agendaItem: (item) => `Item ${item} of the provisional agenda`,
    session: (n) => `${capitalise(ordinalEn(n))} session`,
    sections: {
      I: 'Introduction',
      II: 'Status of signature and ratification',
      III: 'Promotion of ratification and implementation',
      IV: 'Technical assistance',
      V: 'Resources',
      VI: 'Conclusions and recommendations',
    },
    annexes: {
      status: 'Status of signatures and ratifications',
      contributions: 'Contributions to the United Nations Crime Prevention and Criminal Justice Fund',
    },
    labels: {
      contents: 'Contents',
      annex: 'Annex',
      sourcesAndMethod: 'Sources and method',
      source: 'Source',
      asAt: 'As at',
      fingerprint: 'Fingerprint of the data',
      illustrative: 'ILLUSTRATIVE DATA — NOT FOR ISSUE',
      draft: 'DRAFT',
      symbolPending: '[symbol to be assigned]',
      page: 'Page',
    },
  },
  fr: {
    distribution: 'Distr. générale',
    original: `Original${NBSP}: anglais`,
    body: 'Commission pour la prévention du crime et la justice pénale',
    subtitle: 'Rapport du Secrétaire général',
    title:
      'Application de la résolution 56/120 de l’Assemblée générale : action contre la criminalité transnationale organisée — assistance aux États pour le renforcement des capacités en vue de faciliter l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s’y rapportant'.replace(
        ' :',
        `${NBSP}:`,
      ),
    agendaItem: (item) => `Point ${item} de l’ordre du jour provisoire`,
    session: (n) => `${capitalise(ordinalFr(n))} session`,
    sections: {
      I: 'Introduction',
      II: 'État des signatures et des ratifications',
      III: 'Promotion de la ratification et de l’application',
      IV: 'Assistance technique',
      V: 'Ressources',
      VI: 'Conclusions et recommandations',
    },
    annexes: {
      status: 'État des signatures et des ratifications',
      contributions:
        'Contributions au Fonds des Nations Unies pour la prévention du crime et la justice pénale',
    },
    labels: {
      contents: 'Table des matières',
      annex: 'Annexe',
      sourcesAndMethod: 'Sources et méthode',
      source: 'Source',
      asAt: 'Au',
      fingerprint: 'Empreinte des données',
      illustrative: 'DONNÉES FICTIVES — NE PAS DIFFUSER',
      draft: 'PROJET',
      symbolPending: '[cote à attribuer]',
      page: 'Page',
    },
  },
};
