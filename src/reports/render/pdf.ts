// The report as PDF through Typst (issue 15, item 6), compiled in the events' worker thread with the Noto
// Sans fonts shipped from npm (src/events/documents/typst.ts). Typst shapes Arabic and Chinese, which the
// six-language report that follows will need.
//
// No text of the document enters Typst markup: the document becomes one Typst dictionary of string
// literals (`typstString`), and a fixed layout below sets those strings as text. A title made of Typst
// syntax comes out as the characters typed. The PDF's date is the document's own: same document, same bytes.
import { typstDate, typstPdf, typstString } from '../../events/documents/typst.ts';
import type { Block, Cell, ReportDocument, ReportPart, Run } from '../domain/document.ts';
import {
  annexLabel,
  asAtText,
  checkFigures,
  pageMarks,
  RENDER_WORDS,
  sourcesAnnexNumber,
  sourceText,
  symbolText,
  usedByText,
} from './common.ts';

const s = typstString;
const arr = (items: readonly string[]) => `(${items.map((i) => `${i},`).join(' ')})`;

function run(r: Run, sources: ReadonlySet<number>): string {
  switch (r.type) {
    case 'text':
      return `(t: "text", s: ${s(r.text)}, e: ${s(r.emphasis ?? '')})`;
    case 'figure':
      // A figure whose source is not listed is set as text: a link to a missing label would not compile.
      return sources.has(r.source)
        ? `(t: "fig", s: ${s(r.text)}, n: ${r.source})`
        : `(t: "text", s: ${s(r.text)}, e: "")`;
    case 'footnote':
      return `(t: "fn", s: ${s(r.text)})`;
  }
}

const runs = (list: readonly Run[], src: ReadonlySet<number>) => arr(list.map((r) => run(r, src)));

function cells(row: readonly Cell[], width: number, src: ReadonlySet<number>): string {
  const padded = [...row, ...Array.from({ length: width - row.length }, (): Cell => ({ runs: [] }))];
  return arr(padded.map((c) => `(r: ${runs(c.runs, src)}, end: ${c.align === 'end'})`));
}

function table(
  caption: string,
  header: readonly (readonly Cell[])[],
  rows: readonly (readonly Cell[])[],
  notes: readonly (readonly Run[])[],
  src: ReadonlySet<number>,
  anchors = false,
): string {
  const width = Math.max(1, ...[...header, ...rows].map((r) => r.length));
  return `(t: "table", anchors: ${anchors}, caption: ${s(caption)}, cols: ${width}, header: ${arr(header.map((r) => cells(r, width, src)))}, rows: ${arr(rows.map((r) => cells(r, width, src)))}, notes: ${arr(notes.map((n) => runs(n, src)))})`;
}

function block(b: Block, src: ReadonlySet<number>): string {
  switch (b.type) {
    case 'paragraph':
      return `(t: "para", n: ${b.number}, r: ${runs(b.runs, src)})`;
    case 'text':
      return `(t: "text", r: ${runs(b.runs, src)})`;
    case 'subheading':
      return `(t: "sub", label: ${s(b.label)}, title: ${s(b.title)})`;
    case 'table':
      return table(b.caption, b.header, b.rows, b.notes, src);
    case 'figure':
      return `(t: "figure", caption: ${s(b.caption)}, alt: ${s(b.alt)}, svg: ${s(b.svg)})`;
  }
}

function part(
  heading: string,
  title: string,
  annex: boolean,
  blocks: readonly Block[],
  src: ReadonlySet<number>,
): string {
  return `(heading: ${s(heading)}, title: ${s(title)}, annex: ${annex}, blocks: ${arr(blocks.map((b) => block(b, src)))})`;
}

/** The document as one Typst dictionary of string literals, numbers and booleans. */
function data(doc: ReportDocument): string {
  const f = doc.front;
  const src = new Set(doc.sources.map((x) => x.number));
  const words = RENDER_WORDS[doc.locale];
  const text = (t: string): Cell => ({ runs: [{ type: 'text', text: t }] });
  const sourceRows = doc.sources.map((x) => [
    text(String(x.number)),
    text(sourceText(x.source)),
    text(asAtText(doc, x.asAt)),
    text(usedByText(x.usedBy)),
  ]);
  const parts = [
    ...doc.sections.map((p: ReportPart) => part(`${p.number}.`, p.title, false, p.blocks, src)),
    ...doc.annexes.map((p) => part(annexLabel(doc, p), p.title, true, p.blocks, src)),
  ];
  return `(
  marks: ${s(pageMarks(doc).join(' — '))},
  symbol: ${s(symbolText(doc))},
  page: ${s(doc.labels.page)},
  body: ${s(f.body)}, distribution: ${s(f.distribution)}, date: ${s(f.dateText)}, original: ${s(f.original)},
  session: ${s(f.session)}, place: ${s(f.sessionPlaceAndDates)}, item: ${s(f.agendaItem)},
  agendaNote: ${s(f.agendaFootnote)}, agendaTitle: ${s(f.agendaTitle)},
  title: ${s(f.title)}, subtitle: ${s(f.subtitle)},
  summaryLabel: ${s(words.summary)}, summary: ${arr(f.summary.map((r) => runs(r, src)))},
  contents: ${s(doc.labels.contents)},
  parts: ${arr(parts)},
  sources: (
    heading: ${s(`${doc.labels.annex} ${sourcesAnnexNumber(doc)}`)}, title: ${s(doc.labels.sourcesAndMethod)},
    table: ${table(doc.labels.sourcesAndMethod, [[words.number, doc.labels.source, doc.labels.asAt, words.usedBy].map(text)], sourceRows, [], src, true)},
    fingerprint: ${s(`${doc.labels.fingerprint}: ${doc.fingerprint}`)},
  ),
)`;
}

/** The fixed layout: A4, Noto Sans 10 pt, the symbol and marks in every page's header, page numbers below. */
const LAYOUT = `
#set page(paper: "a4", margin: (x: 2cm, top: 2.6cm, bottom: 2.2cm),
  header: context {
    set text(size: 8pt)
    // The first page shows the symbol in the front matter; the others carry it in the header.
    grid(columns: (1fr, auto), text(weight: "bold", doc.marks), if here().page() > 1 { doc.symbol })
    v(-0.6em)
    line(length: 100%, stroke: 0.4pt)
  },
  footer: align(center, text(size: 8pt, context [#doc.page #counter(page).display()])))
#set par(justify: true, spacing: 0.9em)
#set heading(numbering: none)
#show heading: set text(size: 11pt, weight: "bold")
#show heading: it => block(above: 1.4em, below: 0.9em, it)
#show link: it => underline(stroke: (thickness: 0.4pt, dash: "dotted"), it)

#let runs(rs) = for r in rs {
  if r.t == "text" {
    if r.e == "bold" { strong(r.s) } else if r.e == "italic" { emph(r.s) } else { r.s }
  } else if r.t == "fig" { link(label("source-" + str(r.n)), r.s) } else { footnote(r.s) }
}

#let tbl(b) = {
  block(breakable: false, below: 0.5em, strong(b.caption))
  set text(size: 8.5pt)
  set par(justify: false)
  let cell(c, head) = table.cell(align: if c.end { right } else { left },
    if head { strong(runs(c.r)) } else { runs(c.r) })
  table(columns: b.cols, stroke: 0.4pt, inset: 4pt,
    ..if b.header.len() > 0 { (table.header(repeat: true, ..b.header.map(row => row.map(c => cell(c, true))).flatten()),) },
    ..b.rows.map(row => {
      let cs = row.map(c => cell(c, false))
      // The sources table: each row is the target of its figures' links.
      if b.anchors { cs.at(0) = table.cell([#metadata(none)#label("source-" + row.at(0).r.at(0).s)#runs(row.at(0).r)]) }
      cs
    }).flatten())
  for n in b.notes { block(above: 0.4em, text(size: 8pt, runs(n))) }
}

#let blk(b) = {
  if b.t == "para" {
    par(hanging-indent: 1cm, [#box(width: 1cm, str(b.n) + ".")#runs(b.r)])
  } else if b.t == "text" { par(runs(b.r)) }
  else if b.t == "sub" { heading(level: 2, outlined: false, [#b.label #h(0.5em) #b.title]) }
  else if b.t == "table" { tbl(b) }
  else if b.t == "figure" {
    figure(image(bytes(b.svg), format: "svg", alt: b.alt, width: 100%), caption: b.caption, kind: image, supplement: none, numbering: none)
  }
}

// Front matter, as the Commission's documents have it.
#grid(columns: (1fr, auto), align: (left + bottom, right + bottom), doc.body, text(size: 14pt, weight: "bold", doc.symbol))
#line(length: 100%, stroke: 1pt)
#align(right, (doc.distribution, doc.date, "", doc.original).join(linebreak()))
#v(1em)
#(doc.session, doc.place, doc.item).join(linebreak())
#v(0.3em)
#strong(doc.agendaTitle)
#v(1em)
#text(size: 14pt, weight: "bold", doc.title)
#v(0.3em)
#strong(doc.subtitle)
#heading(level: 1, outlined: false, doc.summaryLabel)
#for p in doc.summary { par(runs(p)) }
#v(1fr)
#block(text(size: 8pt, doc.agendaNote))
#pagebreak()
#outline(title: doc.contents, depth: 1)

#for p in doc.parts {
  if p.annex { pagebreak(weak: true); heading(level: 1, align(center, [#p.heading \\ #p.title])) }
  else { heading(level: 1, [#p.heading #h(0.5em) #p.title]) }
  for b in p.blocks { blk(b) }
}

#pagebreak(weak: true)
#heading(level: 1, align(center, [#doc.sources.heading \\ #doc.sources.title]))
#tbl(doc.sources.table)
#par(text(size: 8pt, doc.sources.fingerprint))
`;

/** The Typst source of the report: the data, then the fixed layout. */
export function reportTypst(doc: ReportDocument): string {
  return `#set document(title: ${s(`${symbolText(doc)} ${doc.front.title}`)}, date: ${typstDate(doc.front.date)})
#set text(font: "Noto Sans", size: 10pt, lang: ${s(doc.locale)}, hyphenate: false)
#let doc = ${data(doc)}
${LAYOUT}`;
}

/** The report as PDF; equal documents give equal bytes. */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  checkFigures(doc);
  return typstPdf(reportTypst(doc));
}
