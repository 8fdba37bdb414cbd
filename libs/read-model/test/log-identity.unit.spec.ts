import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InMemoryEventStore, type EventStore } from '@sagsspor/event-store';
import { projectionStatus, Projector, ReadModelLogReplacedError, SqliteReadModel } from '@sagsspor/read-model';
import { randomCommands } from '../testing/random-scenario';
import { recordCommands } from '../testing/scenario';

describe('a read model and the log it was built from', () => {
  let dir: string;
  let model: SqliteReadModel;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-log-identity-'));
    model = new SqliteReadModel(dir);
  });
  afterEach(async () => {
    await model.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("notes the log's first event with its first batch", async () => {
    const log = new InMemoryEventStore();
    await recordCommands(log, randomCommands(21, 30, 3));
    const [first] = await log.readAll({ maxCount: 1 });
    const live = await new Projector(log, model).catchUp();
    expect((await model.generations()).find((g) => g.gen === live.gen)?.logId).toBe(first?.metadata.eventId);
    expect((await projectionStatus(log, model, null)).logMismatch).toBeNull();
  });

  it('given another log as long or longer (the checkpoint within it), then it is told apart, with what to do', async () => {
    const built = new InMemoryEventStore();
    await recordCommands(built, randomCommands(22, 20, 3));
    await new Projector(built, model).catchUp();
    const other = new InMemoryEventStore();
    await recordCommands(other, randomCommands(23, 60, 4));
    expect(await other.headPosition()).toBeGreaterThanOrEqual(await built.headPosition());

    const status = await projectionStatus(other, model, null);
    expect(status.logMismatch).toEqual({ code: 'read-model.log-replaced', detail: expect.stringContaining('npm run -s cli -- rebuild') });
    await expect(new Projector(other, model).checkAgainstLog()).rejects.toBeInstanceOf(ReadModelLogReplacedError);
    // The same log grown: still the one it was built from.
    await recordCommands(built, randomCommands(24, 10, 2), 1000);
    expect((await projectionStatus(built, model, null)).logMismatch).toBeNull();
  });

  it('given an emptied log, then the model is ahead of it', async () => {
    const built = new InMemoryEventStore();
    await recordCommands(built, randomCommands(25, 10, 2));
    await new Projector(built, model).catchUp();
    expect((await projectionStatus(new InMemoryEventStore(), model, null)).logMismatch?.code).toBe('read-model.ahead-of-log');
  });
});

describe('a running projector whose log is replaced under it', () => {
  it('stops at its next subscription, saying why, instead of applying another log or retrying forever', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-log-identity-'));
    const model = new SqliteReadModel(dir);
    try {
      const built = new InMemoryEventStore();
      await recordCommands(built, randomCommands(26, 20, 3));
      let current: EventStore = built;
      const log: EventStore = new Proxy(built, { get: (_t, name: keyof EventStore) => current[name].bind(current) });
      const projector = new Projector(log, model, { retryMinMs: 1, retryMaxMs: 1 });
      projector.start();
      expect(await projector.waitForPosition(await built.headPosition(), 60_000)).toBe(true);
      const before = await model.snapshot();
      const other = new InMemoryEventStore();
      await recordCommands(other, randomCommands(27, 60, 4));
      current = other;
      // Its subscription ends (the server went away and came back with another log): it resubscribes, and stops there.
      await built.close();
      for (const giveUp = Date.now() + 60_000; projector.stats.lastError === null && Date.now() < giveUp; )
        await new Promise((r) => setTimeout(r, 5));
      expect(projector.stats.lastError).toMatch(/built from an event log whose first event is/);
      await projector.stop();
      // Nothing of the other log was applied on top of the model.
      expect(await model.snapshot()).toEqual(before);
    } finally {
      await model.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
