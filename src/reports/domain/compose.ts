// Composes the report to the Commission: the Secretariat's prose (one template a slot, input.ts) written with
// the figures, the blocks the data draws for each section (tables, lists) after the prose, the annexes,
// the front matter, and the "Sources and method" list (issue 15, items 2 to 5). Pure: the data arrives as
// functions that draw their blocks and a resolver of figures, and every figure they print is cited here,
// so each source is numbered once, in the order the report first cites it, whoever prints it.
import { DomainError } from '../../common/errors.ts';
import type { Block, Cell, ReportDocument, ReportPart, Run } from './document.ts';
import { FIGURES } from './figures.ts';
import { formatDate, formatValue, type ReportLocale } from './format.ts';
import type { ParagraphSlot, ReportInput, ResourceLine } from './input.ts';
import type { SourceEntry } from './provenance.ts';
import { templateRefusal } from './provenance.ts';
import { checkTemplate, renderTemplate, type Figure, type Rendered } from './template.ts';
import { WORDING } from './wording.ts';

/** Numbers a figure's source for the runs that print it: the same source (query, records, date) is one entry. */
export type Cite = (figure: Figure, usedBy: { paragraph: string; placeholder: string }) => number;

/** The sources of one report, numbered in the order of first citation. */
export class SourceBook {
  private readonly entries = new Map<
    string,
    SourceEntry & { usedBy: Array<{ paragraph: string; placeholder: string }> }
  >();

  readonly cite: Cite = (figure, usedBy) => {
    const key = JSON.stringify([figure.source.kind, figure.source.ref, figure.asAt]);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { number: this.entries.size + 1, source: figure.source, asAt: figure.asAt, usedBy: [] };
      this.entries.set(key, entry);
    }
    entry.usedBy.push(usedBy);
    return entry.number;
  };

  list(): SourceEntry[] {
    return [...this.entries.values()];
  }
}

/** What the data gives the composition: figures by name, the blocks of each section and the annexes. */
export interface ComposeData {
  resolve: (name: string, args: readonly string[]) => Figure;
  instrumentIds: readonly string[];
  illustrative: boolean;
  fingerprint: string;
  /** The blocks the data draws in each section, after the Secretariat's prose; paragraph numbers are set here. */
  sections: Partial<Record<'II' | 'III' | 'IV' | 'V', (cite: Cite, locale: ReportLocale) => Block[]>>;
  annexes: ReadonlyArray<{ title: string; blocks: (cite: Cite, locale: ReportLocale) => Block[] }>;
}

const SLOT_OF_SECTION = {
  I: 'introduction',
  II: 'status',
  III: 'promotion',
  IV: 'assistance',
  V: 'resources',
  VI: 'conclusions',
} as const satisfies Record<string, ParagraphSlot>;

/** A blank line (with any spaces on it) ends a paragraph of the Secretariat's prose. */
const PARAGRAPH_BREAK = /\n[ \t]*\n\s*/;

/**
 * The runs of a rendered template, one list a paragraph: the text between figures as text runs, each figure
 * as a figure run with its source's number, split where the prose has a blank line.
 */
export function paragraphsOf(rendered: Rendered, sources: readonly number[]): Run[][] {
  const paragraphs: Run[][] = [[]];
  const pushText = (text: string): void => {
    const pieces = text.split(PARAGRAPH_BREAK);
    pieces.forEach((piece, i) => {
      if (i > 0) paragraphs.push([]);
      if (piece !== '') (paragraphs.at(-1) as Run[]).push({ type: 'text', text: piece });
    });
  };
  let at = 0;
  rendered.figures.forEach((f, i) => {
    pushText(rendered.text.slice(at, f.start));
    (paragraphs.at(-1) as Run[]).push({
      type: 'figure',
      text: rendered.text.slice(f.start, f.end),
      source: sources[i] as number,
    });
    at = f.end;
  });
  pushText(rendered.text.slice(at));
  return paragraphs
    .map((runs) => trimRuns(runs))
    .filter((runs) => runs.some((r) => r.type !== 'text' || r.text.trim() !== ''));
}

/** Leading and trailing white space of a paragraph is not the prose's. */
function trimRuns(runs: Run[]): Run[] {
  const out = [...runs];
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, text: first.text.trimStart() };
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out.filter((r) => r.type !== 'text' || r.text !== '');
}

/** One slot's prose, checked (an error names the slot's field) and written with its cited figures. */
function prose(slot: ParagraphSlot, input: ReportInput, data: ComposeData, book: SourceBook): Run[][] {
  const field = `paragraphs.${slot}`;
  const checked = checkTemplate(input.paragraphs[slot], {
    figures: FIGURES,
    instrumentIds: data.instrumentIds,
  });
  if (!checked.ok) throw templateRefusal(checked.errors, field);
  let rendered: Rendered;
  try {
    rendered = renderTemplate(checked.segments, data.resolve, { locale: input.locale });
  } catch (err) {
    // A figure the data cannot give (an instrument not in force as at the date): the slot's prose must change.
    if (err instanceof DomainError && err.code === 'validation')
      throw new DomainError('validation', `${field}: ${err.message}`, { field });
    throw err;
  }
  const sources = rendered.figures.map((f) =>
    book.cite(f.figure, { paragraph: field, placeholder: [f.name, ...f.args].join(' ') }),
  );
  return paragraphsOf(rendered, sources);
}

const text = (t: string): Cell => ({ runs: [{ type: 'text', text: t }] });

/** The resources made available to the Secretariat (res. 56/120 para 4), as entered, with their sources. */
export function resourcesTable(lines: readonly ResourceLine[], locale: ReportLocale): Block[] {
  if (lines.length === 0) return [];
  const head =
    locale === 'en'
      ? ['Resource', 'Posts', 'Amount', 'Source']
      : ['Ressource', 'Postes', 'Montant', 'Source'];
  return [
    {
      type: 'table',
      key: 'resources',
      caption:
        locale === 'en'
          ? 'Resources made available to the Secretariat (General Assembly resolution 56/120, para. 4)'
          : 'Ressources mises à la disposition du Secrétariat (résolution 56/120 de l’Assemblée générale, par. 4)',
      header: [head.map(text)],
      rows: lines.map((l) => [
        text(l.description),
        {
          runs: [
            {
              type: 'text',
              text: l.posts === null ? '—' : formatValue({ kind: 'count', value: l.posts }, locale, null),
            },
          ],
          align: 'end',
        },
        {
          runs: [
            {
              type: 'text',
              text: l.amount === null ? '—' : formatValue({ kind: 'money', value: l.amount }, locale, null),
            },
          ],
          align: 'end',
        },
        text(l.source),
      ]),
      notes: [],
    },
  ];
}

/** The report as one document, in the input's language. A paragraph that does not check is refused at its slot. */
export function composeReport(
  input: ReportInput,
  data: ComposeData,
  options: { draft: boolean },
): ReportDocument {
  const locale = input.locale;
  const words = WORDING[locale];
  const book = new SourceBook();
  const summary = prose('summary', input, data, book);

  let paragraphNumber = 0;
  const numbered = (blocks: readonly Block[]): Block[] =>
    blocks.map((b) => (b.type === 'paragraph' ? { ...b, number: ++paragraphNumber } : b));

  const sections: ReportPart[] = (['I', 'II', 'III', 'IV', 'V', 'VI'] as const).map((number) => {
    const own: Block[] = prose(SLOT_OF_SECTION[number], input, data, book).map((runs) => ({
      type: 'paragraph',
      number: 0,
      runs,
    }));
    const drawn = number === 'I' || number === 'VI' ? [] : (data.sections[number]?.(book.cite, locale) ?? []);
    const extra = number === 'V' ? resourcesTable(input.resources, locale) : [];
    return { number, title: words.sections[number], blocks: numbered([...own, ...drawn, ...extra]) };
  });

  const annexes: ReportPart[] = data.annexes.map((annex, i) => ({
    number: ROMAN[i] as string,
    title: annex.title,
    blocks: annex.blocks(book.cite, locale),
  }));

  return {
    locale,
    illustrative: data.illustrative,
    draft: options.draft,
    asAt: input.asAt,
    period: input.period,
    front: {
      symbol: input.symbol,
      distribution: words.distribution,
      date: input.date,
      dateText: formatDate(input.date, locale),
      original: words.original,
      body: words.body,
      session: words.session(input.session.number),
      sessionPlaceAndDates: `${input.session.place}, ${dateRange(input.session.from, input.session.to, locale)}`,
      agendaItem: `${words.agendaItem(input.session.agendaItem)}*`,
      agendaFootnote: `* ${input.session.agendaSymbol}.`,
      agendaTitle: input.session.agendaTitle,
      title: words.title,
      subtitle: words.subtitle,
      summary,
    },
    labels: words.labels,
    sections,
    annexes,
    sources: book.list(),
    fingerprint: data.fingerprint,
  };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** "23–27 May 2005", "30 May–3 June 2005", "28 December 2005–2 January 2006" (an en dash, no spaces). */
export function dateRange(from: string, to: string, locale: ReportLocale): string {
  if (to < from)
    throw new DomainError('validation', 'the session ends before it starts', { field: 'session.to' });
  const [a, b] = [formatDate(from, locale), formatDate(to, locale)];
  if (from === to) return a;
  const [ap, bp] = [a.split(' '), b.split(' ')];
  if (from.slice(0, 4) !== to.slice(0, 4)) return `${a}–${b}`;
  if (from.slice(0, 7) !== to.slice(0, 7)) return `${ap.slice(0, 2).join(' ')}–${b}`;
  return `${ap[0] as string}–${bp.join(' ')}`;
}
