// docs/reports.md says what the code does: its catalogue table lists exactly the figures of figures.ts (section,
// placeholder, kind of value, meaning), and its worked example renders, in English and French, as shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../src/reports/domain/figures.ts';
import type { FigureValue } from '../../src/reports/domain/format.ts';
import { checkTemplate, renderTemplate, type Figure } from '../../src/reports/domain/template.ts';

const DOC = readFileSync(join(import.meta.dirname, '../../docs/reports.md'), 'utf8');

/** The text of a `### heading` section, up to the next heading. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n### ${heading}\n`);
  expect(start, `docs/reports.md has a section "${heading}"`).toBeGreaterThan(-1);
  const end = DOC.indexOf('\n#', start + 5);
  return DOC.slice(start, end === -1 ? undefined : end);
}

/** Table rows of a section as cells, without the header and the rule. */
function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
}

describe('docs/reports.md', () => {
  it('lists exactly the catalogue of figures, in its order', () => {
    const expected = FIGURES.map((f) => [
      f.section,
      `\`{{${[f.name, ...f.args.map(() => 'INSTRUMENT')].join(' ')}}}\``,
      f.value,
      f.meaning,
    ]);
    expect(rows(section('The catalogue'))).toEqual(expected);
  });

  it('renders the worked example as it shows it', () => {
    const blocks = [...section('Worked example').matchAll(/```text\n([^]*?)\n```/g)].map(
      (m) => m[1] as string,
    );
    expect(blocks).toHaveLength(4);
    const [enTemplate, enReport, frTemplate, frReport] = blocks as [string, string, string, string];
    const values: Record<string, FigureValue> = {
      asAt: { kind: 'date', value: '2005-03-08' },
      'period.from': { kind: 'date', value: '2004-03-01' },
      'period.to': { kind: 'date', value: '2005-03-08' },
      signatories: { kind: 'count', value: 147 },
      parties: { kind: 'count', value: 100 },
      entryIntoForce: { kind: 'date', value: '2003-09-29' },
      newParties: { kind: 'count', value: 3 },
      'fund.paid': { kind: 'money', value: { minor: 123456789n, currency: 'USD', minorUnits: 2 } },
    };
    const names = { en: ['State A', 'State B', 'State C'], fr: ['État A', 'État B', 'État C'] };
    for (const [locale, template, report] of [
      ['en', enTemplate, enReport],
      ['fr', frTemplate, frReport],
    ] as const) {
      const checked = checkTemplate(template, { figures: FIGURES, instrumentIds: ['UNTOC', 'SOM'] });
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      const resolve = (name: string): Figure => ({
        ...(name === 'newParties.names'
          ? { kind: 'list', value: names[locale] }
          : (values[name] ?? { kind: 'text', value: `no ${name}` })),
        asAt: '2005-03-08',
        source: { kind: 'doc', ref: name },
      });
      expect(renderTemplate(checked.segments, resolve, { locale }).text).toBe(report);
    }
  });
});
