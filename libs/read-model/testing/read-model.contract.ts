import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from '@sagsspor/event-store';
import {
  GetSagHistory,
  GetSagHistoryHandler,
  RecordCommitteeChange,
  RecordCommitteeChangeHandler,
  RecordSagRoute,
  RecordSagRouteHandler,
} from '@sagsspor/recording';
import { committeeStreamName, mergesOfStream, registryOfNames, type RecordRoute } from '@sagsspor/sag';
import {
  GenerationWriter,
  parseDecisionsQuery,
  parseMeetingsQuery,
  parseSagerQuery,
  Projector,
  ReadModelNotReadyError,
  rebuild,
  type ReadModelStore,
  type SagerFilter,
} from '@sagsspor/read-model';
import { randomCommands, randomCommandsWithCorrections } from './random-scenario';
import { CONTRACT_COMMANDS, recordCommands, sagIdsOf, withdrawSome } from './scenario';

export interface ContractModel {
  readonly model: ReadModelStore;
  cleanup(): Promise<void>;
}

/**
 * The one behavioural definition of the read-model port, run against every
 * adapter from its own spec file: the same events must give the same rows and
 * the same answers, whichever store holds them.
 */
export function describeReadModelContract(name: string, factory: () => Promise<ContractModel>): void {
  describe(`ReadModel contract: ${name}`, () => {
    let model: ReadModelStore;
    let cleanup: () => Promise<void>;
    let store: InMemoryEventStore;

    beforeEach(async () => {
      ({ model, cleanup } = await factory());
      store = new InMemoryEventStore();
    });

    afterEach(async () => {
      await cleanup();
    });

    const project = (batchSize = 1000) => new Projector(store, model, { batchSize }).catchUp();
    const sager = async (filter: Omit<SagerFilter, 'kommune' | 'closedAccess'> & { kommune?: string; closedAccess?: boolean }) =>
      (await model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'Lejre', ...filter }))).items.map((s) => s.sagsnummer);

    it('answers not-ready until a first generation is complete, then serves it', async () => {
      await expect(model.listCommittees('lejre')).rejects.toBeInstanceOf(ReadModelNotReadyError);
      await expect(model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'Lejre' }))).rejects.toBeInstanceOf(
        ReadModelNotReadyError,
      );
      expect(await model.liveCheckpoint()).toBeNull();
      await recordCommands(store, CONTRACT_COMMANDS);
      const live = await project();
      expect(live.state).toBe('live');
      expect(await model.liveCheckpoint()).toMatchObject({ gen: live.gen, checkpoint: await store.headPosition() });
      expect((await model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'Lejre', q: '23-002657' }))).items).toMatchObject([
        { kommune: 'Lejre', status: 'decided' },
      ]);
    });

    describe('on the known scenario', () => {
      beforeEach(async () => {
        await recordCommands(store, CONTRACT_COMMANDS);
        await project(3);
      });

      it('summarises each sag: status, last committee, where it goes next, committees in order, dates, access', async () => {
        const page = await model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'LEJRE kommune' }));
        expect(page.nextCursor).toBeNull();
        expect(page.items.map((s) => s.sagsnummer)).toEqual(['19/3742', '23-002657', '24-000233']);
        const [b, a, c] = page.items;
        expect(a).toEqual({
          kommune: 'Lejre',
          sagsnummer: '23-002657',
          title: 'Status på kvartalsplaner',
          status: 'decided',
          access: 'open',
          lastCommittee: 'Økonomiudvalget',
          lastCommitteeKey: 'økonomiudvalget',
          recommendedTo: null,
          committees: [
            { committee: 'Social, Sundhed & Ældre - 2022-2025', committeeKey: 'social, sundhed og ældre' },
            {
              committee: 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025',
              committeeKey: 'job, arbejdsmarked og integration',
            },
            { committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget' },
          ],
          firstDate: '2024-02-05',
          lastDate: '2024-02-21',
          revision: 5,
          // No route recorded: the body it was recommended to decided, so it is decided for good.
          now: { committee: 'Økonomiudvalget', committeeKey: 'økonomiudvalget', date: '2024-02-21' },
          next: null,
          final: true,
        });
        expect(b).toMatchObject({
          kommune: 'Lejre',
          title: 'Køb af ejendom',
          status: 'recommended',
          recommendedTo: 'Byrådet',
          access: 'closed',
          firstDate: '2024-03-05',
          lastDate: '2024-04-02',
          next: { committee: 'Byrådet', committeeKey: 'byrådet' },
          final: false,
        });
        expect(c).toMatchObject({ title: 'Skolestruktur', status: 'decided', committees: [{ committeeKey: 'børne og familieudvalget' }] });
        expect(c).toMatchObject({ next: null, final: false });
      });

      it('follows a recorded route: next is the first planned stop not visited, and ?next and ?stale find the sager', async () => {
        expect(await sager({ next: 'Byrådet' })).toEqual(['19/3742']);
        const route: RecordRoute = {
          type: 'RecordRoute',
          data: {
            sag: { kommune: 'Lejre', sagsnummer: '19/3742' },
            via: [{ committee: 'Teknik- og Miljøudvalget' }, { committee: 'Økonomiudvalget' }],
            decidingBodies: [{ committee: 'Byrådet' }],
            sources: [{ kind: 'clerk', text: 'Plan', document: null, line: null }],
            effectiveDate: '2024-03-01',
          },
        };
        const context = {
          commandId: 'r',
          correlationId: 'r',
          causationId: 'r',
          recordedAt: '2024-06-02T00:00:00.000Z',
          recordedBy: 'contract',
        };
        await new RecordSagRouteHandler(store).execute(new RecordSagRoute(route, { ...context, source: { kind: 'api' } }));
        await project();
        expect(await sager({ next: 'teknik og miljøudvalg' })).toEqual(['19/3742']);
        expect(await sager({ next: 'Byrådet' })).toEqual([]);
        const [b] = (await model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'Lejre', q: '19/3742' }))).items;
        expect(b).toMatchObject({ now: { committeeKey: 'økonomiudvalget', date: '2024-04-02' }, final: false, revision: 5 });
        // Stood still for 30 days by 2024-04-20 and not decided for good: only the school sag (23-002657 is final).
        expect(await sager({ stale: 'P30D', today: '2024-04-20' })).toEqual(['24-000233']);
        expect(await sager({ stale: 'P1Y', today: '2024-04-20' })).toEqual([]);
        expect(() => parseSagerQuery({ closedAccess: true, kommune: 'Lejre', stale: '90 days', today: '2024-04-20' })).toThrow(/stale/);
      });

      it('filters sager by committee key, status, last-date range and text in title or number', async () => {
        expect(await sager({ committee: 'Økonomiudvalget - 2022-2025' })).toEqual(['19/3742', '23-002657']);
        expect(await sager({ committee: 'Social, Sundhed og Ældre' })).toEqual(['23-002657']);
        expect(await sager({ committee: 'Byrådet' })).toEqual([]);
        expect(await sager({ status: 'recommended' })).toEqual(['19/3742']);
        expect(await sager({ status: 'decided', committee: 'økonomiudvalget' })).toEqual(['23-002657']);
        expect(await sager({ from: '2024-02-01', to: '2024-02-28' })).toEqual(['23-002657']);
        expect(await sager({ q: 'KVARTAL' })).toEqual(['23-002657']);
        expect(await sager({ q: '19/37' })).toEqual(['19/3742']);
        expect(await sager({ q: '.*' })).toEqual([]);
        // A closed item's title finds its sag only for a reader who may read it; its number finds it for everyone.
        expect(await sager({ q: 'ejendom' })).toEqual(['19/3742']);
        expect(await sager({ q: 'ejendom', closedAccess: false })).toEqual([]);
        expect(await sager({ q: '19/37', closedAccess: false })).toEqual(['19/3742']);
        expect(await sager({ kommune: 'Slagelse Kommune' })).toEqual(['330-2019-57265']);
        expect(await sager({ kommune: 'Randers' })).toEqual([]);
      });

      it('pages sager with opaque cursors, without gaps or repeats', async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await model.listSager(
            parseSagerQuery({ closedAccess: true, kommune: 'lejre', limit: 1, ...(cursor ? { cursor } : {}) }),
          );
          seen.push(...page.items.map((s) => s.sagsnummer));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(['19/3742', '23-002657', '24-000233']);
      });

      it('lists committees with their meetings and items', async () => {
        expect(await model.listCommittees('lejre')).toEqual([
          {
            committee: 'Børne- og Familieudvalget',
            committeeKey: 'børne og familieudvalget',
            period: null,
            periods: [],
            aliases: ['børne- og familieudvalget', 'BF', 'BFU'],
            meetings: 1,
            items: 1,
            firstMeeting: '2024-01-10',
            lastMeeting: '2024-01-10',
          },
          {
            committee: 'Udvalget for Job, Arbejdsmarked og Integration - 2022-2025',
            committeeKey: 'job, arbejdsmarked og integration',
            period: '2022-2025',
            periods: ['2022-2025'],
            aliases: ['udvalget for job, arbejdsmarked og integration', 'JAI'],
            meetings: 1,
            items: 1,
            firstMeeting: '2024-02-07',
            lastMeeting: '2024-02-07',
          },
          {
            committee: 'Social, Sundhed & Ældre - 2022-2025',
            committeeKey: 'social, sundhed og ældre',
            period: '2022-2025',
            periods: ['2022-2025'],
            aliases: ['social, sundhed & ældre', 'SSÆ'],
            meetings: 1,
            items: 1,
            firstMeeting: '2024-02-05',
            lastMeeting: '2024-02-05',
          },
          {
            committee: 'Økonomiudvalget',
            committeeKey: 'økonomiudvalget',
            period: null,
            periods: [],
            aliases: ['økonomiudvalget', 'ØU'],
            meetings: 3,
            items: 3,
            firstMeeting: '2024-02-21',
            lastMeeting: '2024-04-02',
          },
        ]);
        expect(await model.listCommittees('randers')).toEqual([]);
      });

      it("lists a committee's meetings newest first, with each item's sag, title, step and outcome", async () => {
        const first = await model.listMeetings(parseMeetingsQuery({ kommune: 'Lejre', committee: 'økonomiudvalget', limit: 2 }));
        expect(first.items).toEqual([
          {
            meetingDate: '2024-04-02',
            committee: 'Økonomiudvalget',
            committeeKey: 'økonomiudvalget',
            items: [
              {
                item: 5,
                sagsnummer: '19/3742',
                title: 'Køb af ejendom',
                step: 'recommended',
                outcome: null,
                recommendedTo: 'Byrådet',
                access: 'closed',
              },
            ],
          },
          {
            meetingDate: '2024-03-05',
            committee: 'Økonomiudvalget',
            committeeKey: 'økonomiudvalget',
            items: [
              {
                item: 3,
                sagsnummer: '19/3742',
                title: 'Køb af ejendom',
                step: 'decided',
                outcome: 'postponed',
                recommendedTo: null,
                access: 'closed',
              },
            ],
          },
        ]);
        expect(first.nextCursor).toEqual(expect.any(String));
        const second = await model.listMeetings(
          parseMeetingsQuery({ kommune: 'Lejre', committee: 'økonomiudvalget', limit: 2, cursor: first.nextCursor as string }),
        );
        expect(second.items.map((m) => [m.meetingDate, m.items.map((i) => [i.sagsnummer, i.item, i.step, i.outcome])])).toEqual([
          ['2024-02-21', [['23-002657', 12, 'decided', 'approved']]],
        ]);
        expect(second.nextCursor).toBeNull();
        const bfu = await model.listMeetings(parseMeetingsQuery({ kommune: 'Lejre', committee: 'Børne- og Familieudvalget' }));
        expect(bfu.items[0]?.items).toEqual([
          {
            item: 2,
            sagsnummer: '24-000233',
            title: 'Skolestruktur',
            step: 'decided',
            outcome: 'noted',
            recommendedTo: null,
            access: 'open',
          },
        ]);
      });

      it('keeps the decision log newest first, filtered by committee, outcome and date, paged', async () => {
        const all = await model.listDecisions(parseDecisionsQuery({ kommune: 'Lejre' }));
        expect(all.items.map((d) => [d.meetingDate, d.sagsnummer, d.outcome])).toEqual([
          ['2024-04-02', '19/3742', 'recommended'],
          ['2024-03-05', '19/3742', 'postponed'],
          ['2024-02-21', '23-002657', 'approved'],
          ['2024-02-07', '23-002657', 'recommended'],
          ['2024-02-05', '23-002657', 'recommended'],
          ['2024-01-10', '24-000233', 'noted'],
        ]);
        expect(all.items[0]).toMatchObject({
          kommune: 'Lejre',
          title: 'Køb af ejendom',
          committee: 'Økonomiudvalget',
          item: 5,
          step: 'recommended',
          recommendedTo: 'Byrådet',
          text: 'Indstilles godkendt',
          access: 'closed',
        });
        // The reference was enriched by the committee's own minutes: one decision, with their wording.
        expect(all.items[5]).toMatchObject({
          title: 'Skolestruktur',
          item: 2,
          text: 'Orienteringen taget til efterretning.',
          access: 'open',
        });
        const ids = (f: object) =>
          model
            .listDecisions(parseDecisionsQuery({ kommune: 'lejre', ...f }))
            .then((p) => p.items.map((d) => `${d.meetingDate} ${d.outcome}`));
        expect(await ids({ outcome: 'recommended' })).toEqual([
          '2024-04-02 recommended',
          '2024-02-07 recommended',
          '2024-02-05 recommended',
        ]);
        expect(await ids({ committee: 'Økonomiudvalget' })).toEqual([
          '2024-04-02 recommended',
          '2024-03-05 postponed',
          '2024-02-21 approved',
        ]);
        expect(await ids({ from: '2024-02-06', to: '2024-03-05' })).toEqual([
          '2024-03-05 postponed',
          '2024-02-21 approved',
          '2024-02-07 recommended',
        ]);
        const first = await model.listDecisions(parseDecisionsQuery({ kommune: 'lejre', limit: 4 }));
        const rest = await model.listDecisions(parseDecisionsQuery({ kommune: 'lejre', limit: 4, cursor: first.nextCursor as string }));
        expect([...first.items, ...rest.items]).toEqual(all.items);
        expect(rest.nextCursor).toBeNull();
      });

      it('summarises every sag as its stream history reads: kommune, title, status, access, revision', async () => {
        await expectSummariesAsHistories();
      });

      it('follows a committee merged into another: one committee, its sager under either name, the same as a rebuild', async () => {
        const known = registryOfNames('Lejre', ['Børne- og Familieudvalget', 'Økonomiudvalget']);
        const context = {
          commandId: 'm',
          correlationId: 'm',
          causationId: 'm',
          recordedAt: '2024-07-01T00:00:00.000Z',
          recordedBy: 'admin',
        };
        const merge = { type: 'MergeCommittees' as const, data: { kommune: 'Lejre', alias: 'Børne- og Familieudvalget', into: 'ØU' } };
        await new RecordCommitteeChangeHandler(store).execute(
          new RecordCommitteeChange(merge, known, { ...context, source: { kind: 'api' } }),
        );
        await project(3);
        const merges = mergesOfStream(await store.readStream(committeeStreamName('Lejre')));
        const keys = (await model.listCommittees('lejre', merges)).map((c) => c.committeeKey);
        expect(keys).toContain('økonomiudvalget');
        expect(keys).not.toContain('børne og familieudvalget');
        expect(await sager({ committee: 'økonomiudvalget' })).toContain('24-000233');
        const meetings = await model.listMeetings(
          parseMeetingsQuery({ kommune: 'Lejre', committee: 'økonomiudvalget' }, () => ({
            key: 'økonomiudvalget',
            keys: ['økonomiudvalget', 'børne og familieudvalget'],
          })),
        );
        expect(meetings.items.map((m) => m.meetingDate)).toContain('2024-01-10');
        expect(new Set(meetings.items.map((m) => m.committeeKey))).toEqual(new Set(['økonomiudvalget']));
        const [live] = (await model.generations()).filter((g) => g.state === 'live');
        const naming = (await model.snapshot()).sager.filter(
          (s) =>
            s.kommune.toLowerCase().startsWith('lejre') &&
            (s.next?.committeeKey === 'økonomiudvalget' || s.committees.some((c) => c.committeeKey === 'økonomiudvalget')),
        );
        const found = await model.sagerNaming((live as NonNullable<typeof live>).gen, 'lejre', ['økonomiudvalget']);
        expect(found.map((s) => s.sagsnummer).sort()).toEqual(naming.map((s) => s.sagsnummer).sort());
        const incremental = await model.snapshot();
        await rebuild(store, model, { batchSize: 5 });
        expect(await model.snapshot()).toEqual(incremental);
      });

      it('keeps the model unchanged when a writer behind the stored checkpoint replays a batch', async () => {
        const before = await model.snapshot();
        const [live] = (await model.generations()).filter((g) => g.state === 'live');
        const stale = new GenerationWriter(store, model, { ...(live as NonNullable<typeof live>), checkpoint: 3n });
        await stale.write(await store.readAll({ after: 3n }));
        expect(await model.snapshot()).toEqual(before);
      });
    });

    it('gives identical models from a rebuild and from incremental processing, and swaps only when caught up', async () => {
      const commands = randomCommands(42, 300, 10);
      const projector = new Projector(store, model, { batchSize: 7 });
      projector.start();
      for (let i = 0; i < commands.length; i += 25) {
        await recordCommands(store, commands.slice(i, i + 25), i);
        expect(await projector.waitForPosition(await store.headPosition(), 5000)).toBe(true);
      }
      const incremental = await model.snapshot();
      const liveBefore = (await model.liveCheckpoint())?.gen;
      const report = await rebuild(store, model, { batchSize: 50 });
      expect(report).toMatchObject({ replaced: liveBefore, events: (await store.readAll()).length });
      expect((await model.liveCheckpoint())?.gen).toBe(report.generation);
      expect(await model.snapshot()).toEqual(incremental);
      // A cache too small for the log: sager leave it (their summaries written then) and are read back from their streams.
      await rebuild(store, model, { batchSize: 9, cacheSize: 4 });
      expect(await model.snapshot()).toEqual(incremental);
      // The running projector follows the swap and keeps the new generation current.
      await recordCommands(store, randomCommands(43, 40, 10), 1000);
      expect(await projector.waitForPosition(await store.headPosition(), 5000)).toBe(true);
      await projector.stop();
      const after = await model.snapshot();
      await rebuild(store, model, { batchSize: 1000 });
      expect(await model.snapshot()).toEqual(after);
      expect((await model.generations()).map((g) => g.state)).toEqual(['live']);
    });

    it('shows corrected and withdrawn records as the stream does, and a rebuild gives the same models', async () => {
      const projector = new Projector(store, model, { batchSize: 7 });
      projector.start();
      await recordCommands(store, randomCommandsWithCorrections(21, 250, 8));
      expect(await withdrawSome(store)).toBeGreaterThan(0);
      // Some treatments recorded again after their withdrawal, some corrected again.
      await recordCommands(store, randomCommandsWithCorrections(22, 120, 8), 2000);
      const types = new Set((await store.readAll()).map((e) => e.type));
      expect([...types]).toEqual(expect.arrayContaining(['SagTreatmentCorrected.v1', 'SagTreatmentWithdrawn.v1']));
      expect(await projector.waitForPosition(await store.headPosition(), 5000)).toBe(true);
      await projector.stop();
      const incremental = await model.snapshot();
      await rebuild(store, model, { batchSize: 50 });
      expect(await model.snapshot()).toEqual(incremental);
      await rebuild(store, model, { batchSize: 11, cacheSize: 3 });
      expect(await model.snapshot()).toEqual(incremental);
      await expectSummariesAsHistories();
    });

    it('drops a sag whose every record is withdrawn from the lists, and lists it again once it is recorded anew', async () => {
      const only = CONTRACT_COMMANDS.slice(0, 1);
      const listed = async () =>
        (await model.listSager(parseSagerQuery({ closedAccess: true, kommune: 'Lejre' }))).items.map((s) => s.sagsnummer);
      await recordCommands(store, only);
      await project();
      const [sag] = await listed();
      expect(sag).toBeDefined();
      expect(await withdrawSome(store)).toBeGreaterThan(0);
      await project();
      expect(await listed()).toEqual([]);
      expect((await model.snapshot()).sager).toEqual([]);
      await recordCommands(store, only, 100);
      await project();
      expect(await listed()).toEqual([sag]);
    });

    it('summarises every sag of random histories as its stream history reads', async () => {
      await recordCommands(store, randomCommands(7, 250, 8));
      await project(13);
      await expectSummariesAsHistories();
    });

    /** The summary's headline and buildHistory's come from the same rules (libs/sag): they must agree for every sag. */
    async function expectSummariesAsHistories(): Promise<void> {
      const handler = new GetSagHistoryHandler(store);
      const sager = await sagIdsOf(store);
      expect(sager.length).toBeGreaterThan(2);
      for (const sag of sager) {
        const history = await handler.execute(new GetSagHistory(sag));
        const page = await model.listSager(parseSagerQuery({ closedAccess: true, kommune: sag.kommune, q: sag.sagsnummer, limit: 500 }));
        const summary = page.items.find((s) => s.sagsnummer === sag.sagsnummer);
        expect(summary && [summary.kommune, summary.title, summary.status, summary.access, summary.revision]).toEqual([
          history.kommune,
          history.title,
          history.status,
          history.access,
          history.revision,
        ]);
        expect(summary?.lastDate).toBe(history.timeline[history.timeline.length - 1]?.date);
      }
    }
  });
}
