// The sources behind a report's figures, numbered for the "Sources and method" annex, and the refusal of a
// paragraph that does not check (src/reports/domain/provenance.ts).
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors.ts';
import { FIGURES } from '../../src/reports/domain/figures.ts';
import { listSources, templateRefusal } from '../../src/reports/domain/provenance.ts';
import { checkTemplate, renderTemplate, type Figure } from '../../src/reports/domain/template.ts';

const CATALOGUE = { figures: FIGURES, instrumentIds: ['UNTOC', 'TIP'] };

const figure = (name: string, args: readonly string[]): Figure => ({
  kind: 'count',
  value: 5,
  asAt: '2005-03-08',
  source: { kind: `registry.${name}`, ref: args.join(',') },
});

function render(text: string) {
  const checked = checkTemplate(text, CATALOGUE);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return renderTemplate(checked.segments, figure, { locale: 'en' });
}

describe('sources', () => {
  it('numbers each source once, in the order of first use, with every use', () => {
    const { sources, sourceNumbers } = listSources([
      { key: 'II.1', rendered: render('{{parties UNTOC}} and {{parties TIP}}') },
      { key: 'II.2', rendered: render('{{parties UNTOC}}, {{signatories UNTOC}}') },
      { key: 'II.3', rendered: render('No figure.') },
    ]);
    expect(sourceNumbers).toEqual([[1, 2], [1, 3], []]);
    expect(sources.map((s) => [s.number, s.source.kind, s.source.ref, s.usedBy])).toEqual([
      [
        1,
        'registry.parties',
        'UNTOC',
        [
          { paragraph: 'II.1', placeholder: 'parties UNTOC' },
          { paragraph: 'II.2', placeholder: 'parties UNTOC' },
        ],
      ],
      [2, 'registry.parties', 'TIP', [{ paragraph: 'II.1', placeholder: 'parties TIP' }]],
      [3, 'registry.signatories', 'UNTOC', [{ paragraph: 'II.2', placeholder: 'signatories UNTOC' }]],
    ]);
  });

  it('tells apart the same query as at two dates', () => {
    const at = (asAt: string) => ({
      key: asAt,
      rendered: {
        ...render('{{parties UNTOC}}'),
        figures: render('{{parties UNTOC}}').figures.map((f) => ({ ...f, figure: { ...f.figure, asAt } })),
      },
    });
    expect(listSources([at('2004-03-01'), at('2005-03-08')]).sources.map((s) => s.asAt)).toEqual([
      '2004-03-01',
      '2005-03-08',
    ]);
  });
});

describe('refusal at save time', () => {
  it('is a validation error at the field, one issue per error with its line and column', () => {
    const checked = checkTemplate('{{partys UNTOC}}\n{{parties UNTC}}', CATALOGUE);
    expect(checked.ok).toBe(false);
    const refusal = templateRefusal(checked.ok ? [] : checked.errors, 'paragraphs[3].text');
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.code).toBe('validation');
    expect(refusal.field).toBe('paragraphs[3].text');
    expect(refusal.message).toMatch(
      /^paragraphs\[3\]\.text: line 1, column 3: there is no figure "partys".*\(and 1 more\)$/,
    );
    expect(refusal.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^line 1, column 3: .*did you mean "parties"/),
      expect.stringMatching(/^line 2, column 11: "UNTC" is not an instrument/),
    ]);
  });
});
