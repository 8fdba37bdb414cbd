import { GENESIS_HASH, chainHash } from '@sagsspor/audit';
import type { EventStore, NewEvent, RecordedEvent } from '@sagsspor/event-store';
import {
  decodeSagEvent,
  eventIdOf,
  fold,
  sagStreamName,
  type RecordedSagEvent,
  type SagEvent,
  type SagId,
  type SagState,
} from '@sagsspor/sag';
import type { RecordContext } from './record-context';

export interface LoadedSag {
  readonly streamName: string;
  readonly recorded: readonly RecordedEvent[];
  readonly state: SagState;
  /** -1 when the stream does not exist yet. */
  readonly revision: number;
  readonly lastHash: string;
}

export async function loadSag(store: EventStore, sag: SagId): Promise<LoadedSag> {
  const streamName = sagStreamName(sag);
  const recorded = await store.readStream(streamName);
  const last = recorded[recorded.length - 1];
  return {
    streamName,
    recorded,
    state: fold(recorded.map(toSagEvent)),
    revision: last ? last.revision : -1,
    lastHash: (last?.metadata.hash as string | undefined) ?? GENESIS_HASH,
  };
}

export function toSagEvent(e: RecordedEvent): SagEvent {
  const event = decodeSagEvent(e.type, e.data);
  if (!event) throw new Error(`Stream ${e.streamName} holds an unknown event type ${e.type}`);
  return event;
}

export function toRecordedSagEvent(e: RecordedEvent): RecordedSagEvent {
  return {
    event: toSagEvent(e),
    provenance: {
      eventId: e.metadata.eventId,
      revision: e.revision,
      position: e.position.toString(),
      recordedAt: e.metadata.recordedAt,
      recordedBy: e.metadata.recordedBy,
      source: e.metadata.source,
    },
  };
}

/** Adds ids, provenance and the tamper-evidence chain to decided events. */
export function toNewEvents(loaded: LoadedSag, events: readonly SagEvent[], ctx: RecordContext): NewEvent[] {
  let prevHash = loaded.lastHash;
  return events.map((event, i) => {
    const base = {
      eventId: eventIdOf(event),
      commandId: ctx.commandId,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
      recordedAt: ctx.recordedAt,
      recordedBy: ctx.recordedBy,
      source: ctx.source,
      prevHash,
    };
    const revision = loaded.revision + 1 + i;
    const hash = chainHash(prevHash, { streamName: loaded.streamName, revision, type: event.type, data: event.data, metadata: base });
    prevHash = hash;
    return { type: event.type, data: { ...event.data }, metadata: { ...base, hash } };
  });
}
