// Same data, same bytes (issue 15, item 7) for the zip-based formats: `docx` and exceljs stamp each zip
// entry and the core properties (docProps/core.xml) with the moment of writing. The package is written
// again here with every entry dated the document's own date and the core properties' created / modified
// set to it, the entries kept in their order and compressed the same way.
import type { IsoDate } from '../../common/dates.ts';

/** The document's date as a zip entry's date. */
function zipDate(date: IsoDate): Date {
  // A zip entry stores an MS-DOS date and time, which JSZip takes from the UTC fields of a Date: midnight
  // UTC writes the same day at 00:00 on every host, whatever its time zone. A file stamp, not a calendar fact.
  return new Date(`${date}T00:00:00Z`);
}

const CORE_DATES = /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g;

/** The package with fixed entry dates and core-property dates; its bytes depend on its content alone. */
export async function fixedZip(pkg: Buffer | ArrayBuffer | Uint8Array, date: IsoDate): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const source = await JSZip.loadAsync(pkg);
  const out = new JSZip();
  const stamp = zipDate(date);
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    let content: Uint8Array | string = await entry.async('uint8array');
    if (entry.name === 'docProps/core.xml')
      content = Buffer.from(content)
        .toString('utf8')
        .replace(
          CORE_DATES,
          (_, open: string, _name: string, close: string) => `${open}${date}T00:00:00Z${close}`,
        );
    out.file(entry.name, content, { date: stamp, createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}
