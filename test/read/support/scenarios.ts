import { InMemoryEventStore, type EventStore } from '@sagsspor/event-store';
import { randomCommands } from '../../../libs/read-model/src/contract/random-scenario';
import { recordCommands } from '../../../libs/read-model/src/contract/scenario';

export { randomCommands, rng } from '../../../libs/read-model/src/contract/random-scenario';
export { CONTRACT_COMMANDS, recordCommands } from '../../../libs/read-model/src/contract/scenario';

export async function scenarioStore(seed: number, count: number, sagCount?: number): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  await recordCommands(store, randomCommands(seed, count, sagCount));
  return store;
}

/** Every sag stream in the store, as (kommune, sagsnummer) from its first event. */
export async function sagIdsOf(store: EventStore): Promise<{ kommune: string; sagsnummer: string }[]> {
  const seen = new Map<string, { kommune: string; sagsnummer: string }>();
  for (const e of await store.readAll()) {
    if (!seen.has(e.streamName)) seen.set(e.streamName, { kommune: String(e.data['kommune']), sagsnummer: String(e.data['sagsnummer']) });
  }
  return [...seen.values()];
}
