import { NotFoundError } from '@sagsspor/kernel';
import type { SagId } from '@sagsspor/sag';

export class SagNotFoundError extends NotFoundError {
  constructor(sag: SagId) {
    super('sag.not-found', `No sag ${sag.sagsnummer} is recorded for ${sag.kommune}.`, {
      kommune: sag.kommune,
      sagsnummer: sag.sagsnummer,
    });
  }
}
