import { DuplicateEventIdError, StoreUnavailableError } from '../errors';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  ReadAllOptions,
  ForeignEventCounts,
  RecordedEvent,
  SubscribeOptions,
} from '../port';
import { NO_FOREIGN_EVENTS } from '../port';
import { AppendSignal } from '../shared/append-signal';
import { assertExpectedRevision } from '../shared/expected-revision';
import { PagedSubscription } from '../shared/paged-subscription';
import { validateAppend } from '../shared/validate-append';

/** Kept as JSON text, like the durable stores, so callers can never share or mutate stored objects. */
interface StoredEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

const PAGE_SIZE = 500;

/** The port's semantics without any I/O, for unit tests. */
export class InMemoryEventStore implements EventStore {
  /** In position order; position n is at index n - 1. */
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly eventIds = new Set<string>();
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<EventSubscription>();
  private closed = false;

  async append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamName, events, expected);
    this.assertOpen();
    const stream = this.streams.get(streamName) ?? [];
    assertExpectedRevision(streamName, expected, stream.length - 1);
    this.assertNewEventIds(events);
    const stored = events.map((event, index) => this.toStored(streamName, stream.length + index, this.all.length + 1 + index, event));
    this.commit(streamName, stream, stored);
    for (const event of events) this.eventIds.add(event.metadata.eventId);
    this.signal.notify();
    const last = stored[stored.length - 1];
    if (!last) throw new Error('unreachable: validateAppend rejects empty batches');
    return { nextRevision: last.revision, position: last.position };
  }

  async readStream(streamName: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = Math.max(options.fromRevision ?? 0, 0);
    const stream = this.streams.get(streamName) ?? [];
    return stream.slice(from, from + (options.maxCount ?? stream.length)).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const start = indexAfter(options.after);
    return this.all.slice(start, start + (options.maxCount ?? this.all.length)).map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription: EventSubscription = new PagedSubscription(
      { readPage: (after, maxCount) => this.readAll({ after, maxCount }), headPosition: () => this.headPosition() },
      {
        ...(options.after === undefined ? {} : { after: options.after }),
        pageSize: PAGE_SIZE,
        signal: this.signal,
        onClosed: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.all.length === 0 ? -1n : BigInt(this.all.length);
  }

  /** Everything in this store was appended through the port. */
  foreignEvents(): ForeignEventCounts {
    return NO_FOREIGN_EVENTS;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private assertNewEventIds(events: readonly NewEvent[]): void {
    const taken = events.find((event) => this.eventIds.has(event.metadata.eventId));
    if (taken) throw new DuplicateEventIdError(taken.metadata.eventId);
  }

  private toStored(streamName: string, revision: number, position: number, event: NewEvent): StoredEvent {
    return {
      streamName,
      revision,
      position: BigInt(position),
      type: event.type,
      data: JSON.stringify(event.data),
      metadata: JSON.stringify(event.metadata),
    };
  }

  private commit(streamName: string, stream: StoredEvent[], stored: readonly StoredEvent[]): void {
    stream.push(...stored);
    this.streams.set(streamName, stream);
    this.all.push(...stored);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The in-memory event store is closed.');
  }
}

/** Positions are 1-based array indexes, so "after p" starts at index p. */
function indexAfter(after: bigint | undefined): number {
  if (after === undefined || after < 0n) return 0;
  return Number(after);
}

function toRecorded(event: StoredEvent): RecordedEvent {
  return {
    streamName: event.streamName,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: JSON.parse(event.data) as JsonObject,
    metadata: JSON.parse(event.metadata) as EventMetadata,
  };
}
