import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  InMemoryEventStore,
  StoreUnavailableError,
  type EventStore,
  type EventSubscription,
  type RecordedEvent,
} from '@sagsspor/event-store';
import { Projector, rebuild, SAG_READ_MODEL, SqliteReadModel, type CommitRequest, type ProjectorLogger } from '@sagsspor/read-model';
import { randomCommands } from '../testing/random-scenario';
import { recordCommands } from '../testing/scenario';

/** An event store whose subscriptions fail (or just end) on demand, like a dropped connection. */
class FlakyStore implements Pick<EventStore, 'subscribeToAll' | 'readAll' | 'readStream' | 'headPosition'> {
  failNext: 'throw' | 'end' | null = null;
  subscriptions = 0;
  constructor(readonly inner: EventStore) {}

  readAll: EventStore['readAll'] = (o) => this.inner.readAll(o);
  readStream: EventStore['readStream'] = (name, o) => this.inner.readStream(name, o);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();

  subscribeToAll(options?: { after?: bigint }): EventSubscription {
    this.subscriptions += 1;
    const inner = this.inner.subscribeToAll(options);
    const take = (): 'throw' | 'end' | null => {
      const how = this.failNext;
      this.failNext = null;
      return how;
    };
    const pending = (): boolean => this.failNext !== null;
    async function* events(): AsyncGenerator<RecordedEvent> {
      let n = 0;
      for await (const e of inner) {
        if (pending() && n++ >= 3) {
          const how = take();
          if (how === 'throw') throw new StoreUnavailableError('connection reset');
          return;
        }
        yield e;
      }
    }
    const it = events();
    return { [Symbol.asyncIterator]: () => it, close: () => inner.close() };
  }
}

function logger(): ProjectorLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m) => lines.push(`log ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

describe('Projector', () => {
  let dir: string;
  let model: SqliteReadModel;
  let store: InMemoryEventStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-projector-'));
    model = new SqliteReadModel(dir);
    store = new InMemoryEventStore();
  });
  afterEach(async () => {
    await model.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function cleanSnapshot() {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-projector-clean-'));
    const clean = new SqliteReadModel(other);
    try {
      await new Projector(store, clean).catchUp();
      return await clean.snapshot();
    } finally {
      await clean.close();
      fs.rmSync(other, { recursive: true, force: true });
    }
  }

  it.each(['throw', 'end'] as const)(
    'resubscribes from its checkpoint when the subscription is dropped (%s), logs it and carries on',
    async (how) => {
      const flaky = new FlakyStore(store);
      const log = logger();
      const projector = new Projector(flaky as unknown as EventStore, model, { batchSize: 2, retryMinMs: 5, logger: log });
      await recordCommands(store, randomCommands(3, 60, 5));
      flaky.failNext = how;
      projector.start();
      expect(await projector.waitForPosition(await store.headPosition(), 60_000)).toBe(true);
      flaky.failNext = how;
      await recordCommands(store, randomCommands(4, 60, 5), 100);
      expect(await projector.waitForPosition(await store.headPosition(), 60_000)).toBe(true);
      await projector.stop();
      expect(flaky.subscriptions).toBeGreaterThanOrEqual(3);
      expect(projector.stats.resubscriptions).toBeGreaterThanOrEqual(2);
      expect(
        log.lines.some((l) =>
          (how === 'throw'
            ? /^error Projection interrupted: connection reset; resubscribing/
            : /^warn The event subscription ended; resubscribing/
          ).test(l),
        ),
      ).toBe(true);
      expect(await model.snapshot()).toEqual(await cleanSnapshot());
    },
  );

  it('survives a read-model outage: the failed batch is retried from the stored checkpoint', async () => {
    const commit = model.commit.bind(model);
    let failures = 2;
    model.commit = async (gen: number, request: CommitRequest) => {
      if (failures > 0 && request.changes.length > 0) {
        failures -= 1;
        throw new Error('disk I/O error');
      }
      return commit(gen, request);
    };
    await recordCommands(store, randomCommands(5, 80, 6));
    const log = logger();
    const projector = new Projector(store, model, { batchSize: 5, retryMinMs: 5, logger: log });
    projector.start();
    expect(await projector.waitForPosition(await store.headPosition(), 60_000)).toBe(true);
    await projector.stop();
    expect(log.lines.filter((l) => l.includes('disk I/O error'))).toHaveLength(2);
    expect(projector.stats.lastError).toBe('disk I/O error');
    expect(await model.snapshot()).toEqual(await cleanSnapshot());
  });

  it('builds a new version beside an older live one, which serves until the new one is caught up', async () => {
    await recordCommands(store, randomCommands(6, 80, 6));
    const old = await model.createGeneration(SAG_READ_MODEL.name, SAG_READ_MODEL.version - 1, 'resumable');
    expect(await model.promote(old.gen, -1n)).toBe('committed');
    expect(await model.listCommittees('lejre')).toEqual([]);
    const projector = new Projector(store, model, { batchSize: 10 });
    const live = await projector.catchUp();
    expect(live.gen).not.toBe(old.gen);
    expect((await model.generations()).map((g) => [g.gen, g.version, g.state])).toEqual([[live.gen, SAG_READ_MODEL.version, 'live']]);
    expect(await model.snapshot()).toEqual(await cleanSnapshot());
  });

  it('lets a second projector on the same file take turns without applying anything twice', async () => {
    await recordCommands(store, randomCommands(8, 150, 8));
    const second = new SqliteReadModel(dir);
    try {
      const a = new Projector(store, model, { batchSize: 3, retryMinMs: 1 });
      const b = new Projector(store, second, { batchSize: 4, retryMinMs: 1 });
      await a.catchUp();
      a.start();
      b.start();
      await recordCommands(store, randomCommands(9, 150, 8), 500);
      const head = await store.headPosition();
      expect(await a.waitForPosition(head, 60_000)).toBe(true);
      expect(await b.waitForPosition(head, 60_000)).toBe(true);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      await second.close();
    }
    expect(await model.snapshot()).toEqual(await cleanSnapshot());
  });

  it('waitForPosition times out with false when nothing projects', async () => {
    await recordCommands(store, randomCommands(10, 10, 2));
    const projector = new Projector(store, model);
    const started = Date.now();
    expect(await projector.waitForPosition(await store.headPosition(), 120)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('rebuild reports what it did and drops the generation it replaced', async () => {
    await recordCommands(store, randomCommands(11, 60, 4));
    const first = await new Projector(store, model).catchUp();
    const report = await rebuild(store, model, { batchSize: 9 });
    expect(report).toMatchObject({
      replaced: first.gen,
      events: (await store.readAll()).length,
      checkpoint: await store.headPosition(),
      dropped: 1,
    });
    expect((await model.generations()).map((g) => g.gen)).toEqual([report.generation]);
  });
});
