import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Counter, Gauge, register } from 'prom-client';
import type { EventStore } from '../port';
import { EVENT_STORE } from './tokens';

/**
 * What GET /metrics tells about the event store itself: events of other
 * writers skipped in this store's streams (EventStoreDB; always 0 on the
 * embedded store). Re-registered per application instance, as the projection
 * gauges are, so tests that start several apps in one process work.
 */
@Injectable()
export class EventStoreMetrics implements OnModuleDestroy {
  private readonly names = ['sagsspor_event_store_foreign_events_skipped_total', 'sagsspor_event_store_foreign_streams'];

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    for (const name of this.names) register.removeSingleMetric(name);
    new Counter({
      name: 'sagsspor_event_store_foreign_events_skipped_total',
      help: 'Events in the sag streams not written by Sagsspor (another application, the server UI), skipped by this process',
      collect() {
        this.reset();
        this.inc(store.foreignEvents().events);
      },
    });
    new Gauge({
      name: 'sagsspor_event_store_foreign_streams',
      help: 'Sag streams in which this process has skipped events not written by Sagsspor',
      collect() {
        this.set(store.foreignEvents().streams);
      },
    });
  }

  onModuleDestroy(): void {
    for (const name of this.names) register.removeSingleMetric(name);
  }
}
