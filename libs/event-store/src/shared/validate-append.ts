import { InvalidInputError } from '@sagsspor/kernel';
import { DuplicateEventIdError } from '../errors';
import type { ExpectedRevision, NewEvent } from '../port';
import { validateExpectedRevision } from './expected-revision';

/**
 * Checks every adapter makes before appending, so all of them reject the same
 * malformed requests the same way: an empty batch, a blank stream name, a
 * bad expected revision, or one event id twice in the batch.
 */
export function validateAppend(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (streamName.length === 0) throw new InvalidInputError('Stream name must not be empty.');
  if (events.length === 0) throw new InvalidInputError(`Append to ${streamName} has no events.`);
  validateExpectedRevision(expected);
  assertEventIdsDistinct(events);
}

function assertEventIdsDistinct(events: readonly NewEvent[]): void {
  if (events.length < 2) return;
  const seen = new Set<string>();
  for (const event of events) {
    const id = event.metadata.eventId;
    if (seen.has(id)) throw new DuplicateEventIdError(id);
    seen.add(id);
  }
}
