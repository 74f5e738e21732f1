// The note verbale of invitation to one State, as DOCX (for the Secretariat to adjust and sign) and PDF (to
// send), both from the same filled template (note-template.ts). Libraries load when a file is asked for.
import {
  DEFAULT_NOTE_TEMPLATES,
  fillNoteTemplate,
  type NoteBlock,
  type NoteVerbaleData,
} from './note-template.ts';
import { typstDate, typstPdf, typstString, typstStrings } from './typst.ts';
import type { DocumentLanguage } from './wording.ts';

export {
  DEFAULT_NOTE_TEMPLATES,
  MAX_TEMPLATE_LENGTH,
  NOTE_PLACEHOLDERS,
  validateNoteTemplate,
} from './note-template.ts';
export type { NoteVerbaleData } from './note-template.ts';

export interface NoteVerbaleRequest {
  data: NoteVerbaleData;
  language: DocumentLanguage;
  /** The Secretariat's template; the default of the language when absent. */
  template?: string;
}

/** The heading every note of the Organization carries, in both official languages of the Secretariat. */
const LETTERHEAD = ['UNITED NATIONS', 'NATIONS UNIES'] as const;
const TITLE: Record<DocumentLanguage, string> = { en: 'Note verbale', fr: 'Note verbale' };

function blocks(request: NoteVerbaleRequest): NoteBlock[] {
  return fillNoteTemplate(
    request.template ?? DEFAULT_NOTE_TEMPLATES[request.language],
    request.data,
    request.language,
  );
}

/** The note as a Word document (Office Open XML). */
export async function noteVerbaleDocx(request: NoteVerbaleRequest): Promise<Buffer> {
  const body = blocks(request);
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const paragraph = (block: NoteBlock) =>
    new Paragraph({
      alignment: block.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
      spacing: { after: 240 },
      children: block.lines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined })),
    });
  const document = new Document({
    creator: 'Palermo',
    title: `${TITLE[request.language]} ${request.data.reference}`,
    styles: { default: { document: { run: { font: 'Noto Sans', size: 22 } } } },
    sections: [
      {
        // A4 with 2.5 cm margins, in twentieths of a point.
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 480 },
            children: [new TextRun({ text: LETTERHEAD.join('    '), bold: true })],
          }),
          ...body.map(paragraph),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The note as PDF, set by Typst in Noto Sans. */
export async function noteVerbalePdf(request: NoteVerbaleRequest): Promise<Buffer> {
  return typstPdf(noteVerbaleTypst(request));
}

/** The Typst source of the note: a fixed layout, every text of the note in a string literal. */
export function noteVerbaleTypst(request: NoteVerbaleRequest): string {
  const body = blocks(request);
  const data = body
    .map((b) => `(right: ${b.align === 'right'}, lines: ${typstStrings(b.lines)}),`)
    .join('\n  ');
  return `#set document(title: ${typstString(`${TITLE[request.language]} ${request.data.reference}`)}, date: ${typstDate(request.data.date)})
#set page(paper: "a4", margin: 2.5cm)
#set text(font: "Noto Sans", size: 11pt, lang: "${request.language}", hyphenate: false)
#set par(justify: true, spacing: 1.2em)
#align(center, text(weight: "bold", ${typstStrings(LETTERHEAD)}.join(h(2em))))
#v(2em)
#let blocks = (
  ${data}
)
#for b in blocks {
  let body = b.lines.map(text).join(linebreak())
  if b.right { align(right, par(justify: false, body)) } else { par(body) }
}
`;
}
