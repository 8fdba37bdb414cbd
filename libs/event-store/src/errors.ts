import { AppError } from '@sagsspor/kernel';

export class WrongExpectedRevisionError extends AppError {
  constructor(streamName: string, expected: string, actual: number | 'none') {
    super(
      'event-store.wrong-expected-revision',
      'conflict',
      'The sag has changed',
      `Stream ${streamName} is at revision ${actual}, not ${expected}. Reload and decide again.`,
      { streamName, expectedRevision: expected, actualRevision: actual },
    );
  }
}

export class StoreUnavailableError extends AppError {
  constructor(detail: string) {
    super('event-store.unavailable', 'unavailable', 'Event store unavailable', detail);
  }
}

/** The disk under the store is full (or failing): nothing was recorded, and nothing will be until space is made. */
export class StorageFullError extends AppError {
  constructor(file: string, code: string) {
    super(
      'event-store.storage-full',
      'unavailable',
      'Storage full',
      `The event store ${file} could not write (${code}): the disk is full or failing. Nothing was recorded; ` +
        'free space on that disk and retry.',
      { storageError: code },
    );
  }
}

export class DuplicateEventIdError extends AppError {
  constructor(eventId: string) {
    super('event-store.duplicate-event-id', 'conflict', 'Event already recorded', `An event with id ${eventId} is already stored.`, {
      eventId,
    });
  }
}

/**
 * A stored event whose bytes no longer decode (the file was damaged or
 * edited). Carries where it is, so verification can name it and read on.
 */
export class UnreadableEventError extends AppError {
  constructor(
    readonly streamName: string,
    readonly revision: number,
    readonly position: bigint,
    cause: string,
  ) {
    super(
      'event-store.unreadable-event',
      'unavailable',
      'Stored event unreadable',
      `The event at position ${position} (stream ${streamName}, revision ${revision}) cannot be decoded: ${cause}`,
      { streamName, revision, position: position.toString() },
    );
  }
}

/** A read or subscription from a position that is not an event's in this log (a client's guess, another log's). */
export class InvalidPositionError extends AppError {
  constructor(position: bigint | string, detail = 'it is not the position of an event in this log') {
    super('event-store.invalid-position', 'invalid', 'Invalid position', `Position ${position}: ${detail}.`, {
      position: position.toString(),
    });
  }
}
