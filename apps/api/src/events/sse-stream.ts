import type { Response } from 'express';
import { InvalidPositionError, type EventStore } from '@sagsspor/event-store';
import { matchesFilter, redactFor, type IntegrationEventMapper } from '@sagsspor/integration-events';
import type { SseOptions } from './sse-options';
import type { SseRequest } from './sse-query';

export interface SseDeps {
  readonly store: EventStore;
  readonly mapper: IntegrationEventMapper;
  readonly options: SseOptions;
  /** Whether this client may see closed items' content (auditors, admins). */
  readonly closedAccess: boolean;
  /** Registers a way to end the stream at shutdown; returns the unregister function. */
  readonly register: (close: () => Promise<void>) => () => void;
}

/**
 * A client's position must be one this log can go on from, checked before
 * the 200 goes out: beyond the head is no position of this log (another
 * server's, or a log since reset), and on EventStoreDB a position that is
 * not an event's start fails the read (InvalidPositionError, 400). A browser
 * told 400 stops reconnecting with the same Last-Event-ID.
 */
async function knownPosition(store: EventStore, after: bigint): Promise<bigint> {
  if (after < 0n) return after;
  const head = await store.headPosition();
  if (after > head && after > 0n) throw new InvalidPositionError(after, `beyond the last position of this log (${head})`);
  await store.readAll({ after, maxCount: 1 });
  return after;
}

/**
 * Streams integration events as SSE until the client goes away: catch-up
 * after the requested position, then live. `id:` is the global position, so
 * Last-Event-ID resumes exactly after the last event the client received.
 */
export async function streamEvents(res: Response, request: SseRequest, deps: SseDeps): Promise<void> {
  const after = request.after === undefined ? await deps.store.headPosition() : await knownPosition(deps.store, request.after);
  const subscription = deps.store.subscribeToAll(after < 0n ? {} : { after });
  const close = (): Promise<void> => subscription.close();
  const unregister = deps.register(close);
  res.on('close', () => void close());
  res.status(200).set({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
  res.write(`retry: ${deps.options.retryMs}\n\n`);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), deps.options.heartbeatMs);
  try {
    for await (const recorded of subscription) {
      const event = await deps.mapper.map(recorded);
      if (!event || !matchesFilter(request.filter, event)) continue;
      const chunk = `id: ${recorded.position}\nevent: ${event.type}\ndata: ${JSON.stringify(redactFor(event, deps.closedAccess))}\n\n`;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
  } finally {
    clearInterval(heartbeat);
    unregister();
    await close();
    res.end();
  }
}

/** Backpressure: a slow client holds the subscription back instead of filling memory. */
function drainedOrClosed(res: Response): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
