import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteCode } from '@sagsspor/event-store';
import type { SagHistory } from '@sagsspor/sag';
import { ReadModelNotReadyError, ReadModelUnavailableError } from '../errors';
import type { CommitteeSummary, DecisionEntry, Meeting, Page, SagSummary } from '../model';
import type {
  CommitOutcome,
  CommitRequest,
  CreateGenerationOptions,
  Generation,
  GenerationState,
  ReadModelSnapshot,
  ReadModelStore,
} from '../port';
import type { SagProjState } from '../projection/records';
import { SAG_READ_MODEL } from '../projection/version';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from '../queries';
import { GenerationStatements, writeSqlOf } from './generation-statements';
import { CommitWorker } from './commit-worker';
import { generationFileName, makeDurable, type GenerationFileOptions } from './generation-file';
import { GenerationFiles, type FileCheckpoint, type GenFile } from './generation-files';
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
  file: string | null;
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
  /** Generations in files of their own that this connection has open. */
  private readonly files: GenerationFiles;
  private readonly fileOptions: GenerationFileOptions & { pageSize: number };
  /** The live generation the last read found: when it changes, files of others are closed. */
  private lastLive = 0;
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
    this.fileOptions = { ...pragmas, pageSize: options.pageSize ?? 8_192 };
    this.files = new GenerationFiles(dataDir, this.fileOptions, (gen) => {
      this.statements.delete(gen);
      this.loadIndexed.delete(gen);
    });
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
    return this.guard(() => {
      const rows = this.meta.all.all();
      // Files dropped by another process: an open handle would keep their disk space taken.
      const known = new Set(rows.filter((r) => r.state !== 'retired').map((r) => Number(r.gen)));
      this.files.closeAllBut((gen) => known.has(gen));
      return rows.map((r) => toGeneration(r, this.checkpointOf(r)));
    });
  }

  async createGeneration(projection: string, version: number, options: CreateGenerationOptions = {}): Promise<Generation> {
    const resumable = options.resumable !== false;
    const row = this.guard(() =>
      this.db
        .transaction(() => {
          const { lastInsertRowid } = this.db
            .prepare("INSERT INTO rm_generations (projection, version, state, created_at) VALUES (?, ?, 'building', ?)")
            .run(projection, version, new Date().toISOString());
          const gen = Number(lastInsertRowid);
          if (resumable) {
            createGenerationSchema(this.db, gen);
            createDecisionIndexes(this.db, gen);
          } else this.db.prepare('UPDATE rm_generations SET file = ? WHERE gen = ?').run(generationFileName(gen), gen);
          return this.meta.one.get(gen) as GenerationDbRow;
        })
        .immediate(),
    );
    const gen = Number(row.gen);
    if (row.file !== null) this.createFileOf(gen, row.file);
    this.building.add(gen);
    return toGeneration(row, this.checkpointOf(row));
  }

  /** The row comes first, so a file never exists without one; one left without its file is dropped like any half-built generation. */
  private createFileOf(gen: number, name: string): void {
    try {
      this.files.create(gen, name);
      // Dropped by another process between the row and the file: nobody would remove this one.
      if (!this.meta.one.get(gen)) throw new Error(`Generation ${gen} was dropped by another process while its file was made`);
    } catch (error) {
      this.files.remove(gen, name);
      this.guard(() => this.db.prepare('DELETE FROM rm_generations WHERE gen = ?').run(gen));
      throw error;
    }
  }

  async loadSagStates(gen: number, streamNames: readonly string[]): Promise<Map<string, SagProjState>> {
    const db = this.guard(() => this.dbOf(gen));
    if (!this.loadIndexed.has(gen)) {
      this.guard(() => db.transaction(() => createLoadIndexes(db, gen)).immediate());
      this.loadIndexed.add(gen);
    }
    return this.guard(() =>
      db.transaction(() => {
        const s = this.statementsOf(gen, db);
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
    return this.guard(() => {
      const row = this.meta.one.get(gen);
      if (row?.file) return this.commitToFile(row, request);
      this.durability(this.building.has(gen) ? 'NORMAL' : 'FULL');
      return this.db
        .transaction((): CommitOutcome => {
          const current = this.meta.one.get(gen);
          if (!current || current.state === 'retired') return 'retired';
          if (current.checkpoint !== request.expectedCheckpoint) return 'moved';
          return this.write(current, this.db, request, () => this.meta.setCheckpoint.run(request.checkpoint, request.checkpointAt, gen));
        })
        .immediate();
    });
  }

  /**
   * A generation in its own file keeps its checkpoint there, so rows and
   * checkpoint commit together. Its state is in the main file: read just
   * before, so a batch may land in a generation retired that moment — which
   * nobody reads any more, and the next commit hears it is retired.
   */
  private commitToFile(row: GenerationDbRow, request: CommitRequest): CommitOutcome {
    const gen = Number(row.gen);
    if (row.state === 'retired') {
      this.files.close(gen);
      return 'retired';
    }
    const f = this.files.of(row);
    if (!f) return 'retired';
    return f.db
      .transaction((): CommitOutcome => {
        if (f.getCheckpoint.get()?.checkpoint !== request.expectedCheckpoint) return 'moved';
        return this.write(row, f.db, request, () => f.setCheckpoint.run(request.checkpoint, request.checkpointAt));
      })
      .immediate();
  }

  private write(row: GenerationDbRow, db: Database.Database, request: CommitRequest, setCheckpoint: () => void): CommitOutcome {
    const gen = Number(row.gen);
    const building = row.state === 'building';
    if (building) this.building.add(gen);
    else this.building.delete(gen);
    const s = this.statementsOf(gen, db);
    runBatch(encodeChanges(request.changes, !building), (kind) => (kind === 'summary' ? s.upsertSag : s[kind]), WRITE_KINDS, WRITE_ARITY);
    setCheckpoint();
    return 'committed';
  }

  /** Encodes the batch now, so the caller may change its models while the worker writes. */
  private commitInWorker(worker: CommitWorker, gen: number, request: CommitRequest): Promise<CommitOutcome> {
    if (!this.db.open) throw new ReadModelUnavailableError(`The read-model store ${this.file} is closed.`);
    const sent = worker.commit({
      gen,
      file: this.files.pathOf(this.meta.one.get(gen)),
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
    const row = this.guard(() => this.meta.one.get(gen));
    // Nothing left to build here: the worker's threads (its heap, its page cache, its
    // connection to a generation's file) go until a next build starts them.
    const lastBuild = [...this.building].every((g) => g === gen);
    if (lastBuild) await this.worker?.close();
    if (!row || row.state === 'retired') return 'retired';
    if (row.file === null) return this.withSmallCache(this.db, () => this.swap(gen, expectedCheckpoint));
    const f = this.guard(() => this.files.of(row));
    if (!f) return 'retired';
    return this.withSmallCache(f.db, () => this.swapFile(row, f, expectedCheckpoint));
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
      this.db.transaction(() => this.makeLive(gen, () => this.meta.one.get(gen)?.checkpoint, expectedCheckpoint)).immediate(),
    );
  }

  /**
   * The same in a generation's own file, which is then synced and turned to
   * WAL before the main file names it live. The file's write lock is held
   * over that last step, so its checkpoint cannot move in between.
   */
  private swapFile(row: GenerationDbRow, f: GenFile, expectedCheckpoint: bigint): CommitOutcome {
    const gen = Number(row.gen);
    return this.guard(() => {
      if (row.state === 'building') {
        const current = f.db
          .transaction(() => {
            if (f.getCheckpoint.get()?.checkpoint !== expectedCheckpoint) return false;
            fillSagCommittees(f.db, gen);
            createQueryIndexes(f.db, gen);
            return true;
          })
          .immediate();
        if (!current) return 'moved';
        makeDurable(f.db, f.path);
        f.building = false;
        applyPragmas(f.db, this.fileOptions);
      }
      this.building.delete(gen);
      return f.db
        .transaction(() =>
          this.db.transaction(() => this.makeLive(gen, () => f.getCheckpoint.get()?.checkpoint, expectedCheckpoint)).immediate(),
        )
        .immediate();
    });
  }

  private makeLive(gen: number, checkpoint: () => bigint | undefined, expectedCheckpoint: bigint): CommitOutcome {
    const row = this.meta.one.get(gen);
    if (!row || row.state === 'retired') return 'retired';
    if (checkpoint() !== expectedCheckpoint) return 'moved';
    if (row.state === 'live') return 'committed';
    this.db.prepare("UPDATE rm_generations SET state = 'retired' WHERE projection = ? AND state = 'live'").run(row.projection);
    this.db.prepare("UPDATE rm_generations SET state = 'live', promoted_at = ? WHERE gen = ?").run(new Date().toISOString(), gen);
    return 'committed';
  }

  /**
   * The swap sorts and scans the whole generation (indexes, sager, committee
   * rows): with a small page cache its sorts spill to temporary files instead
   * of growing this connection's memory by the size of the model.
   */
  private withSmallCache<T>(db: Database.Database, action: () => T): T {
    const kb = -Number(db.pragma('cache_size', { simple: true }));
    if (!(kb > SWAP_CACHE_KB)) return action();
    db.pragma(`cache_size = -${SWAP_CACHE_KB}`);
    try {
      return action();
    } finally {
      if (db.open) db.pragma(`cache_size = -${kb}`);
    }
  }

  /** Readers query inside a read transaction on a snapshot, so dropping at once is safe. */
  async dropRetired(): Promise<number> {
    const retired = (await this.generations()).filter((g) => g.state === 'retired');
    for (const g of retired) await this.dropGeneration(g.gen);
    return retired.length;
  }

  /**
   * A generation's file is removed inside the main file's transaction: a
   * connection that still has it open (a reader's snapshot, another process)
   * keeps reading it until it closes it; nobody can open it again.
   */
  async dropGeneration(gen: number): Promise<void> {
    const lastInMainFile = this.guard(() =>
      this.db
        .transaction(() => {
          const row = this.meta.one.get(gen);
          if (row?.state === 'live') throw new Error(`Generation ${gen} is live and cannot be dropped`);
          if (row?.file) this.files.remove(gen, row.file);
          else dropGenerationSchema(this.db, gen);
          this.db.prepare('DELETE FROM rm_generations WHERE gen = ?').run(gen);
          return !row?.file && this.meta.all.all().every((r) => r.file !== null);
        })
        .immediate(),
    );
    this.statements.delete(gen);
    this.building.delete(gen);
    // Rebuilt generations go to files of their own, so the pages the main file's last one freed
    // would never be used again: given back to the disk (the file is left with a few pages).
    if (lastInMainFile) this.guard(() => this.db.exec('VACUUM'));
  }

  async snapshot(gen?: number): Promise<ReadModelSnapshot> {
    if (gen === undefined) return this.read((s) => snapshotOf(s));
    return this.guard(() => {
      const db = this.dbOf(gen);
      return db.transaction(() => snapshotOf(this.statementsOf(gen, db)))();
    });
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
      if (!row) return null;
      const { checkpoint, checkpointAt } = this.checkpointOf(row);
      return { gen: Number(row.gen), checkpoint, checkpointAt };
    });
  }

  async close(): Promise<void> {
    await this.worker?.close();
    this.files.closeAllBut(() => false);
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

  /**
   * Resolves the live generation and queries it on one snapshot: of the main
   * file, or of the generation's own file (resolved just before: a swap that
   * lands in between shows the model that was live a moment earlier, whole).
   */
  private read<T>(query: (s: GenerationStatements) => T): T {
    return this.guard(() => {
      for (let attempt = 1; ; attempt++) {
        const row = this.meta.live.get(SAG_READ_MODEL.name);
        if (!row) throw new ReadModelNotReadyError();
        const gen = Number(row.gen);
        // Files of generations this connection no longer needs: neither live nor being built here.
        if (gen !== this.lastLive) this.files.closeAllBut((g) => g === gen || this.building.has(g));
        this.lastLive = gen;
        if (row.file === null) return this.db.transaction(() => query(this.statementsOf(this.liveGen().gen, this.db)))();
        const f = this.files.of(row);
        // Gone: retired and dropped since it was resolved; the next one is live now.
        if (f) return f.db.transaction(() => query(this.statementsOf(gen, f.db)))();
        if (attempt >= 3)
          throw new ReadModelUnavailableError(`The live read model's file ${this.files.pathOf(row)} is missing; rebuild it.`);
      }
    });
  }

  private liveGen(): { gen: number } {
    const row = this.meta.live.get(SAG_READ_MODEL.name);
    if (!row) throw new ReadModelNotReadyError();
    return { gen: Number(row.gen) };
  }

  /** The connection holding a generation's tables. */
  private dbOf(gen: number): Database.Database {
    const row = this.meta.one.get(gen);
    if (!row?.file) return this.db;
    const f = this.files.of(row);
    if (!f) throw new Error(`Generation ${gen} has no file any more: it was dropped`);
    return f.db;
  }

  /** Where a generation stands: in its own file, or in the main file's row. */
  private checkpointOf(row: GenerationDbRow): FileCheckpoint {
    return row.file === null ? { checkpoint: row.checkpoint, checkpointAt: row.checkpoint_at } : this.files.checkpointOf(row);
  }

  private statementsOf(gen: number, db: Database.Database): GenerationStatements {
    let s = this.statements.get(gen);
    if (!s) {
      s = new GenerationStatements(db, gen);
      this.statements.set(gen, s);
    }
    return s;
  }

  private guard<T>(action: () => T): T {
    if (!this.db.open) throw new ReadModelUnavailableError(`The read-model store ${this.file} is closed.`);
    try {
      return action();
    } catch (error) {
      if (sqliteCode(error)?.startsWith('SQLITE_BUSY')) {
        throw new ReadModelUnavailableError(`The read-model store ${this.file} is locked by another process; try again shortly.`);
      }
      throw error;
    }
  }
}

function snapshotOf(s: GenerationStatements): ReadModelSnapshot {
  return {
    sager: s.allSager.all().map(toSummaryRow),
    timeline: s.allTimeline.all().map(toTimelineRow),
    meetingItems: s.allMeetingItems.all().map(toMeetingItemRow),
    committees: s.allSagCommittees.all().map(toSagCommitteeRow),
  };
}

function toGeneration(r: GenerationDbRow, at: FileCheckpoint): Generation {
  return {
    gen: Number(r.gen),
    projection: r.projection,
    version: Number(r.version),
    state: r.state as GenerationState,
    checkpoint: at.checkpoint,
    checkpointAt: at.checkpointAt,
    createdAt: r.created_at,
    resumable: r.file === null,
  };
}
