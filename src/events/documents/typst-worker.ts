// Typst runs in a worker thread, created at the first PDF asked for and reused: creating the compiler loads
// the native module and reads the fonts (~80–170 ms), a page then takes a few milliseconds, off the event loop.
//
// The worker is replaced after RECYCLE_AFTER documents. Typst 0.14's PDF export (typst-ts-node-compiler
// 0.7.0) keeps about 0.5 MB a document in memory of its thread that `evictCache` does not release: 2,000
// certificates in one thread took the process from 71 MB to 1 GB. Ending the thread releases it (measured:
// four workers of 500 documents each, one after the other, left the process at 330 MB, flat).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Documents one worker compiles before it is replaced. */
let recycleAfter = 100;

interface Job {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
}

interface PdfWorker {
  worker: Worker;
  served: number;
  pending: Map<number, Job>;
}

let current: PdfWorker | null = null;
let nextId = 1;
let started = 0;

// Plain JavaScript evaluated by the worker (so it runs the same from src/ under a TypeScript loader and from
// the esbuild bundle in dist/); the module and font paths are resolved by the main thread and passed in.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { NodeCompiler } = require(workerData.module);
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: workerData.fonts }] });
parentPort.on('message', ({ id, source }) => {
  try {
    const result = compiler.compile({ mainFileContent: source });
    const error = result.takeError();
    if (error || !result.result) {
      const diagnostics = error ? compiler.fetchDiagnostics(error) : [];
      parentPort.postMessage({ id, error: diagnostics.map((d) => d.message).join('; ') || 'no document' });
      return;
    }
    const pdf = compiler.pdf(result.result);
    compiler.evictCache(10);
    const bytes = Uint8Array.prototype.slice.call(pdf);
    parentPort.postMessage({ id, pdf: bytes }, [bytes.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

function failAll(pdfWorker: PdfWorker, error: Error): void {
  for (const job of pdfWorker.pending.values()) job.reject(error);
  pdfWorker.pending.clear();
  if (current === pdfWorker) current = null;
}

function startWorker(fonts: readonly string[]): PdfWorker {
  const require = createRequire(import.meta.url);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { module: require.resolve('@myriaddreamin/typst-ts-node-compiler'), fonts },
  });
  const pdfWorker: PdfWorker = { worker, served: 0, pending: new Map() };
  started++;
  worker.on('message', (message: { id: number; pdf?: Uint8Array; error?: string }) => {
    const job = pdfWorker.pending.get(message.id);
    pdfWorker.pending.delete(message.id);
    if (message.pdf)
      job?.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength));
    else job?.reject(new Error(`Typst could not compile the document: ${message.error}`));
    settle(pdfWorker);
  });
  worker.on('error', (error) => failAll(pdfWorker, error));
  worker.on('exit', (code) => failAll(pdfWorker, new Error(`the PDF worker stopped (exit code ${code})`)));
  return pdfWorker;
}

/** An idle worker must not keep a CLI process alive; a worker past its quota ends once its jobs are done. */
function settle(pdfWorker: PdfWorker): void {
  if (pdfWorker.pending.size > 0) return;
  if (pdfWorker !== current) void pdfWorker.worker.terminate();
  else pdfWorker.worker.unref();
}

/** Compiles a Typst source into a PDF in the worker. */
export function compileInWorker(source: string, fonts: readonly string[]): Promise<Buffer> {
  if (current && current.served >= recycleAfter) {
    const retired = current;
    current = null;
    settle(retired);
  }
  current ??= startWorker(fonts);
  const pdfWorker = current;
  pdfWorker.served++;
  pdfWorker.worker.ref();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pdfWorker.pending.set(id, { resolve, reject });
    pdfWorker.worker.postMessage({ id, source });
  });
}

/** For tests: how many workers were started, and a smaller quota to see them replaced. */
export function pdfWorkerStats(): { started: number; recycleAfter: number } {
  return { started, recycleAfter };
}

export function setPdfWorkerRecycling(documents: number): void {
  if (!Number.isSafeInteger(documents) || documents < 1) throw new RangeError('recycling needs a count ≥ 1');
  recycleAfter = documents;
}
