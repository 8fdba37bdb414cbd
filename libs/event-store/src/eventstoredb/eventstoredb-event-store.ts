import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import { DuplicateEventIdError, StoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ForeignEventCounts,
  RecordedEvent,
  SubscribeOptions,
} from '../port';
import { assertExpectedRevision, NO_STREAM_REVISION } from '../shared/expected-revision';
import { validateAppend } from '../shared/validate-append';
import { isStreamNotFound, toStoreError } from './esdb-errors';
import { EsdbSubscription } from './esdb-subscription';
import { ForeignEvents, isSystemEvent, toEventData, toOwnEvent, toRecordedEvent } from './event-mapping';
import { fromEsdbAllPosition, fromEsdbPosition, toEsdbPosition } from './position';
import { fromCurrentRevision, toPinnedRevision, toSafeNumber } from './revision';

interface StreamState {
  readonly revision: number;
  readonly eventIds: ReadonlySet<string>;
}

const READ_ALL_PAGE = 500;
const HEAD_SEARCH_PAGE = 100;

export interface EventStoreDbOptions {
  /**
   * Only streams whose names start so are this store's (`sag-` for
   * Sagsspor; a per-run prefix for the contract suite): subscriptions filter
   * on the server, reads skip the rest. Unset: every non-system stream.
   */
  readonly streamPrefix?: string;
  /** Where a stream's first foreign event is reported (default: a process warning). */
  readonly onForeignEvent?: (message: string) => void;
}

/**
 * The port over EventStoreDB (gRPC client). Positions: see ./position.ts.
 *
 * Event ids: EventStoreDB keeps no index by event id, so uniqueness is
 * enforced per stream: each append first reads the stream's ids and current
 * revision, then appends pinned to exactly that revision, so no concurrent
 * writer can slip a duplicate in between. Sagsspor derives event ids from
 * the sag they belong to, so a repeated id always lands in the same stream;
 * the same id in two different streams is not detected here. The read makes
 * an append cost O(stream length), fine for sag-sized streams.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventSubscription>();
  /** Events in this store's streams that were not written through the port: skipped, counted. */
  readonly foreign: ForeignEvents;

  constructor(
    connectionString: string | EventStoreDBClient,
    private readonly options: EventStoreDbOptions = {},
  ) {
    this.client = typeof connectionString === 'string' ? EventStoreDBClient.connectionString(connectionString) : connectionString;
    this.foreign = new ForeignEvents(options.onForeignEvent);
  }

  /** Whether an event from $all belongs to this store at all (system events and other prefixes do not). */
  private inScope(event: { readonly type: string; readonly streamId: string }): boolean {
    return !isSystemEvent(event) && (this.options.streamPrefix === undefined || event.streamId.startsWith(this.options.streamPrefix));
  }

  /** The port's event, or null (counted) for one of this store's streams that was written by something else. */
  private own(event: NonNullable<AllStreamResolvedEvent['event']>, position: bigint): RecordedEvent | null {
    const recorded = toOwnEvent(event, position);
    if (!recorded) this.foreign.skip(event);
    return recorded;
  }

  async append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamName, events, expected);
    for (;;) {
      const state = await this.readStreamState(streamName);
      assertExpectedRevision(streamName, expected, state.revision);
      assertIdsNotIn(state, events);
      const result = await this.appendPinned(streamName, events, expected, state.revision);
      if (result) return result;
      // 'any' or 'stream_exists' and another writer got in between: judge the new state.
    }
  }

  async readStream(streamName: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    if (options.maxCount === 0) return [];
    const read = this.client.readStream(streamName, {
      fromRevision: BigInt(options.fromRevision ?? 0),
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      direction: FORWARDS,
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of read) {
        if (event) events.push(toRecordedEvent(event, positionOfStreamEvent(event.position, event.id)));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toStoreError(error);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    let after = options.after ?? -1n;
    while (events.length < wanted) {
      const page = await this.readAllPage(after);
      for (const { position, event } of page.userEvents) {
        const recorded = this.own(event, position);
        if (recorded && events.length < wanted) events.push(recorded);
      }
      if (page.lastPosition === undefined || page.exhausted) break;
      after = page.lastPosition;
    }
    return events;
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    const subscription: EventSubscription = new EsdbSubscription(
      this.client,
      { after: options.after, streamPrefix: this.options.streamPrefix, foreign: this.foreign },
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.collect({ fromPosition: from, direction: BACKWARDS, maxCount: HEAD_SEARCH_PAGE });
      const newest = page.find((resolved) => resolved.event && this.inScope(resolved.event) && toOwnEvent(resolved.event, 0n));
      if (newest?.event) return fromEsdbAllPosition(newest.event.position);
      const oldest = page[page.length - 1]?.event;
      if (page.length < HEAD_SEARCH_PAGE || !oldest) return -1n;
      // Backwards reads are exclusive of their start position.
      from = oldest.position;
    }
  }

  /** A one-event backwards read of $all: cheap, and proves both connection and read rights. */
  foreignEvents(): ForeignEventCounts {
    return { events: this.foreign.total, streams: this.foreign.counts().size };
  }

  async ping(): Promise<void> {
    try {
      await this.collect({ fromPosition: END, direction: BACKWARDS, maxCount: 1 });
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`EventStoreDB: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** Appends pinned to `current`; undefined when the stream moved on and `expected` allows another try. */
  private async appendPinned(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    current: number,
  ): Promise<AppendResult | undefined> {
    try {
      const result = await this.client.appendToStream(streamName, events.map(toEventData), { expectedRevision: toPinnedRevision(current) });
      const nextRevision = toSafeNumber(result.nextExpectedRevision, 'revision');
      return { nextRevision, position: fromEsdbPosition(result.position) ?? (await this.positionOf(streamName, nextRevision)) };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw toStoreError(error);
      if (expected === 'any' || expected === 'stream_exists') return undefined;
      throw new WrongExpectedRevisionError(streamName, String(expected), fromCurrentRevision(error.actualVersion));
    }
  }

  /**
   * The append response's position is that of the last event written (the
   * server acknowledges a write at the log position of its final, committing
   * prepare). Should a server leave it out, read the event back.
   */
  private async positionOf(streamName: string, revision: number): Promise<bigint> {
    const [event] = await this.readStream(streamName, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`EventStoreDB lost ${streamName}@${revision} right after appending it.`);
    return event.position;
  }

  private async readStreamState(streamName: string): Promise<StreamState> {
    const events = await this.readStream(streamName);
    const last = events[events.length - 1];
    return {
      revision: last ? last.revision : NO_STREAM_REVISION,
      eventIds: new Set(events.map((event) => event.metadata.eventId)),
    };
  }

  /** One raw page of $all after `after`: user events with their positions, and where to go on from. */
  private async readAllPage(after: bigint): Promise<{
    userEvents: { position: bigint; event: NonNullable<AllStreamResolvedEvent['event']> }[];
    lastPosition: bigint | undefined;
    exhausted: boolean;
  }> {
    const fromPosition: ReadPosition = after < 0n ? START : toEsdbPosition(after);
    // One extra, because a forward read includes the event at its start position.
    const page = await this.collect({ fromPosition, direction: FORWARDS, maxCount: READ_ALL_PAGE + 1 }, after);
    const userEvents: { position: bigint; event: NonNullable<AllStreamResolvedEvent['event']> }[] = [];
    let lastPosition: bigint | undefined;
    for (const { event } of page) {
      if (!event) continue;
      const position = fromEsdbAllPosition(event.position);
      if (position <= after) continue;
      lastPosition = position;
      if (this.inScope(event)) userEvents.push({ position, event });
    }
    return { userEvents, lastPosition, exhausted: page.length < READ_ALL_PAGE + 1 };
  }

  private async collect(
    options: { fromPosition: ReadPosition; direction: typeof FORWARDS | typeof BACKWARDS; maxCount: number },
    after?: bigint,
  ): Promise<AllStreamResolvedEvent[]> {
    const resolved: AllStreamResolvedEvent[] = [];
    try {
      for await (const event of this.client.readAll(options)) resolved.push(event);
    } catch (error) {
      throw toStoreError(error, after);
    }
    return resolved;
  }
}

function assertIdsNotIn(state: StreamState, events: readonly NewEvent[]): void {
  const taken = events.find((event) => state.eventIds.has(event.metadata.eventId));
  if (taken) throw new DuplicateEventIdError(taken.metadata.eventId);
}

function positionOfStreamEvent(position: Parameters<typeof fromEsdbPosition>[0], eventId: string): bigint {
  const mapped = fromEsdbPosition(position);
  if (mapped === undefined) {
    throw new Error(`EventStoreDB returned event ${eventId} without a log position; the event store port needs server 22.6 or later.`);
  }
  return mapped;
}
