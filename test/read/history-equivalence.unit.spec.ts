import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetSagHistoryHandler, GetSagHistory } from '@sagsspor/recording';
import { Projector, SqliteReadModel } from '@sagsspor/read-model';
import { kommuneKey } from '@sagsspor/sag';
import { sagIdsOf, scenarioStore } from './support/scenarios';

describe('sag timeline from the read model', () => {
  let dir: string;
  let model: SqliteReadModel;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-rm-'));
    model = new SqliteReadModel(dir);
  });
  afterEach(async () => {
    await model.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('equals GetSagHistory (buildHistory over the stream) for random histories, seed %i', async (seed) => {
    const store = await scenarioStore(seed, 120);
    await new Projector(store, model, { batchSize: 1 + (seed % 7) * 9 }).catchUp();
    const authoritative = new GetSagHistoryHandler(store);
    const sager = await sagIdsOf(store);
    expect(sager.length).toBeGreaterThan(2);
    for (const sag of sager) {
      const { asOf, knownAt, ...expected } = await authoritative.execute(new GetSagHistory(sag));
      expect([asOf, knownAt]).toEqual([null, null]);
      expect(await model.getSag(kommuneKey(sag.kommune), sag.sagsnummer)).toEqual(expected);
    }
  });
});
