import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PdfAnswer, PdfRequest } from './pdf-worker';
import { PdfTextError, type PdfText } from './pdf-text-error';

export { PdfTextError, type PdfFailureCode, type PdfText } from './pdf-text-error';

/**
 * A PDF's text, read in a worker thread of its own (see pdf-extract.ts for
 * why): started on the first PDF, kept for the next, never keeping the
 * process alive. A PDF that makes it run out of memory or die fails alone.
 */

/** "%PDF-" within the first kilobyte, as readers accept it (some producers put junk before it). */
export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).indexOf('%PDF-') >= 0;
}

/** Beside this file when compiled; run from the TypeScript sources (the tests), the compiled one in dist/. */
const WORKER_FILES = [
  path.join(__dirname, 'pdf-worker.js'),
  path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'libs', 'import', 'src', 'pdf', 'pdf-worker.js'),
];
/** A minutes PDF of 20 MB needs far less; a hostile one is stopped here. */
const WORKER_HEAP_MB = 512;

type Pending = { resolve: (text: PdfText) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

/** Throws PdfTextError for encrypted, image-only and broken PDFs. */
export function pdfToText(bytes: Buffer): Promise<PdfText> {
  const w = worker ?? start();
  const id = nextId++;
  // A copy the worker may take over: the caller keeps its buffer (the sha256 is taken of it).
  const copy = new Uint8Array(bytes);
  return new Promise<PdfText>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    if (pending.size === 1) w.ref();
    w.postMessage({ id, bytes: copy } satisfies PdfRequest, [copy.buffer]);
  });
}

function start(): Worker {
  const file = WORKER_FILES.find((f) => fs.existsSync(f));
  if (file === undefined) throw new Error(`The PDF worker is not built (npm run build): none of ${WORKER_FILES.join(', ')}`);
  const w = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  w.unref();
  w.on('message', (a: PdfAnswer) => settle(w, a));
  w.on('error', (error: Error) => stop(w, error));
  w.on('exit', (code) => stop(w, new Error(`the PDF reader stopped (exit ${code})`)));
  worker = w;
  return w;
}

function settle(w: Worker, a: PdfAnswer): void {
  const p = pending.get(a.id);
  pending.delete(a.id);
  if (pending.size === 0) w.unref();
  if (!p) return;
  if ('text' in a) p.resolve(a.text);
  else p.reject(new PdfTextError(a.failure.code, a.failure.message));
}

/** Every PDF under way fails as unreadable; the next one starts a new worker. */
function stop(w: Worker, error: Error): void {
  if (worker !== w) return;
  worker = null;
  for (const p of pending.values()) p.reject(new PdfTextError('import.pdf-broken', `The PDF cannot be read (${error.message}).`));
  pending.clear();
  void w.terminate();
}
