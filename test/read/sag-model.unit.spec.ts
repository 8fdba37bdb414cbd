import { kommuneKey } from '@sagsspor/sag';
import { derive } from '../../libs/read-model/src/projection/derive';
import { sagEventOf } from '../../libs/read-model/src/projection/records';
import { SagModel } from '../../libs/read-model/src/projection/sag-model';
import { rng, scenarioStore } from './support/scenarios';

/** The incremental model must always hold what derive() computes from scratch. */
describe('SagModel (incremental) against derive (from scratch)', () => {
  it.each([21, 22, 23, 24, 25, 26])('agrees after every batch of random histories, seed %i', async (seed) => {
    const store = await scenarioStore(seed, 300, 5);
    const random = rng(seed);
    const models = new Map<string, SagModel>();
    const events = await store.readAll();
    for (let i = 0; i < events.length; ) {
      const batch = events.slice(i, i + 1 + Math.floor(random() * 12));
      i += batch.length;
      const touched = new Set<SagModel>();
      for (const e of batch) {
        const event = sagEventOf(e);
        if (!event) continue;
        let model = models.get(e.streamName);
        if (!model) {
          model = SagModel.empty({
            streamName: e.streamName,
            kommune: event.data.kommune,
            kommuneKey: kommuneKey(event.data.kommune),
            sagsnummer: event.data.sagsnummer,
          });
          models.set(e.streamName, model);
        }
        if (model.apply(e, event)) touched.add(model);
      }
      for (const model of touched) {
        const change = model.finish();
        const reference = derive(model.state);
        expect(model.derived).toEqual(reference);
        expect(change.summary).toEqual(reference.summary);
        // A model loaded from what was stored derives the same rows.
        expect(SagModel.fromState({ ...model.state, records: [...model.state.records] }).derived).toEqual(reference);
      }
    }
    expect(models.size).toBeGreaterThan(2);
  });
});
