import { excludeSystemEvents, START, streamNameFilter, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventSubscription, RecordedEvent } from '../port';
import { toStoreError } from './esdb-errors';
import { toOwnEvent, type ForeignEvents } from './event-mapping';
import { fromEsdbAllPosition, toEsdbPosition } from './position';

export interface EsdbSubscriptionOptions {
  readonly after: bigint | undefined;
  /** Filtered on the server: only these streams' events travel (system streams start with "$", so never). */
  readonly streamPrefix: string | undefined;
  readonly foreign: ForeignEvents;
}

/**
 * A catch-up subscription to $all without system events (and, with a
 * prefix, to this store's streams only, filtered by the server). The server
 * does the catch-up-then-live switch; the client's Readable applies
 * backpressure, so a slow consumer holds at most its high-water mark of
 * events in memory. Events not written through the port are skipped and
 * counted, never fatal.
 */
export class EsdbSubscription implements EventSubscription {
  private closed = false;
  private readonly source: AllStreamSubscription;
  private readonly iterator: AsyncGenerator<RecordedEvent>;
  private readonly after: bigint | undefined;

  constructor(
    client: EventStoreDBClient,
    private readonly options: EsdbSubscriptionOptions,
    private readonly onClosed: () => void,
  ) {
    const after = options.after;
    this.after = after;
    const fromPosition = after === undefined || after < 0n ? START : toEsdbPosition(after);
    const filter = options.streamPrefix === undefined ? excludeSystemEvents() : streamNameFilter({ prefixes: [options.streamPrefix] });
    this.source = client.subscribeToAll({ fromPosition, filter });
    this.iterator = this.run();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClosed();
    await this.source.unsubscribe().catch(() => undefined);
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        if (this.closed) return;
        const event = resolved.event;
        if (!event) continue;
        const position = fromEsdbAllPosition(event.position);
        // Subscribing from a position may or may not repeat the event at it, depending on the server.
        if (this.after !== undefined && position <= this.after) continue;
        const recorded = toOwnEvent(event, position);
        if (recorded) yield recorded;
        else this.options.foreign.skip(event);
      }
    } catch (error) {
      if (!this.closed) throw toStoreError(error, this.after);
    } finally {
      await this.close();
    }
  }
}
