import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  parseSagerQuery,
  Projector,
  ReadModelOldLayoutError,
  ReadModelUnavailableError,
  rebuild,
  removeOldLayout,
  SAG_READ_MODEL,
  SqliteReadModel,
} from '@sagsspor/read-model';
import { randomCommands } from '../testing/random-scenario';
import { recordCommands, scenarioStore } from '../testing/scenario';
import { tempReadModels } from '../testing/temp-models';

/**
 * Every generation is a file of its own; read-models.sqlite only says which
 * exist and which is live. A rebuild writes its file with no journal on
 * disk and no fsync, and makes it durable (synced, WAL) when it goes live.
 * What users rely on: the same rows, files that come and go with their
 * generations, other connections that follow, and half-built rebuilds that
 * are never resumed.
 */
describe('generations in files of their own', () => {
  const { dataDir, open } = tempReadModels('sagsspor-gen-file-');

  const filesIn = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((n) => n.startsWith('read-models.'))
      .sort();
  const genFile = (dir: string, gen: number) => path.join(dir, `read-models.g${gen}.sqlite`);
  /** Looks into a file on a read-only connection of its own. */
  const inspect = <T>(file: string, look: (db: Database.Database) => T): T => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return look(db);
    } finally {
      db.close();
    }
  };
  const tablesIn = (file: string) =>
    inspect(file, (db) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
  const journalModeOf = (file: string) => inspect(file, (db) => db.pragma('journal_mode', { simple: true }));

  it('keeps the rows in the generation file, made WAL at the swap, and removes it with its generation', async () => {
    const store = await scenarioStore(5, 300, 10);
    const dir = dataDir();
    const model = open(dir);
    const first = await rebuild(store, model, { batchSize: 20 });
    expect(tablesIn(genFile(dir, first.generation))).toEqual(['checkpoint', 'decisions', 'meeting_items', 'sag_committees', 'sager']);
    // The main file says which generation is live, and holds no rows of its own.
    expect(tablesIn(path.join(dir, 'read-models.sqlite'))).toEqual(['generations', 'sqlite_sequence']);
    expect(journalModeOf(genFile(dir, first.generation))).toBe('wal');
    const rows = await model.snapshot();

    const second = await rebuild(store, model, { batchSize: 1000 });
    expect(second.dropped).toBe(1);
    expect(fs.existsSync(genFile(dir, first.generation))).toBe(false);
    expect(filesIn(dir).filter((n) => /\.g\d+\.sqlite$/.test(n))).toEqual([`read-models.g${second.generation}.sqlite`]);
    expect(await model.snapshot()).toEqual(rows);
  });

  it('keeps a live generation current in its file, durably, across a reopen', async () => {
    const store = await scenarioStore(6, 200, 8);
    const dir = dataDir();
    const model = open(dir);
    const built = await rebuild(store, model, { batchSize: 30 });
    // A projector goes on in the rebuilt generation (in-process, each batch synced).
    await recordCommands(store, randomCommands(60, 80, 8), 500);
    const live = await new Projector(store, model, { batchSize: 9 }).catchUp();
    expect(live.gen).toBe(built.generation);
    const rows = await model.snapshot();
    await model.close();
    const reopened = open(dir);
    expect(await reopened.liveCheckpoint()).toMatchObject({ gen: built.generation, checkpoint: await store.headPosition() });
    expect(await reopened.snapshot()).toEqual(rows);
    const fromScratch = open(dataDir());
    await rebuild(store, fromScratch, { batchSize: 1000 });
    expect(await fromScratch.snapshot()).toEqual(rows);
  });

  it('lets another connection read on across a swap, though the file it read is removed', async () => {
    const store = await scenarioStore(7, 250, 10);
    const dir = dataDir();
    const rebuilder = open(dir);
    const first = await rebuild(store, rebuilder, { batchSize: 50 });
    // Another process (the server) reading the live model.
    const reader = open(dir);
    const before = await reader.snapshot();
    const sag = before.sager[0];
    if (!sag) throw new Error('the scenario has no sager');
    const sagPage = () => reader.listSager(parseSagerQuery({ closedAccess: true, kommune: sag.kommune, q: sag.sagsnummer }));
    await recordCommands(store, randomCommands(70, 60, 10), 900);
    const second = await rebuild(store, rebuilder, { batchSize: 50 });
    expect(fs.existsSync(genFile(dir, first.generation))).toBe(false);
    expect((await reader.liveCheckpoint())?.gen).toBe(second.generation);
    expect(await reader.snapshot()).toEqual(await rebuilder.snapshot());
    expect((await sagPage()).items.map((s) => s.sagsnummer)).toContain(sag.sagsnummer);
  });

  it('drops a half-built rebuild and its file: never written by a projector, dropped by the next rebuild', async () => {
    const store = await scenarioStore(8, 200, 8);
    const dir = dataDir();
    const crashed = open(dir);
    const half = await crashed.createGeneration(SAG_READ_MODEL.name, SAG_READ_MODEL.version, 'rebuild');
    expect(half.mode).toBe('rebuild');
    const events = await store.readAll({ maxCount: 40 });
    const last = events[events.length - 1];
    if (!last) throw new Error('no events');
    // Stands in for a rebuild that died with this batch written and never synced.
    expect(await crashed.commit(half.gen, { changes: [], checkpoint: last.position, checkpointAt: null, expectedCheckpoint: -1n })).toBe(
      'committed',
    );
    await crashed.close();

    const model = open(dir);
    const projected = await new Projector(store, model, { batchSize: 25 }).catchUp();
    expect(projected.gen).not.toBe(half.gen);
    expect(fs.existsSync(genFile(dir, half.gen))).toBe(true);
    const rows = await model.snapshot();

    const report = await rebuild(store, model, { batchSize: 25 });
    expect(fs.existsSync(genFile(dir, half.gen))).toBe(false);
    expect((await model.generations()).map((g) => [g.gen, g.state])).toEqual([[report.generation, 'live']]);
    expect(await model.snapshot()).toEqual(rows);
  });

  it('drops a half-built file torn by a crash mid-write, which cannot even be read', async () => {
    const store = await scenarioStore(11, 120, 6);
    const dir = dataDir();
    const crashed = open(dir);
    const half = await crashed.createGeneration(SAG_READ_MODEL.name, SAG_READ_MODEL.version, 'rebuild');
    await crashed.close();
    // Nothing on disk could roll back what a killed rebuild wrote half of: here, its schema page.
    const fd = fs.openSync(genFile(dir, half.gen), 'r+');
    fs.writeSync(fd, Buffer.alloc(4000, 0xa5), 0, 4000, 100);
    fs.closeSync(fd);

    const model = open(dir);
    expect((await model.generations()).map((g) => [g.gen, g.state, g.checkpoint])).toEqual([[half.gen, 'building', -1n]]);
    const report = await rebuild(store, model, { batchSize: 30 });
    expect(fs.existsSync(genFile(dir, half.gen))).toBe(false);
    expect((await model.generations()).map((g) => g.gen)).toEqual([report.generation]);
    expect(await model.liveCheckpoint()).toMatchObject({ checkpoint: await store.headPosition() });
  });

  it('refuses a batch for a rebuilt generation another writer moved on or dropped', async () => {
    const model = open();
    const generation = await model.createGeneration(SAG_READ_MODEL.name, SAG_READ_MODEL.version, 'rebuild');
    const request = { changes: [], checkpoint: 3n, checkpointAt: null };
    expect(await model.commit(generation.gen, { ...request, expectedCheckpoint: 7n })).toBe('moved');
    expect(await model.commit(generation.gen, { ...request, expectedCheckpoint: -1n })).toBe('committed');
    expect((await model.generations()).find((g) => g.gen === generation.gen)?.checkpoint).toBe(3n);
    await model.dropGeneration(generation.gen);
    expect(fs.existsSync(genFile(path.dirname(model.file), generation.gen))).toBe(false);
    expect(await model.commit(generation.gen, { ...request, checkpoint: 5n, expectedCheckpoint: 3n })).toBe('retired');
  });

  it('says the live model is unavailable, rather than waiting for ever, when its file has been deleted', async () => {
    const store = await scenarioStore(9, 60, 4);
    const dir = dataDir();
    const built = await rebuild(store, open(dir), { batchSize: 100 });
    const reader = open(dir);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${genFile(dir, built.generation)}${suffix}`, { force: true });
    await expect(reader.listCommittees('lejre')).rejects.toBeInstanceOf(ReadModelUnavailableError);
  });

  it('refuses read models of an earlier layout with a clear error; removeOldLayout (cli rebuild) clears them', async () => {
    const dir = dataDir();
    // What every data directory held before generations had files of their own.
    const old = new Database(path.join(dir, 'read-models.sqlite'));
    old.exec('CREATE TABLE rm_generations (gen INTEGER PRIMARY KEY); CREATE TABLE g1_sager (x); CREATE TABLE g1_timeline (x);');
    old.close();
    fs.writeFileSync(path.join(dir, 'read-models.g2.sqlite'), 'an old rebuild');
    expect(() => new SqliteReadModel(dir)).toThrow(ReadModelOldLayoutError);
    expect(() => new SqliteReadModel(dir)).toThrow(/cli -- rebuild/);
    expect(removeOldLayout(dir)).toBe(true);
    expect(filesIn(dir)).toEqual([]);
    const store = await scenarioStore(10, 80, 4);
    const model = open(dir);
    await rebuild(store, model, { batchSize: 40 });
    expect(await model.liveCheckpoint()).toMatchObject({ checkpoint: await store.headPosition() });
    expect(removeOldLayout(dir)).toBe(false);
  });
});
