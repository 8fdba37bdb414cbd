import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { killPoint } from '@sagsspor/kernel';
import { DuplicateEventIdError, StoreUnavailableError } from '../errors';
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
import { NO_FOREIGN_EVENTS } from '../port';
import { AppendSignal } from '../shared/append-signal';
import { assertExpectedRevision, NO_STREAM_REVISION } from '../shared/expected-revision';
import { PagedSubscription } from '../shared/paged-subscription';
import { validateAppend } from '../shared/validate-append';
import { KnownStreamIds, type StreamHead } from './known-stream-ids';
import { toRecordedEvent } from './row-mapping';
import { applyPragmas, createSchema, SQLITE_FILE_NAME } from './schema';
import { busyError, isBusy, storageError } from './sqlite-errors';
import { prepareStatements, type Statements } from './statements';

export interface SqliteEventStoreOptions {
  /** How often live subscriptions look for appends made by other processes. Default 200 ms. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's write lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Events fetched per subscription page. Default 500. */
  readonly pageSize?: number;
}

/** What an append committed, and the head of the stream it found (null: the stream was new). */
interface Appended {
  readonly before: StreamHead | null;
  readonly after: StreamHead;
}

type AppendTransaction = (streamName: string, events: readonly NewEvent[], expected: ExpectedRevision) => Appended;

const NO_LIMIT = -1;
/** Streams whose event ids are remembered: a few MB at most, and a sag being worked on stays in. */
const KNOWN_STREAMS = 2048;

/** The path of the SQLite file a store in `dataDir` uses; for tools and tests that open it directly. */
export function sqliteEventStoreFile(dataDir: string): string {
  return path.join(dataDir, SQLITE_FILE_NAME);
}

/**
 * The embedded default store: one SQLite file, shared safely between the
 * server and CLI processes. better-sqlite3 is synchronous, so every call
 * completes before its promise is returned; the promises only satisfy the port.
 */
export class SqliteEventStore implements EventStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly appendTransaction: AppendTransaction;
  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<EventSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly killAfterAppend = killPoint('append');
  private readonly knownIds = new KnownStreamIds(KNOWN_STREAMS);
  private appendedEvents = 0;

  constructor(dataDir: string, options: SqliteEventStoreOptions = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = sqliteEventStoreFile(dataDir);
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.pageSize = options.pageSize ?? 500;
    this.db = new Database(this.file);
    applyPragmas(this.db, options.busyTimeoutMs ?? 5000);
    createSchema(this.db);
    this.statements = prepareStatements(this.db);
    const appendInTransaction: AppendTransaction = (streamName, events, expected) => this.appendInTransaction(streamName, events, expected);
    this.appendTransaction = this.db.transaction(appendInTransaction).immediate;
  }

  async append(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamName, events, expected);
    this.assertOpen();
    let appended: Appended;
    try {
      appended = this.appendTransaction(streamName, events, expected);
    } catch (error) {
      throw this.mapBusy(error);
    }
    const { before, after } = appended;
    this.knownIds.appended(
      streamName,
      before,
      after,
      events.map(({ metadata }) => metadata.eventId),
    );
    const result: AppendResult = { nextRevision: after.revision, position: BigInt(after.position) };
    this.appendedEvents += events.length;
    this.killAfterAppend(() => ({ events: this.appendedEvents, position: result.position.toString() }));
    this.signal.notify();
    return result;
  }

  async readStream(streamName: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const fromRevision = options.fromRevision ?? 0;
    const rows = this.statements.readStream.all(streamName, fromRevision, options.maxCount ?? NO_LIMIT);
    const last = rows[rows.length - 1];
    // A whole stream is read before most appends to it (recording loads it): its ids are at hand for their duplicate check.
    if (last !== undefined && fromRevision === 0 && options.maxCount === undefined) {
      this.knownIds.remember(streamName, { revision: last.revision, position: last.position }, new Set(rows.map((row) => row.event_id)));
    }
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = this.statements.readAll.all(options.after ?? -1n, options.maxCount ?? NO_LIMIT);
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription: EventSubscription = new PagedSubscription(
      { readPage: (after, maxCount) => this.readAll({ after, maxCount }), headPosition: () => this.headPosition() },
      {
        ...(options.after === undefined ? {} : { after: options.after }),
        pageSize: this.pageSize,
        signal: this.signal,
        pollIntervalMs: this.pollIntervalMs,
        onClosed: () => this.subscriptions.delete(subscription),
      },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    const head = this.statements.headPosition.get()?.head ?? null;
    return head === null ? -1n : BigInt(head);
  }

  /** Everything in this store was appended through the port. */
  foreignEvents(): ForeignEventCounts {
    return NO_FOREIGN_EVENTS;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      this.statements.headPosition.get();
    } catch (error) {
      throw this.mapBusy(error);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.db.open) this.db.close();
  }

  /**
   * Runs inside BEGIN IMMEDIATE: the head read and the inserts see and hold
   * the one write lock. A stream that does not exist yet holds no ids, and
   * validateAppend has already refused a batch holding one id twice.
   */
  private appendInTransaction(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Appended {
    const before = this.statements.streamHead.get(streamName) ?? null;
    const current = before?.revision ?? NO_STREAM_REVISION;
    assertExpectedRevision(streamName, expected, current);
    if (before !== null) this.assertNewEventIds(streamName, before, events);
    let rowid: number | bigint = 0;
    for (let index = 0; index < events.length; index += 1) {
      rowid = this.insert(streamName, current + 1 + index, events[index] as NewEvent);
    }
    return { before, after: { revision: current + events.length, position: Number(rowid) } };
  }

  /** Event ids are unique per stream; see schema.ts for why the check is per stream. */
  private assertNewEventIds(streamName: string, head: StreamHead, events: readonly NewEvent[]): void {
    const ids = this.knownIds.at(streamName, head) ?? this.readEventIds(streamName, head);
    for (const { metadata } of events) {
      if (ids.has(metadata.eventId)) throw new DuplicateEventIdError(metadata.eventId);
    }
  }

  /** Within the write lock: the stream's ids are complete at `head` whether or not this append commits. */
  private readEventIds(streamName: string, head: StreamHead): ReadonlySet<string> {
    const ids = new Set(this.statements.streamEventIds.all(streamName));
    this.knownIds.remember(streamName, head, ids);
    return ids;
  }

  private insert(streamName: string, revision: number, event: NewEvent): number | bigint {
    const { data, metadata, type } = event;
    return this.statements.insert.run(streamName, revision, metadata.eventId, type, JSON.stringify(data), JSON.stringify(metadata))
      .lastInsertRowid;
  }

  private mapBusy(error: unknown): unknown {
    return isBusy(error) ? busyError(this.file) : (storageError(error, this.file) ?? error);
  }

  private assertOpen(): void {
    if (!this.db.open) throw new StoreUnavailableError(`The event store ${this.file} is closed.`);
  }
}
