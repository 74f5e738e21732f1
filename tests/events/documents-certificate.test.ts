// Attendance certificates as PDF, the Typst string literal every text goes through (a property test: any
// text comes out of the PDF as typed), and the rule that the document libraries load only when a file is
// asked for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificatePdf, type CertificateData } from '../../src/events/documents/certificate.ts';
import { typstString } from '../../src/events/documents/typst.ts';
import { readPdf } from './documents-pdf-text.ts';

const CERTIFICATE: CertificateData = {
  reference: 'CERT-2003-17-004',
  participantName: 'H.E. Ms. Aminata Diallo',
  state: 'Senegal',
  eventTitle: 'Pre-ratification seminar for West African States',
  venue: 'Dakar',
  startOn: '2003-07-01',
  endOn: '2003-07-03',
  place: 'Vienna',
  issuedOn: '2003-07-03',
  language: 'en',
};

async function certificateText(data: CertificateData): Promise<string> {
  const pdf = await certificatePdf(data);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const read = readPdf(pdf);
  expect(read.pages).toBe(1);
  expect(read.fonts).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
  return read.pageTexts[0] as string;
}

describe('certificate of attendance', () => {
  it('names the participant, State, event, venue, dates, reference and issue, in English', async () => {
    expect(await certificateText(CERTIFICATE)).toBe(
      'UNITED NATIONS NATIONS UNIES Certificate of attendance This is to certify that H.E. Ms. Aminata Diallo (Senegal) attended the Pre-ratification seminar for West African States held in Dakar from 1 to 3 July 2003 Reference: CERT-2003-17-004 Issued in Vienna on 3 July 2003',
    );
  });

  it('and in French', async () => {
    expect(await certificateText({ ...CERTIFICATE, language: 'fr', startOn: '2003-06-30' })).toBe(
      'UNITED NATIONS NATIONS UNIES Attestation de participation Il est certifié que H.E. Ms. Aminata Diallo (Senegal) a participé à la réunion suivante : Pre-ratification seminar for West African States à Dakar du 30 juin au 3 juillet 2003 Référence : CERT-2003-17-004 Fait à Vienna, le 3 juillet 2003',
    );
  });

  it('sets any text typed into a name as those characters (property)', async () => {
    const special = fc.constantFrom(
      ...'#*_$[]\\@<>`"(){}=~-/:;.,+\'^&%!?é'.split(''),
      ' ',
      '\\"',
      '")',
      '#(',
      '\\u{41}',
    );
    const letters = fc.string({
      unit: fc.constantFrom(...'abcXYZ019'.split('')),
      minLength: 1,
      maxLength: 4,
    });
    const name = fc
      .array(fc.oneof(special, letters), { minLength: 1, maxLength: 12 })
      .map((parts) => parts.join('').trim())
      .filter((s) => s !== '');
    await fc.assert(
      fc.asyncProperty(name, async (participantName) => {
        const text = await certificateText({ ...CERTIFICATE, participantName });
        expect(text).toContain(`certify that ${participantName.replace(/\s+/g, ' ')} (Senegal)`);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses an issue date that is not a calendar day', async () => {
    await expect(certificatePdf({ ...CERTIFICATE, issuedOn: '2003-02-30' })).rejects.toThrow(RangeError);
  });
});

describe('Typst string literals', () => {
  it('escape backslashes, quotes and control characters, and nothing else', () => {
    expect(typstString('plain #*_$[]@<> text')).toBe('"plain #*_$[]@<> text"');
    expect(typstString('a\\b"c')).toBe('"a\\\\b\\"c"');
    expect(typstString('line\nbreak\ttab\u0000')).toBe('"line\\u{a}break\\u{9}tab\\u{0}"');
  });
});

describe('the PDF reader of these tests', () => {
  it('refuses a truncated or foreign file (so the checks above can fail)', async () => {
    const pdf = await certificatePdf(CERTIFICATE);
    expect(() => readPdf(pdf.subarray(0, pdf.length - 2000))).toThrow();
    expect(() => readPdf(Buffer.from('PK\u0003\u0004'))).toThrow(/not a PDF/);
  });
});

describe('document libraries load on demand', () => {
  const HEAVY = ['docx', 'exceljs', '@myriaddreamin/typst-ts-node-compiler'];
  /** Static imports (not `import type`, not `await import()`) of a heavy package in a source text. */
  const staticHeavyImports = (source: string) =>
    [...source.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)]
      .map((m) => m[1] as string)
      .filter((spec) => HEAVY.includes(spec));

  it('no file of src/events/documents imports docx, exceljs or Typst at start-up', () => {
    const dir = 'src/events/documents';
    for (const file of readdirSync(dir))
      expect(staticHeavyImports(readFileSync(join(dir, file), 'utf8')), file).toEqual([]);
  });

  it('the check sees a static import', () => {
    expect(staticHeavyImports("import { Document } from 'docx';\nimport type { X } from 'exceljs';")).toEqual(
      ['docx'],
    );
  });
});
