// The report as PDF (Typst in the events' worker thread) on the fixed document of render-fixture.ts: golden
// bytes in English and French with their text page by page, the same bytes twice, every figure, footnote
// and source found in the text, the ILLUSTRATIVE and DRAFT marks, the symbol and the page number on every
// page, Typst syntax set as the characters typed. And, where LibreOffice is installed, the DOCX converts.
// In the features tier with the events' PDF tests: it starts the Typst worker and LibreOffice.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDocument } from '../../src/reports/render/fixture.ts';
import { renderDocx, renderPdf } from '../../src/reports/render/index.ts';
import { readPdf } from '../events/documents-pdf-text.ts';
import { expectGolden } from './render-golden.ts';
import { FIGURE_TEXTS, fixtureDocument } from './render-fixture.ts';

const LOCALES = ['en', 'fr'] as const;
/** The reader collapses white space, the narrow and ordinary no-break spaces of French figures included. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const pageText = (pages: string[]) => pages.map((p, i) => `--- page ${i + 1}\n${p}\n`).join('');

describe('report, PDF', () => {
  it.each(LOCALES)('matches its golden file and gives the same bytes twice (%s)', async (locale) => {
    const pdf = await renderPdf(fixtureDocument(locale));
    expect((await renderPdf(fixtureDocument(locale))).equals(pdf)).toBe(true);
    expectGolden(`report-${locale}.pdf`, pdf, pageText(readPdf(pdf).pageTexts));
  });

  it.each(LOCALES)('holds every figure, footnote and source, in Noto Sans (%s)', async (locale) => {
    const doc = fixtureDocument(locale);
    const read = readPdf(await renderPdf(doc));
    expect(read.fonts).toEqual(['NotoSans-Bold', 'NotoSans-Italic', 'NotoSans-Regular']);
    const text = read.pageTexts.join(' ');
    for (const figure of FIGURE_TEXTS[locale]) expect(text).toContain(flat(figure));
    for (const s of doc.sources) expect(text).toContain(`${s.source.kind}: ${s.source.ref}`);
    expect(text).toContain(doc.fingerprint);
    expect(text).toContain(
      locale === 'en'
        ? '1 As deposited with the Secretary-General.'
        : '1 Tel que déposé auprès du Secrétaire général.',
    );
  });

  it('says ILLUSTRATIVE DATA and DRAFT on every page, with the symbol (after the first) and its number', async () => {
    const doc = fixtureDocument('en');
    const pages = readPdf(await renderPdf(doc)).pageTexts;
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => {
      expect(page.startsWith('ILLUSTRATIVE DATA — NOT FOR ISSUE — DRAFT'), `page ${i + 1}`).toBe(true);
      expect(page.endsWith(`Page ${i + 1}`), `page ${i + 1}`).toBe(true);
      if (i > 0) expect(page).toContain('ILLUSTRATIVE DATA — NOT FOR ISSUE — DRAFT [symbol to be assigned]');
    });
    const plain = readPdf(await renderPdf(emptyDocument('fr'))).pageTexts;
    for (const page of plain) expect(page).not.toContain('DONNÉES FICTIVES');
  });

  it('sets Typst syntax in any text as the characters typed', async () => {
    const hostile = '#panic("x") *bold* _em_ $x^2$ [link] \\ @ref <label> `raw` "); #(" \\u{41}';
    const doc = fixtureDocument('en');
    const pdf = await renderPdf({
      ...doc,
      front: { ...doc.front, title: hostile, symbol: `E/CN.15/2005/8 ${hostile}` },
      sections: doc.sections.map((p, i) => (i === 0 ? { ...p, title: hostile } : p)),
      sources: doc.sources.map((s) => ({ ...s, source: { kind: s.source.kind, ref: hostile } })),
    });
    const text = readPdf(pdf).pageTexts.join(' ');
    expect(text).toContain(flat(hostile));
    expect(text).toContain(`I. ${flat(hostile)}`);
    expect(text).toContain(`registry: ${flat(hostile)}`);
  });
});

/** LibreOffice, where installed: the DOCX must open and convert without error. */
const SOFFICE = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);

describe('report, DOCX in LibreOffice', () => {
  it.skipIf(!SOFFICE)(
    `converts to PDF without error${SOFFICE ? '' : ' (skipped: LibreOffice, soffice, is not installed here)'}`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'palermo-report-'));
      try {
        writeFileSync(join(dir, 'report.docx'), await renderDocx(fixtureDocument('en')));
        execFileSync(
          SOFFICE!,
          ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')],
          {
            timeout: 120_000,
            env: { ...process.env, HOME: dir },
          },
        );
        expect(existsSync(join(dir, 'report.pdf'))).toBe(true);
        // LibreOffice writes compressed cross-reference streams, which the small reader does not walk.
        expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
