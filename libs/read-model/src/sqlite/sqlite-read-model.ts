import fs from 'node:fs';
import path from 'node:path';
import Database, { SqliteError } from 'better-sqlite3';
import type { SagHistory } from '@sagsspor/sag';
import { ReadModelNotReadyError, ReadModelUnavailableError } from '../errors';
import type { CommitteeSummary, DecisionEntry, Meeting, Page, SagSummary } from '../model';
import type { CommitOutcome, CommitRequest, Generation, GenerationState, ReadModelSnapshot, ReadModelStore } from '../port';
import type { SagProjState } from '../projection/records';
import { SAG_READ_MODEL } from '../projection/version';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from '../queries';
import { GenerationStatements, writeSqlOf } from './generation-statements';
import { CommitWorker } from './commit-worker';
import { toMeetingItemRow, toRecordLite, toSagCommitteeRow, toSummaryRow, toTimelineRow } from './rows';
import { encodeChanges, runBatch, WRITE_ARITY, WRITE_KINDS } from './write-batch';
import * as queries from './sqlite-queries';
import {
  applyPragmas,
  createGenerationSchema,
  createLoadIndexes,
  createMetaSchema,
  createQueryIndexes,
  createDecisionIndexes,
  dropGenerationSchema,
  fillSagCommittees,
  READ_MODEL_FILE_NAME,
} from './schema';

export interface SqliteReadModelOptions {
  /** How long a write waits for another process's write lock. Default 10 000 ms. */
  readonly busyTimeoutMs?: number;
  /** SQLite page cache of this connection. Default 32 MB. */
  readonly cacheSizeKb?: number;
  /** Page size of a new file (an existing file keeps its own). Default 8 KB. */
  readonly pageSize?: number;
  /** Commit batches of a generation being built in a worker thread (see CommitWorker). Default true. */
  readonly commitWorker?: boolean;
  /**
   * How large the WAL may grow while the commit worker builds a generation before it is
   * started over. Default 512 MB: each restart stalls the writer for its fsyncs (~0.1 s).
   */
  readonly walRestartBytes?: number;
}

interface GenerationDbRow {
  gen: bigint;
  projection: string;
  version: bigint;
  state: string;
  checkpoint: bigint;
  checkpoint_at: string | null;
  created_at: string;
}

/** The page cache while a generation is swapped in (see withSmallCache). */
const SWAP_CACHE_KB = 4_000;

/** The commit worker's page cache: a batch's pages and the hot pages of the tables and indexes it appends to. */
const COMMIT_WORKER_CACHE_KB = 16_000;

export function sqliteReadModelFile(dataDir: string): string {
  return path.join(dataDir, READ_MODEL_FILE_NAME);
}

/**
 * The embedded read models: one SQLite file beside the event store. A batch's
 * rows and its checkpoint commit in one transaction that first checks the
 * generation is still writable and at the expected checkpoint — exactly once,
 * even with two projectors (the server's and apps/projector) on one file.
 * Readers resolve the live generation and query it inside one read
 * transaction, so a swap or a drop can never show them a half-built model.
 */
export class SqliteReadModel implements ReadModelStore {
  readonly kind = 'sqlite' as const;
  readonly exactlyOnce = true;
  readonly file: string;
  private readonly db: Database.Database;
  private readonly statements = new Map<number, GenerationStatements>();
  /** Generations this connection last saw building: their commits need not wait for fsync. */
  private readonly building = new Set<number>();
  /** Generations whose load indexes this connection has made sure of. */
  private readonly loadIndexed = new Set<number>();
  private synchronous: 'FULL' | 'NORMAL' = 'FULL';
  private readonly worker: CommitWorker | null;
  private readonly meta: {
    all: Database.Statement<unknown[], GenerationDbRow>;
    one: Database.Statement<unknown[], GenerationDbRow>;
    live: Database.Statement<unknown[], GenerationDbRow>;
    setCheckpoint: Database.Statement;
  };

  constructor(dataDir: string, options: SqliteReadModelOptions = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = sqliteReadModelFile(dataDir);
    this.db = new Database(this.file);
    // Only takes effect on a new, empty file. A commit writes every page it touches whole,
    // and a batch touches index leaves all over (per committee, outcome...): larger pages
    // write more per commit, smaller ones hold few ~1 KB timeline rows each.
    this.db.pragma(`page_size = ${options.pageSize ?? 8_192}`);
    const pragmas = { busyTimeoutMs: options.busyTimeoutMs ?? 10_000, cacheSizeKb: options.cacheSizeKb ?? 32_000 };
    applyPragmas(this.db, pragmas);
    this.worker =
      options.commitWorker === false
        ? null
        : new CommitWorker({
            file: this.file,
            busyTimeoutMs: pragmas.busyTimeoutMs,
            cacheSizeKb: COMMIT_WORKER_CACHE_KB,
            walRestartBytes: options.walRestartBytes ?? 512 * 1024 * 1024,
          });
    createMetaSchema(this.db);
    this.meta = {
      all: this.db.prepare<unknown[], GenerationDbRow>('SELECT * FROM rm_generations ORDER BY gen').safeIntegers(true),
      one: this.db.prepare<unknown[], GenerationDbRow>('SELECT * FROM rm_generations WHERE gen = ?').safeIntegers(true),
      live: this.db
        .prepare<
          unknown[],
          GenerationDbRow
        >("SELECT * FROM rm_generations WHERE projection = ? AND state = 'live' ORDER BY gen DESC LIMIT 1")
        .safeIntegers(true),
      setCheckpoint: this.db.prepare('UPDATE rm_generations SET checkpoint = ?, checkpoint_at = ? WHERE gen = ?'),
    };
  }

  get description(): string {
    return `embedded read models in ${this.file}`;
  }

  // ---- projection side -------------------------------------------------

  async generations(): Promise<Generation[]> {
    return this.guard(() => this.meta.all.all().map(toGeneration));
  }

  async createGeneration(projection: string, version: number): Promise<Generation> {
    return this.guard(() =>
      this.db
        .transaction(() => {
          const { lastInsertRowid } = this.db
            .prepare("INSERT INTO rm_generations (projection, version, state, created_at) VALUES (?, ?, 'building', ?)")
            .run(projection, version, new Date().toISOString());
          const gen = Number(lastInsertRowid);
          createGenerationSchema(this.db, gen);
          createDecisionIndexes(this.db, gen);
          this.building.add(gen);
          return toGeneration(this.meta.one.get(gen) as GenerationDbRow);
        })
        .immediate(),
    );
  }

  async loadSagStates(gen: number, streamNames: readonly string[]): Promise<Map<string, SagProjState>> {
    if (!this.loadIndexed.has(gen)) {
      this.guard(() => this.db.transaction(() => createLoadIndexes(this.db, gen)).immediate());
      this.loadIndexed.add(gen);
    }
    return this.guard(() =>
      this.db.transaction(() => {
        const s = this.statementsOf(gen);
        const states = new Map<string, SagProjState>();
        // From the timeline alone (a rebuild writes summaries late): the
        // newest record is always the last event applied, since only older ones are superseded.
        for (const name of streamNames) {
          const rows = s.liteByStream.all(name);
          const last = rows[rows.length - 1];
          if (!last) continue;
          states.set(name, {
            streamName: name,
            kommune: last.kommune,
            kommuneKey: last.kommune_key,
            sagsnummer: last.sagsnummer,
            revision: Number(last.revision),
            position: last.position,
            records: rows.map(toRecordLite),
          });
        }
        return states;
      })(),
    );
  }

  async commit(gen: number, request: CommitRequest): Promise<CommitOutcome> {
    if (this.worker && !this.worker.broken && this.building.has(gen)) return this.commitInWorker(this.worker, gen, request);
    this.durability(this.building.has(gen) ? 'NORMAL' : 'FULL');
    return this.guard(() =>
      this.db
        .transaction((): CommitOutcome => {
          const row = this.meta.one.get(gen);
          if (!row || row.state === 'retired') return 'retired';
          if (row.checkpoint !== request.expectedCheckpoint) return 'moved';
          const building = row.state === 'building';
          if (building) this.building.add(gen);
          else this.building.delete(gen);
          const s = this.statementsOf(gen);
          runBatch(
            encodeChanges(request.changes, !building),
            (kind) => (kind === 'summary' ? s.upsertSag : s[kind]),
            WRITE_KINDS,
            WRITE_ARITY,
          );
          this.meta.setCheckpoint.run(request.checkpoint, request.checkpointAt, gen);
          return 'committed';
        })
        .immediate(),
    );
  }

  /** Encodes the batch now, so the caller may change its models while the worker writes. */
  private commitInWorker(worker: CommitWorker, gen: number, request: CommitRequest): Promise<CommitOutcome> {
    if (!this.db.open) throw new ReadModelUnavailableError(`The read-model store ${this.file} is closed.`);
    const sent = worker.commit({
      gen,
      sql: writeSqlOf(gen),
      batch: encodeChanges(request.changes, false),
      checkpoint: request.checkpoint,
      checkpointAt: request.checkpointAt,
      expectedCheckpoint: request.expectedCheckpoint,
      more: request.more === true,
    });
    return sent.then(({ outcome, state }) => {
      // Made live by another writer: from now on this generation commits here, durably.
      if (state !== 'building') this.building.delete(gen);
      return outcome;
    });
  }

  /** Query indexes are built first, in their own transaction, so the swap itself is quick. */
  async promote(gen: number, expectedCheckpoint: bigint): Promise<CommitOutcome> {
    await this.worker?.idle();
    const outcome = this.withSmallCache(() => this.swap(gen, expectedCheckpoint));
    // Nothing left to build here: the worker's threads (its heap, its page cache) go until a next build starts them.
    if (this.building.size === 0) await this.worker?.close();
    return outcome;
  }

  private swap(gen: number, expectedCheckpoint: bigint): CommitOutcome {
    // sag_committees is filled before its indexes are made (one sort each, not inserts all over).
    // The swap below refuses if anybody wrote to the generation in between.
    this.guard(() =>
      this.db
        .transaction(() => {
          if (this.meta.one.get(gen)?.state !== 'building') return;
          fillSagCommittees(this.db, gen);
          createQueryIndexes(this.db, gen);
        })
        .immediate(),
    );
    this.durability('FULL');
    this.building.delete(gen);
    return this.guard(() =>
      this.db
        .transaction((): CommitOutcome => {
          const row = this.meta.one.get(gen);
          if (!row || row.state === 'retired') return 'retired';
          if (row.checkpoint !== expectedCheckpoint) return 'moved';
          if (row.state === 'live') return 'committed';
          this.db.prepare("UPDATE rm_generations SET state = 'retired' WHERE projection = ? AND state = 'live'").run(row.projection);
          this.db.prepare("UPDATE rm_generations SET state = 'live', promoted_at = ? WHERE gen = ?").run(new Date().toISOString(), gen);
          return 'committed';
        })
        .immediate(),
    );
  }

  /**
   * The swap sorts and scans the whole generation (indexes, sager, committee
   * rows): with a small page cache its sorts spill to temporary files instead
   * of growing this connection's memory by the size of the model.
   */
  private withSmallCache<T>(action: () => T): T {
    const kb = -Number(this.db.pragma('cache_size', { simple: true }));
    if (!(kb > SWAP_CACHE_KB)) return action();
    this.db.pragma(`cache_size = -${SWAP_CACHE_KB}`);
    try {
      return action();
    } finally {
      if (this.db.open) this.db.pragma(`cache_size = -${kb}`);
    }
  }

  /** Readers query inside a read transaction on a snapshot, so dropping at once is safe. */
  async dropRetired(): Promise<number> {
    const retired = (await this.generations()).filter((g) => g.state === 'retired');
    for (const g of retired) await this.dropGeneration(g.gen);
    return retired.length;
  }

  async dropGeneration(gen: number): Promise<void> {
    this.guard(() =>
      this.db
        .transaction(() => {
          const row = this.meta.one.get(gen);
          if (row?.state === 'live') throw new Error(`Generation ${gen} is live and cannot be dropped`);
          dropGenerationSchema(this.db, gen);
          this.db.prepare('DELETE FROM rm_generations WHERE gen = ?').run(gen);
        })
        .immediate(),
    );
    this.statements.delete(gen);
  }

  async snapshot(gen?: number): Promise<ReadModelSnapshot> {
    return this.guard(() =>
      this.db.transaction(() => {
        const s = this.statementsOf(gen ?? this.liveGen().gen);
        return {
          sager: s.allSager.all().map(toSummaryRow),
          timeline: s.allTimeline.all().map(toTimelineRow),
          meetingItems: s.allMeetingItems.all().map(toMeetingItemRow),
          committees: s.allSagCommittees.all().map(toSagCommitteeRow),
        };
      })(),
    );
  }

  // ---- queries ----------------------------------------------------------

  async getSag(kommuneKey: string, sagsnummer: string): Promise<SagHistory | null> {
    return this.read((s) => queries.getSag(s, kommuneKey, sagsnummer));
  }

  async listSager(query: SagerQuery): Promise<Page<SagSummary>> {
    return this.read((s) => queries.listSager(s, query));
  }

  async listCommittees(kommuneKey: string): Promise<CommitteeSummary[]> {
    return this.read((s) => queries.listCommittees(s, kommuneKey));
  }

  async listMeetings(query: MeetingsQuery): Promise<Page<Meeting>> {
    return this.read((s) => queries.listMeetings(s, query));
  }

  async listDecisions(query: DecisionsQuery): Promise<Page<DecisionEntry>> {
    return this.read((s) => queries.listDecisions(s, query));
  }

  async liveCheckpoint(): Promise<{ gen: number; checkpoint: bigint; checkpointAt: string | null } | null> {
    return this.guard(() => {
      const row = this.meta.live.get(SAG_READ_MODEL.name);
      return row ? { gen: Number(row.gen), checkpoint: row.checkpoint, checkpointAt: row.checkpoint_at } : null;
    });
  }

  async close(): Promise<void> {
    await this.worker?.close();
    if (this.db.open) this.db.close();
  }

  // ---- internals --------------------------------------------------------

  /**
   * Live generations commit with synchronous=FULL: an acknowledged checkpoint
   * survives power loss. A generation being built is invisible to readers, so
   * its commits skip the fsync (NORMAL): WAL still keeps each batch and its
   * checkpoint atomic, a power loss can only take the last batches back, and
   * the FULL commit of the swap makes everything before it durable.
   */
  private durability(level: 'FULL' | 'NORMAL'): void {
    if (this.synchronous === level || !this.db.open || this.db.inTransaction) return;
    this.db.pragma(`synchronous = ${level}`);
    this.synchronous = level;
  }

  /** Resolves the live generation and queries it on one snapshot. */
  private read<T>(query: (s: GenerationStatements) => T): T {
    return this.guard(() => this.db.transaction(() => query(this.statementsOf(this.liveGen().gen)))());
  }

  private liveGen(): { gen: number } {
    const row = this.meta.live.get(SAG_READ_MODEL.name);
    if (!row) throw new ReadModelNotReadyError();
    return { gen: Number(row.gen) };
  }

  private statementsOf(gen: number): GenerationStatements {
    let s = this.statements.get(gen);
    if (!s) {
      s = new GenerationStatements(this.db, gen);
      this.statements.set(gen, s);
    }
    return s;
  }

  private guard<T>(action: () => T): T {
    if (!this.db.open) throw new ReadModelUnavailableError(`The read-model store ${this.file} is closed.`);
    try {
      return action();
    } catch (error) {
      if (error instanceof SqliteError && error.code.startsWith('SQLITE_BUSY')) {
        throw new ReadModelUnavailableError(`The read-model store ${this.file} is locked by another process; try again shortly.`);
      }
      throw error;
    }
  }
}

function toGeneration(r: GenerationDbRow): Generation {
  return {
    gen: Number(r.gen),
    projection: r.projection,
    version: Number(r.version),
    state: r.state as GenerationState,
    checkpoint: r.checkpoint,
    checkpointAt: r.checkpoint_at,
    createdAt: r.created_at,
  };
}
