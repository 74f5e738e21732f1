// Every figure can be traced (issue 15, item 5): from the paragraphs as rendered, the list of sources the
// "Sources and method" annex prints and the HTML page links to, and the refusal a paragraph that does not
// check gets when it is saved, at its field.
import type { IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import type { Rendered, TemplateError } from './template.ts';

export interface SourceEntry {
  /** 1, 2, 3… in the order of first use: the number a figure's note or link refers to. */
  number: number;
  source: { kind: string; ref: string };
  asAt: IsoDate;
  /** Where it is used: the paragraph's key and the placeholder (`parties UNTOC`). */
  usedBy: ReadonlyArray<{ paragraph: string; placeholder: string }>;
}

/**
 * The sources behind the figures of the paragraphs, each once (the same query on the same records as at
 * the same date), numbered in the order the report first cites them, and for each source every use.
 * `sourceNumbers[p][i]` is the number of the i-th figure of paragraph p, for its note or link.
 */
export function listSources(paragraphs: ReadonlyArray<{ key: string; rendered: Rendered }>): {
  sources: SourceEntry[];
  sourceNumbers: number[][];
} {
  const byKey = new Map<
    string,
    SourceEntry & { usedBy: Array<{ paragraph: string; placeholder: string }> }
  >();
  const sourceNumbers = paragraphs.map(({ key, rendered }) =>
    rendered.figures.map((f) => {
      const id = JSON.stringify([f.figure.source.kind, f.figure.source.ref, f.figure.asAt]);
      let entry = byKey.get(id);
      if (!entry) {
        entry = { number: byKey.size + 1, source: f.figure.source, asAt: f.figure.asAt, usedBy: [] };
        byKey.set(id, entry);
      }
      entry.usedBy.push({ paragraph: key, placeholder: [f.name, ...f.args].join(' ') });
      return entry.number;
    }),
  );
  return { sources: [...byKey.values()], sourceNumbers };
}

/** The refusal of a paragraph that does not check: 422 at `field`, one issue per error with its place. */
export function templateRefusal(errors: readonly TemplateError[], field: string): DomainError {
  const issues = errors.map((e) => ({ field, message: `line ${e.line}, column ${e.column}: ${e.message}` }));
  const first = issues[0]?.message ?? 'is not a valid paragraph';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new DomainError('validation', `${field}: ${first}${more}`, { field, issues });
}
