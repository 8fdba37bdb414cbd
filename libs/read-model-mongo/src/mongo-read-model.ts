import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection,
  type Db,
  type Filter,
} from 'mongodb';
import { NO_MERGES, type CommitteeMerges } from '@sagsspor/sag';
import {
  committeeSummariesOf,
  encodeCursor,
  groupMeetings,
  page,
  ReadModelNotReadyError,
  ReadModelUnavailableError,
  SAG_READ_MODEL,
  sortedSnapshot,
  thisProcess,
  type BuildMode,
  type CommitOutcome,
  type CommitRequest,
  type CommitteeSummary,
  type DecisionEntry,
  type DecisionsQuery,
  type Generation,
  type Meeting,
  type MeetingsQuery,
  type Page,
  type ReadModelSnapshot,
  type ReadModelStore,
  type SagChange,
  type SagerQuery,
  type SagRef,
  type SagSummary,
} from '@sagsspor/read-model';
import {
  decisionDoc,
  decisionRowOf,
  meetingItemDoc,
  meetingItemId,
  meetingItemRowOf,
  sagDoc,
  summaryOf,
  type DecisionDoc,
  type GenerationDoc,
  type MeetingItemDoc,
  type SagDoc,
} from './documents';

export interface MongoReadModelOptions {
  /** Database name; default: the one MONGODB_URL names (the driver's default when it names none). */
  readonly database?: string;
  /** Collection name prefix, so tests on a shared server keep apart. Default "rm". */
  readonly prefix?: string;
  /** A retired generation's collections are dropped this long after the swap, when no reader can still be on it. */
  readonly retiredGraceMs?: number;
}

interface GenCollections {
  readonly sager: Collection<SagDoc>;
  readonly meetingItems: Collection<MeetingItemDoc>;
  readonly decisions: Collection<DecisionDoc>;
}

const DUPLICATE_KEY = 11000;
const NAMESPACE_NOT_FOUND = 26;

/**
 * The MongoDB read models. At-least-once: a batch's rows are written first
 * (unordered bulkWrites), the sager documents after them, the checkpoint
 * last. Every write is guarded on the stream revision it applies: a
 * replayed batch finds its documents already at that revision and changes
 * nothing (an upsert that meets a newer document fails with a duplicate key,
 * which is ignored), and a sag's rows older than the change that are no
 * longer among its rows are removed, whatever batch left them.
 */
export class MongoReadModel implements ReadModelStore {
  readonly kind = 'mongodb' as const;
  readonly description: string;
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly prefix: string;
  private readonly graceMs: number;
  private readonly catalogue: Collection<GenerationDoc>;
  private readonly counters: Collection<{ _id: string; seq: number }>;

  constructor(url: string, options: MongoReadModelOptions = {}) {
    this.client = new MongoClient(url, { useBigInt64: true, serverSelectionTimeoutMS: 5000 });
    // The driver parses the URL (seed lists, options) and names the database: no second parser here.
    this.db = this.client.db(options.database);
    this.prefix = options.prefix ?? 'rm';
    this.graceMs = options.retiredGraceMs ?? 30_000;
    this.catalogue = this.db.collection<GenerationDoc>(`${this.prefix}_generations`);
    this.counters = this.db.collection(`${this.prefix}_counters`);
    this.description = `MongoDB read models in database ${this.db.databaseName}`;
  }

  // ---- projection side -------------------------------------------------

  async generations(): Promise<Generation[]> {
    return this.guard(async () => (await this.catalogue.find().sort({ _id: 1 }).toArray()).map(toGeneration));
  }

  async createGeneration(projection: string, version: number, mode: BuildMode): Promise<Generation> {
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
        mode,
        checkpoint: -1n,
        checkpointAt: null,
        createdAt: new Date().toISOString(),
        builder: thisProcess(),
      };
      await this.catalogue.insertOne(doc);
      return toGeneration(doc);
    });
  }

  async commit(gen: number, request: CommitRequest): Promise<CommitOutcome> {
    return this.guard(async () => {
      const meta = await this.catalogue.findOne({ _id: gen });
      if (!meta || meta.state === 'retired') return 'retired';
      // Another projector is ahead: going on from its checkpoint saves replaying what it did.
      if (BigInt(meta.checkpoint) > request.expectedCheckpoint) return 'moved';
      const c = this.collections(gen);
      await Promise.all([
        bulk(c.meetingItems, request.changes.flatMap(meetingItemOps)),
        bulk(c.decisions, request.changes.flatMap(decisionOps)),
      ]);
      // Only after the rows: a sag document at revision r promises every row of r is written.
      await bulk(c.sager, request.changes.flatMap(sagOp));
      const set = request.checkpointAt ? { $set: { checkpointAt: request.checkpointAt } } : {};
      const updated = await this.catalogue.updateOne({ _id: gen }, { $max: { checkpoint: request.checkpoint }, ...set });
      // Dropped while this batch was written: the writes above may have made its collections again.
      if (updated.matchedCount === 0) {
        await this.dropCollections(gen);
        return 'retired';
      }
      return 'committed';
    });
  }

  async promote(gen: number, expectedCheckpoint: bigint): Promise<CommitOutcome> {
    return this.guard(async () => {
      const meta = await this.catalogue.findOne({ _id: gen });
      if (!meta || meta.state === 'retired') return 'retired';
      if (BigInt(meta.checkpoint) !== expectedCheckpoint) return 'moved';
      const now = new Date().toISOString();
      // New one live first: readers take the newest live generation, so there is never none.
      await this.catalogue.updateOne({ _id: gen, state: 'building' }, { $set: { state: 'live', promotedAt: now } });
      await this.catalogue.updateMany(
        { projection: meta.projection, state: 'live', _id: { $ne: gen } },
        { $set: { state: 'retired', retiredAt: now } },
      );
      return 'committed';
    });
  }

  /** Only generations retired longer than the grace period: a reader may have resolved one just before the swap. */
  async dropRetired(): Promise<number> {
    const cutoff = new Date(Date.now() - this.graceMs).toISOString();
    const old = await this.guard(() => this.catalogue.find({ state: 'retired', retiredAt: { $lte: cutoff } }).toArray());
    for (const g of old) await this.dropGeneration(g._id);
    return old.length;
  }

  /** The catalogue entry goes first: a commit under way then finds none, and removes what it wrote. */
  async dropGeneration(gen: number): Promise<void> {
    await this.guard(async () => {
      const removed = await this.catalogue.findOneAndDelete({ _id: gen, state: { $ne: 'live' } });
      if (!removed && (await this.catalogue.findOne({ _id: gen }))?.state === 'live')
        throw new Error(`Generation ${gen} is live and cannot be dropped`);
      await this.dropCollections(gen);
    });
  }

  async snapshot(gen?: number): Promise<ReadModelSnapshot> {
    return this.guard(async () => {
      const c = this.collections(gen ?? (await this.liveGen()));
      const [sager, items, decisions] = await Promise.all([
        c.sager.find({ withdrawn: { $ne: true } }).toArray(),
        c.meetingItems.find().toArray(),
        c.decisions.find().toArray(),
      ]);
      return sortedSnapshot({
        sager: sager.map(summaryOf),
        meetingItems: items.map(meetingItemRowOf),
        decisions: decisions.map(decisionRowOf),
      });
    });
  }

  // ---- queries ----------------------------------------------------------

  async listSager(q: SagerQuery): Promise<Page<SagSummary>> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const and: Filter<SagDoc>[] = [{ kommuneKey: q.kommuneKey, withdrawn: { $ne: true } }];
      if (q.committeeKey) and.push({ committeeKeys: q.committeeKey });
      if (q.status) and.push({ status: q.status });
      if (q.from) and.push({ lastDate: { $gte: q.from } });
      if (q.to) and.push({ lastDate: { $lte: q.to } });
      if (q.q) and.push({ [q.closedAccess ? 'searchAll' : 'searchOpen']: { $regex: escapeRegExp(q.q) } });
      if (q.nextKey) and.push({ nextKey: q.nextKey });
      if (q.staleBefore) and.push({ final: false, lastDate: { $lt: q.staleBefore } });
      if (q.after)
        and.push({
          $or: [{ lastDate: { $lt: q.after.lastDate } }, { lastDate: q.after.lastDate, sagsnummer: { $lt: q.after.sagsnummer } }],
        });
      const docs = await c.sager
        .find({ $and: and })
        .sort({ lastDate: -1, sagsnummer: -1 })
        .limit(q.limit + 1)
        .toArray();
      return page(docs, q.limit, summaryOf, (d) => encodeCursor('sager', [d.lastDate, d.sagsnummer]));
    });
  }

  async listCommittees(kommuneKey: string, merges: CommitteeMerges = NO_MERGES): Promise<CommitteeSummary[]> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const groups = await c.meetingItems
        .aggregate<{ _id: { committeeKey: string; meetingDate: string }; committee: string; items: number; names: string[] }>([
          { $match: { kommuneKey } },
          // On each meeting the alphabetically first name: as the SQLite adapter picks (min).
          { $sort: { committee: 1 } },
          {
            $group: {
              _id: { committeeKey: '$committeeKey', meetingDate: '$meetingDate' },
              committee: { $first: '$committee' },
              items: { $sum: 1 },
              names: { $addToSet: '$committee' },
            },
          },
        ])
        .toArray();
      const rows = groups.map((g) => ({ ...g._id, committee: g.committee, items: g.items, names: [...g.names].sort() }));
      return committeeSummariesOf(rows, merges);
    });
  }

  async sagerNaming(gen: number, kommuneKey: string, committeeKeys: readonly string[]): Promise<SagRef[]> {
    return this.guard(async () => {
      const keys = [...committeeKeys];
      const docs = await this.collections(gen)
        .sager.find(
          { kommuneKey, withdrawn: { $ne: true }, $or: [{ committeeKeys: { $in: keys } }, { nextKey: { $in: keys } }] },
          { projection: { kommune: 1, sagsnummer: 1 } },
        )
        .toArray();
      return docs.map((d) => ({ kommune: d.kommune, sagsnummer: d.sagsnummer }));
    });
  }

  async listMeetings(q: MeetingsQuery): Promise<Page<Meeting>> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const date: Record<string, string> = {};
      if (q.from) date['$gte'] = q.from;
      if (q.to) date['$lte'] = q.to;
      if (q.after) date['$lt'] = q.after.meetingDate;
      const committeeKey = { $in: [...q.committeeKeys] };
      const match = { kommuneKey: q.kommuneKey, committeeKey, ...(Object.keys(date).length ? { meetingDate: date } : {}) };
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
        .find({ kommuneKey: q.kommuneKey, committeeKey, meetingDate: { $gte: oldest, $lte: newest } })
        .toArray();
      return {
        items: groupMeetings(docs.map(meetingItemRowOf), q.committeeKey),
        nextCursor: dates.length > q.limit ? encodeCursor('meetings', [oldest]) : null,
      };
    });
  }

  async listDecisions(q: DecisionsQuery): Promise<Page<DecisionEntry>> {
    return this.guard(async () => {
      const c = this.collections(await this.liveGen());
      const and: Filter<DecisionDoc>[] = [{ kommuneKey: q.kommuneKey }];
      if (q.committeeKeys) and.push({ committeeKey: { $in: [...q.committeeKeys] } });
      if (q.outcome) and.push({ outcome: q.outcome });
      if (q.from) and.push({ meetingDate: { $gte: q.from } });
      if (q.to) and.push({ meetingDate: { $lte: q.to } });
      if (q.after)
        and.push({
          $or: [
            { meetingDate: { $lt: q.after.meetingDate } },
            { meetingDate: q.after.meetingDate, position: { $lt: BigInt(q.after.position) } },
          ],
        });
      const docs = await c.decisions
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
      meetingItems: this.db.collection<MeetingItemDoc>(`${p}_meeting_items`),
      decisions: this.db.collection<DecisionDoc>(`${p}_decisions`),
    };
  }

  private async dropCollections(gen: number): Promise<void> {
    const c = this.collections(gen);
    await Promise.all([c.sager, c.meetingItems, c.decisions].map((x) => x.drop().catch(ignoreMissing)));
  }

  /** An index for every query the read side runs, and the sag's rows by stream for removing stale ones. */
  private async createIndexes(gen: number): Promise<void> {
    const c = this.collections(gen);
    await Promise.all([
      c.sager.createIndex({ kommuneKey: 1, sagsnummer: 1 }, { unique: true }),
      c.sager.createIndex({ kommuneKey: 1, lastDate: -1, sagsnummer: -1 }),
      c.sager.createIndex({ kommuneKey: 1, status: 1, lastDate: -1, sagsnummer: -1 }),
      c.sager.createIndex({ kommuneKey: 1, nextKey: 1, lastDate: -1, sagsnummer: -1 }),
      c.sager.createIndex({ kommuneKey: 1, committeeKeys: 1, lastDate: -1, sagsnummer: -1 }),
      c.meetingItems.createIndex({ kommuneKey: 1, committeeKey: 1, meetingDate: -1 }),
      c.meetingItems.createIndex({ streamName: 1, rev: 1 }),
      c.decisions.createIndex({ kommuneKey: 1, meetingDate: -1, position: -1 }),
      c.decisions.createIndex({ kommuneKey: 1, committeeKey: 1, meetingDate: -1, position: -1 }),
      c.decisions.createIndex({ kommuneKey: 1, outcome: 1, meetingDate: -1, position: -1 }),
      c.decisions.createIndex({ streamName: 1, rev: 1 }),
    ]);
  }

  private async liveDoc(): Promise<GenerationDoc | null> {
    return this.catalogue.findOne({ projection: SAG_READ_MODEL.name, state: 'live' }, { sort: { _id: -1 } });
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

/** Guarded puts of the rows that changed, and removal of the sag's older rows that are no longer among its rows. */
function meetingItemOps(c: SagChange): AnyBulkWriteOperation<MeetingItemDoc>[] {
  const keep = c.current().meetingItems.map(meetingItemId);
  return [
    ...c.meetingItems.put.map((m): AnyBulkWriteOperation<MeetingItemDoc> => {
      const { _id, ...doc } = meetingItemDoc(m, c.streamName, c.revision);
      return { updateOne: { filter: { _id, rev: { $lt: c.revision } }, update: { $set: doc }, upsert: true } };
    }),
    { deleteMany: { filter: { streamName: c.streamName, rev: { $lt: c.revision }, _id: { $nin: keep } } } },
  ];
}

function decisionOps(c: SagChange): AnyBulkWriteOperation<DecisionDoc>[] {
  const keep = c.current().decisions.map((d) => d.eventId);
  return [
    ...c.decisions.put.map((d): AnyBulkWriteOperation<DecisionDoc> => {
      const { _id, ...doc } = decisionDoc(d, c.streamName, c.revision);
      return { updateOne: { filter: { _id, rev: { $lt: c.revision } }, update: { $set: doc }, upsert: true } };
    }),
    { deleteMany: { filter: { streamName: c.streamName, rev: { $lt: c.revision }, _id: { $nin: keep } } } },
  ];
}

/** None when the change leaves the sag's own document for later (a rebuild writes it once). */
function sagOp(c: SagChange): AnyBulkWriteOperation<SagDoc>[] {
  if (!c.sag) return [];
  const { _id, ...doc } = sagDoc(c.streamName, c.sag.summary, c.sag.search, c.withdrawn);
  return [{ updateOne: { filter: { _id, revision: { $lt: c.revision } }, update: { $set: doc }, upsert: true } }];
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

/** Servers before 7.0 answer a drop of a missing collection with NamespaceNotFound. */
function ignoreMissing(error: unknown): void {
  if (error instanceof MongoServerError && (error.code === NAMESPACE_NOT_FOUND || error.codeName === 'NamespaceNotFound')) return;
  throw error;
}

function toGeneration(d: GenerationDoc): Generation {
  return {
    gen: d._id,
    projection: d.projection,
    version: d.version,
    state: d.state,
    mode: d.mode,
    checkpoint: BigInt(d.checkpoint),
    checkpointAt: d.checkpointAt,
    createdAt: d.createdAt,
    builder: d.builder ?? null,
  };
}

function toDecision(d: DecisionDoc): DecisionEntry {
  const { position: _position, ...entry } = decisionRowOf(d);
  return entry;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
