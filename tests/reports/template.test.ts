// The paragraph templates of the report (src/reports/domain/template.ts): what parses, each error at its
// place, and how figures are written in English and French.
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../src/reports/domain/figures.ts';
import { formatCount, formatDate, formatList, formatMoney } from '../../src/reports/domain/format.ts';
import {
  checkTemplate,
  MAX_ARGUMENTS,
  MAX_ERRORS,
  MAX_PLACEHOLDERS,
  MAX_TEXT_LENGTH,
  parseTemplate,
  renderTemplate,
  type Figure,
  type Segment,
  type TemplateErrorCode,
} from '../../src/reports/domain/template.ts';

const CATALOGUE = { figures: FIGURES, instrumentIds: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'] };
const SOURCE = { kind: 'registry.parties', ref: 'UNTOC@2005-03-08' };
const count = (value: number): Figure => ({ kind: 'count', value, asAt: '2005-03-08', source: SOURCE });

const segmentsOf = (text: string): readonly Segment[] => {
  const result = checkTemplate(text, CATALOGUE);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.segments;
};

describe('good templates', () => {
  it.each([
    ['plain prose', 'The Convention entered into force.', []],
    ['single braces are text', 'a {b} c', []],
    ['a placeholder', '{{parties UNTOC}}', [['parties', ['UNTOC'], null]]],
    ['spaces and a format', '{{  parties   TIP |  words }}', [['parties', ['TIP'], 'words']]],
    ['a dotted name', 'Paid: {{fund.paid}}.', [['fund.paid', [], null]]],
    ['a line break inside', '{{period.from\n| date}}', [['period.from', [], 'date']]],
    ['a brace after }}', '{{asAt}}}', [['asAt', [], null]]],
    [
      'several',
      'From {{period.from}} to {{period.to}}, {{newParties UNTOC | words}} States became parties.',
      [
        ['period.from', [], null],
        ['period.to', [], null],
        ['newParties', ['UNTOC'], 'words'],
      ],
    ],
  ])('%s', (_, text, placeholders) => {
    const segments = segmentsOf(text);
    expect(segments.filter((s) => s.type === 'placeholder').map((s) => [s.name, s.args, s.format])).toEqual(
      placeholders,
    );
    // The text between placeholders is kept exactly, at its offset.
    for (const s of segments)
      if (s.type === 'text') expect(text.slice(s.offset, s.offset + s.text.length)).toBe(s.text);
      else expect(text.slice(s.offset, s.offset + s.length)).toMatch(/^\{\{[^]*\}\}$/);
  });

  it('the empty paragraph has no segment', () => {
    expect(parseTemplate('')).toEqual({ ok: true, segments: [] });
  });
});

type ErrorCase = [
  what: string,
  text: string,
  code: TemplateErrorCode,
  at: [number, number, number],
  says: RegExp,
];

describe('each error, at its place', () => {
  const errorCases: ErrorCase[] = [
    ['a stray }}', 'a }} b', 'stray_close', [2, 1, 3], /closes no placeholder/],
    ['an unclosed {{', 'text {{parties UNTOC', 'unclosed', [5, 1, 6], /never closed/],
    ['{{ before the }}', '{{parties {{asAt}}', 'unclosed', [0, 1, 1], /before the next/],
    ['an empty placeholder', 'x\n{{ }}', 'empty', [2, 2, 1], /empty placeholder/],
    ['a format with no name', '{{ | words}}', 'empty', [0, 1, 1], /name is expected/],
    ['a bad name', '{{Parties UNTOC}}', 'bad_name', [2, 1, 3], /not a figure’s name/],
    ['a name with a hyphen', '{{new-parties}}', 'bad_name', [2, 1, 3], /lower camel case/],
    ['a malformed argument', '{{parties "UNTOC"}}', 'bad_argument', [10, 1, 11], /not an argument/],
    ['too many arguments', '{{parties A B C D}}', 'too_many_arguments', [16, 1, 17], /at most 3/],
    ['a bar and no format', '{{asAt |}}', 'bad_format', [7, 1, 8], /format is expected/],
    ['two formats', '{{asAt | date words}}', 'bad_format', [14, 1, 15], /one format/],
    ['an unknown format', 'ab\ncd {{asAt | dat}}', 'unknown_format', [15, 2, 13], /did you mean "date"/],
    ['an unknown figure', 'A {{partys UNTOC}}', 'unknown_figure', [4, 1, 5], /did you mean "parties"/],
    ['a figure far from any', '{{weather}}', 'unknown_figure', [2, 1, 3], /no figure "weather"; docs/],
    ['no instrument given', '{{parties}}', 'wrong_arguments', [0, 1, 1], /instrument id.*given none/],
    [
      'an argument too many',
      '{{fund.paid UNTOC}}',
      'wrong_arguments',
      [0, 1, 1],
      /no argument; it is given 1/,
    ],
    ['not an instrument', '{{parties UNTC}}', 'unknown_instrument', [10, 1, 11], /did you mean "UNTOC"/],
    ['lower-case instrument', '{{parties tip}}', 'unknown_instrument', [10, 1, 11], /did you mean "TIP"/],
    [
      'words on money',
      '{{fund.paid | words}}',
      'format_mismatch',
      [0, 1, 1],
      /sum of money \(it takes number\)/,
    ],
    ['a format on a list', '{{newParties.names SOM | number}}', 'format_mismatch', [0, 1, 1], /takes none/],
  ];

  it.each(errorCases)('%s', (_, text, code, [offset, line, column], says) => {
    const result = checkTemplate(text, CATALOGUE);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, offset, line, column });
    expect(errors[0]?.message).toMatch(says);
  });

  it('names every error, in the order of the text', () => {
    const result = checkTemplate('{{partys X}} and }} then {{asAt | wrds}} and {{parties', CATALOGUE);
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.offset])).toEqual([
      ['unknown_figure', 2],
      ['stray_close', 17],
      ['unknown_format', 34],
      ['unclosed', 45],
    ]);
  });

  it('parseTemplate checks the grammar, not the names', () => {
    expect(parseTemplate('{{weather UNTC | words}}').ok).toBe(true);
    expect(parseTemplate('{{weather').ok).toBe(false);
  });
});

describe('bounds', () => {
  const codes = (text: string) => {
    const r = checkTemplate(text, CATALOGUE);
    return r.ok ? [] : r.errors.map((e) => [e.code, e.offset]);
  };

  it('refuses a paragraph too long, at the first character past the limit', () => {
    expect(codes('a'.repeat(MAX_TEXT_LENGTH))).toEqual([]);
    expect(codes('a'.repeat(MAX_TEXT_LENGTH + 1))).toEqual([['too_long', MAX_TEXT_LENGTH]]);
  });

  it('refuses a placeholder too many', () => {
    const ok = '{{asAt}} '.repeat(MAX_PLACEHOLDERS);
    expect(codes(ok)).toEqual([]);
    expect(codes(`${ok}{{asAt}}`)).toEqual([['too_many_placeholders', ok.length]]);
  });

  it('refuses long names and arguments', () => {
    expect(codes(`{{${'a'.repeat(65)}}}`)).toEqual([['bad_name', 2]]);
    expect(codes(`{{parties ${'U'.repeat(33)}}}`)).toEqual([['bad_argument', 10]]);
    expect(MAX_ARGUMENTS).toBe(3);
  });

  it('lists at most MAX_ERRORS errors', () => {
    expect(codes('}} '.repeat(100))).toHaveLength(MAX_ERRORS);
  });
});

describe('numbers, money, dates and lists in English and French', () => {
  it.each([
    [0, 'number', '0', '0'],
    [7, 'number', '7', '7'],
    [999, 'number', '999', '999'],
    [1234, 'number', '1,234', '1\u202F234'],
    [1234567, 'number', '1,234,567', '1\u202F234\u202F567'],
    [0, 'words', 'zero', 'zéro'],
    [1, 'words', 'one', 'un'],
    [9, 'words', 'nine', 'neuf'],
    [10, 'words', '10', '10'],
    [12345, 'words', '12,345', '12\u202F345'],
  ] as const)('%d as %s', (n, format, en, fr) => {
    expect(formatCount(n, 'en', format)).toBe(en);
    expect(formatCount(n, 'fr', format)).toBe(fr);
  });

  it('refuses a count that is not a whole number ≥ 0', () => {
    for (const bad of [1.5, -1, Number.NaN, 2 ** 53])
      expect(() => formatCount(bad, 'en')).toThrow(RangeError);
  });

  it.each([
    [123456789n, 'USD', 2, 'USD 1,234,567.89', '1\u202F234\u202F567,89\u00A0USD'],
    [-50n, 'USD', 2, 'USD -0.50', '-0,50\u00A0USD'],
    [1500n, 'JPY', 0, 'JPY 1,500', '1\u202F500\u00A0JPY'],
    [1234567n, 'KWD', 3, 'KWD 1,234.567', '1\u202F234,567\u00A0KWD'],
  ] as const)('money %s %s', (minor, currency, minorUnits, en, fr) => {
    expect(formatMoney({ minor, currency, minorUnits }, 'en')).toBe(en);
    expect(formatMoney({ minor, currency, minorUnits }, 'fr')).toBe(fr);
  });

  it.each([
    ['2005-03-08', '8 March 2005', '8 mars 2005'],
    ['2003-09-29', '29 September 2003', '29 septembre 2003'],
    ['2003-07-01', '1 July 2003', '1er juillet 2003'],
  ])('%s', (date, en, fr) => {
    expect(formatDate(date, 'en')).toBe(en);
    expect(formatDate(date, 'fr')).toBe(fr);
  });

  it.each([
    [[], 'none', 'aucun'],
    [['Mali'], 'Mali', 'Mali'],
    [['Mali', 'Peru'], 'Mali and Peru', 'Mali et Peru'],
    [['Chad', 'Mali', 'Peru'], 'Chad, Mali and Peru', 'Chad, Mali et Peru'],
  ])('the list %j', (items, en, fr) => {
    expect(formatList(items, 'en')).toBe(en);
    expect(formatList(items, 'fr')).toBe(fr);
  });
});

describe('rendering', () => {
  const text = 'As at {{asAt}}, {{parties UNTOC}} States were parties; {{newParties TIP | words}} joined.';
  const figures: Record<string, Figure> = {
    asAt: { kind: 'date', value: '2005-03-08', asAt: '2005-03-08', source: { kind: 'report', ref: 'as-at' } },
    parties: count(1100),
    newParties: count(3),
  };
  const resolve = (name: string): Figure => figures[name] as Figure;

  it('writes each figure in the language asked, and says where it went', () => {
    const en = renderTemplate(segmentsOf(text), resolve, { locale: 'en' });
    expect(en.text).toBe('As at 8 March 2005, 1,100 States were parties; three joined.');
    expect(en.figures.map((f) => [f.name, f.args, en.text.slice(f.start, f.end), f.templateOffset])).toEqual([
      ['asAt', [], '8 March 2005', 6],
      ['parties', ['UNTOC'], '1,100', 16],
      ['newParties', ['TIP'], 'three', 55],
    ]);
    expect(en.figures[1]?.figure.source).toEqual(SOURCE);
    const fr = renderTemplate(segmentsOf(text), resolve, { locale: 'fr' });
    expect(fr.text).toBe('As at 8 mars 2005, 1\u202F100 States were parties; trois joined.');
  });

  it('passes the arguments to the resolver', () => {
    const asked: Array<[string, readonly string[]]> = [];
    renderTemplate(
      segmentsOf('{{parties SOM}} {{signatories FIREARMS}}'),
      (n, a) => (asked.push([n, a]), count(1)),
      {
        locale: 'en',
      },
    );
    expect(asked).toEqual([
      ['parties', ['SOM']],
      ['signatories', ['FIREARMS']],
    ]);
  });

  it('refuses a figure it cannot write rather than leave a blank', () => {
    const one = (figure: Figure) => () =>
      renderTemplate(segmentsOf('{{parties UNTOC}}'), () => figure, { locale: 'en' });
    expect(one(count(2.5))).toThrow(RangeError);
    expect(one({ kind: 'date', value: '2005-02-30', asAt: '2005-03-08', source: SOURCE })).toThrow(
      RangeError,
    );
    expect(one({ kind: 'text', value: 'a {{b}}', asAt: '2005-03-08', source: SOURCE })).toThrow(/brace/);
    const wrongFormat = () => renderTemplate(segmentsOf('{{asAt | date}}'), () => count(3), { locale: 'en' });
    expect(wrongFormat).toThrow(/does not apply/);
  });
});
