// The comparison of two drafts: the line diff (longest common subsequence) on small cases written out, its
// invariants on random texts (removed + same lines rebuild the old text, added + same the new one, and the
// kept lines are as many as the longest common subsequence), and the fields and texts of two drafts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDrafts,
  diffLines,
  MAX_DIFF_CELLS,
  type LineChange,
} from '../../src/reports/domain/compare.ts';
import type { ReportDraft } from '../../src/reports/domain/draft.ts';
import { draftInput } from './records-support.ts';

const show = (changes: LineChange[]) =>
  changes.map((c) => `${c.op === 'same' ? ' ' : c.op === 'added' ? '+' : '-'}${c.text}`);

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
  return t[a.length]![b.length]!;
}

describe('diffLines', () => {
  it.each([
    [[], [], []],
    [['a'], ['a'], [' a']],
    [
      ['a', 'b', 'c'],
      ['a', 'c'],
      [' a', '-b', ' c'],
    ],
    [
      ['a', 'c'],
      ['a', 'b', 'c'],
      [' a', '+b', ' c'],
    ],
    [['a', 'b'], ['c'], ['-a', '-b', '+c']],
    [
      ['x', 'a', 'b', 'y'],
      ['x', 'b', 'a', 'y'],
      [' x', '-a', ' b', '+a', ' y'],
    ],
  ])('%j → %j', (a, b, expected) => {
    expect(show(diffLines(a, b))).toEqual(expected);
  });

  it('rebuilds both texts and keeps as many lines as their longest common subsequence', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = diffLines(a, b);
        expect(d.filter((c) => c.op !== 'added').map((c) => c.text)).toEqual(a);
        expect(d.filter((c) => c.op !== 'removed').map((c) => c.text)).toEqual(b);
        expect(d.filter((c) => c.op === 'same').length).toBe(lcsLength(a, b));
      }),
    );
  });

  it('gives up matching, not memory, past its bound: all removed, then all added', () => {
    const side = Math.ceil(Math.sqrt(MAX_DIFF_CELLS));
    // One line in common, which a full table would keep; past the bound it is removed and added again.
    const a = [...Array.from({ length: side }, (_, i) => `a${i}`), 'common'];
    const b = ['common', ...Array.from({ length: side }, (_, i) => `b${i}`)];
    const d = diffLines(a, b);
    expect(d.filter((c) => c.op === 'same')).toEqual([]);
    expect(d.slice(0, side + 1).every((c) => c.op === 'removed')).toBe(true);
    expect(diffLines(a.slice(-3), b.slice(0, 3)).filter((c) => c.op === 'same')).toHaveLength(1);
  });
});

describe('compareDrafts', () => {
  const draft = (d = draftInput()): ReportDraft => ({ ...d, period: { from: '2004-03-01', to: d.asAt } });

  it('finds nothing between a draft and itself', () => {
    expect(compareDrafts(draft(), draft())).toEqual({ fields: [], texts: [] });
  });

  it('names each field that changed and diffs each text that changed, resources included', () => {
    const b = draftInput({ asAt: '2005-03-09' });
    b.session.agendaItem = 5;
    b.texts.fr.paragraphs.conclusions = 'Nouvelle conclusion.';
    b.resources = [];
    const c = compareDrafts(draft(), draft(b));
    expect(c.fields).toEqual([
      { field: 'asAt', from: '2005-03-08', to: '2005-03-09' },
      { field: 'period.to', from: '2005-03-08', to: '2005-03-09' },
      { field: 'session.agendaItem', from: 4, to: 5 },
    ]);
    expect(c.texts.map((t) => [t.field, show(t.lines)])).toEqual([
      [
        'texts.fr.paragraphs.conclusions',
        ['-Les États qui ne l’ont pas encore fait …', '+Nouvelle conclusion.'],
      ],
      [
        'resources',
        [
          '-2 post(s), USD 250000.00 | en: Two Professional posts (Programme budget 2004-2005) | fr: Deux postes d’administrateur (Budget-programme 2004-2005)',
        ],
      ],
    ]);
  });
});
