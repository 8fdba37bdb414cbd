import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from '../src/contract/event-store.contract';
import { CONTRACT_RUN_PREFIX, runStreams } from '../src/contract/fixtures';
import { deleteEsdbStreams } from './support/delete-esdb-streams';

const url = process.env['EVENTSTORE_URL'];

if (url) {
  // A shared server: the store sees only this run's streams (a prefix no
  // deployment uses, filtered by the server), and EventStoreDB can only check
  // event ids within a stream (see EventStoreDbEventStore).
  describeEventStoreContract(
    'eventstoredb',
    async () => {
      const store = new EventStoreDbEventStore(url, { streamPrefix: CONTRACT_RUN_PREFIX });
      return { store, cleanup: () => store.close() };
    },
    { freshStore: false, eventIdsUniqueAcrossStreams: false },
  );
  // A shared server keeps nothing of the run: every stream it wrote is deleted.
  afterAll(async () => {
    await deleteEsdbStreams(url, runStreams());
  }, 120_000);
} else {
  console.warn('EventStoreDB contract suite skipped: EVENTSTORE_URL is not set');
  describe.skip('EventStore contract: eventstoredb (EVENTSTORE_URL is not set)', () => {
    it('runs against a server given by EVENTSTORE_URL', () => undefined);
  });
}
