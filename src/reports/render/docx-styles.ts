// The named styles of the report's Word document: the layout lives in styles, not in direct formatting, so
// the Secretariat can restyle the whole report at once and an editor's "Numbered Paragraph" is one. The
// `docx` package writes its own Title, Heading and footnote styles (set by `DOCX_DEFAULT_STYLES`); these
// are added to them through its `externalStyles`, which merges a styles part with its defaults.

/** The style ids the renderer uses (tests look for them by name). */
export const DOCX_STYLE = {
  numbered: 'NumberedParagraph',
  text: 'ReportText',
  symbol: 'DocumentSymbol',
  frontRight: 'FrontMatterRight',
  front: 'FrontMatter',
  agendaTitle: 'AgendaTitle',
  subtitle: 'ReportSubtitle',
  contents: 'ContentsEntry',
  caption: 'TableCaption',
  tableHeader: 'TableHeading',
  tableText: 'TableText',
  tableNote: 'TableNote',
  figureCaption: 'FigureCaption',
  annexHeading: 'AnnexHeading',
  header: 'PageHeader',
  footer: 'PageFooter',
  footnoteLine: 'AgendaFootnote',
  figureRun: 'FigureText',
  table: 'ReportTable',
} as const;

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function paragraphStyle(id: string, name: string, pPr: string, rPr = ''): string {
  return `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${id}"><w:name w:val="${name}"/><w:qFormat/><w:pPr>${pPr}</w:pPr>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}</w:style>`;
}

const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;

/** The styles part merged into the package's own (A4, 10 pt Noto Sans, UN layout: 1 cm paragraph numbers). */
export const DOCX_EXTERNAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">${[
  paragraphStyle(
    DOCX_STYLE.numbered,
    'Numbered Paragraph',
    '<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs><w:spacing w:after="120"/><w:ind w:left="567" w:hanging="567"/><w:jc w:val="both"/>',
  ),
  paragraphStyle(DOCX_STYLE.text, 'Report Text', '<w:spacing w:after="120"/><w:jc w:val="both"/>'),
  paragraphStyle(DOCX_STYLE.symbol, 'Document Symbol', '<w:jc w:val="right"/>', '<w:b/><w:sz w:val="28"/>'),
  paragraphStyle(DOCX_STYLE.frontRight, 'Front Matter Right', '<w:jc w:val="right"/>'),
  paragraphStyle(DOCX_STYLE.front, 'Front Matter', '<w:spacing w:after="0"/>'),
  paragraphStyle(DOCX_STYLE.agendaTitle, 'Agenda Title', '<w:spacing w:after="240"/>', '<w:b/>'),
  paragraphStyle(
    DOCX_STYLE.subtitle,
    'Report Subtitle',
    '<w:spacing w:after="240"/>',
    '<w:b/><w:sz w:val="24"/>',
  ),
  paragraphStyle(DOCX_STYLE.contents, 'Contents Entry', '<w:spacing w:after="60"/><w:ind w:left="567"/>'),
  paragraphStyle(
    DOCX_STYLE.caption,
    'Table Caption',
    '<w:keepNext/><w:spacing w:before="120" w:after="60"/>',
    '<w:b/>',
  ),
  paragraphStyle(
    DOCX_STYLE.tableHeader,
    'Table Heading',
    '<w:keepNext/><w:spacing w:after="0"/>',
    '<w:b/><w:sz w:val="18"/>',
  ),
  paragraphStyle(DOCX_STYLE.tableText, 'Table Text', '<w:spacing w:after="0"/>', '<w:sz w:val="18"/>'),
  paragraphStyle(DOCX_STYLE.tableNote, 'Table Note', '<w:spacing w:after="60"/>', '<w:sz w:val="16"/>'),
  paragraphStyle(
    DOCX_STYLE.figureCaption,
    'Figure Caption',
    '<w:spacing w:before="60" w:after="120"/>',
    '<w:i/>',
  ),
  // An annex starts a page; it is a heading of the first level for the outline and the contents.
  `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${DOCX_STYLE.annexHeading}"><w:name w:val="Annex Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="${DOCX_STYLE.text}"/><w:qFormat/><w:pPr><w:keepNext/><w:pageBreakBefore/><w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/></w:rPr></w:style>`,
  paragraphStyle(DOCX_STYLE.footer, 'Page Footer', '<w:jc w:val="center"/>', '<w:sz w:val="16"/>'),
  paragraphStyle(
    DOCX_STYLE.header,
    'Page Header',
    '<w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>',
    '<w:sz w:val="16"/>',
  ),
  paragraphStyle(
    DOCX_STYLE.footnoteLine,
    'Agenda Footnote',
    '<w:spacing w:before="240"/>',
    '<w:sz w:val="16"/>',
  ),
  `<w:style w:type="character" w:customStyle="1" w:styleId="${DOCX_STYLE.figureRun}"><w:name w:val="Figure Text"/><w:rPr><w:u w:val="dotted"/></w:rPr></w:style>`,
  `<w:style w:type="table" w:customStyle="1" w:styleId="${DOCX_STYLE.table}"><w:name w:val="Report Table"/><w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr></w:tblStylePr></w:style>`,
].join('')}</w:styles>`;

/** The package's own styles, set to the report's look (black headings, sizes of a UN document). */
export const DOCX_DEFAULT_STYLES = {
  document: { run: { font: 'Noto Sans', size: 20 } },
  title: { run: { size: 28, bold: true, color: '000000' }, paragraph: { spacing: { after: 120 } } },
  heading1: {
    run: { size: 22, bold: true, color: '000000' },
    paragraph: { keepNext: true, spacing: { before: 240, after: 120 } },
  },
  heading2: {
    run: { size: 20, bold: true, color: '000000' },
    paragraph: { keepNext: true, spacing: { before: 180, after: 120 } },
  },
  footnoteText: { run: { size: 16 } },
};
