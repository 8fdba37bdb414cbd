import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { loadConfig } from '@sagsspor/config';
import { SAG_STREAM_PREFIX } from '@sagsspor/sag';
import { openEventStore } from '../open-event-store';
import type { EventStore } from '../port';
import { EventStoreMetrics } from './event-store-metrics';
import { EVENT_STORE } from './tokens';

export { EVENT_STORE };

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The configured event store (EVENTSTORE_URL → EventStoreDB, else the
 * embedded SQLite store), one per application, closed on shutdown. Global:
 * the write side and the read side both take it from here, neither from the other.
 */
@Global()
@Module({
  providers: [
    // On a shared EventStoreDB, $all is read as the sag streams only (other applications' streams are not ours).
    { provide: EVENT_STORE, useFactory: () => openEventStore({ ...loadConfig(), streamPrefix: SAG_STREAM_PREFIX }) },
    EventStoreLifecycle,
    EventStoreMetrics,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
