import {
  jsonEvent,
  type AllStreamRecordedEvent,
  type EventData,
  type JSONEventType,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '../port';
import { toSafeNumber } from './revision';

/** The port's event id becomes EventStoreDB's own event id (it must be a UUID). */
export function toEventData(event: NewEvent): EventData<JSONEventType> {
  return jsonEvent({ id: event.metadata.eventId, type: event.type, data: event.data, metadata: event.metadata });
}

/** System events ($statistics, $metadata, projections' links …) are no part of the port's $all. */
export function isSystemEvent(event: { readonly type: string }): boolean {
  return event.type.startsWith('$');
}

export function toRecordedEvent(event: EsdbRecordedEvent | AllStreamRecordedEvent, position: bigint): RecordedEvent {
  return {
    streamName: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position,
    type: event.type,
    data: asJsonObject(event.data, event.id, 'data'),
    metadata: asJsonObject(event.metadata, event.id, 'metadata') as EventMetadata,
  };
}

function asJsonObject(value: unknown, eventId: string, part: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new Error(`EventStoreDB event ${eventId} has ${part} that is not a JSON object; it was not written through this port.`);
  }
  return value as JsonObject;
}
