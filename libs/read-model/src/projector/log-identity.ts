import type { EventStore } from '@sagsspor/event-store';
import { ReadModelAheadOfLogError, ReadModelLogReplacedError } from '../errors';
import type { Generation } from '../port';

/**
 * Whether the live read model belongs with this event log: null when it
 * does; else the error that says what happened and what to do. A model that
 * has applied positions the log does not have is ahead of it; one whose log
 * now begins with another event was built from another log. Both mean the
 * log was replaced, emptied, reset or restored, and only a rebuild (or the
 * right log) mends it: retrying never would.
 */
export async function mismatchWithLog(
  store: Pick<EventStore, 'headPosition' | 'readAll'>,
  live: Generation | undefined,
): Promise<ReadModelAheadOfLogError | ReadModelLogReplacedError | null> {
  if (!live) return null;
  const head = await store.headPosition();
  if (live.checkpoint > head) return new ReadModelAheadOfLogError(live.checkpoint, head);
  if (live.logId === null) return null;
  const [first] = await store.readAll({ maxCount: 1 });
  const startsWith = first?.metadata.eventId ?? null;
  return startsWith === live.logId ? null : new ReadModelLogReplacedError(live.logId, startsWith);
}
