import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Filter,
} from 'mongodb';
import { compareEntries, qualityOf, withResolvedResumes, type SagHistory } from '@sagsspor/sag';
import { encodeCursor } from '../cursor';
import { ReadModelNotReadyError, ReadModelUnavailableError } from '../errors';
import { groupMeetings, periodOf } from '../meetings';
import type { CommitteeSummary, DecisionEntry, Meeting, Page, SagSummary } from '../model';
import type { CommitOutcome, CommitRequest, Generation, ReadModelSnapshot, ReadModelStore } from '../port';
import type { SagChange } from '../projection/changes';
import type { SagProjState } from '../projection/records';
import { SAG_READ_MODEL } from '../projection/version';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from '../queries';
import {
  entryOfDoc,
  meetingItemId,
  meetingItemRowOf,
  sagCommitteeRowsOf,
  sagDoc,
  stateOf,
  summaryOf,
  timelineDoc,
  timelineRowOf,
  type GenerationDoc,
  type MeetingItemDoc,
  type SagDoc,
  type TimelineDoc,
} from './documents';

export interface MongoReadModelOptions {
  /** Database name when the URL names none. Default "sagsspor". */
  readonly database?: string;
  /** Collection name prefix, so tests on a shared server keep apart. Default "rm". */
  readonly prefix?: string;
  /** A retired generation's collections are dropped this long after the swap, when no reader can still be on it. */
  readonly retiredGraceMs?: number;
}

interface GenCollections {
  readonly sager: Collection<SagDoc>;
  readonly timeline: Collection<TimelineDoc>;
  readonly meetingItems: Collection<MeetingItemDoc>;
}

const DUPLICATE_KEY = 11000;

/**
 * The MongoDB read models. At-least-once: a batch's rows are written first
 * (unordered bulkWrites), the sager documents — which hold the projection's
 * per-sag state and revision — after them, and the checkpoint last. Every
 * write is guarded on the stream revision it applies: a replayed batch finds
 * its documents already at that revision and changes nothing (an upsert that
 * meets a newer document fails with a duplicate key, which is ignored).
 */
export class MongoReadModel implements ReadModelStore {
  readonly kind = 'mongodb' as const;
  readonly exactlyOnce = false;
  readonly description: string;
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly prefix: string;
  private readonly graceMs: number;
  private readonly generationsCollection: Collection<GenerationDoc>;
  private readonly counters: Collection<{ _id: string; seq: number }>;

  constructor(url: string, options: MongoReadModelOptions = {}) {
    this.client = new MongoClient(url, { useBigInt64: true, serverSelectionTimeoutMS: 5000 });
    this.db = this.client.db(databaseOf(url) ?? options.database ?? 'sagsspor');
    this.prefix = options.prefix ?? 'rm';
    this.graceMs = options.retiredGraceMs ?? 30_000;
    this.generationsCollection = this.db.collection<GenerationDoc>(`${this.prefix}_generations`);
    this.counters = this.db.collection(`${this.prefix}_counters`);
    this.description = `MongoDB read models in database ${this.db.databaseName}`;
  }

  // ---- projection side -------------------------------------------------

  async generations(): Promise<Generation[]> {
    return this.guard(async () => (await this.generationsCollection.find().sort({ _id: 1 }).toArray()).map(toGeneration));
  }

  async createGeneration(projection: string, version: number): Promise<Generation> {
    return this.guard(async () => {
      const counter = await this.counters.findOneAndUpdate(
        { _id: 'generation' },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      const gen = counter?.seq ?? 1;
      await this.createIndexes(gen);
      const doc: GenerationDoc = {
        _id: gen,
        projection,
        version,
        state: 'building',
        checkpoint: -1n,
        checkpointAt: null,
        createdAt: new Date().toISOString(),
      };
      await this.generationsCollection.insertOne(doc);
      return toGeneration(doc);
    });
  }

  async loadSagStates(gen: number, streamNames: readonly string[]): Promise<Map<string, SagProjState>> {
    return this.guard(async () => {
      const docs = await this.collections(gen)
        .sager.find({ _id: { $in: [...streamNames] } })
        .toArray();
      return new Map(docs.map((d) => [d._id, stateOf(d)]));
    });
  }

  async commit(gen: number, request: CommitRequest): Promise<CommitOutcome> {
    return this.guard(async () => {
      const meta = await this.generationsCollection.findOne({ _id: gen });
      if (!meta || meta.state === 'retired') return 'retired';
      // Another projector is ahead: going on from its checkpoint saves replaying what it did.
      if (BigInt(meta.checkpoint) > request.expectedCheckpoint) return 'moved';
      const c = this.collections(gen);
      await Promise.all([
        bulk(c.timeline, request.changes.flatMap(timelineOps)),
        bulk(c.meetingItems, request.changes.flatMap(meetingItemOps)),
      ]);
      // Only after the rows: a sag document at revision r promises every row of r is written.
      await bulk(c.sager, request.changes.map(sagOp));
      await this.generationsCollection.updateOne(
        { _id: gen },
        { $max: { checkpoint: request.checkpoint }, ...(request.checkpointAt ? { $set: { checkpointAt: request.checkpointAt } } : {}) },
      );
      return 'committed';
    });
  }

  async promote(gen: number, expectedCheckpoint: bigint): Promise<CommitOutcome> {
    return this.guard(async () => {
      const meta = await this.generationsCollection.findOne({ _id: gen });
      if (!meta || meta.state === 'retired') return 'retired';
      if (BigInt(meta.checkpoint) !== expectedCheckpoint) return 'moved';
      const now = new Date().toISOString();
      // New one live first: readers take the newest live generation, so there is never none.
      await this.generationsCollection.updateOne({ _id: gen, state: 'building' }, { $set: { state: 'live', promotedAt: now } });
      await this.generationsCollection.updateMany(
        { projection: meta.projection, state: 'live', _id: { $ne: gen } },
        { $set: { state: 'retired', retiredAt: now } },
      );
      return 'committed';
    });
  }

  /** Only generations retired longer than the grace period: a reader may have resolved one just before the swap. */
  async dropRetired(): Promise<number> {
    const cutoff = new Date(Date.now() - this.graceMs).toISOString();
    const old = (await this.guard(() =>
      this.generationsCollection.find({ state: 'retired', retiredAt: { $lte: cutoff } }).toArray(),
    )) as GenerationDoc[];
    for (const g of old) await this.dropGeneration(g._id);
    return old.length;
  }

  async dropGeneration(gen: number): Promise<void> {
    await this.guard(async () => {
      const meta = await this.generationsCollection.findOne({ _id: gen });
      if (meta?.state === 'live') throw new Error(`Generation ${gen} is live and cannot be dropped`);
      const c = this.collections(gen);
      await Promise.all([
        c.sager.drop().catch(ignoreMissing),
        c.timeline.drop().catch(ignoreMissing),
        c.meetingItems.drop().catch(ignoreMissing),
      ]);
      await this.generationsCollection.deleteOne({ _id: gen });
    });
  }

  async snapshot(gen?: number): Promise<ReadModelSnapshot> {
    return this.guard(async () => {
      const c = this.collections(gen ?? (await this.liveGen()));
      const sager = await c.sager.find().sort({ kommuneKey: 1, sagsnummer: 1 }).toArray();
      const timeline = await c.timeline.find().sort({ position: 1 }).toArray();
      const items = await c.meetingItems.find().toArray();
      const meetingItems = items.map(meetingItemRowOf).sort((a, b) => cmpKeys(meetingKey(a), meetingKey(b)));
      const committees = sager
        .flatMap(sagCommitteeRowsOf)
        .sort((a, b) => cmpKeys([a.kommuneKey, a.committeeKey, a.sagsnummer], [b.kommuneKey, b.committeeKey, b.sagsnummer]));
      return { sager: sager.map(summaryOf), timeline: timeline.map(timelineRowOf), meetingItems, committees };
    });
  }

  // ---- queries ----------------------------------------------------------

  async getSag(kommuneKey: string, sagsnummer: string): Promise<SagHistory | null> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const sag = await c.sager.findOne({ kommuneKey, sagsnummer }, { projection: { records: 0 } });
      if (!sag) return null;
      const rows = await c.timeline
        .find({ streamName: sag._id }, { projection: { entry: 1, access: 1 } })
        .sort({ position: 1 })
        .toArray();
      const timeline = withResolvedResumes(rows.map(entryOfDoc).sort(compareEntries));
      return {
        kommune: sag.kommune,
        sagsnummer: sag.sagsnummer,
        title: sag.title,
        status: sag.status,
        access: sag.access,
        revision: sag.revision,
        timeline,
        quality: qualityOf(timeline),
      };
    });
  }

  async listSager(q: SagerQuery): Promise<Page<SagSummary>> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const and: Filter<SagDoc>[] = [{ kommuneKey: q.kommuneKey }];
      if (q.committeeKey) and.push({ committeeKeys: q.committeeKey });
      if (q.status) and.push({ status: q.status });
      if (q.from) and.push({ lastDate: { $gte: q.from } });
      if (q.to) and.push({ lastDate: { $lte: q.to } });
      if (q.q) and.push({ search: { $regex: escapeRegExp(q.q) } });
      if (q.after)
        and.push({
          $or: [{ lastDate: { $lt: q.after.lastDate } }, { lastDate: q.after.lastDate, sagsnummer: { $lt: q.after.sagsnummer } }],
        });
      const docs = await c.sager
        .find({ $and: and }, { projection: { records: 0, search: 0, committeeKeys: 0 } })
        .sort({ lastDate: -1, sagsnummer: -1 })
        .limit(q.limit + 1)
        .toArray();
      return page(docs, q.limit, toSagSummary, (d) => encodeCursor('sager', [d.lastDate, d.sagsnummer]));
    });
  }

  async listCommittees(kommuneKey: string): Promise<CommitteeSummary[]> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const groups = await c.meetingItems
        .aggregate<{ _id: string; committee: string; first: string; last: string; dates: string[]; items: number }>([
          { $match: { kommuneKey } },
          // Latest meeting last, and on it the alphabetically first name: as the SQLite adapter picks.
          { $sort: { meetingDate: 1, committee: -1 } },
          {
            $group: {
              _id: '$committeeKey',
              committee: { $last: '$committee' },
              first: { $first: '$meetingDate' },
              last: { $last: '$meetingDate' },
              dates: { $addToSet: '$meetingDate' },
              items: { $sum: 1 },
            },
          },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      return groups.map((g) => ({
        committee: g.committee,
        committeeKey: g._id,
        period: periodOf(g.committee),
        meetings: g.dates.length,
        items: g.items,
        firstMeeting: g.first,
        lastMeeting: g.last,
      }));
    });
  }

  async listMeetings(q: MeetingsQuery): Promise<Page<Meeting>> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const date: Record<string, string> = {};
      if (q.from) date['$gte'] = q.from;
      if (q.to) date['$lte'] = q.to;
      if (q.after) date['$lt'] = q.after.meetingDate;
      const match = { kommuneKey: q.kommuneKey, committeeKey: q.committeeKey, ...(Object.keys(date).length ? { meetingDate: date } : {}) };
      const dates = (
        await c.meetingItems
          .aggregate<{
            _id: string;
          }>([{ $match: match }, { $group: { _id: '$meetingDate' } }, { $sort: { _id: -1 } }, { $limit: q.limit + 1 }])
          .toArray()
      ).map((d) => d._id);
      const shown = dates.slice(0, q.limit);
      const newest = shown[0];
      const oldest = shown[shown.length - 1];
      if (newest === undefined || oldest === undefined) return { items: [], nextCursor: null };
      const docs = await c.meetingItems
        .find({ kommuneKey: q.kommuneKey, committeeKey: q.committeeKey, meetingDate: { $gte: oldest, $lte: newest } })
        .toArray();
      return {
        items: groupMeetings(docs.map(meetingItemRowOf)),
        nextCursor: dates.length > q.limit ? encodeCursor('meetings', [oldest]) : null,
      };
    });
  }

  async listDecisions(q: DecisionsQuery): Promise<Page<DecisionEntry>> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const and: Filter<TimelineDoc>[] = [{ decision: true, kommuneKey: q.kommuneKey }];
      if (q.committeeKey) and.push({ committeeKey: q.committeeKey });
      if (q.outcome) and.push({ decisionOutcome: q.outcome });
      if (q.from) and.push({ meetingDate: { $gte: q.from } });
      if (q.to) and.push({ meetingDate: { $lte: q.to } });
      if (q.after)
        and.push({
          $or: [
            { meetingDate: { $lt: q.after.meetingDate } },
            { meetingDate: q.after.meetingDate, position: { $lt: BigInt(q.after.position) } },
          ],
        });
      const docs = await c.timeline
        .find({ $and: and })
        .sort({ meetingDate: -1, position: -1 })
        .limit(q.limit + 1)
        .toArray();
      return page(docs, q.limit, toDecision, (d) => encodeCursor('decisions', [d.meetingDate, BigInt(d.position).toString()]));
    });
  }

  async liveCheckpoint(): Promise<{ gen: number; checkpoint: bigint; checkpointAt: string | null } | null> {
    return this.guard(async () => {
      const live = await this.liveDoc();
      return live ? { gen: live._id, checkpoint: BigInt(live.checkpoint), checkpointAt: live.checkpointAt } : null;
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  // ---- internals --------------------------------------------------------

  private collections(gen: number): GenCollections {
    const p = `${this.prefix}${gen}`;
    return {
      sager: this.db.collection<SagDoc>(`${p}_sager`),
      timeline: this.db.collection<TimelineDoc>(`${p}_timeline`),
      meetingItems: this.db.collection<MeetingItemDoc>(`${p}_meeting_items`),
    };
  }

  /** An index for every query the read side runs. */
  private async createIndexes(gen: number): Promise<void> {
    const c = this.collections(gen);
    const decisions = { partialFilterExpression: { decision: true } };
    await Promise.all([
      c.sager.createIndex({ kommuneKey: 1, sagsnummer: 1 }, { unique: true }),
      c.sager.createIndex({ kommuneKey: 1, lastDate: -1, sagsnummer: -1 }),
      c.sager.createIndex({ kommuneKey: 1, status: 1, lastDate: -1, sagsnummer: -1 }),
      c.sager.createIndex({ kommuneKey: 1, committeeKeys: 1, lastDate: -1, sagsnummer: -1 }),
      c.timeline.createIndex({ streamName: 1, position: 1 }),
      c.timeline.createIndex({ kommuneKey: 1, meetingDate: -1, position: -1 }, decisions),
      c.timeline.createIndex({ kommuneKey: 1, committeeKey: 1, meetingDate: -1, position: -1 }, decisions),
      c.timeline.createIndex({ kommuneKey: 1, decisionOutcome: 1, meetingDate: -1, position: -1 }, decisions),
      c.meetingItems.createIndex({ kommuneKey: 1, committeeKey: 1, meetingDate: -1 }),
    ]);
  }

  private async liveDoc(): Promise<GenerationDoc | null> {
    return this.generationsCollection.findOne({ projection: SAG_READ_MODEL.name, state: 'live' }, { sort: { _id: -1 } });
  }

  private async liveGen(): Promise<number> {
    const live = await this.liveDoc();
    if (!live) throw new ReadModelNotReadyError();
    return live._id;
  }

  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (/^Mongo(ServerSelection|Network|NotConnected|Topology)/.test(name)) {
        throw new ReadModelUnavailableError(`The MongoDB read-model store cannot be reached: ${(error as Error).message}`);
      }
      throw error;
    }
  }
}

function timelineOps(c: SagChange): AnyBulkWriteOperation<TimelineDoc>[] {
  const rev = c.revision;
  const older = { $lt: rev };
  return [
    ...c.timeline.remove.map((r) => ({ deleteOne: { filter: { _id: r.id, rev: older } } })),
    ...c.timeline.patch.map((p) => ({
      updateOne: { filter: { _id: p.id, rev: older }, update: { $set: { access: p.access, itemTitle: p.itemTitle, rev } } },
    })),
    ...c.timeline.put.map((row) => {
      const { _id, ...doc } = timelineDoc(row, rev);
      return { updateOne: { filter: { _id, rev: older }, update: { $set: doc }, upsert: true } };
    }),
  ];
}

function meetingItemOps(c: SagChange): AnyBulkWriteOperation<MeetingItemDoc>[] {
  const rev = c.revision;
  return [
    ...c.meetingItems.remove.map((m) => ({ deleteOne: { filter: { _id: meetingItemId(m), rev: { $lt: rev } } } })),
    ...c.meetingItems.put.map((m) => ({
      updateOne: { filter: { _id: meetingItemId(m), rev: { $lt: rev } }, update: { $set: { ...m, rev } }, upsert: true },
    })),
  ];
}

function sagOp(c: SagChange): AnyBulkWriteOperation<SagDoc> {
  // The sag document also holds the state later batches load: it is written with every change.
  if (!c.summary) throw new Error(`A change to ${c.streamName} without its summary: only exactly-once stores take those`);
  const { _id, ...doc } = sagDoc(c.summary, c.state);
  return { updateOne: { filter: { _id, revision: { $lt: c.revision } }, update: { $set: doc }, upsert: true } };
}

/** Unordered, and a duplicate key means "a newer revision is already there": not an error here. */
async function bulk<T extends { _id: unknown }>(collection: Collection<T>, ops: AnyBulkWriteOperation<T>[]): Promise<void> {
  if (ops.length === 0) return;
  try {
    await collection.bulkWrite(ops, { ordered: false });
  } catch (error) {
    if (error instanceof MongoBulkWriteError) {
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.length > 0 && errors.every((e) => e.code === DUPLICATE_KEY)) return;
    }
    throw error;
  }
}

function ignoreMissing(error: unknown): void {
  if (error instanceof MongoServerError && error.codeName === 'NamespaceNotFound') return;
  throw error;
}

function toGeneration(d: GenerationDoc): Generation {
  return {
    gen: d._id,
    projection: d.projection,
    version: d.version,
    state: d.state,
    checkpoint: BigInt(d.checkpoint),
    checkpointAt: d.checkpointAt,
    createdAt: d.createdAt,
    // Every batch is idempotent and durable here, whoever builds the generation.
    resumable: true,
  };
}

function toSagSummary(d: SagDoc): SagSummary {
  const { kommuneKey: _k, streamName: _s, position: _p, ...summary } = summaryOf(d);
  return summary;
}

function toDecision(d: TimelineDoc): DecisionEntry {
  return {
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    title: d.itemTitle ?? null,
    committee: d.committee,
    committeeKey: d.committeeKey,
    meetingDate: d.meetingDate,
    item: d.item ?? null,
    step: d.step as 'decided' | 'recommended',
    outcome: d.decisionOutcome as DecisionEntry['outcome'],
    recommendedTo: d.recommendedTo ?? null,
    text: d.entry.text,
    access: d.access,
    eventId: d._id,
  };
}

function page<D, T>(docs: readonly D[], limit: number, map: (d: D) => T, cursorOf: (d: D) => string): Page<T> {
  const shown = docs.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(map), nextCursor: docs.length > limit && last ? cursorOf(last) : null };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function databaseOf(url: string): string | null {
  try {
    const name = new URL(url).pathname.replace(/^\//, '');
    return name ? decodeURIComponent(name) : null;
  } catch {
    return null;
  }
}

function meetingKey(m: {
  kommuneKey: string;
  committeeKey: string;
  meetingDate: string;
  sagsnummer: string;
  item: number | null;
}): (string | number)[] {
  return [m.kommuneKey, m.committeeKey, m.meetingDate, m.sagsnummer, m.item ?? -1];
}

function cmpKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
