import { AppError, NotFoundError } from '@sagsspor/kernel';
import type { Access } from './events';
import type { SagId } from './identity';

/**
 * The same treatment was recorded before with content this one contradicts.
 * `existingAccess`: how open the recorded treatment is (its proposal's
 * access), so the one who shows `existing` knows whether to redact it.
 */
export class TreatmentConflictError extends AppError {
  constructor(
    treatment: string,
    existing: unknown,
    attempted: unknown,
    readonly existingAccess: Access,
    /** How to correct the record instead (see correction.ts howToCorrect). */
    instead: Record<string, unknown> = {},
  ) {
    super(
      'sag.treatment-conflict',
      'conflict',
      'Treatment already recorded differently',
      `The treatment ${treatment} is already recorded with different content. To replace it, correct it (POST .../corrections) naming the record's id: the recorded version stays in the history.`,
      { existing, attempted, ...instead },
    );
  }
}

/**
 * A caller who may not read closed items wrote a treatment step already
 * recorded as a closed item. Whether the attempt repeats, enriches or
 * contradicts the record is not said: any of those answers would confirm a
 * guess of the closed content.
 */
export class ClosedTreatmentError extends AppError {
  constructor(treatment: string) {
    super(
      'sag.treatment-closed',
      'conflict',
      'Treatment already recorded as a closed item',
      `The treatment ${treatment} is already recorded as a closed item; only a caller with closed access may record it again.`,
    );
  }
}

export class NotProposedError extends AppError {
  constructor(treatment: string) {
    super(
      'sag.not-proposed',
      'rule',
      'Sag not proposed to this committee',
      `No proposal is recorded for ${treatment}; record the proposal first or send it with this command.`,
    );
  }
}

export class NothingToResumeError extends AppError {
  constructor(treatment: string, resumes: string | null) {
    super(
      'sag.nothing-to-resume',
      'rule',
      'No postponed treatment to resume',
      resumes
        ? `${treatment} resumes a treatment on ${resumes}, but no postponed treatment is recorded for that date.`
        : `${treatment} resumes an earlier treatment, but no earlier postponed treatment is recorded.`,
    );
  }
}

export class InvalidCommandError extends AppError {
  constructor(detail: string, field?: string) {
    super('sag.invalid-command', 'invalid', 'Invalid command', detail, field ? { field } : {});
  }
}

export class SagNotFoundError extends NotFoundError {
  constructor(sag: SagId) {
    super('sag.not-found', `No sag ${sag.sagsnummer} is recorded for ${sag.kommune}.`, {
      kommune: sag.kommune,
      sagsnummer: sag.sagsnummer,
    });
  }
}
