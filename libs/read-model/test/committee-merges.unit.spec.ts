import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InMemoryEventStore } from '@sagsspor/event-store';
import { Projector, rebuild, SqliteReadModel, parseSagerQuery, type ReadModelSnapshot } from '@sagsspor/read-model';
import { RecordCommitteeChange, RecordCommitteeChangeHandler, RecordSagRoute, RecordSagRouteHandler } from '@sagsspor/recording';
import { committeeStreamName, mergesOfStream, registryOfNames, type CommitteeCommand, type SagCommand } from '@sagsspor/sag';
import { randomCommands } from '../testing/random-scenario';
import { recordCommands } from '../testing/scenario';

const JA = 'Udvalget for Job & Arbejdsmarked - 2018-2021';
const JAI = 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025';
const OLD = { kommune: 'Lejre', sagsnummer: '21-000101' };
const proposal = { title: 'Beskæftigelsesplan', proposal: '1. at planen anbefales' };
const context = (n: number) => ({
  commandId: `merge-${n}`,
  correlationId: `merge-${n}`,
  causationId: `merge-${n}`,
  recordedAt: new Date(Date.UTC(2024, 6, 1, 0, 0, n)).toISOString(),
  recordedBy: 'admin@test',
  source: { kind: 'api' as const },
});

/** The kommune's committees as the API hands them to the handler: every name printed in the log. */
const known = registryOfNames('Lejre', [
  JA,
  JAI,
  'Økonomiudvalget',
  'Byrådet',
  'Børne- og Familieudvalget',
  'Social, Sundhed & Ældre - 2022-2025',
]);

describe('the read models follow committee merges and splits', () => {
  let dir: string;
  let model: SqliteReadModel;
  let store: InMemoryEventStore;
  let n = 0;
  const change = (command: CommitteeCommand) =>
    new RecordCommitteeChangeHandler(store).execute(new RecordCommitteeChange(command, known, context((n += 1))));
  const merge = (alias: string, into: string) => change({ type: 'MergeCommittees', data: { kommune: 'Lejre', alias, into } });
  const split = (alias: string) => change({ type: 'SplitCommittee', data: { kommune: 'Lejre', alias } });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-merges-'));
    model = new SqliteReadModel(dir);
    store = new InMemoryEventStore();
    const old: SagCommand = {
      type: 'RecommendSag',
      data: {
        sag: OLD,
        treatment: { committee: JA, meetingDate: '2021-06-01', item: 3 },
        recommendedTo: 'Økonomiudvalget',
        text: 'Indstillingen anbefales.',
        proposal,
      },
    };
    await recordCommands(store, [old, ...randomCommands(21, 120, 8)]);
    await new RecordSagRouteHandler(store).execute(
      new RecordSagRoute(
        {
          type: 'RecordRoute',
          data: {
            sag: OLD,
            via: [{ committee: JAI }],
            decidingBodies: [{ committee: 'Økonomiudvalget' }],
            sources: [{ kind: 'clerk', text: 'Planlagt', document: null, line: null }],
            effectiveDate: '2021-05-01',
          },
        },
        context(0),
      ),
    );
  });
  afterEach(async () => {
    await model.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fromZero(batchSize: number): Promise<ReadModelSnapshot> {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-merges-clean-'));
    const clean = new SqliteReadModel(other);
    try {
      await new Projector(store, clean, { batchSize }).catchUp();
      return await clean.snapshot();
    } finally {
      await clean.close();
      fs.rmSync(other, { recursive: true, force: true });
    }
  }

  const nextOf = async () => (await model.snapshot()).sager.find((s) => s.sagsnummer === OLD.sagsnummer)?.next?.committeeKey;

  it('given merges and splits recorded between batches, when projected incrementally, then the rows equal a rebuild from zero in any batch size', async () => {
    const projector = new Projector(store, model, { batchSize: 3 });
    await projector.catchUp();
    expect(await nextOf()).toBe('job, arbejdsmarked og integration');
    const before = (await model.snapshot()).sager.length;

    expect((await merge(JA, JAI)).appended).toBe(1);
    await projector.catchUp();
    expect(await nextOf()).toBe('økonomiudvalget');
    expect(await model.snapshot()).toEqual(await fromZero(1000));

    await merge('Børne- og Familieudvalget', 'Økonomiudvalget');
    await recordCommands(store, randomCommands(22, 60, 8), 1000);
    await split('job og arbejdsmarked');
    await projector.catchUp();
    expect(await nextOf()).toBe('job, arbejdsmarked og integration');
    const snapshot = await model.snapshot();
    expect(snapshot.sager.length).toBeGreaterThan(before);
    // The committee filter (its own rows, kept while live) follows the split as the summaries do.
    for (const committee of ['job, arbejdsmarked og integration', 'job og arbejdsmarked', 'økonomiudvalget', 'børne og familieudvalget']) {
      const listed = await model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'Lejre', committee, limit: 500 }));
      const naming = snapshot.sager.filter(
        (s) => s.kommune.toLowerCase().startsWith('lejre') && s.committees.some((c) => c.committeeKey === committee),
      );
      expect([committee, listed.items.map((s) => s.sagsnummer).sort()]).toEqual([committee, naming.map((s) => s.sagsnummer).sort()]);
    }
    expect(snapshot).toEqual(await fromZero(1000));
    expect(snapshot).toEqual(await fromZero(2));
    await rebuild(store, model, { batchSize: 7 });
    expect(await model.snapshot()).toEqual(snapshot);
  });

  it('given a committee merged into another, when listed, then it is one committee and every query by either key finds its sager', async () => {
    await merge('Børne- og Familieudvalget', 'Økonomiudvalget');
    await new Projector(store, model).catchUp();
    const merges = mergesOfStream(await store.readStream(committeeStreamName('Lejre')));
    const committees = await model.listCommittees('lejre', merges);
    expect(committees.map((c) => c.committeeKey)).toContain('økonomiudvalget');
    expect(committees.map((c) => c.committeeKey)).not.toContain('børne og familieudvalget');
    const snapshot = await model.snapshot();
    const lejre = snapshot.sager.filter((s) => s.kommune.toLowerCase().startsWith('lejre'));
    expect(lejre.flatMap((s) => s.committees.map((c) => c.committeeKey))).not.toContain('børne og familieudvalget');
    expect(lejre.map((s) => s.next?.committeeKey)).not.toContain('børne og familieudvalget');
    const page = await model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'Lejre', committee: 'Økonomiudvalget', limit: 500 }));
    const withEither = lejre.filter((s) => s.committees.some((c) => c.committeeKey === 'økonomiudvalget'));
    expect(page.items.map((s) => s.sagsnummer).sort()).toEqual(withEither.map((s) => s.sagsnummer).sort());
    expect((await store.readStream(committeeStreamName('Lejre Kommune'))).map((e) => e.type)).toEqual(['CommitteeAliasMerged.v1']);
  });
});
