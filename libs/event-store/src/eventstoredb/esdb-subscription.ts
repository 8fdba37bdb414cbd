import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventSubscription, RecordedEvent } from '../port';
import { toStoreError } from './esdb-errors';
import { toRecordedEvent } from './event-mapping';
import { fromEsdbAllPosition, toEsdbPosition } from './position';

/**
 * A catch-up subscription to $all without system events. The server does the
 * catch-up-then-live switch; the client's Readable applies backpressure, so a
 * slow consumer holds at most its high-water mark of events in memory.
 */
export class EsdbSubscription implements EventSubscription {
  private closed = false;
  private readonly source: AllStreamSubscription;
  private readonly iterator: AsyncGenerator<RecordedEvent>;

  constructor(
    client: EventStoreDBClient,
    private readonly after: bigint | undefined,
    private readonly onClosed: () => void,
  ) {
    const fromPosition = after === undefined || after < 0n ? START : toEsdbPosition(after);
    this.source = client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
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
        yield toRecordedEvent(event, position);
      }
    } catch (error) {
      if (!this.closed) throw toStoreError(error);
    } finally {
      await this.close();
    }
  }
}
