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
  const own = toOwnEvent(event, position);
  if (!own) throw new Error(`EventStoreDB event ${event.id} in ${event.streamId} was not written through this port: ${whyForeign(event)}.`);
  return own;
}

/**
 * The event as the port knows it, or null when it was not written through
 * the port (the EventStoreDB UI, another application on the same server):
 * data and metadata must be JSON objects (the client gives binary or
 * unparsable payloads as Uint8Array or text, empty metadata as undefined)
 * and the metadata must carry an event id.
 */
export function toOwnEvent(event: EsdbRecordedEvent | AllStreamRecordedEvent, position: bigint): RecordedEvent | null {
  if (whyForeign(event) !== null) return null;
  return {
    streamName: event.streamId,
    revision: toSafeNumber(event.revision, 'revision'),
    position,
    type: event.type,
    data: event.data as JsonObject,
    metadata: event.metadata as unknown as EventMetadata,
  };
}

function whyForeign(event: EsdbRecordedEvent | AllStreamRecordedEvent): string | null {
  if (isSystemEvent(event)) return `a system event (${event.type})`;
  if (!isJsonObject(event.data)) return 'its data is not a JSON object';
  if (!isJsonObject(event.metadata)) return 'its metadata is not a JSON object';
  return typeof event.metadata['eventId'] === 'string' ? null : 'its metadata has no eventId';
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * Events skipped because they are not this system's: counted per stream, and
 * reported once per stream, never fatal — one foreign event must not stall
 * the projector, SSE and webhooks on its position forever.
 */
export class ForeignEvents {
  private readonly byStream = new Map<string, number>();
  total = 0;

  constructor(private readonly report: (message: string) => void = (m) => process.emitWarning(m, 'SagssporForeignEvent')) {}

  skip(event: EsdbRecordedEvent | AllStreamRecordedEvent): void {
    this.total += 1;
    const seen = this.byStream.get(event.streamId) ?? 0;
    this.byStream.set(event.streamId, seen + 1);
    if (seen === 0) {
      this.report(`EventStoreDB: skipping events of ${event.streamId} not written by Sagsspor (first: ${event.id}, ${whyForeign(event)})`);
    }
  }

  counts(): ReadonlyMap<string, number> {
    return this.byStream;
  }
}
