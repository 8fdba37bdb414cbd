import { register } from 'prom-client';
import { InMemoryEventStore, type EventStore, type ForeignEventCounts } from '../src';
import { EventStoreMetrics } from '../src/nest/event-store-metrics';

/** A store that has skipped what the test says (as the EventStoreDB adapter counts them). */
function skipping(counts: ForeignEventCounts): EventStore {
  const store = new InMemoryEventStore();
  return Object.assign(store, { foreignEvents: () => counts });
}

describe('GET /metrics: events of other writers skipped by the event store', () => {
  afterEach(() => register.clear());

  it('given a store that skipped 5 events in 2 streams, then the counter and the gauge say so', async () => {
    const metrics = new EventStoreMetrics(skipping({ events: 5, streams: 2 }));
    const text = await register.metrics();
    expect(text).toContain('# TYPE sagsspor_event_store_foreign_events_skipped_total counter');
    expect(text).toContain('sagsspor_event_store_foreign_events_skipped_total 5');
    expect(text).toContain('sagsspor_event_store_foreign_streams 2');
    metrics.onModuleDestroy();
    expect(await register.metrics()).not.toContain('sagsspor_event_store_foreign');
  });

  it('given the embedded store, then none', async () => {
    new EventStoreMetrics(new InMemoryEventStore());
    expect(await register.metrics()).toContain('sagsspor_event_store_foreign_events_skipped_total 0');
  });
});
