import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventSubscription, JsonObject, NewEvent, RecordedEvent } from '../port';

/**
 * Every stream a contract run writes starts with this run's prefix: against a
 * shared server (EventStoreDB) a run reads only its own streams, never an
 * earlier run's, and none of them is a `sag-` stream a deployment would verify.
 */
export const CONTRACT_RUN_PREFIX = `contract${randomUUID().slice(0, 8)}-`;

const streamsOfThisRun = new Set<string>();

/** A stream name no other test (or earlier run against a shared server) has used. */
export function uniqueStream(name = 'stream'): string {
  const stream = `${CONTRACT_RUN_PREFIX}${name}-${randomUUID().slice(0, 8)}`;
  streamsOfThisRun.add(stream);
  return stream;
}

/** Every stream name this run has handed out: what a run against a shared server deletes when it ends. */
export function runStreams(): readonly string[] {
  return [...streamsOfThisRun];
}

export function newEvent(type = 'Tested.v1', data: JsonObject = {}, metadata: Partial<EventMetadata> = {}): NewEvent {
  const eventId = metadata.eventId ?? randomUUID();
  return {
    type,
    data,
    metadata: {
      eventId,
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: '2024-03-05T10:15:00.000Z',
      recordedBy: 'contract-test',
      source: { kind: 'cli' },
      ...metadata,
    },
  };
}

export function newEvents(count: number, type = 'Tested.v1'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}

export function eventIds(events: readonly { metadata: EventMetadata }[]): string[] {
  return events.map((event) => event.metadata.eventId);
}

/** Resolves with the next value, or rejects after `ms` (leaving the pending next() to be ended by close()). */
export async function nextWithin(iterator: AsyncIterator<RecordedEvent>, ms: number): Promise<IteratorResult<RecordedEvent>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Takes events until `count` of them satisfy `accept` (others, e.g. from other
 * tests on a shared server, are skipped). Fails when the subscription goes quiet.
 */
export async function takeMatching(
  iterator: AsyncIterator<RecordedEvent>,
  count: number,
  accept: (event: RecordedEvent) => boolean,
  quietMs = 5000,
): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const result = await nextWithin(iterator, quietMs);
    if (result.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    if (accept(result.value)) taken.push(result.value);
  }
  return taken;
}

export function inStreams(...streamNames: string[]): (event: RecordedEvent) => boolean {
  const names = new Set(streamNames);
  return (event) => names.has(event.streamName);
}

export function iteratorOf(subscription: EventSubscription): AsyncIterator<RecordedEvent> {
  return subscription[Symbol.asyncIterator]();
}
