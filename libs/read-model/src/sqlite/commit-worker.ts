import { Worker } from 'node:worker_threads';
import { SqliteError } from 'better-sqlite3';
import { ReadModelUnavailableError } from '../errors';
import type { CommitOutcome } from '../port';
import { applyBuildingPragmas, GET_FILE_CHECKPOINT, SET_FILE_CHECKPOINT } from './generation-file';
import type { WriteSql } from './generation-statements';
import { runBatch, WRITE_ARITY, WRITE_KINDS, type WriteBatch, type WriteKind } from './write-batch';

/** One batch for a generation being built: its rows and the checkpoint they bring it to. */
export interface WorkerCommit {
  readonly gen: number;
  /** The generation's own file (generation-file.ts), or null when its tables are in the main file. */
  readonly file: string | null;
  readonly sql: WriteSql;
  readonly batch: WriteBatch;
  readonly checkpoint: bigint;
  readonly checkpointAt: string | null;
  readonly expectedCheckpoint: bigint;
  /** Wait a moment for the batches that follow, to commit them together. */
  readonly more: boolean;
}

export interface WorkerCommitResult {
  readonly outcome: CommitOutcome;
  /** The generation's state as the commit found it. */
  readonly state: string | null;
}

interface Setup {
  readonly file: string;
  readonly sqlitePath: string;
  readonly busyTimeoutMs: number;
  readonly cacheSizeKb: number;
  readonly walRestartBytes: number;
  readonly kinds: readonly WriteKind[];
  readonly arity: Record<WriteKind, number>;
  readonly runBatchSource: string;
  readonly checkpointerSource: string;
  readonly buildingPragmasSource: string;
  readonly fileCheckpointSql: { readonly get: string; readonly set: string };
}

type Reply = { id: number; outcome: CommitOutcome; state: string | null } | { id: number; error: { message: string; code?: string } };

/**
 * Commits a building generation's batches on a connection of its own in a
 * worker thread, so a rebuild reads and projects the next batch while SQLite
 * writes this one (two cores, two halves of the work). Batches commit in the
 * order they are sent, each in one transaction with its checkpoint, guarded on
 * the expected checkpoint as every commit is. It writes building generations
 * only: one found live or retired is left alone (`moved` / `retired`), and
 * the caller goes on in-process.
 */
export class CommitWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  /** Batches commit in the order sent: once the last one has settled, all have. */
  private last: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<number, { resolve: (r: WorkerCommitResult) => void; reject: (e: Error) => void }>();
  private readonly setup: Setup;
  private died = false;

  constructor(options: { file: string; busyTimeoutMs: number; cacheSizeKb: number; walRestartBytes: number }) {
    this.setup = {
      ...options,
      sqlitePath: require.resolve('better-sqlite3'),
      kinds: WRITE_KINDS,
      arity: WRITE_ARITY,
      runBatchSource: runBatch.toString(),
      checkpointerSource: checkpointerMain.toString(),
      buildingPragmasSource: applyBuildingPragmas.toString(),
      fileCheckpointSql: { get: GET_FILE_CHECKPOINT, set: SET_FILE_CHECKPOINT },
    };
  }

  /** Sends the batch at once (its values are copied now, so the caller may go on changing its models). */
  commit(request: WorkerCommit): Promise<WorkerCommitResult> {
    const worker = this.started();
    const id = this.nextId++;
    const result = new Promise<WorkerCommitResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    if (this.pending.size === 1) worker.ref();
    worker.postMessage({ id, ...request });
    this.last = result.catch(() => undefined);
    return result;
  }

  /**
   * True once the thread has died unasked (out of memory on a huge batch, a
   * crash): the caller then commits in-process, so one bad batch cannot stop
   * a projection for good.
   */
  get broken(): boolean {
    return this.died;
  }

  /** Resolves once every batch sent has been committed or refused. */
  async idle(): Promise<void> {
    await this.last;
  }

  /** Whether its thread is up (started by the first commit, and again by the first after close()). */
  get running(): boolean {
    return this.worker !== null;
  }

  async close(): Promise<void> {
    await this.idle();
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // Its heap only ever holds the batches of one transaction: kept small, so a rebuild's memory
    // stays flat. But those batches must die young: with 8 MB of young generation a group of
    // batches outlived two scavenges and was copied twice (4.7 s of 1M events went to that).
    const worker = new Worker(`(${commitWorkerMain.toString()})()`, {
      eval: true,
      workerData: this.setup,
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 48 },
    });
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`The read-model commit worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const entry = this.pending.get(reply.id);
    if (!entry) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if ('error' in reply) entry.reject(errorOf(reply.error, this.setup.file));
    else entry.resolve({ outcome: reply.outcome, state: reply.state });
  }

  /**
   * Every caller still waiting hears that its batch failed (it may or may not
   * have committed: the stored checkpoint says, and the writer goes on from it).
   */
  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) {
      this.worker = null;
      this.died = true;
    }
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const entry of waiting) entry.reject(new ReadModelUnavailableError(`The read-model commit worker failed: ${error.message}`));
  }
}

function errorOf(error: { message: string; code?: string }, file: string): Error {
  if (error.code?.startsWith('SQLITE_BUSY'))
    return new ReadModelUnavailableError(`The read-model store ${file} is locked by another process; try again shortly.`);
  return error.code ? new SqliteError(error.message, error.code) : new Error(error.message);
}

/**
 * The worker's whole program; it runs from this function's source, so it uses
 * nothing from this module. Commits skip the fsync (synchronous=NORMAL), as
 * every commit to a building generation does: WAL keeps each batch atomic with
 * its checkpoint, and the FULL commit that makes the generation live makes it
 * all durable. The WAL is checkpointed by a thread of its own
 * (checkpointerMain), so copying pages into the database file overlaps with
 * the writing instead of delaying it.
 */
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
function commitWorkerMain(): void {
  const { parentPort, workerData } = require('node:worker_threads');
  const setup = workerData as Setup;
  const Database = require(setup.sqlitePath);
  const runBatchFn = (0, eval)(`(${setup.runBatchSource})`) as typeof runBatch;
  const buildingPragmas = (0, eval)(`(${setup.buildingPragmasSource})`) as typeof applyBuildingPragmas;
  const db = new Database(setup.file);
  db.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${setup.cacheSizeKb}`);
  // No limit: after each restart the WAL file is written over in place, not cut back and grown
  // again block by block (the first commits after a restart were the slowest). The connection
  // that makes the generation live keeps the limit of schema.ts, and trims it after.
  db.pragma('journal_size_limit = -1');
  // Checkpoints are run by a thread of their own (below), while this one writes the next batches.
  db.pragma('wal_autocheckpoint = 0');
  const generation = db.prepare('SELECT state, checkpoint FROM rm_generations WHERE gen = ?').safeIntegers(true);
  const setCheckpoint = db.prepare('UPDATE rm_generations SET checkpoint = ?, checkpoint_at = ? WHERE gen = ?');
  const prepared = new Map<number, Record<string, any>>();
  const statementsOf = (gen: number, sql: WriteSql, conn: any): Record<string, any> => {
    let s = prepared.get(gen);
    if (!s) {
      s = {
        deleteTimeline: conn.prepare(sql.deleteTimeline),
        patchTimeline: conn.prepare(sql.patchTimeline),
        insertTimeline: conn.prepare(sql.insertTimeline),
        deleteMeetingItem: conn.prepare(sql.deleteMeetingItem),
        upsertMeetingItem: conn.prepare(sql.upsertMeetingItem),
        summary: conn.prepare(sql.upsertSag),
      };
      prepared.set(gen, s);
    }
    return s;
  };
  type Message = WorkerCommit & { id: number };
  interface OwnFile {
    db: any;
    get: any;
    set: any;
    commitAll: any;
  }
  // Generations in files of their own: written with no journal on disk and no fsync, and with
  // no WAL, nothing to checkpoint (generation-file.ts); the checkpoint is in the file.
  const files = new Map<string, OwnFile>();
  const fileOf = (file: string): OwnFile => {
    let f = files.get(file);
    if (!f) {
      const conn = new Database(file, { fileMustExist: true });
      buildingPragmas(conn, { busyTimeoutMs: setup.busyTimeoutMs, cacheSizeKb: setup.cacheSizeKb });
      f = {
        db: conn,
        get: conn.prepare(setup.fileCheckpointSql.get).safeIntegers(true),
        set: conn.prepare(setup.fileCheckpointSql.set),
        commitAll: conn.transaction((group: Message[]) => group.map((m) => apply(m, f as OwnFile))),
      };
      files.set(file, f);
    }
    return f;
  };
  const closeFile = (file: string, gen: number): void => {
    const f = files.get(file);
    files.delete(file);
    prepared.delete(gen);
    f?.db.close();
  };
  const CHECKPOINT_EVERY_MS = 300;
  let lastCheckpoint = Date.now();
  // Started by the first commit to the main file.
  let checkpointer: { postMessage(m: unknown): void } | null = null;
  let checkpointerStarted = false;
  /** Frames in the WAL, as the checkpoint thread last found it. */
  let walFrames = 0;
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  function startCheckpointer(): typeof checkpointer {
    // Copying the WAL into the database file mostly waits for the disk (fsync): on a
    // connection and thread of its own, concurrently with this writer (WAL allows it).
    const thread = new (require('node:worker_threads').Worker)(`(${setup.checkpointerSource})(${JSON.stringify(setup)})`, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
    });
    thread.unref();
    thread.on('message', (frames: number) => (walFrames = frames));
    // Without it (it died), this thread checkpoints itself.
    thread.on('error', () => undefined);
    thread.on('exit', () => (checkpointer = null));
    return thread;
  }
  // A checkpoint that runs beside a writer never finds the WAL fully copied, so the WAL is
  // never started over and would grow by every page every commit writes (several times the
  // model). Past walRestartBytes the writer copies the rest itself, and the next commit
  // starts it over.
  const checkpoint = (): void => {
    if (!checkpointerStarted) {
      checkpointerStarted = true;
      checkpointer = startCheckpointer();
    }
    if (walFrames * pageSize > setup.walRestartBytes) {
      db.pragma('main.wal_checkpoint(RESTART)');
      walFrames = 0;
    }
    if (Date.now() - lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    if (checkpointer) checkpointer.postMessage(0);
    else db.pragma('main.wal_checkpoint(PASSIVE)');
    lastCheckpoint = Date.now();
  };
  const apply = (m: Message, own: OwnFile | null): { outcome: string; state: string | null } => {
    const row = generation.get(m.gen) as { state: string; checkpoint: bigint } | undefined;
    if (!row || row.state === 'retired') return { outcome: 'retired', state: row?.state ?? null };
    const stored = own ? (own.get.get() as { checkpoint: bigint } | undefined)?.checkpoint : row.checkpoint;
    if (row.state !== 'building' || stored !== m.expectedCheckpoint) return { outcome: 'moved', state: row.state };
    const s = statementsOf(m.gen, m.sql, own ? own.db : db);
    runBatchFn(
      m.batch,
      (kind: string) => {
        const stmt = s[kind];
        if (!stmt) throw new Error(`A building generation does not write ${kind}`);
        return stmt;
      },
      setup.kinds,
      setup.arity,
    );
    if (own) own.set.run(m.checkpoint, m.checkpointAt);
    else setCheckpoint.run(m.checkpoint, m.checkpointAt, m.gen);
    return { outcome: 'committed', state: row.state };
  };
  // Batches that queued up while the last transaction ran commit together, each still
  // guarded on the checkpoint the one before it brought: fewer, larger transactions
  // write each hot page (index leaves, the generation's row) once instead of once per batch.
  const commitAll = db.transaction((group: Message[]) => group.map((m) => apply(m, null)));
  let queue: Message[] = [];
  // One transaction per file: a group holds the batches of one generation, but may hold two.
  const drain = (): void => {
    const group = queue;
    queue = [];
    for (let i = 0; i < group.length; ) {
      const file = group[i]?.file ?? null;
      let j = i + 1;
      while (j < group.length && (group[j]?.file ?? null) === file) j++;
      commitRun(group.slice(i, j), file);
      i = j;
    }
  };
  const commitRun = (run: Message[], file: string | null): void => {
    try {
      const results: { outcome: string; state: string | null }[] = file ? fileOf(file).commitAll.immediate(run) : commitAll.immediate(run);
      run.forEach((m, i) => parentPort.postMessage({ id: m.id, ...results[i] }));
      const first = run[0];
      if (file && first && results.some((r) => r.outcome === 'retired')) closeFile(file, first.gen);
      // Not after every batch: each checkpoint costs an fsync.
      if (!file) checkpoint();
    } catch (error: any) {
      prepared.clear();
      for (const m of run) parentPort.postMessage({ id: m.id, error: { message: String(error?.message ?? error), code: error?.code } });
    }
  };
  // A transaction writes every page it touches whole, and a batch touches index leaves all
  // over (one per committee, outcome...): a few batches per transaction write far fewer pages
  // per event. Batches of a pipelined rebuild (`more`) wait for company a moment; a batch whose
  // writer waits for its outcome commits at once, with whatever queued before it. At most
  // half of a pipelined writer's batches under way (generation-writer.ts): with more, the
  // projection ran out of room and waited while each group committed.
  const GROUP = 4;
  const WAIT_MS = 20;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const drainNow = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queue.length > 0) drain();
  };
  parentPort.on('message', (m: Message) => {
    const queued = queue.push(m);
    if (queued >= GROUP || !m.more) setImmediate(drainNow);
    else if (queued === 1) timer = setTimeout(drainNow, WAIT_MS);
  });
}

/**
 * The checkpoint thread's whole program (run from its source, like the
 * commit worker's): a PASSIVE checkpoint whenever the commit worker asks,
 * answering with the number of frames in the WAL.
 * Messages that queued during one run one after another; the later ones
 * find little or nothing left to copy.
 */
function checkpointerMain(setup: { sqlitePath: string; file: string; busyTimeoutMs: number }): void {
  const { parentPort } = require('node:worker_threads');
  const Database = require(setup.sqlitePath);
  const db = new Database(setup.file);
  db.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  parentPort.on('message', () => {
    const [result] = db.pragma('main.wal_checkpoint(PASSIVE)') as { log: number }[];
    parentPort.postMessage(result?.log ?? 0);
  });
}
