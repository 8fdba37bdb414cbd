import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  SqliteEventStore,
  sqliteEventStoreFile,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  DuplicateEventIdError,
} from '@sagsspor/event-store';
import { describeEventStoreContract } from '../src/contract/event-store.contract';
import { eventIds, inStreams, iteratorOf, newEvent, newEvents, takeMatching, uniqueStream } from '../src/contract/fixtures';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-es-'));
}

describeEventStoreContract(
  'sqlite',
  async () => {
    const dir = tempDir();
    const store = new SqliteEventStore(dir);
    return {
      store,
      cleanup: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    // Event ids derive from their stream, so the embedded store checks them per stream (schema.ts).
  },
  { eventIdsUniqueAcrossStreams: false },
);

describe('SqliteEventStore on disk', () => {
  let dir: string;
  const opened: SqliteEventStore[] = [];

  function open(options: ConstructorParameters<typeof SqliteEventStore>[1] = {}): SqliteEventStore {
    const store = new SqliteEventStore(dir, options);
    opened.push(store);
    return store;
  }

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data directory and keeps everything in events.sqlite in WAL mode', async () => {
    const nested = path.join(dir, 'a', 'b');
    const store = new SqliteEventStore(nested);
    opened.push(store);
    await store.append(uniqueStream(), [newEvent()], 'no_stream');
    expect(store.file).toBe(path.join(nested, 'events.sqlite'));
    const raw = new Database(sqliteEventStoreFile(nested), { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    } finally {
      raw.close();
    }
  });

  it('answers a full disk with a storage error (503), recording nothing of the failed append', async () => {
    const store = open();
    const stream = uniqueStream();
    await store.append(stream, [newEvent()], 'no_stream');
    // The file may not grow: every new page is refused as on a full disk (SQLITE_FULL).
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const big = Array.from({ length: 50 }, () => newEvent('Tested.v1', { text: 'x'.repeat(4000) }));
    await expect(store.append(stream, big, 0)).rejects.toMatchObject({ code: 'event-store.storage-full', kind: 'unavailable' });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('names an event whose stored bytes no longer decode: stream, revision, position', async () => {
    const store = open();
    const stream = uniqueStream();
    await store.append(stream, newEvents(2), 'no_stream');
    const raw = new Database(store.file);
    raw.prepare("UPDATE events SET data = 'scribbled' WHERE stream_name = ? AND revision = 1").run(stream);
    raw.close();
    await expect(store.readStream(stream)).rejects.toMatchObject({
      code: 'event-store.unreadable-event',
      streamName: stream,
      revision: 1,
      position: expect.any(BigInt),
    });
  });

  it('keeps appended events across close and reopen, and goes on numbering from them', async () => {
    const stream = uniqueStream('sag-lejre:19/3742');
    const first = open();
    const events = newEvents(3);
    const { position } = await first.append(stream, events, 'no_stream');
    await first.close();

    const reopened = open();
    expect(eventIds(await reopened.readStream(stream))).toEqual(eventIds(events));
    expect(await reopened.headPosition()).toBe(position);
    await expect(reopened.append(stream, [newEvent()], 1)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(reopened.append(stream, [events[0] ?? newEvent()], 2)).rejects.toBeInstanceOf(DuplicateEventIdError);
    const next = await reopened.append(stream, [newEvent()], 2);
    expect(next).toEqual({ nextRevision: 3, position: position + 1n });
  });

  it("reads a stream's head from its (stream_name, revision) index alone, the one index it keeps", async () => {
    const store = open();
    await store.append(uniqueStream(), [newEvent()], 'no_stream');
    const raw = new Database(store.file, { readonly: true });
    try {
      const plan = raw
        .prepare<[string], { detail: string }>(
          'EXPLAIN QUERY PLAN SELECT revision, position FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1',
        )
        .all('s')
        .map((row) => row.detail)
        .join('; ');
      expect(plan).toMatch(/COVERING INDEX events_by_stream_revision/);
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all()).toEqual([{ name: 'events_by_stream_revision' }]);
    } finally {
      raw.close();
    }
  });

  it('replaces the (stream_name, revision, event_id) index earlier builds made, and still refuses their ids', async () => {
    const before = new Database(path.join(dir, 'events.sqlite'));
    before.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL) STRICT;
      CREATE INDEX events_by_stream ON events (stream_name, revision, event_id);
      INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES ('s-old', 0, 'id-old', 'Tested.v1', '{}', '{"eventId":"id-old"}')`);
    before.close();
    const store = open();
    await expect(store.append('s-old', [newEvent('Tested.v1', {}, { eventId: 'id-old' })], 0)).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
    await store.append('s-old', [newEvent()], 0);
    expect((await store.readStream('s-old')).map((event) => event.revision)).toEqual([0, 1]);
    const raw = new Database(store.file, { readonly: true });
    try {
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all()).toEqual([{ name: 'events_by_stream_revision' }]);
    } finally {
      raw.close();
    }
  });

  it('refuses an id another connection appended since this one last saw the stream, and accepts new ones', async () => {
    const server = open();
    const cli = open();
    const stream = uniqueStream();
    const [first, second] = newEvents(2);
    await server.append(stream, [first ?? newEvent()], 'no_stream');
    await cli.append(stream, [second ?? newEvent()], 0);
    await expect(server.append(stream, [second ?? newEvent()], 1)).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(server.append(stream, [first ?? newEvent()], 1)).rejects.toBeInstanceOf(DuplicateEventIdError);
    await server.append(stream, [newEvent()], 1);
    await expect(cli.append(stream, [first ?? newEvent()], 2)).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect((await cli.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2]);
  });

  it('remembers no id of an append that failed: the same events go in once the disk has room', async () => {
    const store = open();
    const stream = uniqueStream();
    await store.append(stream, [newEvent()], 'no_stream');
    const db = (store as unknown as { db: Database.Database }).db;
    const room = db.pragma('max_page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const big = Array.from({ length: 50 }, () => newEvent('Tested.v1', { text: 'x'.repeat(4000) }));
    await expect(store.append(stream, big, 0)).rejects.toMatchObject({ code: 'event-store.storage-full' });
    db.pragma(`max_page_count = ${room}`);
    await expect(store.append(stream, big, 0)).resolves.toMatchObject({ nextRevision: 50 });
    await expect(store.append(stream, [big[0] ?? newEvent()], 50)).rejects.toBeInstanceOf(DuplicateEventIdError);
  });

  it('keeps appending to a store made with the earlier UNIQUE (stream_name, revision) index, adding no second index', async () => {
    const before = new Database(path.join(dir, 'events.sqlite'));
    before.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_name, revision)) STRICT`);
    before.close();
    const store = open();
    const stream = uniqueStream();
    const [first] = newEvents(1);
    await store.append(stream, [first ?? newEvent()], 'no_stream');
    await expect(store.append(stream, [first ?? newEvent()], 0)).rejects.toBeInstanceOf(DuplicateEventIdError);
    await store.append(stream, [newEvent()], 0);
    expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1]);
    const raw = new Database(store.file, { readonly: true });
    try {
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all()).toEqual([{ name: 'sqlite_autoindex_events_1' }]);
    } finally {
      raw.close();
    }
  });

  it('shares one file between two connections, as the server and a CLI import do', async () => {
    const server = open({ pollIntervalMs: 50 });
    const cli = open();
    const stream = uniqueStream();
    const subscription = server.subscribeToAll();
    try {
      const events = iteratorOf(subscription);
      await cli.append(stream, newEvents(2), 'no_stream');
      const seen = await takeMatching(events, 2, inStreams(stream), 2000);
      expect(seen.map((event) => event.revision)).toEqual([0, 1]);
      await expect(server.append(stream, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    } finally {
      await subscription.close();
    }
  });

  it('wakes its own subscribers at once, without waiting for the poll', async () => {
    const store = open({ pollIntervalMs: 60_000 });
    const stream = uniqueStream();
    const subscription = store.subscribeToAll({ after: await store.headPosition() });
    try {
      const pending = takeMatching(iteratorOf(subscription), 1, inStreams(stream), 1000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.append(stream, [newEvent()], 'no_stream');
      expect((await pending).map((event) => event.streamName)).toEqual([stream]);
    } finally {
      await subscription.close();
    }
  });

  it('pages a long history through a subscription without losing or repeating events', async () => {
    const store = open({ pageSize: 7 });
    const stream = uniqueStream();
    for (let i = 0; i < 5; i += 1) await store.append(stream, newEvents(10), i === 0 ? 'no_stream' : i * 10 - 1);
    const subscription = store.subscribeToAll();
    try {
      const seen = await takeMatching(iteratorOf(subscription), 50, inStreams(stream));
      expect(seen.map((event) => event.revision)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    } finally {
      await subscription.close();
    }
  });

  it('reports a write lock held too long by another process as unavailable, appending nothing', async () => {
    const store = open({ busyTimeoutMs: 50 });
    const other = new Database(store.file);
    const stream = uniqueStream();
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect(store.append(stream, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(StoreUnavailableError);
      other.exec('ROLLBACK');
      await expect(store.append(stream, [newEvent()], 'no_stream')).resolves.toMatchObject({ nextRevision: 0 });
    } finally {
      other.close();
    }
  });

  it('reports itself unavailable once closed, and ends its subscriptions', async () => {
    const store = open();
    const subscription = store.subscribeToAll();
    const pending = iteratorOf(subscription).next();
    await store.close();
    await expect(pending).resolves.toMatchObject({ done: true });
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
