// What the four renderers of the report share: the parts in printing order (sections, annexes, then the
// "Sources and method" annex every format ends with), the footnotes numbered in the order they appear, the
// marks every page carries, the few words not in the document's labels, and the check every figure's SVG
// must pass before any format draws it.
import type { Block, ReportDocument, ReportPart, Run } from '../domain/document.ts';
import { formatDate, type ReportLocale } from '../domain/format.ts';

/**
 * Words the renderers print that the document's labels do not hold: the summary's heading, the sources
 * table's other columns and the XLSX annex's first sheet. A record by locale, so a new language cannot be
 * added without its words.
 */
export const RENDER_WORDS: Readonly<
  Record<
    ReportLocale,
    Readonly<
      Record<
        | 'summary'
        | 'number'
        | 'usedBy'
        | 'report'
        | 'title'
        | 'symbol'
        | 'period'
        | 'status'
        | 'sheet'
        | 'table',
        string
      >
    >
  >
> = {
  en: {
    summary: 'Summary',
    number: 'No.',
    usedBy: 'Used in',
    report: 'Report',
    title: 'Title',
    symbol: 'Symbol',
    period: 'Period covered',
    status: 'Status',
    sheet: 'Sheet',
    table: 'Table',
  },
  fr: {
    summary: 'Résumé',
    number: 'No',
    usedBy: 'Utilisée dans',
    report: 'Rapport',
    title: 'Titre',
    symbol: 'Cote',
    period: 'Période considérée',
    status: 'Statut',
    sheet: 'Feuille',
    table: 'Tableau',
  },
};

/** Roman numerals for annex numbers (I to 39 is far more than a report has). */
export function roman(n: number): string {
  const table: Array<[number, string]> = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = n;
  let out = '';
  for (const [value, letters] of table)
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  return out;
}

/** The "Sources and method" annex's number: the one after the document's own annexes. */
export function sourcesAnnexNumber(doc: ReportDocument): string {
  return roman(doc.annexes.length + 1);
}

/** "Annex I", the heading line above an annex's title. */
export function annexLabel(doc: ReportDocument, part: ReportPart): string {
  return `${doc.labels.annex} ${part.number}`;
}

/** The marks every page carries: ILLUSTRATIVE DATA for the illustrative dataset, DRAFT until frozen. */
export function pageMarks(doc: ReportDocument): string[] {
  return [...(doc.illustrative ? [doc.labels.illustrative] : []), ...(doc.draft ? [doc.labels.draft] : [])];
}

/** The symbol as printed: the assigned one, or the visible placeholder label before it is assigned. */
export function symbolText(doc: ReportDocument): string {
  return doc.front.symbol ?? doc.labels.symbolPending;
}

/** One source's text: "kind: ref". */
export function sourceText(source: { kind: string; ref: string }): string {
  return `${source.kind}: ${source.ref}`;
}

/** Where a source is used: "status (parties UNTOC); introduction (asAt)". */
export function usedByText(usedBy: ReadonlyArray<{ paragraph: string; placeholder: string }>): string {
  return usedBy.map((u) => `${u.paragraph} (${u.placeholder})`).join('; ');
}

/** "As at 8 March 2005", the title of a figure's link and the as-at column. */
export function asAtText(doc: ReportDocument, date: string): string {
  return formatDate(date, doc.locale);
}

/** The figure runs' as-at dates, by source number. */
export function sourceDates(doc: ReportDocument): Map<number, string> {
  return new Map(doc.sources.map((s) => [s.number, s.asAt]));
}

/** Every run list of a block, in reading order (a table's caption is not runs). */
function blockRuns(block: Block): ReadonlyArray<readonly Run[]> {
  switch (block.type) {
    case 'paragraph':
    case 'text':
      return [block.runs];
    case 'table':
      return [
        ...block.header.flat().map((c) => c.runs),
        ...block.rows.flat().map((c) => c.runs),
        ...block.notes,
      ];
    default:
      return [];
  }
}

/**
 * Footnote numbers in the order the footnotes appear (summary, sections, annexes), keyed by the run itself:
 * each renderer walks the same document and asks for the number of the run it meets.
 */
export function numberFootnotes(doc: ReportDocument): Map<Run, number> {
  const numbers = new Map<Run, number>();
  const lists = [
    ...doc.front.summary,
    ...[...doc.sections, ...doc.annexes].flatMap((p) => p.blocks.flatMap(blockRuns)),
  ];
  for (const runs of lists)
    for (const run of runs) if (run.type === 'footnote') numbers.set(run, numbers.size + 1);
  return numbers;
}

/** The footnotes' texts in number order. */
export function footnoteTexts(numbers: Map<Run, number>): string[] {
  return [...numbers.keys()].map((r) => (r.type === 'footnote' ? r.text : ''));
}

/** Plain text of runs (a footnote run contributes nothing: its mark is drawn by the renderer). */
export function plainText(runs: readonly Run[]): string {
  return runs.map((r) => (r.type === 'footnote' ? '' : r.text)).join('');
}

/** A figure's SVG is at most this long: a world map of ~200 paths is well under 1 MB. */
export const MAX_SVG_LENGTH = 2_000_000;

/**
 * The figures' SVG comes from the data, not from a person, but no format trusts it blindly: it must be one
 * `<svg>` element with no script, no event handler, no foreign object, no link or reference outside the
 * file (href and url() only to `#id`), no DOCTYPE or entity, no processing instruction and no CSS import.
 * A figure that fails is a bug of the composition, refused before any file is written. The HTML page also
 * draws it through `<img src="data:…">`, where browsers run no script and load nothing, as a second wall.
 */
export function checkSvg(svg: string, key: string): string {
  const problem = svgProblem(svg);
  if (problem) throw new RangeError(`the SVG of figure "${key}" ${problem}`);
  return svg;
}

function svgProblem(svg: string): string | null {
  if (svg.length > MAX_SVG_LENGTH) return `is longer than ${MAX_SVG_LENGTH} characters`;
  if (!/^\s*<svg[\s>]/.test(svg) || !/<\/svg>\s*$/.test(svg)) return 'is not one <svg> element';
  const forbidden: Array<[RegExp, string]> = [
    [/<\s*script/i, 'holds a script'],
    [/<\s*foreignObject/i, 'holds a foreignObject'],
    [/<\s*(iframe|embed|object|audio|video)\b/i, 'embeds content'],
    [/<!|<\?/, 'holds a DOCTYPE, entity, CDATA, comment or processing instruction'],
    [/\son[a-z]+\s*=/i, 'holds an event handler'],
    [/href\s*=\s*(?!["']#)/i, 'links outside itself'],
    [/url\(\s*(?!["']?#)/i, 'refers to a resource outside itself'],
    [/@import|javascript:/i, 'imports or runs code'],
    // eslint-disable-next-line no-control-regex
    [/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, 'holds control characters'],
  ];
  for (const [pattern, message] of forbidden) if (pattern.test(svg)) return message;
  return null;
}

/** Every figure of the document checked (each renderer calls this first: nothing is half-written). */
export function checkFigures(doc: ReportDocument): void {
  for (const part of [...doc.sections, ...doc.annexes])
    for (const block of part.blocks) if (block.type === 'figure') checkSvg(block.svg, block.key);
}
