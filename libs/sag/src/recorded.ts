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

/** What a sag stream may hold, a treatment or a route version; null for anything else. */
export function sagStreamEventOf(stored: Pick<StoredEvent, 'type' | 'data'>): SagEvent | SagRouteEvent | null {
  return decodeRouteEvent(stored.type, stored.data) ?? sagEventOf(stored);
}

/**
 * Events come from the decider, but a store can hold anything: why this one
 * cannot be read as a treatment record, or null when it can. A reader
 * refuses such an event rather than failing on it again and again.
 */
export function malformedTreatment(event: SagEvent): string | null {
  const d = event.data as unknown as Record<string, unknown>;
  const text = (k: string) => typeof d[k] === 'string';
  const ok =
    ['kommune', 'sagsnummer', 'committee', 'committeeKey', 'meetingDate'].every(text) &&
    (d['item'] === null || d['item'] === undefined || Number.isSafeInteger(d['item'])) &&
    (d['supersedes'] === null || d['supersedes'] === undefined || text('supersedes'));
  return ok
    ? null
    : `Malformed ${event.type}: kommune, sagsnummer, committee, committeeKey and meetingDate must be text, item a whole number or null`;
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
