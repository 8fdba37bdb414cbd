import { AppError, NotFoundError } from '@sagsspor/kernel';

/** A checkpoint that is malformed, or not signed by a key of this log. */
export class InvalidCheckpointError extends AppError {
  constructor(detail: string) {
    super('audit.invalid-checkpoint', 'invalid', 'Invalid checkpoint', detail);
  }
}

export class CheckpointNotFoundError extends NotFoundError {
  constructor(position: string | null) {
    super(
      'audit.checkpoint-not-found',
      position === null ? 'No checkpoint has been made yet.' : `No checkpoint was made at or before position ${position}.`,
      { position },
    );
  }
}
