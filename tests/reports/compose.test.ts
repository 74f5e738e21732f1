// Composing the report: the Secretariat's prose with its figures, paragraphs numbered through the body,
// each source numbered once in the order of first citation, the data's blocks after the prose, the front
// matter in English and French, and a paragraph that does not check refused at its slot.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors.ts';
import { composeReport, dateRange, type ComposeData } from '../../src/reports/domain/compose.ts';
import { DEFAULT_PARAGRAPHS } from '../../src/reports/domain/default-paragraphs.ts';
import type { Block, Run } from '../../src/reports/domain/document.ts';
import { FIGURES } from '../../src/reports/domain/figures.ts';
import type { ReportInput } from '../../src/reports/domain/input.ts';
import { checkTemplate, type Figure } from '../../src/reports/domain/template.ts';
import { ordinalEn, ordinalFr } from '../../src/reports/domain/wording.ts';

const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];
const AS_AT = '2005-03-08';

/** A figure for every catalogue name: counts from a table, one source per name and argument. */
function fakeResolve(name: string, args: readonly string[]): Figure {
  const definition = FIGURES.find((f) => f.name === name);
  if (!definition) throw new RangeError(name);
  const source = { kind: `test.${name}`, ref: args.join(',') };
  const base = { asAt: AS_AT, source };
  switch (definition.value) {
    case 'count':
      return { ...base, kind: 'count', value: name === 'parties' && args[0] === 'UNTOC' ? 100 : 3 };
    case 'money':
      return { ...base, kind: 'money', value: { minor: 123456n, currency: 'USD', minorUnits: 2 } };
    case 'date':
      return { ...base, kind: 'date', value: name === 'period.from' ? '2004-01-01' : AS_AT };
    case 'list':
      return { ...base, kind: 'list', value: ['Algeria', 'Brazil'] };
    case 'text':
      return { ...base, kind: 'text', value: 'text' };
  }
}

function data(extra: Partial<ComposeData> = {}): ComposeData {
  return {
    resolve: fakeResolve,
    instrumentIds: INSTRUMENTS,
    illustrative: false,
    fingerprint: 'ab'.repeat(32),
    sections: {
      II: (cite) => [
        {
          type: 'table',
          key: 'status',
          caption: 'Status',
          header: [[{ runs: [{ type: 'text', text: 'Parties' }] }]],
          rows: [
            [
              {
                runs: [
                  {
                    type: 'figure',
                    text: '100',
                    source: cite(fakeResolve('parties', ['UNTOC']), {
                      paragraph: 'table.status',
                      placeholder: 'parties UNTOC',
                    }),
                  },
                ],
              },
            ],
          ],
          notes: [],
        },
        { type: 'paragraph', number: 0, runs: [{ type: 'text', text: 'A paragraph the data writes.' }] },
      ],
    },
    annexes: [{ title: 'Status of signatures and ratifications', blocks: () => [] }],
    ...extra,
  };
}

function input(locale: 'en' | 'fr' = 'en', paragraphs = DEFAULT_PARAGRAPHS[locale]): ReportInput {
  return {
    locale,
    symbol: null,
    date: '2005-03-15',
    session: {
      number: 14,
      place: 'Vienna',
      from: '2005-05-23',
      to: '2005-05-27',
      agendaItem: 4,
      agendaTitle: 'International cooperation in combating transnational crime',
      agendaSymbol: 'E/CN.15/2005/1',
    },
    asAt: AS_AT,
    period: { from: '2004-01-01', to: AS_AT },
    paragraphs,
    resources: [
      {
        description: 'Posts in the Treaty and Legal Affairs Branch',
        posts: 12,
        amount: null,
        source: 'A/58/6 (Sect. 16)',
      },
      {
        description: 'Regular budget',
        posts: null,
        amount: { minor: 150000000n, currency: 'USD', minorUnits: 2 },
        source: 'A/58/6 (Sect. 16)',
      },
    ],
  };
}

const textOf = (runs: readonly Run[]): string => runs.map((r) => r.text).join('');
const runsOf = (block: Block | undefined): readonly Run[] => (block && 'runs' in block ? block.runs : []);
const paragraphs = (blocks: readonly Block[]) => blocks.filter((b) => b.type === 'paragraph');

describe('composeReport', () => {
  it('numbers paragraphs 1, 2, 3… through the body, prose first, then what the data draws', () => {
    const doc = composeReport(input(), data(), { draft: true });
    const numbers = doc.sections.flatMap((s) => paragraphs(s.blocks).map((p) => p.number));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const status = doc.sections[1];
    expect(status?.title).toBe('Status of signature and ratification');
    // Two paragraphs of prose (a blank line splits them), then the data's table and paragraph.
    expect(status?.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'table', 'paragraph']);
    expect(textOf(runsOf(status?.blocks[1]))).toBe(
      'The following became parties to the Convention in the period (3 in all): Algeria and Brazil.',
    );
  });

  it('cites each source once, numbered in the order of first use, prose and tables alike', () => {
    const doc = composeReport(input(), data(), { draft: false });
    const partiesUntoc = doc.sources.filter(
      (s) => s.source.kind === 'test.parties' && s.source.ref === 'UNTOC',
    );
    expect(partiesUntoc).toHaveLength(1);
    // Used by the summary, section II's prose and the table.
    expect(partiesUntoc[0]?.usedBy.map((u) => u.paragraph)).toEqual([
      'paragraphs.summary',
      'paragraphs.status',
      'table.status',
    ]);
    expect(doc.sources.map((s) => s.number)).toEqual(doc.sources.map((_, i) => i + 1));
    // Every figure run points at a source that exists and names the right figure.
    const runs = [
      ...doc.front.summary.flat(),
      ...doc.sections.flatMap((s) => s.blocks.flatMap((b) => ('runs' in b ? b.runs : []))),
    ];
    for (const run of runs.filter((r) => r.type === 'figure')) {
      expect(doc.sources.some((s) => s.number === run.source)).toBe(true);
    }
  });

  it('writes the front matter as Commission documents have it, in English and in French', () => {
    const en = composeReport(input('en'), data(), { draft: true });
    expect(en.front).toMatchObject({
      symbol: null,
      distribution: 'Distr.: General',
      dateText: '15 March 2005',
      original: 'Original: English',
      session: 'Fourteenth session',
      sessionPlaceAndDates: 'Vienna, 23–27 May 2005',
      agendaItem: 'Item 4 of the provisional agenda*',
      agendaFootnote: '* E/CN.15/2005/1.',
    });
    const fr = composeReport(input('fr'), data(), { draft: true });
    expect(fr.front).toMatchObject({
      distribution: 'Distr. générale',
      dateText: '15 mars 2005',
      original: 'Original\u00A0: anglais',
      session: 'Quatorzième session',
      sessionPlaceAndDates: 'Vienna, 23–27 mai 2005',
      agendaItem: 'Point 4 de l’ordre du jour provisoire*',
    });
    expect(fr.labels.draft).toBe('PROJET');
    expect(textOf(runsOf(fr.sections[1]?.blocks[0]))).toContain(
      'Au 8 mars 2005, la Convention comptait 3 signataires et 100 parties.',
    );
  });

  it('puts the resources the Secretariat entered (para 4) in section V, amounts to the cent', () => {
    const doc = composeReport(input(), data(), { draft: true });
    const table = doc.sections[4]?.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => r.map((c) => textOf(c.runs)))).toEqual([
      ['Posts in the Treaty and Legal Affairs Branch', '12', '—', 'A/58/6 (Sect. 16)'],
      ['Regular budget', '—', 'USD 1,500,000.00', 'A/58/6 (Sect. 16)'],
    ]);
  });

  it('refuses a paragraph that does not check, at its slot, with line and column', () => {
    const bad = { ...DEFAULT_PARAGRAPHS.en, promotion: 'Held:\n{{events.hled}}.' };
    let error: unknown;
    try {
      composeReport(input('en', bad), data(), { draft: true });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).issues?.[0]).toMatchObject({
      field: 'paragraphs.promotion',
      message: expect.stringMatching(/^line 2, column 3: there is no figure "events.hled".*events\.held/),
    });
  });

  it('carries the illustrative mark, the draft mark and the fingerprint', () => {
    const doc = composeReport(input(), data({ illustrative: true }), { draft: true });
    expect([doc.illustrative, doc.draft, doc.fingerprint]).toEqual([true, true, 'ab'.repeat(32)]);
    expect(doc.annexes.map((a) => [a.number, a.title])).toEqual([
      ['I', 'Status of signatures and ratifications'],
    ]);
  });
});

describe('the default paragraphs', () => {
  it.each(['en', 'fr'] as const)('check against the catalogue (%s)', (locale) => {
    for (const [slot, text] of Object.entries(DEFAULT_PARAGRAPHS[locale])) {
      const result = checkTemplate(text, { figures: FIGURES, instrumentIds: INSTRUMENTS });
      expect(result.ok ? [] : result.errors, `${locale} ${slot}`).toEqual([]);
    }
  });

  it('French puts a no-break space before colons and semicolons', () => {
    const text = Object.values(DEFAULT_PARAGRAPHS.fr).join('\n');
    expect(text).not.toMatch(/ [;:]/);
    expect(text).toMatch(/\u00A0;/);
  });
});

describe('dates and ordinals', () => {
  it('writes a session’s dates as one range', () => {
    expect(dateRange('2005-05-23', '2005-05-27', 'en')).toBe('23–27 May 2005');
    expect(dateRange('2005-05-30', '2005-06-03', 'en')).toBe('30 May–3 June 2005');
    expect(dateRange('2005-12-28', '2006-01-02', 'fr')).toBe('28 décembre 2005–2 janvier 2006');
    expect(dateRange('2005-05-23', '2005-05-23', 'fr')).toBe('23 mai 2005');
    expect(() => dateRange('2005-05-27', '2005-05-23', 'en')).toThrow(/ends before it starts/);
  });

  it('spells session ordinals in English and French', () => {
    expect([1, 11, 14, 20, 21, 35, 40, 59].map(ordinalEn)).toEqual([
      'first',
      'eleventh',
      'fourteenth',
      'twentieth',
      'twenty-first',
      'thirty-fifth',
      'fortieth',
      'fifty-ninth',
    ]);
    expect([1, 11, 14, 20, 21, 35, 40, 59].map(ordinalFr)).toEqual([
      'première',
      'onzième',
      'quatorzième',
      'vingtième',
      'vingt et unième',
      'trente-cinquième',
      'quarantième',
      'cinquante-neuvième',
    ]);
    expect(() => ordinalEn(0)).toThrow(RangeError);
    expect(() => ordinalFr(60)).toThrow(RangeError);
  });
});

describe('a figure the data cannot give', () => {
  it('is refused at the slot that asks for it', () => {
    const resolve: ComposeData['resolve'] = (name, args) => {
      if (name === 'entryIntoForce')
        throw new DomainError('validation', `entryIntoForce ${args.join(' ')}: not in force as at the date`);
      return fakeResolve(name, args);
    };
    const paragraphs = { ...DEFAULT_PARAGRAPHS.en, status: 'In force since {{entryIntoForce FIREARMS}}.' };
    let error: unknown;
    try {
      composeReport(input('en', paragraphs), data({ resolve }), { draft: true });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).field).toBe('paragraphs.status');
    expect((error as DomainError).message).toBe(
      'paragraphs.status: entryIntoForce FIREARMS: not in force as at the date',
    );
  });
});
