// Validation against the official IATI 2.03 activity schema, with libxml2 (xmllint-wasm: xmllint compiled to
// WebAssembly, no native library). The schema files are in tests/fixtures/iati-2.03 (copied byte for byte from
// IATI-Schemas; provenance and licence in its README), so the check runs wherever the tests run; the
// application never reads them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

export const IATI_DIR = fileURLToPath(new URL('../fixtures/iati-2.03/', import.meta.url));
const FILES = ['iati-activities-schema.xsd', 'iati-common.xsd', 'xml.xsd'] as const;

export interface SchemaResult {
  valid: boolean;
  /** xmllint's own output: "<file> validates", or one line per error. */
  output: string;
  errors: string[];
}

/** Validates `xml` against iati-activities-schema.xsd (with the files it includes and imports). */
export async function validateIati(xml: string, fileName = 'export.xml'): Promise<SchemaResult> {
  const read = (f: string) => ({ fileName: f, contents: readFileSync(join(IATI_DIR, f), 'utf8') });
  const [main, ...deps] = FILES.map(read);
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [main as { fileName: string; contents: string }],
    preload: deps,
  });
  return {
    valid: result.valid,
    output: result.rawOutput.trim(),
    errors: result.errors.map((e) => e.rawMessage),
  };
}

export const readIatiFile = (name: string): string => readFileSync(join(IATI_DIR, name), 'utf8');
