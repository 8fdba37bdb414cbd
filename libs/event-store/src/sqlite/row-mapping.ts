import type { EventMetadata, JsonObject, RecordedEvent } from '../port';
import type { EventRow } from './statements';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamName: row.stream_name,
    revision: row.revision,
    position: BigInt(row.position),
    type: row.type,
    // Written by this store from JsonObject / EventMetadata values only.
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
