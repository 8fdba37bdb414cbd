import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@sagsspor/event-store';
import { loadSag, toNewEvents } from '@sagsspor/recording';
import { decide, type SagCommand } from '@sagsspor/sag';

/** Records a command the way the application does (decide, ids, hash chain); returns what was stored. */
export async function record(store: EventStore, command: SagCommand, recordedAt = new Date().toISOString()): Promise<RecordedEvent[]> {
  const loaded = await loadSag(store, command.data.sag);
  const events = decide(command, loaded.state);
  if (events.length === 0) return [];
  const id = randomUUID();
  const context = { commandId: id, correlationId: id, causationId: id, recordedAt, recordedBy: 'test', source: { kind: 'api' } as const };
  await store.append(loaded.streamName, toNewEvents(loaded, events, context), loaded.revision < 0 ? 'no_stream' : loaded.revision);
  return store.readStream(loaded.streamName, { fromRevision: loaded.revision + 1 });
}
