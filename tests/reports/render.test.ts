// The report's HTML, DOCX and XLSX renderers on a fixed hand-built document (render-fixture.ts): golden
// bytes in English and French, the same bytes twice, and each file read back — the page's escaping,
// links, footnotes and headings; the Word document's text, footnotes and named styles; the workbook's
// sheets, numbers and dates. The PDF (Typst in a worker) is tested in render-pdf.test.ts.
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { ReportDocument } from '../../src/reports/domain/document.ts';
import { renderDocx, renderHtml, renderReport, renderXlsx } from '../../src/reports/render/index.ts';
import { emptyDocument } from '../../src/reports/render/fixture.ts';
import { cellValue } from '../../src/reports/render/xlsx.ts';
import { expectGolden, zipManifest } from './render-golden.ts';
import { FIGURE_TEXTS, FIXTURE_SVG, fixtureDocument } from './render-fixture.ts';

const LOCALES = ['en', 'fr'] as const;

/** Script, markup, quotes, entities, Typst and formula syntax in one text. */
const HOSTILE = `<script>alert("x")</script> ' " & &amp; <w:t> #panic("x") =HYPERLINK("http://x")`;

/** The fixture with hostile text in every kind of place a text can be. */
function hostileDocument(): ReportDocument {
  const doc = fixtureDocument('en');
  const [first, ...rest] = doc.sections;
  const status = doc.sections[1]!;
  return {
    ...doc,
    front: { ...doc.front, title: HOSTILE, symbol: `E/CN.15/2005/8${HOSTILE}` },
    sections: [
      {
        ...first!,
        title: HOSTILE,
        blocks: [
          {
            type: 'text',
            runs: [
              { type: 'text', text: HOSTILE },
              { type: 'footnote', text: HOSTILE },
            ],
          },
        ],
      },
      ...rest.map((p) =>
        p === status
          ? {
              ...p,
              blocks: p.blocks.map((b) =>
                b.type === 'table'
                  ? {
                      ...b,
                      caption: HOSTILE,
                      rows: [...b.rows, [{ runs: [{ type: 'text' as const, text: HOSTILE }] }]],
                    }
                  : b.type === 'figure'
                    ? { ...b, alt: HOSTILE, caption: HOSTILE }
                    : b,
              ),
            }
          : p,
      ),
    ],
    sources: doc.sources.map((s) => ({ ...s, source: { kind: s.source.kind, ref: HOSTILE } })),
  };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
/** XML text decoded in one pass (so `&amp;lt;` stays `&lt;`). */
const decodeXml = (xml: string) =>
  xml.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ENTITIES[name]!);

/** The text of an Office XML part: its w:t runs in order, decoded, joined. */
const xmlText = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1] ?? '')).join('');

describe('report, HTML', () => {
  it.each(LOCALES)('matches its golden file and gives the same text twice (%s)', (locale) => {
    const html = renderHtml(fixtureDocument(locale));
    expect(renderHtml(fixtureDocument(locale))).toBe(html);
    expectGolden(`report-${locale}.html`, Buffer.from(html, 'utf8'));
    expect(html).toContain(`<html lang="${locale}">`);
  });

  it('escapes every text and holds no script, handler or outside resource', () => {
    const html = renderHtml(hostileDocument());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<w:t>/);
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39; &quot; &amp; &amp;amp; &lt;w:t&gt;',
    );
    // The only URLs are anchors in the page and the figure's own data.
    for (const [, url] of html.matchAll(/(?:href|src)="([^"]*)"/g))
      expect(url).toMatch(/^(#|data:image\/svg\+xml;base64,)/);
  });

  it('links every figure to its source, with the as-at date in the title, and every source is a target', () => {
    const doc = fixtureDocument('en');
    const html = renderHtml(doc);
    const links = [
      ...html.matchAll(/<a class="fig" href="#source-(\d+)" title="As at 8 March 2005">([^<]*)<\/a>/g),
    ];
    expect(links.map((m) => m[2])).toEqual(expect.arrayContaining([...FIGURE_TEXTS.en]));
    for (const [, n] of links) expect(html).toContain(`<tr id="source-${n}">`);
    for (const s of doc.sources)
      expect(html).toContain(`<tr id="source-${s.number}"><th scope="row">${s.number}</th>`);
    expect(html).toContain(doc.fingerprint);
  });

  it('numbers the footnotes in order, each with a link back', () => {
    const html = renderHtml(fixtureDocument('en'));
    expect([...html.matchAll(/<li id="fn-(\d+)">/g)].map((m) => m[1])).toEqual(['1', '2']);
    for (const n of [1, 2]) {
      expect(html).toContain(`<sup><a id="fnref-${n}" href="#fn-${n}">${n}</a></sup>`);
      expect(html).toMatch(new RegExp(`<li id="fn-${n}">[^<]+ <a href="#fnref-${n}"`));
    }
  });

  it('is accessible: headings in order, table headers with scope, the figure as an image with its alt', () => {
    const html = renderHtml(fixtureDocument('fr'));
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    expect(html).not.toMatch(/<th(?=[\s>])(?![^>]*scope=)/);
    expect(html).toContain(
      `<img src="data:image/svg+xml;base64,${Buffer.from(FIXTURE_SVG).toString('base64')}" alt="Une carte du monde : 100 États parties en foncé.">`,
    );
  });

  it('prints well: marks on every page, annexes on a new page, table headers repeated', () => {
    const html = renderHtml(fixtureDocument('en'));
    expect(html).toContain(
      '<body>\n<header class="marks">ILLUSTRATIVE DATA — NOT FOR ISSUE — DRAFT</header>',
    );
    const print = /@media print\{([\s\S]*?)\n\}/.exec(html)?.[1] ?? '';
    expect(print).toContain('.marks{position:fixed');
    expect(print).toContain('.annex{break-before:page}');
    expect(print).toContain('thead{display:table-header-group}');
    expect(html.match(/<section class="annex"/g)).toHaveLength(2);
  });

  it('shows the symbol placeholder before the symbol is assigned, and the symbol after; no marks when final', () => {
    const pending = renderHtml(emptyDocument('en'));
    expect(pending).toContain('<span class="pending">[symbol to be assigned]</span>');
    expect(pending).not.toContain('class="marks"');
    const doc = emptyDocument('en');
    const issued = renderHtml({ ...doc, front: { ...doc.front, symbol: 'E/CN.15/2005/8' } });
    expect(issued).toContain('<div class="symbol">E/CN.15/2005/8</div>');
    expect(issued).toContain(
      '<title>E/CN.15/2005/8 — Implementation of General Assembly resolution 56/120</title>',
    );
  });

  it('refuses a figure whose SVG could run or fetch anything, in every format that draws it', async () => {
    const doc = fixtureDocument('en');
    const withSvg = (svg: string): ReportDocument => ({
      ...doc,
      sections: doc.sections.map((p) => ({
        ...p,
        blocks: p.blocks.map((b) => (b.type === 'figure' ? { ...b, svg } : b)),
      })),
    });
    for (const svg of [
      '<svg><script>alert(1)</script></svg>',
      '<svg onload="alert(1)"></svg>',
      '<svg><image href="http://example.org/x.png"/></svg>',
      '<svg><image href=http://example.org/x.png /></svg>',
      '<svg><use xlink:href="data:image/svg+xml;base64,PHN2Zz4="/></svg>',
      '<svg><rect fill="url(http://example.org/x)"/></svg>',
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg></svg>',
      '<svg><foreignObject><p>x</p></foreignObject></svg>',
      '<p>not an svg</p>',
    ]) {
      expect(() => renderHtml(withSvg(svg)), svg).toThrow(RangeError);
      await expect(renderDocx(withSvg(svg)), svg).rejects.toThrow(RangeError);
    }
  });
});

/** The parts of a DOCX the tests read, each checked well-formed by libxml2 (one call: the checker is slow to start). */
async function docxParts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const names = [
    'word/document.xml',
    'word/footnotes.xml',
    'word/styles.xml',
    'word/header1.xml',
    'word/footer1.xml',
    'docProps/core.xml',
  ];
  const parts: Record<string, string> = {};
  for (const name of names) {
    const xml = await zip.file(name)?.async('string');
    expect(xml, name).toBeDefined();
    parts[name] = xml!;
  }
  const checked = await validateXML({
    xml: names.map((fileName) => ({ fileName, contents: parts[fileName]! })),
    normalization: 'c14n',
  });
  expect(checked.errors.map((e) => e.rawMessage)).toEqual([]);
  return parts;
}

describe('report, DOCX', () => {
  it.each(LOCALES)('matches its golden file and gives the same bytes twice (%s)', async (locale) => {
    const docx = await renderDocx(fixtureDocument(locale));
    expect((await renderDocx(fixtureDocument(locale))).equals(docx)).toBe(true);
    expectGolden(`report-${locale}.docx`, docx, await zipManifest(docx));
  });

  it.each(LOCALES)('holds every figure and footnote of the document (%s)', async (locale) => {
    const doc = fixtureDocument(locale);
    const parts = await docxParts(await renderDocx(doc));
    const body = xmlText(parts['word/document.xml']!);
    for (const figure of FIGURE_TEXTS[locale]) expect(body).toContain(figure);
    for (const s of doc.sources) expect(body).toContain(`${s.source.kind}: ${s.source.ref}`);
    expect(body).toContain(doc.fingerprint);
    const notes = xmlText(parts['word/footnotes.xml']!);
    expect(notes).toContain(
      locale === 'en'
        ? 'As deposited with the Secretary-General.'
        : 'Tel que déposé auprès du Secrétaire général.',
    );
    expect(parts['word/document.xml']!.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(2);
    expect(parts['docProps/core.xml']).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2005-03-08T00:00:00Z</dcterms:created>',
    );
  });

  it('lays out with named styles, every one defined, and no direct fonts, sizes or colours', async () => {
    const parts = await docxParts(await renderDocx(fixtureDocument('en')));
    const xml = parts['word/document.xml']!;
    const used = (kind: string) =>
      [...xml.matchAll(new RegExp(`<w:${kind} w:val="([^"]+)"/>`, 'g'))].map((m) => m[1]!);
    const paragraphs = used('pStyle');
    expect(paragraphs.filter((s) => s === 'NumberedParagraph')).toHaveLength(4);
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'Heading1',
        'Heading2',
        'Title',
        'AnnexHeading',
        'TableCaption',
        'TableHeading',
      ]),
    );
    expect(new Set(used('tblStyle'))).toEqual(new Set(['ReportTable']));
    // Header rows repeat on every page: one per header row of the three tables (two in the document, the sources).
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(3);
    const defined = new Set([...parts['word/styles.xml']!.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]));
    for (const style of [...paragraphs, ...used('rStyle'), ...used('tblStyle')])
      expect(defined, style).toContain(style);
    expect(xml).not.toMatch(/<w:rFonts|<w:sz |<w:color /);
    // Numbered paragraphs carry their own number (the document's), a tab, then the text.
    expect(xml).toContain(
      '<w:pStyle w:val="NumberedParagraph"/></w:pPr><w:r><w:t xml:space="preserve">4.</w:t><w:tab/></w:r>',
    );
  });

  it('puts the marks and the symbol (or its placeholder) in the header, the page number in the footer', async () => {
    const parts = await docxParts(await renderDocx(fixtureDocument('fr')));
    expect(xmlText(parts['word/header1.xml']!)).toBe(
      'DONNÉES FICTIVES — NE PAS DIFFUSER — PROJET[cote à attribuer]',
    );
    expect(parts['word/footer1.xml']).toMatch(/PAGE/);
    const plain = await docxParts(await renderDocx(emptyDocument('en')));
    expect(xmlText(plain['word/header1.xml']!)).toBe('[symbol to be assigned]');
  });

  it('writes hostile text as the characters typed', async () => {
    const parts = await docxParts(await renderDocx(hostileDocument()));
    const body = xmlText(parts['word/document.xml']!);
    expect(body).toContain(HOSTILE);
    expect(xmlText(parts['word/footnotes.xml']!)).toContain(HOSTILE);
  });
});

describe('report, XLSX', () => {
  it.each(LOCALES)('matches its golden file and gives the same bytes twice (%s)', async (locale) => {
    const xlsx = await renderXlsx(fixtureDocument(locale));
    expect((await renderXlsx(fixtureDocument(locale))).equals(xlsx)).toBe(true);
    expectGolden(`report-${locale}.xlsx`, xlsx, await zipManifest(xlsx));
  });

  it('has the report sheet, one sheet per keyed table with counts as numbers, and the sources', async () => {
    const doc = fixtureDocument('en');
    const workbook = await load(await renderXlsx(doc));
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Report',
      'status',
      'untoc',
      'Sources and method',
    ]);
    const first = workbook.worksheets[0]!;
    expect(first.getRow(3).values).toEqual([undefined, 'As at', '2005-03-08']);
    expect(first.getRow(4).values).toEqual([undefined, 'Period covered', '2004-03-01', '2005-03-08']);
    expect(first.getRow(5).values).toEqual([undefined, 'Fingerprint of the data', doc.fingerprint]);
    expect(first.getRow(6).values).toEqual([
      undefined,
      'Status',
      'ILLUSTRATIVE DATA — NOT FOR ISSUE — DRAFT',
    ]);
    const status = workbook.getWorksheet('status')!;
    expect(status.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(status.getRow(1).font?.bold).toBe(true);
    expect(status.getRow(2).values).toEqual([undefined, 'Convention', 147, 100, '29 September 2003']);
    expect(status.getRow(4).values).toEqual([undefined, 'SOM', 112, 69, '28 January 2004']);
    const sources = workbook.getWorksheet('Sources and method')!;
    expect(sources.rowCount).toBe(1 + doc.sources.length);
    expect(sources.getRow(4).values).toEqual([
      undefined,
      3,
      'registry: parties UNTOC',
      '2005-03-08',
      'summary (parties UNTOC); status (parties UNTOC)',
    ]);
  });

  it('reads French grouping as numbers, takes a cell’s value over its text, and keeps other text as text', () => {
    expect(cellValue({ runs: [{ type: 'text', text: '2\u202F345' }] }, 'fr')).toBe(2345);
    expect(cellValue({ runs: [{ type: 'text', text: '2,345' }] }, 'fr')).toBe('2,345');
    expect(cellValue({ runs: [{ type: 'text', text: '2,345' }] }, 'en')).toBe(2345);
    expect(cellValue({ runs: [{ type: 'text', text: '23,45' }] }, 'en')).toBe('23,45');
    expect(
      cellValue(
        { runs: [{ type: 'text', text: 'one hundred' }], value: { kind: 'count', value: 100 } },
        'en',
      ),
    ).toBe(100);
    expect(
      cellValue(
        { runs: [{ type: 'text', text: '8 March 2005' }], value: { kind: 'date', value: '2005-03-08' } },
        'en',
      ),
    ).toBe('2005-03-08');
  });

  it('never writes a text a spreadsheet would run as a formula', async () => {
    const workbook = await load(await renderXlsx(hostileDocument()));
    const status = workbook.getWorksheet('status')!;
    expect(status.getRow(5).values).toEqual([undefined, HOSTILE]);
    expect(workbook.worksheets[0]!.getRow(1).values).toEqual([undefined, 'Title', HOSTILE]);
    const hyperlink = await load(
      await renderXlsx({
        ...fixtureDocument('en'),
        front: { ...fixtureDocument('en').front, title: '=HYPERLINK("http://x")' },
      }),
    );
    expect(hyperlink.worksheets[0]!.getRow(1).values).toEqual([
      undefined,
      'Title',
      `'=HYPERLINK("http://x")`,
    ]);
  });
});

describe('report, time zones', () => {
  it('gives the same DOCX and XLSX bytes on a host 14 hours ahead of UTC and one 8 hours behind', async () => {
    const doc = fixtureDocument('en');
    const utc = [await renderDocx(doc), await renderXlsx(doc)];
    const zone = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        expect((await renderDocx(doc)).equals(utc[0]!), tz).toBe(true);
        expect((await renderXlsx(doc)).equals(utc[1]!), tz).toBe(true);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('report, any format by name', () => {
  it('gives the bytes of each renderer', async () => {
    const doc = fixtureDocument('fr');
    expect((await renderReport(doc, 'html')).equals(Buffer.from(renderHtml(doc), 'utf8'))).toBe(true);
    expect((await renderReport(doc, 'docx')).equals(await renderDocx(doc))).toBe(true);
    expect((await renderReport(doc, 'xlsx')).equals(await renderXlsx(doc))).toBe(true);
  });
});

describe('report, the empty document (the benchmark’s baseline)', () => {
  it.each(LOCALES)('renders in HTML, DOCX and XLSX (%s)', async (locale) => {
    const doc = emptyDocument(locale);
    expect(renderHtml(doc)).toContain(doc.front.title);
    expect(xmlText((await docxParts(await renderDocx(doc)))['word/document.xml']!)).toContain(
      doc.front.title,
    );
    expect((await load(await renderXlsx(doc))).worksheets.map((w) => w.name)).toHaveLength(2);
  });
});

async function load(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  // exceljs's types want an ArrayBuffer; it reads a Node Buffer (as the participants test does).
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
