import { UnknownError, type EventStoreDBClient } from '@eventstore/db-client';
import { newEvent } from '../src/contract/fixtures';
import { EventStoreDbEventStore } from '../src/eventstoredb/eventstoredb-event-store';

/**
 * Responses as @eventstore/db-client 6.2 gives them (dist/utils/convertGrpcEvent.js): JSON data
 * parsed, metadata parsed or — empty — undefined, or — not JSON — the raw Uint8Array; positions
 * with commit = prepare for gRPC appends.
 */
type Recorded = {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  created: Date;
  position: { commit: bigint; prepare: bigint };
};

let nextId = 0;
function recorded(streamId: string, position: bigint, overrides: Partial<Recorded> = {}): { event: Recorded } {
  const ours = newEvent('SagDecided.v1', { committee: 'Økonomiudvalget' });
  nextId += 1;
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
      revision: 0n,
      type: ours.type,
      data: ours.data,
      metadata: ours.metadata,
      isJson: true,
      created: new Date(0),
      position: { commit: position, prepare: position },
      ...overrides,
    },
  };
}

const LOG = [
  recorded('sag-lejre:1', 100n),
  recorded('sag-lejre:2', 200n, { metadata: undefined }), // written from the ESDB UI: no metadata
  recorded('sag-lejre:2', 300n, { metadata: new Uint8Array([0x7b, 0x7b]) }), // metadata that is not JSON
  recorded('orders-17', 400n, { type: 'OrderPlaced' }), // another application's stream
  recorded('$stats-127.0.0.1:2113', 500n, { type: '$statistics-collected' }),
  recorded('sag-lejre:3', 600n, { data: new Uint8Array([1, 2, 3]), isJson: false }), // binary data
  recorded('sag-lejre:1', 700n, { revision: 1n }),
];

/** readAll: the events from the given position (inclusive, as the server reads), up to maxCount. */
function fakeClient(log = LOG, failure?: Error): { client: EventStoreDBClient; subscribed: unknown[] } {
  const subscribed: unknown[] = [];
  const client = {
    readAll(options: { fromPosition?: unknown; maxCount?: number; direction?: string }) {
      if (failure) throw failure;
      const from = typeof options.fromPosition === 'object' ? (options.fromPosition as { prepare: bigint }).prepare : -1n;
      const ordered = options.direction === 'backwards' ? [...log].reverse() : log;
      const page = options.direction === 'backwards' ? ordered : ordered.filter((r) => r.event.position.prepare >= from);
      return (async function* () {
        yield* page.slice(0, options.maxCount ?? page.length);
      })();
    },
    subscribeToAll(options: unknown) {
      subscribed.push(options);
      const iterable = (async function* () {
        yield* log;
      })();
      return Object.assign(iterable, { unsubscribe: async () => undefined });
    },
    dispose: async () => undefined,
  };
  return { client: client as unknown as EventStoreDBClient, subscribed };
}

describe('EventStoreDB adapter and events it did not write', () => {
  it('reads past foreign events, skipping and counting them, reporting each stream once', async () => {
    const reports: string[] = [];
    const store = new EventStoreDbEventStore(fakeClient().client, { streamPrefix: 'sag-', onForeignEvent: (m) => reports.push(m) });
    const events = await store.readAll();
    expect(events.map((e) => [e.streamName, e.position])).toEqual([
      ['sag-lejre:1', 100n],
      ['sag-lejre:1', 700n],
    ]);
    expect(store.foreign.total).toBe(3);
    expect(Object.fromEntries(store.foreign.counts())).toEqual({ 'sag-lejre:2': 2, 'sag-lejre:3': 1 });
    expect(store.foreignEvents()).toEqual({ events: 3, streams: 2 });
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(/sag-lejre:2.*metadata is not a JSON object/);
    expect(await store.headPosition()).toBe(700n);
  });

  it("without a prefix, another application's well-formed stream is read, and its malformed events skipped", async () => {
    const store = new EventStoreDbEventStore(fakeClient().client, { onForeignEvent: () => undefined });
    const events = await store.readAll({ after: 100n });
    expect(events.map((e) => e.position)).toEqual([400n, 700n]);
  });

  it('subscribes with the prefix filtered by the server, and skips foreign events without stalling', async () => {
    const fake = fakeClient();
    const store = new EventStoreDbEventStore(fake.client, { streamPrefix: 'sag-', onForeignEvent: () => undefined });
    const seen: bigint[] = [];
    for await (const event of store.subscribeToAll()) seen.push(event.position);
    expect(seen).toEqual([100n, 400n, 700n]); // the fake does not filter; the server does, by this filter:
    expect(fake.subscribed).toEqual([
      expect.objectContaining({ filter: expect.objectContaining({ prefixes: ['sag-'], filterOn: 'streamName' }) }),
    ]);
  });

  it('maps "invalid position" to the port\'s InvalidPositionError, which callers answer with 400', async () => {
    const failure = new UnknownError(undefined, 'Trying to read from an invalid position');
    const store = new EventStoreDbEventStore(fakeClient(LOG, failure).client);
    await expect(store.readAll({ after: 150n })).rejects.toMatchObject({ code: 'event-store.invalid-position', kind: 'invalid' });
  });
});
