import fs from 'node:fs';
import path from 'node:path';
import { InMemoryEventStore, type EventStore } from '@sagsspor/event-store';
import { Projector, rebuild, SAG_READ_MODEL, SqliteReadModel, type ReadModelSnapshot } from '@sagsspor/read-model';
import { scenarioStore } from './support/scenarios';
import { tempReadModels, type SqliteReadModelOptions } from './support/temp-models';

/**
 * A generation being built is committed by a worker thread while the rebuild
 * projects the next batch (pipelined); a live one in-process. Both must give
 * the same rows, and a pipelined rebuild must still notice another writer.
 */
describe('read-model commit worker', () => {
  const temp = tempReadModels('sagsspor-commit-worker-');
  const open = (options: SqliteReadModelOptions = {}): SqliteReadModel => temp.open(undefined, options);

  async function rebuilt(store: EventStore, model: SqliteReadModel, batchSize: number, cacheSize?: number): Promise<ReadModelSnapshot> {
    await rebuild(store, model, { batchSize, ...(cacheSize === undefined ? {} : { cacheSize }) });
    return model.snapshot();
  }

  it('builds the same rows in the worker as in-process, and as a live model kept up event by event', async () => {
    const store = await scenarioStore(21, 400, 12);
    const inWorker = await rebuilt(store, open(), 7);
    const inProcess = await rebuilt(store, open({ commitWorker: false }), 7);
    // Made live while the log was empty, then fed one event per batch: committed in-process.
    const liveModel = open();
    expect((await new Projector(new InMemoryEventStore(), liveModel).catchUp()).state).toBe('live');
    await new Projector(store, liveModel, { batchSize: 1 }).catchUp();
    expect((await store.readAll()).length).toBeGreaterThan(300);
    expect(inWorker).toEqual(inProcess);
    expect(await liveModel.snapshot()).toEqual(inProcess);
    // Sager leave a cache of 2 all the time: their summaries are written as they go, the rest at the end.
    expect(await rebuilt(store, open(), 7, 2)).toEqual(inProcess);
  });

  it('lets its thread go once the generation it built is live, and starts it again for the next build', async () => {
    const store = await scenarioStore(22, 200, 6);
    const model = open();
    const worker = (model as unknown as { worker: { running: boolean } }).worker;
    const first = await rebuilt(store, model, 7);
    expect(worker.running).toBe(false);
    const seen: boolean[] = [];
    const report = await rebuild(store, model, { batchSize: 7, progressEvery: 20, onProgress: () => seen.push(worker.running) });
    expect(report).toMatchObject({ replaced: 1 });
    // The next build's batches went to the worker again.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every(Boolean)).toBe(true);
    expect(worker.running).toBe(false);
    expect(await model.snapshot()).toEqual(first);
    expect(await rebuilt(store, open({ commitWorker: false }), 7)).toEqual(first);
  });

  it('builds the same rows when it starts the WAL over at every chance', async () => {
    // A projector's first generation is built in the main file, through its WAL (a rebuild's
    // has a file of its own, and no WAL): here, that the restarts (a RESTART checkpoint
    // between transactions) change nothing that is written.
    const store = await scenarioStore(33, 2500, 60);
    const reference = await rebuilt(store, open({ commitWorker: false }), 10);
    const model = open({ walRestartBytes: 1 });
    const slowed: EventStore = Object.create(store) as EventStore;
    slowed.readAll = async (options) => {
      // Slow enough that the checkpoint thread reports the WAL's size many times.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return store.readAll(options);
    };
    const built = await new Projector(slowed, model, { batchSize: 10 }).catchUp();
    expect((await model.generations()).map((g) => [g.gen, g.resumable])).toEqual([[built.gen, true]]);
    expect(fs.existsSync(path.join(path.dirname(model.file), `read-models.g${built.gen}.sqlite`))).toBe(false);
    expect(await model.snapshot()).toEqual(reference);
  });

  it('refuses a batch for a generation another writer moved on or retired', async () => {
    const model = open();
    const generation = await model.createGeneration(SAG_READ_MODEL.name, SAG_READ_MODEL.version);
    const request = { changes: [], checkpoint: 3n, checkpointAt: null };
    expect(await model.commit(generation.gen, { ...request, expectedCheckpoint: 7n })).toBe('moved');
    expect(await model.commit(generation.gen, { ...request, expectedCheckpoint: -1n })).toBe('committed');
    await model.dropGeneration(generation.gen);
    expect(await model.commit(generation.gen, { ...request, checkpoint: 5n, expectedCheckpoint: 3n })).toBe('retired');
  });

  it('stops a pipelined rebuild when another process writes to the generation it builds', async () => {
    const store = await scenarioStore(9, 200, 6);
    const model = open();
    const intruder = temp.open(path.dirname(model.file));
    let reads = 0;
    const meddling: EventStore = Object.create(store) as EventStore;
    meddling.readAll = async (options) => {
      reads += 1;
      if (reads === 4) {
        // Another writer moves the building generation's checkpoint on behind the rebuild's back
        // (retrying while the rebuild's own commits move it first).
        for (let outcome = 'moved'; outcome === 'moved'; ) {
          const building = (await intruder.generations()).find((g) => g.state === 'building');
          if (!building) throw new Error('no generation is being built');
          outcome = await intruder.commit(building.gen, {
            changes: [],
            checkpoint: 10_000n,
            checkpointAt: null,
            expectedCheckpoint: building.checkpoint,
          });
        }
      }
      return store.readAll(options);
    };
    await expect(rebuild(meddling, model, { batchSize: 5 })).rejects.toThrow(/by another process/);
    expect((await model.generations()).filter((g) => g.state === 'live')).toEqual([]);
  });

  it('goes on in-process when the worker thread dies under a batch', async () => {
    const store = await scenarioStore(13, 300, 8);
    const expected = await rebuilt(store, open({ commitWorker: false }), 10);
    const model = open();
    const generation = await model.createGeneration(SAG_READ_MODEL.name, SAG_READ_MODEL.version);
    const first = model.commit(generation.gen, { changes: [], checkpoint: 0n, checkpointAt: null, expectedCheckpoint: -1n });
    // The thread dies with the batch under way (as on running out of memory).
    await (model as unknown as { worker: { worker: { terminate(): Promise<number> } } }).worker.worker.terminate();
    await expect(first).rejects.toThrow(/commit worker/);
    // A projector goes on from whatever checkpoint was stored, committing in-process from now on.
    const caughtUp = await new Projector(store, model, { batchSize: 10 }).catchUp();
    expect(caughtUp.gen).toBe(generation.gen);
    expect(await model.snapshot()).toEqual(expected);
  });
});
