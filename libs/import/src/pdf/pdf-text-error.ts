/** Why a PDF gives no minutes text; `code` is stable and reaches the user. */
export type PdfFailureCode = 'import.pdf-encrypted' | 'import.pdf-no-text' | 'import.pdf-broken';

export class PdfTextError extends Error {
  constructor(
    readonly code: PdfFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfTextError';
  }
}

export interface PdfText {
  readonly text: string;
  readonly pages: number;
}
