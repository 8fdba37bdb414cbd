import { decodeSagEvent, type SagEvent } from './events';
import type { Provenance, RecordedSagEvent } from './history';
import { decodeRouteEvent, type SagRouteEvent } from './route/route-events';

/**
 * A stored event as any event store hands it back (the event-store port's
 * RecordedEvent has this shape): the one thing every reader of the log decodes.
 */
export interface StoredEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly type: string;
  readonly data: { readonly [key: string]: unknown };
  readonly metadata: {
    readonly eventId: string;
    readonly recordedAt: string;
    readonly recordedBy: string;
    readonly source: unknown;
  };
}

/**
 * The Sag event a stored event holds, or null for anything else ($all also
 * carries other aggregates' and future event types, which readers skip).
 */
export function sagEventOf(stored: Pick<StoredEvent, 'type' | 'data'>): SagEvent | null {
  return decodeSagEvent(stored.type, stored.data);
}

/** Who recorded it, when, from what, and where it sits in its stream and in the log. */
export function provenanceOf(stored: StoredEvent): Provenance {
  return {
    eventId: stored.metadata.eventId,
    revision: stored.revision,
    position: stored.position.toString(),
    recordedAt: stored.metadata.recordedAt,
    recordedBy: stored.metadata.recordedBy,
    source: stored.metadata.source,
  };
}

/** A version of a sag's route with its provenance. */
export interface RecordedRouteEvent {
  readonly event: SagRouteEvent;
  readonly provenance: Provenance;
}

/** A sag stream as read: its treatment events and its route versions, each in stream order. */
export interface SagStreamRead {
  readonly treatments: RecordedSagEvent[];
  readonly routes: RecordedRouteEvent[];
}

export function readSagStream(stored: readonly StoredEvent[]): SagStreamRead {
  const read: SagStreamRead = { treatments: [], routes: [] };
  for (const s of stored) {
    const route = decodeRouteEvent(s.type, s.data);
    if (route) read.routes.push({ event: route, provenance: provenanceOf(s) });
    else read.treatments.push(recordedSagEventOf(s));
  }
  return read;
}

/** A treatment event of a sag stream with its provenance; a sag stream holds nothing else but route versions, so anything else is an error. */
export function recordedSagEventOf(stored: StoredEvent): RecordedSagEvent {
  const event = sagEventOf(stored);
  if (!event) throw new Error(`Stream ${stored.streamName} holds an unknown event type ${stored.type}`);
  return { event, provenance: provenanceOf(stored) };
}
