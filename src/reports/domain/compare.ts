// Two drafts of the report compared (issue 15, item 4): every field that differs, and for each text that
// differs (a paragraph slot in one language, the resources) its lines, kept, removed or added. The line diff
// is the longest common subsequence, computed in a table bounded so that two very long texts that share
// nothing cost no more than saying "all removed, all added".
import { REPORT_LOCALES } from './format.ts';
import { PARAGRAPH_SLOTS } from './input.ts';
import type { DraftResource, ReportDraft } from './draft.ts';

export type Scalar = string | number | null;

export interface FieldChange {
  field: string;
  from: Scalar;
  to: Scalar;
}

export interface LineChange {
  op: 'same' | 'removed' | 'added';
  text: string;
}

export interface TextChange {
  field: string;
  lines: LineChange[];
}

export interface DraftComparison {
  fields: FieldChange[];
  texts: TextChange[];
}

/** Cells of the LCS table beyond which the diff gives up on matching (two 2,000-line texts). */
export const MAX_DIFF_CELLS = 4_000_000;

/** The lines of `a` and `b` in order, each kept, removed (only in `a`) or added (only in `b`). */
export function diffLines(a: readonly string[], b: readonly string[]): LineChange[] {
  // Common head and tail first: a paragraph edited in one place compares in linear time.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail += 1;
  const same = (lines: readonly string[]) => lines.map((text): LineChange => ({ op: 'same', text }));
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  return [...same(a.slice(0, head)), ...middle(x, y), ...same(a.slice(a.length - tail))];
}

function middle(x: readonly string[], y: readonly string[]): LineChange[] {
  const removed = x.map((text): LineChange => ({ op: 'removed', text }));
  const added = y.map((text): LineChange => ({ op: 'added', text }));
  if (x.length === 0 || y.length === 0 || (x.length + 1) * (y.length + 1) > MAX_DIFF_CELLS)
    return [...removed, ...added];
  // lcs[i][j]: the longest common subsequence of x[i..] and y[j..], one flat row-major array.
  const w = y.length + 1;
  const lcs = new Uint32Array((x.length + 1) * w);
  for (let i = x.length - 1; i >= 0; i -= 1) {
    for (let j = y.length - 1; j >= 0; j -= 1) {
      lcs[i * w + j] =
        x[i] === y[j]
          ? (lcs[(i + 1) * w + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * w + j] as number, lcs[i * w + j + 1] as number);
    }
  }
  const out: LineChange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      out.push({ op: 'same', text: x[i] as string });
      i += 1;
      j += 1;
    } else if ((lcs[(i + 1) * w + j] as number) >= (lcs[i * w + j + 1] as number)) {
      out.push({ op: 'removed', text: x[i] as string });
      i += 1;
    } else {
      out.push({ op: 'added', text: y[j] as string });
      j += 1;
    }
  }
  return [...out, ...removed.slice(i), ...added.slice(j)];
}

const linesOf = (text: string): string[] => text.split(/\r\n|\n/);

/** The one-line fields of a draft, by their path in the draft. */
function scalars(d: ReportDraft): Array<[string, Scalar]> {
  const fields: Array<[string, Scalar]> = [
    ['symbol', d.symbol],
    ['date', d.date],
    ['asAt', d.asAt],
    ['period.from', d.period.from],
    ['period.to', d.period.to],
    ['session.number', d.session.number],
    ['session.from', d.session.from],
    ['session.to', d.session.to],
    ['session.agendaItem', d.session.agendaItem],
    ['session.agendaSymbol', d.session.agendaSymbol],
  ];
  for (const locale of REPORT_LOCALES) {
    fields.push([`texts.${locale}.place`, d.texts[locale].place]);
    fields.push([`texts.${locale}.agendaTitle`, d.texts[locale].agendaTitle]);
  }
  return fields;
}

/** A resource line as one line of text, so that the resources compare as a list. */
function resourceLine(r: DraftResource): string {
  const figure = [
    r.posts === null ? null : `${r.posts} post(s)`,
    r.amount === null ? null : `${r.amount.currency} ${r.amount.amount}`,
  ].filter((part) => part !== null);
  return [
    figure.join(', ') || '—',
    ...REPORT_LOCALES.map((l) => `${l}: ${r.description[l]} (${r.source[l]})`),
  ].join(' | ');
}

/** What changed from `a` to `b`: the fields that differ, then the texts that differ, line by line. */
export function compareDrafts(a: ReportDraft, b: ReportDraft): DraftComparison {
  const before = new Map(scalars(a));
  const fields = scalars(b)
    .filter(([field, value]) => before.get(field) !== value)
    .map(([field, to]) => ({ field, from: before.get(field) ?? null, to }));
  const texts: TextChange[] = [];
  for (const locale of REPORT_LOCALES) {
    for (const slot of PARAGRAPH_SLOTS) {
      const x = a.texts[locale].paragraphs[slot];
      const y = b.texts[locale].paragraphs[slot];
      if (x !== y)
        texts.push({ field: `texts.${locale}.paragraphs.${slot}`, lines: diffLines(linesOf(x), linesOf(y)) });
    }
  }
  const ra = a.resources.map(resourceLine);
  const rb = b.resources.map(resourceLine);
  if (ra.join('\n') !== rb.join('\n') || ra.length !== rb.length)
    texts.push({ field: 'resources', lines: diffLines(ra, rb) });
  return { fields, texts };
}
