// The Typst worker thread: compile errors come back as errors, a worker is replaced after its quota (the
// PDF export keeps memory per thread, see typst-worker.ts) without losing a document in flight, and an idle
// worker never keeps a command from ending.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { certificatePdf } from '../../src/events/documents/certificate.ts';
import { pdfWorkerStats, setPdfWorkerRecycling } from '../../src/events/documents/typst-worker.ts';
import { typstPdf } from '../../src/events/documents/typst.ts';
import { readPdf } from './documents-pdf-text.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('PDF worker', () => {
  afterAll(() => setPdfWorkerRecycling(100));

  it('replaces a worker after its quota, finishing the documents it holds', async () => {
    setPdfWorkerRecycling(3);
    // The first documents of this file: no worker is running yet.
    expect(pdfWorkerStats().started).toBe(0);
    const names = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eka', 'Fatou', 'Gao'];
    const pdfs = await Promise.all(
      names.map((participantName) =>
        certificatePdf({
          reference: `R-${participantName}`,
          participantName,
          state: 'Senegal',
          eventTitle: 'Seminar',
          venue: 'Dakar',
          startOn: '2003-07-01',
          endOn: '2003-07-01',
          place: 'Vienna',
          issuedOn: '2003-07-01',
          language: 'en',
        }),
      ),
    );
    expect(pdfs.map((pdf) => /certify that (\S+) \(/.exec(readPdf(pdf).pageTexts[0] ?? '')?.[1])).toEqual(
      names,
    );
    // Seven documents, three a worker: three workers.
    expect(pdfWorkerStats().started).toBe(3);
  });

  it('reports a Typst error with its message', async () => {
    await expect(typstPdf('#panic("boom")')).rejects.toThrow(/Typst could not compile the document: .*boom/);
    // The worker is still there for the next document.
    expect((await typstPdf('Hello')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('lets a command end once its PDF is written (the idle worker holds no process open)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palermo-pdf-'));
    try {
      const script = join(dir, 'one-pdf.mts');
      writeFileSync(
        script,
        `import { typstPdf } from ${JSON.stringify(join(ROOT, 'src/events/documents/typst.ts'))};\n` +
          `const pdf = await typstPdf('Hello');\nprocess.stdout.write(String(pdf.subarray(0, 5)));\n`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), script], {
        cwd: ROOT,
        timeout: 20_000,
      });
      expect(stdout).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
