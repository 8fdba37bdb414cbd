import { pagesToText, type TextRun } from './layout';
import { PdfTextError, type PdfText } from './pdf-text-error';

/**
 * The text of a PDF with pdfjs-dist (Mozilla's PDF.js, pure JavaScript). The
 * 4.x line is the last to run on Node 20; its ES module is loaded with
 * require(), which Node 20.19+ allows. Its legacy build installs core-js
 * polyfills over built-ins for the whole process (Array.prototype.push,
 * JSON.parse among them, much slower than V8's), so this runs only in the
 * PDF worker thread (pdf-worker.ts), never in the API or CLI thread.
 */

interface PdfTextItem {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
}

interface PdfPage {
  getTextContent(): Promise<{ items: readonly (PdfTextItem | { type: string })[] }>;
  cleanup(): boolean;
}

interface PdfDocument {
  readonly numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

interface PdfJs {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument> };
}

let pdfjs: PdfJs | null = null;

/**
 * V8's own push and JSON.parse, put back after pdf.js has loaded its parts:
 * core-js replaces them over spec corners pdf.js never meets (a read-only
 * array length, JSON source text access), and its push alone took a third
 * of the time spent reading a page.
 */
const NATIVE = { push: Array.prototype.push, parse: JSON.parse };

function restoreNatives(): void {
  if (Array.prototype.push !== NATIVE.push) Array.prototype.push = NATIVE.push;
  if (JSON.parse !== NATIVE.parse) JSON.parse = NATIVE.parse;
}

function loadPdfJs(): PdfJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module, required (Node >= 20.19) so it loads synchronously once
  pdfjs ??= require('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
  restoreNatives();
  return pdfjs;
}

/** Throws PdfTextError for encrypted, image-only and broken PDFs. */
export async function extractText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await open(bytes);
  try {
    const pages: TextRun[][] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await pageRuns(doc, n));
    if (!pages.some((runs) => runs.some((r) => r.text.trim().length > 0))) {
      throw new PdfTextError(
        'import.pdf-no-text',
        `The PDF has no text layer (${doc.numPages} page${doc.numPages === 1 ? '' : 's'} of images, a scan?): run OCR on it first, or import the minutes as text.`,
      );
    }
    return { text: pagesToText(pages), pages: doc.numPages };
  } catch (error: unknown) {
    throw error instanceof PdfTextError ? error : broken(error);
  } finally {
    await doc.destroy();
  }
}

async function open(bytes: Uint8Array): Promise<PdfDocument> {
  try {
    const task = loadPdfJs().getDocument({
      data: bytes,
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    });
    const doc = await task.promise;
    restoreNatives(); // the first document loads pdf.js's worker part, with its own copy of the polyfills
    return doc;
  } catch (error: unknown) {
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new PdfTextError('import.pdf-encrypted', 'The PDF is encrypted with a password: export the minutes without one.');
    }
    throw broken(error);
  }
}

function broken(error: unknown): PdfTextError {
  const why = error instanceof Error ? error.message : String(error);
  return new PdfTextError('import.pdf-broken', `The PDF cannot be read (${why}).`);
}

async function pageRuns(doc: PdfDocument, n: number): Promise<TextRun[]> {
  const page = await doc.getPage(n);
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.length === 0) continue;
    const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
    runs.push({ text: item.str, x, y, width: item.width, size: Math.hypot(a, b) || 1 });
  }
  page.cleanup();
  return runs;
}
