import { kommuneKey } from '@sagsspor/sag';
import { derive } from '../../libs/read-model/src/projection/derive';
import { sagEventOf } from '../../libs/read-model/src/projection/records';
import { SagModel } from '../../libs/read-model/src/projection/sag-model';
import { rng, scenarioStore } from './support/scenarios';

/** The model of a sag, made on its first event as the writer makes it. */
function modelOf(models: Map<string, SagModel>, streamName: string, data: { kommune: string; sagsnummer: string }): SagModel {
  let model = models.get(streamName);
  if (!model) {
    model = SagModel.empty({ streamName, kommune: data.kommune, kommuneKey: kommuneKey(data.kommune), sagsnummer: data.sagsnummer });
    models.set(streamName, model);
  }
  return model;
}

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
        const model = modelOf(models, e.streamName, event.data);
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

  it.each([31, 32])('writes the same rows when it leaves the summary for later, seed %i', async (seed) => {
    const store = await scenarioStore(seed, 300, 5);
    const random = rng(seed);
    const withSummary = new Map<string, SagModel>();
    const deferring = new Map<string, SagModel>();
    const events = await store.readAll();
    for (let i = 0; i < events.length; ) {
      const batch = events.slice(i, i + 1 + Math.floor(random() * 12));
      i += batch.length;
      const touched = new Set<string>();
      for (const e of batch) {
        const event = sagEventOf(e);
        if (!event) continue;
        const a = modelOf(withSummary, e.streamName, event.data).apply(e, event);
        const b = modelOf(deferring, e.streamName, event.data).apply(e, event);
        expect(b).toBe(a);
        if (a) touched.add(e.streamName);
      }
      for (const name of touched) {
        const full = (withSummary.get(name) as SagModel).finish(true);
        const late = deferring.get(name) as SagModel;
        const { summary, committees, ...rows } = late.finish(false);
        expect(summary).toBeNull();
        expect(committees).toEqual({ put: [], remove: [] });
        const { summary: _s, committees: _c, ...expected } = full;
        expect(rows).toEqual(expected);
        expect(late.summaryChange().summary).toEqual(full.summary);
      }
    }
  });
});
