import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from '../src/contract/event-store.contract';

const url = process.env['EVENTSTORE_URL'];

if (url) {
  // A shared server: tests look only at their own streams, and EventStoreDB
  // can only check event ids within a stream (see EventStoreDbEventStore).
  describeEventStoreContract(
    'eventstoredb',
    async () => {
      const store = new EventStoreDbEventStore(url);
      return { store, cleanup: () => store.close() };
    },
    { freshStore: false, eventIdsUniqueAcrossStreams: false },
  );
} else {
  console.warn('EventStoreDB contract suite skipped: EVENTSTORE_URL is not set');
  describe.skip('EventStore contract: eventstoredb (EVENTSTORE_URL is not set)', () => {
    it('runs against a server given by EVENTSTORE_URL', () => undefined);
  });
}
