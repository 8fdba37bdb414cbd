import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InMemoryEventStore, SqliteCheckpointStore, type NewEvent } from '@sagsspor/event-store';
import {
  Checkpointer,
  checkSignature,
  EMPTY_LOG,
  extend,
  InvalidCheckpointError,
  leafOf,
  parseCheckpoint,
  publicKeyInfo,
  signCheckpoint,
  verifyAgainst,
  type Checkpoint,
  type CheckpointOptions,
  type SigningKey,
  type VerifiableEvent,
} from '../src';

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyInfo(publicKey) };
}

const event = (position: number, stream = 's', data: Record<string, unknown> = { n: position }): VerifiableEvent => ({
  streamName: stream,
  revision: position,
  position: BigInt(position),
  type: 'Tested.v1',
  data,
  metadata: { eventId: `e${position}` },
});

const newEvent = (n: number): NewEvent => ({
  type: 'Tested.v1',
  data: { n },
  metadata: {
    eventId: `id-${n}`,
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
    recordedAt: '2024-01-01T00:00:00.000Z',
    recordedBy: 't',
    source: { kind: 'cli' },
  },
});

/** A log read from an array: what a tampered store would hand back. */
const logOf = (events: readonly VerifiableEvent[]) => ({
  readAll: async ({ after, maxCount }: { after?: bigint; maxCount?: number }) =>
    events.filter((e) => after === undefined || e.position > after).slice(0, maxCount ?? events.length),
  headPosition: async () => events[events.length - 1]?.position ?? -1n,
});

const rootOf = (events: readonly VerifiableEvent[]) => events.map(leafOf).reduce(extend, EMPTY_LOG);
const options = (everyEvents: number): CheckpointOptions => ({ everyEvents, intervalMs: 60_000, enabled: true });

describe('audit checkpoints', () => {
  let dir: string;
  let store: SqliteCheckpointStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-checkpoints-unit-'));
    store = new SqliteCheckpointStore(dir);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the log root', () => {
    it('commits to every event, its position and its order', () => {
      const log = [event(1), event(2), event(5)];
      const root = rootOf(log).root;
      expect(rootOf(log)).toEqual({ position: 5n, count: 3, root });
      expect(rootOf([event(1), event(2, 's', { n: 3 }), event(5)]).root).not.toBe(root);
      expect(rootOf([event(1), event(2), event(6)]).root).not.toBe(root);
      expect(rootOf([event(1), event(5)]).root).not.toBe(root);
      expect(() => [event(2), event(1)].map(leafOf).reduce(extend, EMPTY_LOG)).toThrow(/does not come after/);
    });
  });

  describe('signatures', () => {
    const key = newKey();
    const signed = signCheckpoint(rootOf([event(1)]), key);

    it('accepts its own key, refuses another key, an altered checkpoint, and an unsigned one where keys exist', () => {
      expect(checkSignature(signed, [key.publicKey], false)).toBe('valid');
      expect(() => checkSignature(signed, [newKey().publicKey], false)).toThrow(/not a key of this log/);
      const other = newKey();
      const forged = { ...signCheckpoint(rootOf([event(1)]), other), keyId: key.publicKey.keyId };
      expect(() => checkSignature(forged, [key.publicKey], false)).toThrow(/does not verify/);
      expect(() => checkSignature({ ...signed, count: 2 }, [key.publicKey], false)).toThrow(InvalidCheckpointError);
      expect(() => checkSignature(signCheckpoint(rootOf([event(1)]), null), [key.publicKey], false)).toThrow(/not signed/);
      expect(checkSignature(signCheckpoint(rootOf([event(1)]), null), [], true)).toBe('unsigned');
    });

    it('reads a saved checkpoint strictly', () => {
      expect(parseCheckpoint(JSON.parse(JSON.stringify(signed)))).toEqual(signed);
      for (const bad of [
        null,
        {},
        { ...signed, position: '01' },
        { ...signed, count: 0 },
        { ...signed, root: 'x' },
        { ...signed, signature: null },
      ]) {
        expect(() => parseCheckpoint(bad)).toThrow(InvalidCheckpointError);
      }
    });
  });

  describe('Checkpointer', () => {
    it('catches up in segments of at most N events, and a rebuild from zero gives the same checkpoints', async () => {
      const events = new InMemoryEventStore();
      for (let n = 0; n < 7; n += 1) await events.append(`s${n % 2}`, [newEvent(n)], 'any');
      const key = newKey();
      const latest = await new Checkpointer(events, store, key, options(3)).catchUp();
      const all = await store.list({ limit: 10 });
      expect(all.map((c) => [c.position, c.count])).toEqual([
        [all[0]?.position, 3],
        [all[1]?.position, 6],
        [latest?.position, 7],
      ]);
      expect(latest?.root).toBe(rootOf(await events.readAll()).root);
      await store.close();
      fs.rmSync(path.join(dir, 'audit.sqlite'));
      store = new SqliteCheckpointStore(dir);
      await new Checkpointer(events, store, key, options(3)).catchUp();
      expect(await store.list({ limit: 10 })).toEqual(all);
    });

    it('follows live appends and cuts a checkpoint every N events', async () => {
      const events = new InMemoryEventStore();
      const stored: Checkpoint[] = [];
      const checkpointer = new Checkpointer(
        events,
        store,
        null,
        options(2),
        (e) => {
          throw e;
        },
        (c) => stored.push(c),
      );
      checkpointer.start();
      for (let n = 0; n < 4; n += 1) await events.append('s', [newEvent(n)], 'any');
      for (let spins = 0; stored.length < 2 && spins < 10_000; spins += 1) await new Promise((resolve) => setImmediate(resolve));
      await checkpointer.stop();
      expect(stored.map((c) => c.count)).toEqual([2, 4]);
      expect(await store.latest()).toEqual(stored[1]);
    });

    it('covers events that do not fill a segment once the interval has passed since the first of them', async () => {
      const events = new InMemoryEventStore();
      const stored: Checkpoint[] = [];
      const checkpointer = new Checkpointer(events, store, null, { everyEvents: 1000, intervalMs: 20, enabled: true }, undefined, (c) =>
        stored.push(c),
      );
      checkpointer.start();
      for (let n = 0; n < 3; n += 1) await events.append('s', [newEvent(n)], 'any');
      // The bound only stops a broken run: the interval passes long before it on any machine.
      for (const giveUp = Date.now() + 60_000; stored.length === 0 && Date.now() < giveUp; )
        await new Promise((resolve) => setTimeout(resolve, 5));
      await checkpointer.stop();
      expect(stored.map((c) => c.count)).toEqual([3]);
    });

    it('stops at once, even before it has started following', async () => {
      const checkpointer = new Checkpointer(new InMemoryEventStore(), store, null, options(2));
      checkpointer.start();
      await checkpointer.stop();
      expect(await store.latest()).toBeNull();
    });

    it('goes on from a checkpoint another process stored first, never overlapping it', async () => {
      const events = new InMemoryEventStore();
      for (let n = 0; n < 5; n += 1) await events.append('s', [newEvent(n)], 'any');
      const other = new SqliteCheckpointStore(dir);
      try {
        await new Checkpointer(events, other, null, options(2)).catchUp();
        await events.append('s', [newEvent(5)], 'any');
        const latest = await new Checkpointer(events, store, null, options(2)).catchUp();
        expect((await store.list({ limit: 10 })).map((c) => c.count)).toEqual([2, 4, 5, 6]);
        expect(latest?.root).toBe(rootOf(await events.readAll()).root);
      } finally {
        await other.close();
      }
    });
  });

  describe('verifyAgainst', () => {
    const log = [event(1, 'a'), event(2, 'b'), event(4, 'a'), event(6, 'b'), event(8, 'a')];

    async function checkpointed(key: SigningKey | null): Promise<Checkpoint> {
      const checkpoint = await new Checkpointer(
        {
          ...logOf(log),
          subscribeToAll: () => {
            throw new Error('not live');
          },
        },
        store,
        key,
        options(2),
      ).catchUp();
      if (!checkpoint) throw new Error('no checkpoint');
      return checkpoint;
    }

    it('passes a log that extends the checkpoint, appends after it included', async () => {
      const saved = await checkpointed(null);
      const report = await verifyAgainst(logOf([...log, event(9)]), store, saved, { trustedKeys: [] });
      expect(report).toMatchObject({ ok: true, findingCount: 0, log: { position: '8', count: 5, headPosition: '9' } });
    });

    it('names missing, changed and inserted positions', async () => {
      const saved = await checkpointed(null);
      const tampered = [event(1, 'a'), event(3, 'c'), event(4, 'a', { n: 'x' }), event(6, 'b'), event(8, 'a')];
      const report = await verifyAgainst(logOf(tampered), store, saved, { trustedKeys: [] });
      expect(report.ok).toBe(false);
      expect(report.findings.map((f) => [f.kind, f.position])).toEqual([
        ['missing', '2'],
        ['inserted', '3'],
        ['changed', '4'],
      ]);
    });

    it('says where a truncated log ends', async () => {
      const saved = await checkpointed(null);
      const report = await verifyAgainst(logOf(log.slice(0, 3)), store, saved, { trustedKeys: [] });
      expect(report.findings.map((f) => [f.kind, f.position])).toEqual([
        ['truncated', '4'],
        ['missing', '6'],
        ['missing', '8'],
      ]);
    });

    it('still refuses a changed log when the stored leaves were altered too, without locating the change', async () => {
      const saved = await checkpointed(null);
      await store.close();
      fs.rmSync(path.join(dir, 'audit.sqlite'));
      store = new SqliteCheckpointStore(dir);
      const report = await verifyAgainst(logOf([...log.slice(0, 4), event(9)]), store, saved, { trustedKeys: [] });
      expect(report.ok).toBe(false);
      expect(report.findings.map((f) => f.kind)).toEqual(['root-mismatch']);
    });

    it('refuses a checkpoint signed by another key before reading the log', async () => {
      const saved = await checkpointed(newKey());
      await expect(verifyAgainst(logOf(log), store, saved, { trustedKeys: [newKey().publicKey] })).rejects.toThrow(/not a key of this log/);
    });
  });
});
