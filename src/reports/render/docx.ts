// The report as a Word document (issue 15, items 2, 5 and 6) with the `docx` package: named styles rather
// than direct formatting (docx-styles.ts), a numbered-paragraph style, a table style whose header rows
// repeat on every page, real footnotes, a header with the symbol and the ILLUSTRATIVE / DRAFT marks on
// every page, page numbers in the footer. The package is then written again with the document's own date
// (zip.ts), so the same document gives the same bytes.
//
// Figures (the SVG world map) are not embedded: Word needs a PNG beside an SVG and nothing on the server
// rasterises. The DOCX gives the figure's caption and its text alternative; the HTML and PDF draw the map.
import type {
  FootnoteReferenceRun as FootnoteRunType,
  Paragraph as ParagraphType,
  Table as TableType,
  TextRun as TextRunType,
} from 'docx';
import type { Block, Cell, ReportDocument, ReportPart, Run } from '../domain/document.ts';
import {
  annexLabel,
  asAtText,
  checkFigures,
  footnoteTexts,
  numberFootnotes,
  pageMarks,
  RENDER_WORDS,
  sourcesAnnexNumber,
  sourceText,
  symbolText,
  usedByText,
} from './common.ts';
import { DOCX_DEFAULT_STYLES, DOCX_EXTERNAL_STYLES, DOCX_STYLE } from './docx-styles.ts';
import { fixedZip } from './zip.ts';

type Docx = typeof import('docx');
type Child = ParagraphType | TableType;

interface Context {
  d: Docx;
  doc: ReportDocument;
  footnotes: Map<Run, number>;
}

function runs(list: readonly Run[], ctx: Context): Array<TextRunType | FootnoteRunType> {
  const { d } = ctx;
  return list.map((run) => {
    switch (run.type) {
      case 'text':
        // Emphasis is the one run-level formatting the document carries; plain runs carry none.
        if (run.emphasis === 'bold') return new d.TextRun({ text: run.text, bold: true });
        if (run.emphasis === 'italic') return new d.TextRun({ text: run.text, italics: true });
        return new d.TextRun(run.text);
      case 'figure':
        return new d.TextRun({ text: run.text, style: DOCX_STYLE.figureRun });
      case 'footnote':
        return new d.FootnoteReferenceRun(ctx.footnotes.get(run) ?? 0);
    }
  });
}

function para(ctx: Context, style: string, children: Array<TextRunType | FootnoteRunType>): ParagraphType {
  return new ctx.d.Paragraph({ style, children });
}

const textPara = (ctx: Context, style: string, text: string) => para(ctx, style, [new ctx.d.TextRun(text)]);

/** "II.<tab>Title": a number and a title a tab apart (a literal tab in text is not one in Word). */
const tabbed = (ctx: Context, number: string, title: string) => [
  new ctx.d.TextRun({ children: [number, new ctx.d.Tab()] }),
  new ctx.d.TextRun(title),
];

const heading = (ctx: Context, level: 'HEADING_1' | 'HEADING_2', number: string, title: string) =>
  new ctx.d.Paragraph({ heading: ctx.d.HeadingLevel[level], children: tabbed(ctx, number, title) });

function cell(c: Cell, ctx: Context, style: string): InstanceType<Docx['TableCell']> {
  const { d } = ctx;
  const alignment = c.align === 'end' ? d.AlignmentType.RIGHT : undefined;
  return new d.TableCell({ children: [new d.Paragraph({ style, alignment, children: runs(c.runs, ctx) })] });
}

function table(
  ctx: Context,
  caption: string,
  header: readonly (readonly Cell[])[],
  rows: readonly (readonly Cell[])[],
  notes: readonly (readonly Run[])[],
): Child[] {
  const { d } = ctx;
  const row = (cells: readonly Cell[], heading: boolean) =>
    new d.TableRow({
      tableHeader: heading,
      cantSplit: true,
      children: cells.map((c) => cell(c, ctx, heading ? DOCX_STYLE.tableHeader : DOCX_STYLE.tableText)),
    });
  const all = [...header.map((r) => row(r, true)), ...rows.map((r) => row(r, false))];
  // A table without rows is no table in Word (w:tbl needs a w:tr): its caption and notes stay.
  return [
    textPara(ctx, DOCX_STYLE.caption, caption),
    ...(all.length === 0
      ? []
      : [
          new d.Table({
            style: DOCX_STYLE.table,
            width: { size: 100, type: d.WidthType.PERCENTAGE },
            rows: all,
          }),
        ]),
    ...notes.map((n) => para(ctx, DOCX_STYLE.tableNote, runs(n, ctx))),
  ];
}

function block(b: Block, ctx: Context): Child[] {
  const { d } = ctx;
  switch (b.type) {
    case 'paragraph':
      return [
        para(ctx, DOCX_STYLE.numbered, [
          new d.TextRun({ children: [`${b.number}.`, new d.Tab()] }),
          ...runs(b.runs, ctx),
        ]),
      ];
    case 'text':
      return [para(ctx, DOCX_STYLE.text, runs(b.runs, ctx))];
    case 'subheading':
      return [heading(ctx, 'HEADING_2', b.label, b.title)];
    case 'table':
      return table(ctx, b.caption, b.header, b.rows, b.notes);
    case 'figure':
      return [textPara(ctx, DOCX_STYLE.figureCaption, b.caption), textPara(ctx, DOCX_STYLE.text, b.alt)];
  }
}

function section(part: ReportPart, ctx: Context): Child[] {
  return [
    heading(ctx, 'HEADING_1', `${part.number}.`, part.title),
    ...part.blocks.flatMap((b) => block(b, ctx)),
  ];
}

function annexHeading(ctx: Context, label: string, title: string): ParagraphType {
  const { d } = ctx;
  return new d.Paragraph({
    style: DOCX_STYLE.annexHeading,
    children: [new d.TextRun(label), new d.TextRun({ text: title, break: 1 })],
  });
}

function sourcesAnnex(ctx: Context): Child[] {
  const { doc } = ctx;
  const words = RENDER_WORDS[doc.locale];
  const text = (t: string): Cell => ({ runs: [{ type: 'text', text: t }] });
  const header = [[words.number, doc.labels.source, doc.labels.asAt, words.usedBy].map(text)];
  const rows = doc.sources.map((s) => [
    text(String(s.number)),
    text(sourceText(s.source)),
    text(asAtText(doc, s.asAt)),
    text(usedByText(s.usedBy)),
  ]);
  return [
    annexHeading(ctx, `${doc.labels.annex} ${sourcesAnnexNumber(doc)}`, doc.labels.sourcesAndMethod),
    ...table(ctx, doc.labels.sourcesAndMethod, header, rows, []),
    textPara(ctx, DOCX_STYLE.text, `${doc.labels.fingerprint}: ${doc.fingerprint}`),
  ];
}

function frontMatter(ctx: Context): Child[] {
  const { doc } = ctx;
  const f = doc.front;
  const s = DOCX_STYLE;
  return [
    textPara(ctx, s.front, f.body),
    textPara(ctx, s.symbol, symbolText(doc)),
    textPara(ctx, s.frontRight, f.distribution),
    textPara(ctx, s.frontRight, f.dateText),
    textPara(ctx, s.frontRight, f.original),
    textPara(ctx, s.front, ''),
    textPara(ctx, s.front, f.session),
    textPara(ctx, s.front, f.sessionPlaceAndDates),
    textPara(ctx, s.front, f.agendaItem),
    textPara(ctx, s.agendaTitle, f.agendaTitle),
    new ctx.d.Paragraph({ heading: ctx.d.HeadingLevel.TITLE, text: f.title }),
    textPara(ctx, s.subtitle, f.subtitle),
    new ctx.d.Paragraph({ heading: ctx.d.HeadingLevel.HEADING_1, text: RENDER_WORDS[doc.locale].summary }),
    ...f.summary.map((r) => para(ctx, s.text, runs(r, ctx))),
    textPara(ctx, s.footnoteLine, f.agendaFootnote),
    new ctx.d.Paragraph({ heading: ctx.d.HeadingLevel.HEADING_1, text: doc.labels.contents }),
    ...doc.sections.map((p) => para(ctx, s.contents, tabbed(ctx, `${p.number}.`, p.title))),
    ...doc.annexes.map((p) => para(ctx, s.contents, tabbed(ctx, `${annexLabel(doc, p)}.`, p.title))),
    para(
      ctx,
      s.contents,
      tabbed(ctx, `${doc.labels.annex} ${sourcesAnnexNumber(doc)}.`, doc.labels.sourcesAndMethod),
    ),
  ];
}

function headerAndFooter(ctx: Context) {
  const { d, doc } = ctx;
  const marks = pageMarks(doc).join(' — ');
  return {
    headers: {
      default: new d.Header({
        children: [
          new d.Paragraph({
            style: DOCX_STYLE.header,
            children: [
              new d.TextRun({ text: marks, bold: true }),
              new d.TextRun({ children: [new d.Tab(), symbolText(doc)] }),
            ],
          }),
        ],
      }),
    },
    footers: {
      default: new d.Footer({
        children: [
          new d.Paragraph({
            style: DOCX_STYLE.footer,
            children: [new d.TextRun({ children: [`${doc.labels.page} `, d.PageNumber.CURRENT] })],
          }),
        ],
      }),
    },
  };
}

/** The report as DOCX; equal documents give equal bytes. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  checkFigures(doc);
  const d = await import('docx');
  const ctx: Context = { d, doc, footnotes: numberFootnotes(doc) };
  const footnotes = Object.fromEntries(
    footnoteTexts(ctx.footnotes).map((text, i) => [String(i + 1), { children: [new d.Paragraph(text)] }]),
  );
  const document = new d.Document({
    creator: 'Palermo',
    lastModifiedBy: 'Palermo',
    title: `${symbolText(doc)} ${doc.front.title}`,
    revision: 1,
    styles: {
      default: {
        ...DOCX_DEFAULT_STYLES,
        document: { run: { ...DOCX_DEFAULT_STYLES.document.run, language: { value: doc.locale } } },
      },
    },
    externalStyles: DOCX_EXTERNAL_STYLES,
    footnotes,
    sections: [
      {
        // A4 with 2 cm margins (twentieths of a point); the header and footer 1 cm from the edge.
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1418, bottom: 1418, left: 1134, right: 1134, header: 567, footer: 567 },
          },
        },
        ...headerAndFooter(ctx),
        children: [
          ...frontMatter(ctx),
          ...doc.sections.flatMap((p) => section(p, ctx)),
          ...doc.annexes.flatMap((p) => [
            annexHeading(ctx, annexLabel(doc, p), p.title),
            ...p.blocks.flatMap((b) => block(b, ctx)),
          ]),
          ...sourcesAnnex(ctx),
        ],
      },
    ],
  });
  return fixedZip(await d.Packer.toBuffer(document), doc.front.date);
}
