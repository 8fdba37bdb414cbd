import type { RecordedEvent } from '@sagsspor/event-store';
import {
  decodeSagEvent,
  EVENT_TYPES,
  eventIdOf,
  extrasOf,
  stepOf,
  type Access,
  type Outcome,
  type Provenance,
  type SagEvent,
  type Step,
  type TimelineEntry,
} from '@sagsspor/sag';

/**
 * The projection's memory of one sag: its current treatment records (as
 * `evolve` keeps them: superseded ones gone, in the order applied), without
 * their texts. Everything the read models derive about the sag is a function
 * of this, so it is all a later event needs.
 */
export interface RecordLite {
  /** eventIdOf(event): the id `supersedes` refers to. */
  readonly id: string;
  readonly position: bigint;
  readonly step: Step;
  readonly committee: string;
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly item: number | null;
  /** Proposed records only. */
  readonly title: string | null;
  readonly proposalAccess: Access | null;
  /** Decided records only. */
  readonly outcome: Outcome | null;
  /** Recommended records only. */
  readonly recommendedTo: string | null;
}

export interface SagProjState {
  readonly streamName: string;
  /** As written in the sag's first event, like buildHistory's `kommune`. */
  readonly kommune: string;
  readonly kommuneKey: string;
  readonly sagsnummer: string;
  readonly revision: number;
  readonly position: bigint;
  readonly records: readonly RecordLite[];
}

/** The Sag event a stored event holds, or null for other event types. */
export function sagEventOf(e: RecordedEvent): SagEvent | null {
  return decodeSagEvent(e.type, e.data);
}

/** Mirrors recording's toRecordedSagEvent, so both reads show the same provenance. */
export function provenanceOf(e: RecordedEvent): Provenance {
  return {
    eventId: e.metadata.eventId,
    revision: e.revision,
    position: e.position.toString(),
    recordedAt: e.metadata.recordedAt,
    recordedBy: e.metadata.recordedBy,
    source: e.metadata.source,
  };
}

export function liteOf(event: SagEvent, id: string, position: bigint): RecordLite {
  const d = event.data;
  return {
    id,
    position,
    step: stepOf(event),
    committee: shared(d.committee),
    committeeKey: shared(d.committeeKey),
    meetingDate: shared(d.meetingDate),
    item: d.item ?? null,
    title: event.type === EVENT_TYPES.proposed ? shared(event.data.title) : null,
    proposalAccess: event.type === EVENT_TYPES.proposed ? event.data.access : null,
    outcome: event.type === EVENT_TYPES.decided ? event.data.outcome : null,
    recommendedTo: event.type === EVENT_TYPES.recommended ? shared(event.data.recommendedTo) : null,
  };
}

/**
 * One copy of each committee name, date and title that records keep: a
 * rebuild's cache holds tens of thousands of records, and each event parsed
 * brings its own copy of strings most records share. Kept, those copies
 * would outlive the event and fill the old generation; shared, they die young.
 */
const sharedStrings = new Map<string, string>();
const SHARED_STRINGS_SIZE = 50_000;

function shared<T extends string | null | undefined>(text: T): T {
  if (typeof text !== 'string') return text;
  const known = sharedStrings.get(text);
  if (known !== undefined) return known as T;
  if (sharedStrings.size >= SHARED_STRINGS_SIZE) sharedStrings.clear();
  sharedStrings.set(text, text);
  return text;
}

/** The timeline entry buildHistory shows for this event; `access` is derived later from the whole sag. */
export function entryOf(event: SagEvent, provenance: Provenance, access: Access): TimelineEntry {
  const d = event.data;
  const kind = stepOf(event);
  // One literal per kind, in toEntry's key order: a rebuild makes one per event.
  switch (event.type) {
    case EVENT_TYPES.proposed:
      return {
        date: d.meetingDate,
        committee: d.committee,
        committeeKey: d.committeeKey,
        item: d.item ?? null,
        kind,
        text: d.text,
        access,
        evidence: d.evidence,
        provenance,
        title: event.data.title,
        proposedBy: event.data.proposedBy,
        ...extrasOf(event),
      };
    case EVENT_TYPES.recommended:
      return {
        date: d.meetingDate,
        committee: d.committee,
        committeeKey: d.committeeKey,
        item: d.item ?? null,
        kind,
        text: d.text,
        access,
        evidence: d.evidence,
        provenance,
        recommendedTo: event.data.recommendedTo,
        ...extrasOf(event),
      };
    case EVENT_TYPES.decided:
      return {
        date: d.meetingDate,
        committee: d.committee,
        committeeKey: d.committeeKey,
        item: d.item ?? null,
        kind,
        text: d.text,
        access,
        evidence: d.evidence,
        provenance,
        outcome: event.data.outcome,
        ...extrasOf(event),
      };
    case EVENT_TYPES.genoptaget:
      return {
        date: d.meetingDate,
        committee: d.committee,
        committeeKey: d.committeeKey,
        item: d.item ?? null,
        kind,
        text: d.text,
        access,
        evidence: d.evidence,
        provenance,
        reason: event.data.reason,
        resumes: event.data.resumes,
        ...extrasOf(event),
      };
  }
}

/**
 * The id a record is known by (what a later `supersedes` names). The recorder
 * stores eventIdOf(event) as metadata.eventId, and the audit chain reports any
 * event where the two differ, so the stored id is used and the hash is only
 * computed for events that lack one.
 */
export function recordIdOf(e: RecordedEvent, event: SagEvent): string {
  const stored = e.metadata.eventId;
  return typeof stored === 'string' && stored.length > 0 ? stored : eventIdOf(event);
}

/**
 * Events come from the decider, but a store can hold anything: a malformed one
 * is refused here (and skipped by the writer, the same way on every run)
 * rather than failing its whole batch again and again.
 */
function assertWellFormed(event: SagEvent): void {
  const d = event.data as unknown as Record<string, unknown>;
  const text = (k: string) => typeof d[k] === 'string';
  const ok =
    text('kommune') &&
    text('sagsnummer') &&
    text('committee') &&
    text('committeeKey') &&
    text('meetingDate') &&
    (d['item'] === null || d['item'] === undefined || Number.isSafeInteger(d['item'])) &&
    (d['supersedes'] === null || d['supersedes'] === undefined || text('supersedes'));
  if (!ok)
    throw new Error(
      `Malformed ${event.type}: kommune, sagsnummer, committee, committeeKey and meetingDate must be text, item a whole number or null`,
    );
}

/** The record an event contributes; throws on a malformed event. */
export function recordOf(e: RecordedEvent, event: SagEvent): RecordLite {
  assertWellFormed(event);
  return liteOf(event, recordIdOf(e, event), e.position);
}
