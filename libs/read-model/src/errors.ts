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

/**
 * The live read model has applied events the log does not have: the log
 * was replaced, emptied or restored from an older backup. Serving it would
 * show sager the log does not hold, and new writes would never appear.
 */
export class ReadModelAheadOfLogError extends AppError {
  constructor(checkpoint: bigint, head: bigint) {
    super(
      'read-model.ahead-of-log',
      'unavailable',
      'Read model ahead of the event log',
      `The read model has applied the log up to position ${checkpoint}, but the event log ends at position ${head}: ` +
        'the log was replaced, emptied or restored from an older backup. Rebuild the read models from the log ' +
        '(npm run -s cli -- rebuild), or restore the log that belongs with them.',
      { checkpoint: checkpoint.toString(), headPosition: head.toString() },
    );
  }
}

/**
 * The live read model was built from another log: the log's first event is
 * not the one the model began with (the log was replaced or reset and
 * written again, or another data directory's log put in its place). Its
 * checkpoint may even lie within the new log, so nothing else would notice:
 * new events would be applied on top of sager this log does not have.
 */
export class ReadModelLogReplacedError extends AppError {
  constructor(builtFrom: string, logStartsWith: string | null) {
    super(
      'read-model.log-replaced',
      'unavailable',
      'Read model built from another event log',
      `The read model was built from an event log whose first event is ${builtFrom}, but this log ` +
        `${logStartsWith === null ? 'is empty' : `begins with ${logStartsWith}`}: the log was replaced or reset. ` +
        'Rebuild the read models from this log (npm run -s cli -- rebuild), or restore the log that belongs with them.',
      { builtFrom, logStartsWith },
    );
  }
}
