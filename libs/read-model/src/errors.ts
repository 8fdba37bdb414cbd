import { AppError, InvalidInputError } from '@sagsspor/kernel';

/** A filter, limit or date range the read side refuses before any store sees it. */
export class InvalidReadQueryError extends InvalidInputError {
  constructor(detail: string, field: string) {
    super(detail, { field });
  }
}

export class InvalidCursorError extends AppError {
  constructor() {
    super('read-model.invalid-cursor', 'invalid', 'Invalid cursor', 'The cursor was not issued by this query; start again without one.', {
      field: 'cursor',
    });
  }
}

/** No generation of the read model is complete yet: answering would show a half-built model. */
export class ReadModelNotReadyError extends AppError {
  constructor(detail = 'The read model is still being built from the event log; try again shortly.') {
    super('read-model.not-ready', 'unavailable', 'Read model not ready', detail);
  }
}

export class ReadModelUnavailableError extends AppError {
  constructor(detail: string) {
    super('read-model.unavailable', 'unavailable', 'Read model unavailable', detail);
  }
}

/** Read models made by an earlier version of Sagsspor, in a layout this one does not read. */
export class ReadModelOldLayoutError extends AppError {
  constructor(dataDir: string) {
    super(
      'read-model.old-layout',
      'unavailable',
      'Read models from an earlier version',
      `The read models in ${dataDir} were made by an earlier version of Sagsspor. Run \`npm run -s cli -- rebuild\` to build them anew from the event log (nothing is lost: they hold nothing the log does not).`,
    );
  }
}
