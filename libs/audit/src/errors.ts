import { AppError, NotFoundError } from '@sagsspor/kernel';

/** An asOf / knownAt value that names no single point in time. */
export class InvalidCutError extends AppError {
  constructor(parameter: 'asOf' | 'knownAt', detail: string) {
    super('audit.invalid-cut', 'invalid', 'Invalid history cut', detail, { parameter });
  }
}

/**
 * The sag exists, but nothing of it was treated / recorded by the cut. Its own
 * code, so a client can tell "not yet" from "never" (sag.not-found).
 */
export class SagNotFoundAtCutError extends NotFoundError {
  constructor(sag: { kommune: string; sagsnummer: string }, cut: { asOf: string | null; knownAt: string | null }) {
    const at = [cut.asOf && `treated by ${cut.asOf}`, cut.knownAt && `recorded by ${cut.knownAt}`].filter(Boolean).join(' and ');
    super('sag.not-found-at-cut', `Nothing of sag ${sag.sagsnummer} in ${sag.kommune} was ${at}.`, {
      kommune: sag.kommune,
      sagsnummer: sag.sagsnummer,
      asOf: cut.asOf,
      knownAt: cut.knownAt,
    });
  }
}
