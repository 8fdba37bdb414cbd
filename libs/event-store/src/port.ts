/**
 * The event store port: append-only streams with a per-stream revision and
 * one global, strictly increasing position across all streams.
 *
 * Revisions are 0-based; a stream's revision is that of its last event.
 * Positions are opaque ordering tokens: bigint, unique per event, strictly
 * increasing in commit order. "From a position" always means "after it".
 */
export type JsonObject = { [key: string]: unknown };

export type EventSource =
  | { readonly kind: 'api' }
  | { readonly kind: 'cli' }
  | { readonly kind: 'import'; readonly document: string; readonly sha256: string };

export interface EventMetadata {
  readonly eventId: string;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly source: EventSource;
  /** Tamper evidence: SHA-256 over the previous event's hash and this event (see libs/audit). */
  readonly prevHash?: string;
  readonly hash?: string;
  readonly [extra: string]: unknown;
}

export interface NewEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/** `no_stream`: the stream must not exist. A number: the stream's current revision must be exactly this. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The stream's revision after the append. */
  readonly nextRevision: number;
  /** Position of the last event appended. */
  readonly position: bigint;
}

export interface ReadAllOptions {
  /** Exclusive; from the beginning when absent. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive; from the beginning when absent. */
  readonly after?: bigint;
}

/**
 * A catch-up subscription: first every event after the given position, then
 * live events as they are appended, in position order, until closed.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration promptly: a pending next() resolves done. Safe to call twice. */
  close(): Promise<void>;
}

export interface ForeignEventCounts {
  /** Events skipped. */
  readonly events: number;
  /** Streams they were in. */
  readonly streams: number;
}

export const NO_FOREIGN_EVENTS: ForeignEventCounts = Object.freeze({ events: 0, streams: 0 });

export interface EventStore {
  /**
   * Atomic: all events are appended, or none. First rejected: an empty batch
   * or a malformed expected revision (InvalidInputError), an id repeated
   * within the batch (DuplicateEventIdError). Then the expected revision is
   * checked (WrongExpectedRevisionError), then whether the store already holds
   * one of the ids (DuplicateEventIdError; EventStoreDB can only check the
   * stream appended to).
   */
  append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in revision order; empty when the stream does not exist. */
  readStream(streamName: string, options?: { fromRevision?: number; maxCount?: number }): Promise<RecordedEvent[]>;
  /** Events of all streams in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Closing the store also closes every subscription it handed out. */
  subscribeToAll(options?: SubscribeOptions): EventSubscription;
  /** Position of the newest event, or -1n when the store is empty. */
  headPosition(): Promise<bigint>;
  /** Throws StoreUnavailableError when the store cannot be reached. */
  ping(): Promise<void>;
  /**
   * Events in this store's streams that were not written through this port
   * (another application, a server's UI), skipped by reads and subscriptions
   * of this process since it opened the store. The embedded stores hold none.
   */
  foreignEvents(): ForeignEventCounts;
  close(): Promise<void>;
}
