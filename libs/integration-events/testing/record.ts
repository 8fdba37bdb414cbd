import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@sagsspor/event-store';
import { loadSag, toNewEvents, type LoadedSag } from '@sagsspor/recording';
import {
  decide,
  decideRoute,
  type RecordRoute,
  type SagCommand,
  type SagEvent,
  type SagId,
  type SagRouteEvent,
  type SagState,
} from '@sagsspor/sag';

/** Records a command the way the application does (decide, ids, hash chain); returns what was stored. */
export function record(store: EventStore, command: SagCommand, recordedAt = new Date().toISOString()): Promise<RecordedEvent[]> {
  return recordDecided(store, command.data.sag, (state) => decide(command, state), recordedAt);
}

/** Records a version of the sag's route the way the application does. */
export function recordRoute(store: EventStore, command: RecordRoute, recordedAt = new Date().toISOString()): Promise<RecordedEvent[]> {
  return recordDecided(store, command.data.sag, (state, route) => decideRoute(command, state, route), recordedAt);
}

/** Records what `decideOn` decides on the sag's state (a correction, a withdrawal) the way the application does. */
export async function recordDecided(
  store: EventStore,
  sag: SagId,
  decideOn: (state: SagState, route: LoadedSag['route']) => (SagEvent | SagRouteEvent)[],
  recordedAt = new Date().toISOString(),
): Promise<RecordedEvent[]> {
  const loaded = await loadSag(store, sag);
  const events = decideOn(loaded.state, loaded.route);
  if (events.length === 0) return [];
  const id = randomUUID();
  const context = { commandId: id, correlationId: id, causationId: id, recordedAt, recordedBy: 'test', source: { kind: 'api' } as const };
  await store.append(loaded.streamName, toNewEvents(loaded, events, context), loaded.revision < 0 ? 'no_stream' : loaded.revision);
  return store.readStream(loaded.streamName, { fromRevision: loaded.revision + 1 });
}
