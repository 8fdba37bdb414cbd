import { InMemoryEventStore } from '@sagsspor/event-store';
import { describeEventStoreContract } from '../src/contract/event-store.contract';

describeEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
});
