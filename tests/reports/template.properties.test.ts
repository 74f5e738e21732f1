// Properties of the paragraph templates (src/reports/domain/template.ts), on generated paragraphs: prose
// without placeholders is kept as it is; a checked paragraph whose figures all resolve is written with no
// "{{" left; every error points inside the text, at the line and column of its offset. The last property
// is also run against a renderer broken on purpose, which it must catch (a test that can fail).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber } from '../../src/common/dates.ts';
import { FIGURES, type FigureDefinition } from '../../src/reports/domain/figures.ts';
import { FORMATS_OF, type FigureValue } from '../../src/reports/domain/format.ts';
import {
  checkTemplate,
  MAX_TEXT_LENGTH,
  parseTemplate,
  renderTemplate,
  type Figure,
  type Segment,
} from '../../src/reports/domain/template.ts';

const INSTRUMENTS = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];
const CATALOGUE = { figures: FIGURES, instrumentIds: INSTRUMENTS };
const RUNS = { numRuns: 300 };

/** Any text with no brace at all, in any script (astral characters and line breaks included). */
const braceFree = fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.replace(/[{}]/g, ''));

/** Prose: brace-free runs and single braces around words (`{a}` is text, never a placeholder). */
const prose = fc.oneof(
  braceFree,
  braceFree.map((s) => `{${s}}`),
);

const ws = fc.constantFrom('', ' ', '  ', '\t', '\n');

/** A placeholder the catalogue accepts: a known name, instrument ids for its arguments, a format that fits. */
const placeholder = fc.constantFrom(...FIGURES).chain((f: FigureDefinition) =>
  fc
    .tuple(
      fc.tuple(...f.args.map(() => fc.constantFrom(...INSTRUMENTS))),
      FORMATS_OF[f.value].length === 0
        ? fc.constant(null)
        : fc.option(fc.constantFrom(...FORMATS_OF[f.value]), { nil: null }),
      ws,
      ws,
    )
    .map(([args, format, a, b]) => {
      const head = [f.name, ...args].join(' ');
      const fmt = format ? `${b}|${a}${format}` : '';
      return `{{${a}${head}${fmt}${b}}}`;
    }),
);

const paragraph = fc.array(fc.oneof(prose, placeholder), { maxLength: 12 }).map((parts) => parts.join(''));

/** A value of each kind, drawn from one seed so that a figure's value depends only on the run. */
function valueOf(kind: FigureDefinition['value'], seed: number): FigureValue {
  switch (kind) {
    case 'count':
      return { kind, value: seed % 3 === 0 ? seed % 10 : seed };
    case 'money':
      return { kind, value: { minor: BigInt(seed) * 7919n - 1000n, currency: 'USD', minorUnits: 2 } };
    case 'date':
      return { kind, value: fromDayNumber(seed % 20_000) };
    case 'list':
      return { kind, value: ['Mali', 'Peru', 'Chad', 'Côte d’Ivoire'].slice(0, seed % 5) };
    case 'text':
      return { kind, value: `text ${seed}` };
  }
}

const resolverFrom =
  (seed: number) =>
  (name: string): Figure => {
    const definition = FIGURES.find((f) => f.name === name);
    if (!definition) throw new Error(`no figure ${name}`);
    const value = valueOf(definition.value, seed + name.length);
    return { ...value, asAt: '2005-03-08', source: { kind: 'test', ref: name } };
  };

type Render = typeof renderTemplate;

/** The "no {{ left" property, for a given renderer. */
const nothingLeftUnfilled = (render: Render) =>
  fc.property(
    paragraph,
    fc.nat({ max: 1_000_000 }),
    fc.constantFrom('en', 'fr') as fc.Arbitrary<'en' | 'fr'>,
    (text, seed, locale) => {
      const checked = checkTemplate(text, CATALOGUE);
      expect(checked.ok, JSON.stringify(checked)).toBe(true);
      if (!checked.ok) return;
      const out = render(checked.segments, resolverFrom(seed), { locale });
      expect(out.text).not.toContain('{{');
      for (const f of out.figures) expect(f.end).toBeGreaterThan(f.start);
    },
  );

/** A renderer with an off-by-one: the last placeholder is written as its source, not as its figure. */
const brokenRender: Render = (segments, resolve, options) => {
  const last = segments.findLastIndex((s) => s.type === 'placeholder');
  const mended = segments.map((s, i): Segment =>
    i === last && s.type === 'placeholder' ? { type: 'text', text: `{{${s.name}}}`, offset: s.offset } : s,
  );
  return renderTemplate(mended, resolve, options);
};

describe('template properties', () => {
  it('any text without braces parses to itself', () => {
    fc.assert(
      fc.property(fc.array(braceFree, { maxLength: 5 }), (parts) => {
        const text = parts.join('\n');
        const parsed = parseTemplate(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.segments.map((s) => (s.type === 'text' ? s.text : '?')).join('')).toBe(text);
        expect(parsed.segments.length).toBe(text === '' ? 0 : 1);
      }),
      RUNS,
    );
  });

  it('a checked paragraph whose figures all resolve is written with no "{{" left', () => {
    fc.assert(nothingLeftUnfilled(renderTemplate), RUNS);
  });

  it('catches a renderer that leaves a placeholder unfilled', () => {
    const result = fc.check(nothingLeftUnfilled(brokenRender), RUNS);
    expect(result.failed).toBe(true);
    // Caught by the property itself, not by an error in the test's own making.
    expect(String(result.errorInstance)).toMatch(/not to contain '\{\{'/);
  });

  it('every error points inside the text, at the line and column of its offset', () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '{{',
      '}}',
      '|',
      ' ',
      '\n',
      'parties',
      'UNTOC',
      'X',
      'words',
      '.',
      'é',
      '😀',
    );
    const text = fc.oneof(
      { weight: 20, arbitrary: fc.array(piece, { maxLength: 40 }).map((p) => p.join('')) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: MAX_TEXT_LENGTH - 2, max: MAX_TEXT_LENGTH + 2 })
          .map((n) => '}'.repeat(n)),
      },
    );
    fc.assert(
      fc.property(text, (t) => {
        const checked = checkTemplate(t, CATALOGUE);
        for (const e of checked.ok ? [] : checked.errors) {
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThan(t.length);
          const before = t.slice(0, e.offset).split('\n');
          expect([e.line, e.column]).toEqual([before.length, (before.at(-1) as string).length + 1]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
