// The note verbale as files: the DOCX opened as a zip and its document.xml checked by libxml2 and read for
// its text; the PDF walked by the reader in documents-pdf-text.ts (pages, fonts, the text itself). Titles made
// of Typst syntax must come out as the same characters, never as formatting or code.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { DomainError } from '../../src/common/errors.ts';
import {
  DEFAULT_NOTE_TEMPLATES,
  noteVerbaleDocx,
  noteVerbalePdf,
} from '../../src/events/documents/note-verbale.ts';
import { NOTE_DATA as DATA } from './documents-fixtures.ts';
import { readPdf } from './documents-pdf-text.ts';

/** Typst markup, code, math, labels, references, string breakouts and XML specials in one title. */
const HOSTILE =
  '#set page(fill: red) *bold* _em_ $x^2$ [link] \\ @ref <label> `raw` "); #panic("x"); #(" = & <w:t> ~ -- \\u{41}';

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each paragraph of word/document.xml (runs joined, line breaks as \n). */
function docxParagraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((p) =>
    [...(p[1] ?? p[2] ?? '').matchAll(/<w:br\/>|<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : decode(t[1] ?? '')))
      .join(''),
  );
}

async function documentXml(docx: Buffer): Promise<string> {
  expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
  const zip = await JSZip.loadAsync(docx);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml'])
    expect(zip.file(part), part).not.toBeNull();
  const types = await zip.file('[Content_Types].xml')!.async('string');
  expect(types).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
  const xml = await zip.file('word/document.xml')!.async('string');
  const wellFormed = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    normalization: 'c14n',
  });
  expect(wellFormed.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(wellFormed.valid).toBe(true);
  return xml;
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('note verbale, DOCX', () => {
  it('is a Word document holding the filled English note, place and date flush right', async () => {
    const xml = await documentXml(await noteVerbaleDocx({ data: DATA, language: 'en' }));
    const paragraphs = docxParagraphs(xml);
    expect(paragraphs[0]).toBe('UNITED NATIONS    NATIONS UNIES');
    expect(paragraphs[1]).toBe('Reference: CU 2003/17');
    expect(paragraphs[2]).toBe(
      "The Secretariat of the United Nations presents its compliments to the Permanent Mission of Côte d'Ivoire to the United Nations and has the honour to invite the Government of Côte d'Ivoire to participate in the Pre-ratification seminar for West African States, to be held in Dakar, Senegal from 1 to 3 July 2003.",
    );
    expect(paragraphs.at(-1)).toBe('Vienna, 12 May 2003');
    expect(paragraphs.at(-2)).toMatch(/avails itself of this opportunity .* highest consideration\.$/);
    expect(xml).toMatch(/<w:jc w:val="right"\/>(?:(?!<w:p[ >]).)*Vienna, 12 May 2003/s);
  });

  it('writes the French note and a template of the Secretariat, special characters kept', async () => {
    const fr = docxParagraphs(await documentXml(await noteVerbaleDocx({ data: DATA, language: 'fr' })));
    expect(fr[1]).toBe('Référence : CU 2003/17');
    expect(fr.at(-1)).toBe('Vienna, le 12 mai 2003');
    const template = 'N° {{reference}}\n\nTo the Mission of {{state}}:\n{{eventTitle}}';
    const own = await noteVerbaleDocx({ data: { ...DATA, eventTitle: HOSTILE }, language: 'en', template });
    const paragraphs = docxParagraphs(await documentXml(own));
    expect(paragraphs.slice(1)).toEqual(['N° CU 2003/17', `To the Mission of Côte d'Ivoire:\n${HOSTILE}`]);
  });

  it('refuses a template with an unknown placeholder before writing anything', async () => {
    await expect(
      noteVerbaleDocx({ data: DATA, language: 'en', template: '{{reference}} {{state}} {{deadline}}' }),
    ).rejects.toThrow(DomainError);
    await expect(
      noteVerbalePdf({ data: DATA, language: 'en', template: '{{reference}} {{state}} {{deadline}}' }),
    ).rejects.toThrow(/unknown placeholder \{\{deadline\}\}/);
  });
});

describe('note verbale, PDF', () => {
  it('is a one-page PDF in Noto Sans holding the filled English note', async () => {
    const pdf = await noteVerbalePdf({ data: DATA, language: 'en' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    expect(read.fonts).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    const text = read.pageTexts[0] as string;
    expect(text.startsWith('UNITED NATIONS NATIONS UNIES Reference: CU 2003/17 The Secretariat')).toBe(true);
    expect(text).toContain(
      flat(
        "has the honour to invite the Government of Côte d'Ivoire to participate in the Pre-ratification seminar for West African States, to be held in Dakar, Senegal from 1 to 3 July 2003.",
      ),
    );
    expect(text).toContain('the Convention, the Trafficking in Persons Protocol and the Firearms Protocol');
    expect(text.endsWith('the assurances of its highest consideration. Vienna, 12 May 2003')).toBe(true);
  });

  it('writes the French note', async () => {
    const text = readPdf(await noteVerbalePdf({ data: DATA, language: 'fr' })).pageTexts[0] as string;
    expect(text).toContain('Référence : CU 2003/17 Le Secrétariat de l’Organisation des Nations Unies');
    expect(text).toContain('du 1er au 3 juillet 2003');
    expect(text.endsWith('sa très haute considération. Vienna, le 12 mai 2003')).toBe(true);
  });

  it('sets Typst syntax in titles, States and templates as the characters typed', async () => {
    const template = `${DEFAULT_NOTE_TEMPLATES.en}\n\n#panic("template") *{{eventTitle}}*`;
    const pdf = await noteVerbalePdf({
      data: { ...DATA, eventTitle: HOSTILE, state: '$Ruritania$ #text(red)[x]' },
      language: 'en',
      template,
    });
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    const text = read.pageTexts[0] as string;
    expect(text).toContain(`participate in the ${flat(HOSTILE)}, to be held`);
    expect(text).toContain('Permanent Mission of $Ruritania$ #text(red)[x] to the United Nations');
    expect(text.endsWith(`#panic("template") *${flat(HOSTILE)}*`)).toBe(true);
  });

  it('gives the same bytes for the same note (its date is the note’s own)', async () => {
    const a = await noteVerbalePdf({ data: DATA, language: 'en' });
    const b = await noteVerbalePdf({ data: DATA, language: 'en' });
    expect(a.equals(b)).toBe(true);
  });
});
