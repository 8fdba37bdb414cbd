import { GENESIS_HASH, chainHash } from '@sagsspor/audit';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from '@sagsspor/event-store';
import { eventIdOf, fold, recordedSagEventOf, sagStreamName, storedFormOf, type SagEvent, type SagId, type SagState } from '@sagsspor/sag';
import type { RecordContext } from './record-context';

export interface LoadedSag {
  readonly streamName: string;
  readonly recorded: readonly RecordedEvent[];
  readonly state: SagState;
  /** -1 when the stream does not exist yet. */
  readonly revision: number;
  readonly lastHash: string;
}

export interface RecordResult {
  readonly appended: number;
  readonly revision: number;
  readonly eventIds: string[];
  /** Global position of the last event appended; null when nothing was. */
  readonly position: string | null;
}

export async function loadSag(store: EventStore, sag: SagId): Promise<LoadedSag> {
  const streamName = sagStreamName(sag);
  const recorded = await store.readStream(streamName);
  const last = recorded[recorded.length - 1];
  return {
    streamName,
    recorded,
    state: fold(recorded.map((e) => recordedSagEventOf(e).event)),
    revision: last ? last.revision : -1,
    lastHash: (last?.metadata.hash as string | undefined) ?? GENESIS_HASH,
  };
}

/**
 * The one way anything is recorded on a sag: load its stream, fold, let
 * `decideOn` decide on the state, and append what it decided with the
 * expected revision (the caller's If-Match, else the one loaded). A
 * concurrent writer surfaces as WrongExpectedRevisionError; callers choose to retry.
 */
export async function recordOnSag(
  store: EventStore,
  sag: SagId,
  context: RecordContext,
  decideOn: (state: SagState) => SagEvent[],
): Promise<RecordResult> {
  const loaded = await loadSag(store, sag);
  const expected = context.expectedRevision;
  if (expected !== undefined && expected !== loaded.revision) {
    throw new WrongExpectedRevisionError(loaded.streamName, String(expected), loaded.revision < 0 ? 'none' : loaded.revision);
  }
  const events = decideOn(loaded.state);
  if (events.length === 0) return { appended: 0, revision: loaded.revision, eventIds: [], position: null };
  const newEvents = toNewEvents(loaded, events, context);
  const result = await store.append(loaded.streamName, newEvents, loaded.revision < 0 ? 'no_stream' : loaded.revision);
  return {
    appended: events.length,
    revision: result.nextRevision,
    eventIds: newEvents.map((e) => e.metadata.eventId),
    position: result.position.toString(),
  };
}

/** Adds ids, provenance and the tamper-evidence chain to decided events. */
export function toNewEvents(loaded: LoadedSag, events: readonly SagEvent[], ctx: RecordContext): NewEvent[] {
  return chainedEvents(
    loaded,
    events.map((event) => ({ ...storedFormOf(event), eventId: eventIdOf(event) })),
    ctx,
  );
}

/** Events of any type, with their ids, as the next of a stream: provenance and the tamper-evidence chain added. */
export function chainedEvents(
  stream: Pick<LoadedSag, 'streamName' | 'revision' | 'lastHash'>,
  events: readonly { type: string; data: NewEvent['data']; eventId: string }[],
  ctx: RecordContext,
): NewEvent[] {
  let prevHash = stream.lastHash;
  return events.map(({ type, data, eventId }, i) => {
    const base = {
      eventId,
      commandId: ctx.commandId,
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
      recordedAt: ctx.recordedAt,
      recordedBy: ctx.recordedBy,
      source: ctx.source,
      prevHash,
    };
    const revision = stream.revision + 1 + i;
    const hash = chainHash(prevHash, { streamName: stream.streamName, revision, type, data, metadata: base });
    prevHash = hash;
    return { type, data, metadata: { ...base, hash } };
  });
}
