import { InvalidInputError } from '@sagsspor/kernel';
import { WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision } from '../port';

/** A stream's current revision, or -1 when it does not exist. */
export type CurrentRevision = number;

export const NO_STREAM_REVISION: CurrentRevision = -1;

/** Throws WrongExpectedRevisionError unless `current` satisfies `expected`. */
export function assertExpectedRevision(streamName: string, expected: ExpectedRevision, current: CurrentRevision): void {
  if (!satisfies(expected, current)) {
    throw new WrongExpectedRevisionError(streamName, String(expected), current === NO_STREAM_REVISION ? 'none' : current);
  }
}

function satisfies(expected: ExpectedRevision, current: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_STREAM_REVISION;
    case 'stream_exists':
      return current !== NO_STREAM_REVISION;
    default:
      return current === expected;
  }
}

/** Rejects a malformed expected revision before any adapter touches storage. */
export function validateExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new InvalidInputError(
      `Expected revision must be a non-negative integer, 'no_stream', 'stream_exists' or 'any', not ${expected}.`,
    );
  }
}
