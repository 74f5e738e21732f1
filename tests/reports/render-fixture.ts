// A fixed, hand-built report document in English and French for the renderers' tests and golden files:
// every kind of block and run, figures citing three sources, footnotes in prose and in a table, a table
// with a key for the XLSX annex, an annex, a figure, and the illustrative and draft marks on.
import type { Block, ReportDocument, Run } from '../../src/reports/domain/document.ts';
import type { ReportLocale } from '../../src/reports/domain/format.ts';
import type { SourceEntry } from '../../src/reports/domain/provenance.ts';
import { emptyDocument } from '../../src/reports/render/fixture.ts';

const t = (text: string, emphasis?: 'bold' | 'italic'): Run =>
  emphasis ? { type: 'text', text, emphasis } : { type: 'text', text };
const fig = (text: string, source: number): Run => ({ type: 'figure', text, source });
const note = (text: string): Run => ({ type: 'footnote', text });
const cell = (text: string, align?: 'end') => (align ? { runs: [t(text)], align } : { runs: [t(text)] });
const num = (text: string) => cell(text, 'end');

/** A source as at the fixture's date, used by `placeholder` in each of `paragraphs`. */
function source(
  number: number,
  kind: string,
  placeholder: string,
  paragraphs: string[],
  period = '',
): SourceEntry {
  return {
    number,
    source: { kind, ref: placeholder + period },
    asAt: '2005-03-08',
    usedBy: paragraphs.map((paragraph) => ({ paragraph, placeholder })),
  };
}

/** A small SVG in the shape the world map has: paths with titles, ids and a local gradient. */
export const FIXTURE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"><defs><linearGradient id="g"><stop offset="0" stop-color="#ccc"/><stop offset="1" stop-color="#888"/></linearGradient></defs><rect width="200" height="100" fill="url(#g)"/><path id="p1" d="M10 10h40v30h-40z" fill="#1f77b4"><title>Party</title></path><path d="M60 10h40v30h-40z" fill="#ddd"/></svg>';

/** Every figure's text as the document writes it, for the read-back tests. */
export const FIGURE_TEXTS: Record<ReportLocale, readonly string[]> = {
  en: ['8 March 2005', '147', '100', '29 September 2003', 'three', 'USD 1,234,567.89', '2,345'],
  fr: [
    '8 mars 2005',
    '147',
    '100',
    '29 septembre 2003',
    'trois',
    '1\u202F234\u202F567,89\u00A0USD',
    '2\u202F345',
  ],
};

const WORDS = {
  en: {
    intro: 'Introduction',
    status: 'Status of signature and ratification',
    resources: 'Resources',
    annex: 'Status of the Convention as at 8 March 2005',
    asAt: 'As at ',
    signed: ' States had signed the Convention and ',
    parties: ' were parties to it; it entered into force on ',
    became: ' States became parties to the Migrants Protocol.',
    paid: 'Contributions paid to the Fund in the period amounted to ',
    mandate: 'In its resolution 56/120, the General Assembly requested the Secretary-General to report.',
    instruments: 'A. Instruments',
    tableCaption: 'Parties and signatories by instrument',
    instrument: 'Instrument',
    signatories: 'Signatories',
    partiesCol: 'Parties',
    inForce: 'Entry into force',
    convention: 'Convention',
    noteFirst: 'As deposited with the Secretary-General.',
    noteTable: 'Including one regional economic integration organization.',
    mapCaption: 'States parties to the Convention as at 8 March 2005',
    mapAlt: 'A world map: 100 States parties shaded dark.',
    participant: 'Participant',
    signature: 'Signature',
    ratification: 'Ratification, acceptance (A), approval (AA), accession (a), succession (d)',
    transactions: 'Transactions counted: ',
    partiesSummary: 'Parties to the Convention: ',
  },
  fr: {
    intro: 'Introduction',
    status: 'État des signatures et ratifications',
    resources: 'Ressources',
    annex: 'État de la Convention au 8 mars 2005',
    asAt: 'Au ',
    signed: ' États avaient signé la Convention et ',
    parties: ' y étaient parties ; elle est entrée en vigueur le ',
    became: ' États sont devenus parties au Protocole relatif aux migrants.',
    paid: 'Les contributions versées au Fonds pendant la période se sont élevées à ',
    mandate: 'Dans sa résolution 56/120, l’Assemblée générale a prié le Secrétaire général de faire rapport.',
    instruments: 'A. Instruments',
    tableCaption: 'Parties et signataires par instrument',
    instrument: 'Instrument',
    signatories: 'Signataires',
    partiesCol: 'Parties',
    inForce: 'Entrée en vigueur',
    convention: 'Convention',
    noteFirst: 'Tel que déposé auprès du Secrétaire général.',
    noteTable: 'Y compris une organisation régionale d’intégration économique.',
    mapCaption: 'États parties à la Convention au 8 mars 2005',
    mapAlt: 'Une carte du monde : 100 États parties en foncé.',
    participant: 'Participant',
    signature: 'Signature',
    ratification: 'Ratification, acceptation (A), approbation (AA), adhésion (a), succession (d)',
    transactions: 'Opérations comptées : ',
    partiesSummary: 'Parties à la Convention : ',
  },
} as const;

/** The fixed report document of the golden files (illustrative, draft, no symbol yet). */
export function fixtureDocument(locale: ReportLocale): ReportDocument {
  const w = WORDS[locale];
  const f = FIGURE_TEXTS[locale];
  const base = emptyDocument(locale);
  const status: Block[] = [
    { type: 'subheading', label: 'A.', title: w.instruments.slice(3) },
    {
      type: 'paragraph',
      number: 2,
      runs: [
        t(w.asAt),
        fig(f[0] as string, 1),
        t(', '),
        fig(f[1] as string, 2),
        t(w.signed),
        fig(f[2] as string, 3),
        note(w.noteFirst),
        t(w.parties),
        fig(f[3] as string, 4),
        t('.'),
      ],
    },
    { type: 'paragraph', number: 3, runs: [fig(f[4] as string, 5), t(w.became, 'italic')] },
    {
      type: 'table',
      key: 'status',
      caption: w.tableCaption,
      header: [[cell(w.instrument), cell(w.signatories), cell(w.partiesCol), cell(w.inForce)]],
      rows: [
        [
          cell(w.convention),
          { runs: [fig(f[1] as string, 2)], align: 'end' },
          { runs: [fig(f[2] as string, 3), note(w.noteTable)], align: 'end' },
          cell(f[3] as string),
        ],
        [cell('TIP'), num('117'), num('80'), cell(locale === 'en' ? '25 December 2003' : '25 décembre 2003')],
        [cell('SOM'), num('112'), num('69'), cell(locale === 'en' ? '28 January 2004' : '28 janvier 2004')],
      ],
      notes: [[t(w.noteTable)]],
    },
    { type: 'figure', key: 'map', caption: w.mapCaption, alt: w.mapAlt, svg: FIXTURE_SVG },
  ];
  return {
    ...base,
    illustrative: true,
    draft: true,
    front: {
      ...base.front,
      summary: [[t(w.mandate), t(' '), t(w.partiesSummary), fig(f[2] as string, 3), t('.')]],
    },
    sections: [
      {
        number: 'I',
        title: w.intro,
        blocks: [{ type: 'paragraph', number: 1, runs: [t(w.mandate, 'bold')] }],
      },
      { number: 'II', title: w.status, blocks: status },
      {
        number: 'III',
        title: w.resources,
        blocks: [
          { type: 'paragraph', number: 4, runs: [t(w.paid), fig(f[5] as string, 6), t('.')] },
          { type: 'text', runs: [t(w.transactions), fig(f[6] as string, 6)] },
        ],
      },
    ],
    annexes: [
      {
        number: 'I',
        title: w.annex,
        blocks: [
          {
            type: 'table',
            key: 'untoc',
            caption: w.annex,
            header: [[cell(w.participant), cell(w.signature), cell(w.ratification)]],
            rows: [
              [cell('Afghanistan'), cell(''), cell(locale === 'en' ? '24 Sep 2003 a' : '24 sept 2003 a')],
              [
                cell('Algeria'),
                cell(locale === 'en' ? '12 Dec 2000' : '12 déc 2000'),
                cell(locale === 'en' ? '7 Oct 2002' : '7 oct 2002'),
              ],
            ],
            notes: [],
          },
        ],
      },
    ],
    sources: [
      source(1, 'report', 'asAt', ['status']),
      source(2, 'registry', 'signatories UNTOC', ['status']),
      source(3, 'registry', 'parties UNTOC', ['summary', 'status']),
      source(4, 'registry', 'entryIntoForce UNTOC', ['status']),
      source(5, 'registry', 'newParties SOM', ['status'], ' 2004-03-01..2005-03-08'),
      source(6, 'ledger', 'fund.paid', ['resources'], ' 2004-03-01..2005-03-08'),
    ],
    fingerprint: '3f8a2c1d9b7e6f5a4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5',
  };
}
