import { parentPort } from 'node:worker_threads';
import { extractText } from './pdf-extract';
import { PdfTextError, type PdfFailureCode, type PdfText } from './pdf-text-error';

/** The PDF worker thread's program: one request, one answer, by id. */

export interface PdfRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
}

export type PdfAnswer =
  | { readonly id: number; readonly text: PdfText }
  | { readonly id: number; readonly failure: { readonly code: PdfFailureCode; readonly message: string } };

parentPort?.on('message', (request: PdfRequest) => {
  void answer(request).then((a) => parentPort?.postMessage(a));
});

async function answer({ id, bytes }: PdfRequest): Promise<PdfAnswer> {
  try {
    return { id, text: await extractText(bytes) };
  } catch (error: unknown) {
    if (error instanceof PdfTextError) return { id, failure: { code: error.code, message: error.message } };
    const why = error instanceof Error ? error.message : String(error);
    return { id, failure: { code: 'import.pdf-broken', message: `The PDF cannot be read (${why}).` } };
  }
}
