import { UnreadableEventError } from '../errors';
import type { EventMetadata, JsonObject, RecordedEvent } from '../port';
import type { EventRow } from './statements';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = BigInt(row.position);
  return {
    streamName: row.stream_name,
    revision: row.revision,
    position,
    type: row.type,
    // Written by this store from JsonObject / EventMetadata values only: anything else is damage.
    data: decode(row, position, row.data, 'data') as JsonObject,
    metadata: decode(row, position, row.metadata, 'metadata') as EventMetadata,
  };
}

function decode(row: EventRow, position: bigint, text: unknown, field: string): unknown {
  let value: unknown;
  try {
    value = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UnreadableEventError(String(row.stream_name), Number(row.revision), position, `its ${field} is not a JSON object`);
  }
  return value;
}
