// An empty report document in each language: the front matter and the report's labels (wording.ts) alone,
// no section, annex, source or figure. The benchmark renders it in every format as the baseline of the full
// report's time (issue 15, "Benchmark"); the renderers' tests start from it too.
import type { ReportDocument } from '../domain/document.ts';
import type { ReportLocale } from '../domain/format.ts';
import { WORDING } from '../domain/wording.ts';

const FRONT: Record<ReportLocale, ReportDocument['front']> = {
  en: {
    symbol: null,
    distribution: 'Distr.: General',
    date: '2005-03-08',
    dateText: '8 March 2005',
    original: 'Original: English',
    body: 'Commission on Crime Prevention and Criminal Justice',
    session: 'Fourteenth session',
    sessionPlaceAndDates: 'Vienna, 23–27 May 2005',
    agendaItem: 'Item 4 of the provisional agenda*',
    agendaFootnote: '* E/CN.15/2005/1.',
    agendaTitle: 'International cooperation in combating transnational crime',
    title: 'Implementation of General Assembly resolution 56/120',
    subtitle: 'Report of the Secretary-General',
    summary: [],
  },
  fr: {
    symbol: null,
    distribution: 'Distr. générale',
    date: '2005-03-08',
    dateText: '8 mars 2005',
    original: 'Original : anglais',
    body: 'Commission pour la prévention du crime et la justice pénale',
    session: 'Quatorzième session',
    sessionPlaceAndDates: 'Vienne, 23-27 mai 2005',
    agendaItem: 'Point 4 de l’ordre du jour provisoire*',
    agendaFootnote: '* E/CN.15/2005/1.',
    agendaTitle: 'Coopération internationale en matière de lutte contre la criminalité transnationale',
    title: 'Application de la résolution 56/120 de l’Assemblée générale',
    subtitle: 'Rapport du Secrétaire général',
    summary: [],
  },
};

/** A report with nothing in it but its front matter: the baseline of the renderers' time. */
export function emptyDocument(locale: ReportLocale): ReportDocument {
  return {
    locale,
    illustrative: false,
    draft: false,
    asAt: '2005-03-08',
    period: { from: '2004-03-01', to: '2005-03-08' },
    front: FRONT[locale],
    labels: WORDING[locale].labels,
    sections: [],
    annexes: [],
    sources: [],
    fingerprint: '0'.repeat(64),
  };
}
