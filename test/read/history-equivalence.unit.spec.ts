import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InMemoryEventStore } from '@sagsspor/event-store';
import { GetSagHistoryHandler, GetSagHistory, recordTreatments } from '@sagsspor/recording';
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

describe('a genoptagelse whose postponed treatment is enriched later', () => {
  it('names the resumed item in the read model as in the stream history', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-rm-'));
    const model = new SqliteReadModel(dir);
    const store = new InMemoryEventStore();
    try {
      const sag = { kommune: 'Slagelse', sagsnummer: '330-2019-57265' };
      const context = {
        commandId: 'c',
        correlationId: 'c',
        causationId: 'c',
        recordedAt: '2026-01-01T00:00:00.000Z',
        recordedBy: 't',
        source: { kind: 'api' as const },
      };
      const proposal = { title: '225-timersreglen', proposal: '' };
      const committee = 'Social- og Beskæftigelsesudvalget';
      const august = { committee, meetingDate: '2019-08-12' };
      const september = { committee, meetingDate: '2019-09-02', item: 9 };
      // The September minutes mention August's postponement (item unknown) and resume it ...
      await recordTreatments(
        store,
        sag,
        [
          {
            type: 'DecideSag',
            data: {
              sag,
              treatment: { ...august, item: null, evidence: 'reference' },
              outcome: 'postponed',
              text: 'Sagen genoptages',
              proposal,
            },
          },
          { type: 'GenoptagSag', data: { sag, treatment: september, reason: 'Sagen genoptages', proposal } },
        ],
        context,
      );
      // ... and then August's own minutes arrive, with the item number.
      await recordTreatments(
        store,
        sag,
        [
          {
            type: 'DecideSag',
            data: { sag, treatment: { ...august, item: 7 }, outcome: 'postponed', text: 'Sagen genoptages', proposal },
          },
        ],
        context,
      );
      await new Projector(store, model).catchUp();
      const { asOf: _a, knownAt: _k, ...expected } = await new GetSagHistoryHandler(store).execute(new GetSagHistory(sag));
      expect(expected.timeline.find((e) => e.kind === 'genoptaget')?.resumes).toEqual({
        committeeKey: 'social- og beskæftigelsesudvalget',
        meetingDate: '2019-08-12',
        item: 7,
      });
      expect(await model.getSag(kommuneKey(sag.kommune), sag.sagsnummer)).toEqual(expected);
    } finally {
      await model.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
