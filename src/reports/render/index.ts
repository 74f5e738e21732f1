// The four renderers of the report to the Commission, each from a ReportDocument alone (docs/reports.md,
// "Rendering"): HTML is a string, the others are files. Each loads its library at the first file.
import type { ReportDocument, ReportFormat } from '../domain/document.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export { renderDocx, renderHtml, renderPdf, renderXlsx };
export { emptyDocument } from './fixture.ts';

/** The report in one format, as the bytes stored when it is frozen and sent when it is downloaded. */
export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(renderHtml(doc), 'utf8');
    case 'docx':
      return renderDocx(doc);
    case 'pdf':
      return renderPdf(doc);
    case 'xlsx':
      return renderXlsx(doc);
  }
}
