import { AppError } from '@sagsspor/kernel';

/**
 * `referat.not-minutes`: the input does not look like minutes at all (empty,
 * binary, prose without a REFERAT header or agenda items).
 * `referat.unparseable`: it looks like minutes, but something the parser
 * cannot do without (committee, meeting date, items) is missing.
 */
export type MinutesParseErrorCode = 'referat.not-minutes' | 'referat.unparseable';

export class MinutesParseError extends AppError {
  constructor(
    override readonly code: MinutesParseErrorCode,
    /** 1-based line where the expected thing was missing or wrong. */
    readonly line: number,
    readonly documentName: string,
    expected: string,
  ) {
    super(code, 'invalid', 'Not parseable as minutes', `${documentName}:${line}: ${expected}`, {
      line,
      documentName,
    });
  }
}
