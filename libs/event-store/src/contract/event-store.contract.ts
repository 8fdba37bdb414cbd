import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@sagsspor/kernel';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, RecordedEvent } from '../port';
import { eventIds, inStreams, iteratorOf, newEvent, newEvents, nextWithin, takeMatching, uniqueStream } from './fixtures';

export interface ContractStore {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** Every factory call gives an empty store. False for a shared server, where tests only look at their own streams. */
  readonly freshStore?: boolean;
  /** An event id is rejected when any stream holds it, not only the stream appended to. */
  readonly eventIdsUniqueAcrossStreams?: boolean;
}

/**
 * The one behavioural definition of the EventStore port. Every adapter runs it
 * from its own spec file; an adapter that cannot meet a clause says so through
 * ContractOptions, visibly, instead of skipping tests.
 */
export function describeEventStoreContract(name: string, factory: () => Promise<ContractStore>, options: ContractOptions = {}): void {
  const freshStore = options.freshStore ?? true;
  const idsUniqueAcrossStreams = options.eventIdsUniqueAcrossStreams ?? true;

  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('append', () => {
      it('creates a new stream with no_stream, numbering revisions from 0', async () => {
        const stream = uniqueStream();
        const result = await store.append(stream, newEvents(2), 'no_stream');
        expect(result.nextRevision).toBe(1);
        expect(typeof result.position).toBe('bigint');
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0, 1]);
      });

      it('continues the numbering on later appends', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(2), 'no_stream');
        const result = await store.append(stream, newEvents(3), 1);
        expect(result.nextRevision).toBe(4);
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      });

      it('accepts the exact current revision and rejects a stale one as a conflict', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(2), 'no_stream');
        await expect(store.append(stream, [newEvent()], 1)).resolves.toMatchObject({ nextRevision: 2 });
        const stale = store.append(stream, [newEvent()], 1);
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(stale).rejects.toMatchObject({
          code: 'event-store.wrong-expected-revision',
          kind: 'conflict',
          extensions: { streamName: stream, expectedRevision: '1', actualRevision: 2 },
        });
      });

      it('rejects a revision ahead of the stream', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], 'no_stream');
        await expect(store.append(stream, [newEvent()], 5)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      });

      it('rejects a numeric revision on a missing stream, reporting it as none', async () => {
        const stream = uniqueStream();
        await expect(store.append(stream, [newEvent()], 0)).rejects.toMatchObject({
          code: 'event-store.wrong-expected-revision',
          extensions: { actualRevision: 'none' },
        });
      });

      it('rejects no_stream when the stream exists', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], 'no_stream');
        await expect(store.append(stream, [newEvent()], 'no_stream')).rejects.toMatchObject({
          code: 'event-store.wrong-expected-revision',
          extensions: { expectedRevision: 'no_stream', actualRevision: 0 },
        });
      });

      it('requires an existing stream for stream_exists', async () => {
        const stream = uniqueStream();
        await expect(store.append(stream, [newEvent()], 'stream_exists')).rejects.toMatchObject({
          code: 'event-store.wrong-expected-revision',
          extensions: { expectedRevision: 'stream_exists', actualRevision: 'none' },
        });
        await store.append(stream, [newEvent()], 'no_stream');
        await expect(store.append(stream, [newEvent()], 'stream_exists')).resolves.toMatchObject({ nextRevision: 1 });
      });

      it('appends with any whether or not the stream exists', async () => {
        const stream = uniqueStream();
        await expect(store.append(stream, [newEvent()], 'any')).resolves.toMatchObject({ nextRevision: 0 });
        await expect(store.append(stream, [newEvent()], 'any')).resolves.toMatchObject({ nextRevision: 1 });
      });

      it('rejects an empty batch and a malformed expected revision as invalid input', async () => {
        const stream = uniqueStream();
        await expect(store.append(stream, [], 'any')).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.append(stream, [newEvent()], -1)).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.append(stream, [newEvent()], 1.5)).rejects.toBeInstanceOf(InvalidInputError);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('lets exactly one of 20 concurrent appends with the same expected revision through', async () => {
        const stream = uniqueStream();
        await store.append(stream, [newEvent()], 'no_stream');
        const attempts = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(stream, [newEvent()], 0)));
        const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
        const lost = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const reason of lost) expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('atomic batches', () => {
      it('appends nothing of a batch whose expected revision fails', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(2), 'no_stream');
        const head = await store.headPosition();
        await expect(store.append(stream, newEvents(3), 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(2);
        expect((await store.readAll({ after: head })).filter(inStreams(stream))).toEqual([]);
      });

      it('appends nothing of a batch holding an event id the stream already has', async () => {
        const stream = uniqueStream();
        const [stored] = await appendAndRead(store, stream, [newEvent()]);
        const batch = [newEvent(), newEvent('Tested.v1', {}, { eventId: stored?.metadata.eventId ?? '' }), newEvent()];
        const rejected = store.append(stream, batch, 0);
        await expect(rejected).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(rejected).rejects.toMatchObject({
          code: 'event-store.duplicate-event-id',
          kind: 'conflict',
          extensions: { eventId: stored?.metadata.eventId },
        });
        expect(eventIds(await store.readStream(stream))).toEqual(eventIds(stored ? [stored] : []));
      });

      it('appends nothing of a batch that holds one event id twice', async () => {
        const stream = uniqueStream();
        const twin = newEvent();
        await expect(store.append(stream, [newEvent(), twin, twin], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('rejects a retried append (same ids) with any, leaving one copy', async () => {
        const stream = uniqueStream();
        const batch = newEvents(2);
        await store.append(stream, batch, 'any');
        await expect(store.append(stream, batch, 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(eventIds(await store.readStream(stream))).toEqual(eventIds(batch));
      });

      (idsUniqueAcrossStreams ? it : it.skip)('rejects an event id that another stream holds', async () => {
        const first = uniqueStream();
        const second = uniqueStream();
        const event = newEvent();
        await store.append(first, [event], 'no_stream');
        await expect(store.append(second, [newEvent(), event], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(second)).toEqual([]);
      });
    });

    describe('readStream', () => {
      it('reads in revision order, from a revision, at most maxCount', async () => {
        const stream = uniqueStream();
        const events = newEvents(5);
        await store.append(stream, events.slice(0, 2), 'no_stream');
        await store.append(uniqueStream(), newEvents(2), 'no_stream');
        await store.append(stream, events.slice(2), 1);
        expect(eventIds(await store.readStream(stream))).toEqual(eventIds(events));
        const page = await store.readStream(stream, { fromRevision: 1, maxCount: 3 });
        expect(page.map((event) => event.revision)).toEqual([1, 2, 3]);
        expect(eventIds(page)).toEqual(eventIds(events.slice(1, 4)));
        expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
      });

      it('returns [] for a stream that does not exist', async () => {
        expect(await store.readStream(uniqueStream('missing'))).toEqual([]);
      });
    });

    describe('readAll and positions', () => {
      it('reads every stream in append order with strictly increasing positions', async () => {
        const head = await store.headPosition();
        const [a, b] = [uniqueStream('a'), uniqueStream('b')];
        const results = [
          await store.append(a, newEvents(2), 'no_stream'),
          await store.append(b, newEvents(1), 'no_stream'),
          await store.append(a, newEvents(3), 1),
        ];
        const read = (await store.readAll({ after: head })).filter(inStreams(a, b));
        expect(read.map((event) => `${event.streamName === a ? 'a' : 'b'}${event.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2', 'a3', 'a4']);
        expectStrictlyIncreasing(read.map((event) => event.position));
        expect(read.map((event) => event.position)).toEqual(expect.arrayContaining(results.map((result) => result.position)));
        expect(read[read.length - 1]?.position).toBe(results[2]?.position);
      });

      it('reads after a position, at most maxCount', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(6), 'no_stream');
        const all = await store.readStream(stream);
        const after = all[1]?.position ?? -1n;
        const page = await store.readAll({ after, maxCount: 3 });
        expect(page.every((event) => event.position > after)).toBe(true);
        expect(page).toHaveLength(3);
        if (freshStore) expect(eventIds(page)).toEqual(eventIds(all.slice(2, 5)));
      });

      it('reports the newest position as head, and matches the append result', async () => {
        const result = await store.append(uniqueStream(), newEvents(3), 'no_stream');
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
        if (freshStore) expect(await store.headPosition()).toBe(result.position);
      });

      (freshStore ? it : it.skip)('is empty at first: head -1n and nothing to read', async () => {
        expect(await store.headPosition()).toBe(-1n);
        expect(await store.readAll()).toEqual([]);
      });
    });

    describe('metadata and names', () => {
      it('round-trips nested data, metadata, unicode and sag numbers in stream names', async () => {
        const stream = uniqueStream('lejre:19/3742.a');
        const before = await store.headPosition();
        const event = newEvent(
          'SagDecided.v1',
          { committee: 'Økonomiudvalget', vote: { for: 5, against: [] }, note: 'Æble, øl & å — "citat"', flag: true, none: null },
          {
            source: { kind: 'import', document: 'referater/2024-03-05 Økonomiudvalget.pdf', sha256: 'ab'.repeat(32) },
            prevHash: '0'.repeat(64),
            hash: 'f'.repeat(64),
            recordedBy: 'sagsbehandler@lejre.dk',
            extra: { nested: ['x', 1] },
          },
        );
        await store.append(stream, [event], 'no_stream');
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ streamName: stream, revision: 0, type: 'SagDecided.v1', data: event.data, metadata: event.metadata });
        // Only positions the store gave out: on EventStoreDB another number need not be any event's position.
        const [fromAll] = (await store.readAll({ after: before, maxCount: 100 })).filter(inStreams(stream));
        expect(fromAll).toEqual(read);
      });

      it('keeps streams whose names differ only after a slash or dot apart', async () => {
        const base = uniqueStream('lejre');
        const names = [`${base}:19/3742`, `${base}:19/37`, `${base}:19.3742`];
        for (const stream of names) await store.append(stream, [newEvent()], 'no_stream');
        for (const stream of names) expect((await store.readStream(stream)).map((event) => event.streamName)).toEqual([stream]);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from the start, then delivers live events, until closed', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(3), 'no_stream');
        const subscription = store.subscribeToAll();
        const events = iteratorOf(subscription);
        const history = await takeMatching(events, 3, inStreams(stream));
        expect(history.map((event) => event.revision)).toEqual([0, 1, 2]);
        await store.append(stream, newEvents(2), 2);
        const live = await takeMatching(events, 2, inStreams(stream));
        expect(live.map((event) => event.revision)).toEqual([3, 4]);
        await subscription.close();
        await expect(nextWithin(events, 2000)).resolves.toEqual({ done: true, value: undefined });
      });

      it('starts after a given position', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(4), 'no_stream');
        const stored = await store.readStream(stream);
        const subscription = store.subscribeToAll({ after: stored[1]?.position ?? 0n });
        try {
          const events = await takeMatching(iteratorOf(subscription), 2, inStreams(stream));
          expect(eventIds(events)).toEqual(eventIds(stored.slice(2)));
        } finally {
          await subscription.close();
        }
      });

      it('wakes a waiting subscriber for an event appended after it subscribed', async () => {
        const stream = uniqueStream();
        const subscription = store.subscribeToAll({ after: await store.headPosition() });
        const events = iteratorOf(subscription);
        const pending = takeMatching(events, 1, inStreams(stream));
        await delay(50);
        await store.append(stream, [newEvent()], 'no_stream');
        expect((await pending)[0]?.streamName).toBe(stream);
        await subscription.close();
      });

      it('ends a pending next() promptly on close()', async () => {
        const subscription = store.subscribeToAll({ after: await store.headPosition() });
        const pending = iteratorOf(subscription).next();
        await delay(50);
        const started = Date.now();
        await subscription.close();
        await expect(pending).resolves.toMatchObject({ done: true });
        expect(Date.now() - started).toBeLessThan(1000);
      });

      it('ends when the consumer breaks out of for await', async () => {
        const stream = uniqueStream();
        await store.append(stream, newEvents(2), 'no_stream');
        const subscription = store.subscribeToAll();
        let seen: RecordedEvent | undefined;
        for await (const event of subscription) {
          if (event.streamName === stream) {
            seen = event;
            break;
          }
        }
        expect(seen?.revision).toBe(0);
        await subscription.close();
      });
    });
  });
}

async function appendAndRead(store: EventStore, stream: string, events: ReturnType<typeof newEvents>): Promise<RecordedEvent[]> {
  await store.append(stream, events, 'no_stream');
  return store.readStream(stream);
}

function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  for (let i = 1; i < positions.length; i += 1) {
    expect((positions[i] ?? 0n) > (positions[i - 1] ?? 0n)).toBe(true);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
