import { eventStoreConfigFromEnv, InMemoryEventStore, openEventStore, SqliteEventStore } from '@sagsspor/event-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newEvent } from '../src/contract/fixtures';
import { toEventData, toRecordedEvent, isSystemEvent } from '../src/eventstoredb/event-mapping';
import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store';
import { fromEsdbAllPosition, fromEsdbPosition, toEsdbPosition } from '../src/eventstoredb/position';
import { fromCurrentRevision, toPinnedRevision, toSafeNumber } from '../src/eventstoredb/revision';

describe('EventStoreDB position mapping', () => {
  it('uses the prepare position, which equals commit for gRPC appends', () => {
    expect(fromEsdbAllPosition({ commit: 4242n, prepare: 4242n })).toBe(4242n);
    expect(toEsdbPosition(4242n)).toEqual({ commit: 4242n, prepare: 4242n });
  });

  it('refuses events from explicit transactions, whose prepare positions need not increase', () => {
    expect(() => fromEsdbAllPosition({ commit: 5000n, prepare: 4000n })).toThrow(/explicit transaction/);
  });

  it('treats a missing or 2^64-1 position as unknown', () => {
    expect(fromEsdbPosition(undefined)).toBeUndefined();
    expect(fromEsdbPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBeUndefined();
    expect(fromEsdbPosition({ commit: 2n ** 64n - 1n, prepare: 77n })).toBe(77n);
  });
});

describe('EventStoreDB revision mapping', () => {
  it('converts revisions to numbers only when safe', () => {
    expect(toSafeNumber(41n, 'revision')).toBe(41);
    expect(() => toSafeNumber(2n ** 53n, 'revision')).toThrow(RangeError);
    expect(fromCurrentRevision('no_stream')).toBe('none');
    expect(fromCurrentRevision(3n)).toBe(3);
  });

  it('pins appends to the revision just read', () => {
    expect(toPinnedRevision(-1)).toBe('no_stream');
    expect(toPinnedRevision(0)).toBe(0n);
  });
});

describe('EventStoreDB event mapping', () => {
  const event = newEvent('SagDecided.v1', { committee: 'Økonomiudvalget' });

  it('stores the port event id as the EventStoreDB id and the metadata as JSON metadata', () => {
    expect(toEventData(event)).toMatchObject({
      id: event.metadata.eventId,
      type: 'SagDecided.v1',
      contentType: 'application/json',
      data: event.data,
      metadata: event.metadata,
    });
  });

  it('maps a recorded event back, and rejects non-JSON payloads', () => {
    const recorded = {
      streamId: 'sag-lejre:19/3742',
      id: event.metadata.eventId,
      isJson: true as const,
      revision: 2n,
      type: event.type,
      created: new Date(0),
      data: event.data,
      metadata: event.metadata,
    };
    expect(toRecordedEvent(recorded, 99n)).toEqual({
      streamName: 'sag-lejre:19/3742',
      revision: 2,
      position: 99n,
      type: 'SagDecided.v1',
      data: event.data,
      metadata: event.metadata,
    });
    expect(() => toRecordedEvent({ ...recorded, metadata: new Uint8Array([1]) }, 99n)).toThrow(/not a JSON object/);
  });

  it('recognises system events by their $ type', () => {
    expect(isSystemEvent({ type: '$statistics-collected' })).toBe(true);
    expect(isSystemEvent({ type: 'SagDecided.v1' })).toBe(false);
  });
});

describe('openEventStore', () => {
  it('reads EVENTSTORE_URL and SAGSSPOR_DATA_DIR, defaulting to ./data', () => {
    expect(eventStoreConfigFromEnv({})).toEqual({ dataDir: path.resolve('./data') });
    expect(eventStoreConfigFromEnv({ EVENTSTORE_URL: ' ', SAGSSPOR_DATA_DIR: '/srv/sagsspor' })).toEqual({ dataDir: '/srv/sagsspor' });
    expect(eventStoreConfigFromEnv({ EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' })).toMatchObject({
      eventStoreUrl: 'esdb://localhost:2113?tls=false',
    });
  });

  it('picks EventStoreDB when a URL is set, else SQLite in the data directory', async () => {
    const esdb = openEventStore({ eventStoreUrl: 'esdb://localhost:2113?tls=false', dataDir: 'unused' });
    expect(esdb).toBeInstanceOf(EventStoreDbEventStore);
    await esdb.close();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-open-'));
    try {
      const sqlite = openEventStore({ eventStoreUrl: null, dataDir: dir });
      expect(sqlite).toBeInstanceOf(SqliteEventStore);
      await sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(new InMemoryEventStore()).toBeDefined();
  });
});
