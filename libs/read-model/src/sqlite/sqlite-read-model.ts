import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteCode } from '@sagsspor/event-store';
import { NO_MERGES, type CommitteeMerges } from '@sagsspor/sag';
import { formatBuilder, parseBuilder, thisProcess } from '../builder';
import { ReadModelNotReadyError, ReadModelOldLayoutError, ReadModelUnavailableError } from '../errors';
import type { CommitteeSummary, DecisionEntry, Meeting, Page, SagSummary } from '../model';
import type {
  BuildMode,
  CommitOutcome,
  CommitRequest,
  Generation,
  GenerationState,
  ReadModelSnapshot,
  ReadModelStore,
  SagRef,
} from '../port';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from '../queries';
import { SAG_READ_MODEL } from '../rows/version';
import { generationFileName, GenerationDb, removeGenerationFile, type ConnectionOptions } from './generation-db';
import * as queries from './sqlite-queries';

export const READ_MODEL_FILE_NAME = 'read-models.sqlite';

export interface SqliteReadModelOptions {
  /** How long a write waits for another process's write lock. Default 10 000 ms. */
  readonly busyTimeoutMs?: number;
  /** SQLite page cache of each connection. Default 32 MB. */
  readonly cacheSizeKb?: number;
}

interface CatalogueRow {
  gen: bigint;
  projection: string;
  version: bigint;
  state: string;
  mode: string;
  created_at: string;
  builder: string | null;
}

export function sqliteReadModelFile(dataDir: string): string {
  return path.join(dataDir, READ_MODEL_FILE_NAME);
}

/**
 * The embedded read models. `read-models.sqlite` is only the catalogue: which
 * generations exist, how each is built, which one is live. Each generation
 * is a file of its own with its checkpoint inside (generation-db.ts), so a
 * batch commits in one transaction of one file that first checks the
 * expected checkpoint: exactly once, even with two projectors (the server's
 * and apps/projector) on one directory. Readers resolve the live generation
 * in the catalogue and query its file on one snapshot, so a swap or a drop
 * never shows them a half-built model.
 */
export class SqliteReadModel implements ReadModelStore {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  private readonly dir: string;
  private readonly catalogue: Database.Database;
  private readonly options: ConnectionOptions;
  /** Generation files this connection has open. */
  private readonly open = new Map<number, GenerationDb>();
  private readonly sql: {
    all: Database.Statement<unknown[], CatalogueRow>;
    one: Database.Statement<unknown[], CatalogueRow>;
    live: Database.Statement<unknown[], CatalogueRow>;
  };

  constructor(dataDir: string, options: SqliteReadModelOptions = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.dir = dataDir;
    this.file = sqliteReadModelFile(dataDir);
    this.options = { busyTimeoutMs: options.busyTimeoutMs ?? 10_000, cacheSizeKb: options.cacheSizeKb ?? 32_000 };
    this.catalogue = new Database(this.file);
    try {
      this.catalogue.pragma(`busy_timeout = ${this.options.busyTimeoutMs}`);
      this.catalogue.pragma('journal_mode = WAL');
      this.catalogue.pragma('synchronous = FULL');
      if (hasOldLayout(this.catalogue)) throw new ReadModelOldLayoutError(dataDir);
      this.catalogue.exec(`
        CREATE TABLE IF NOT EXISTS generations (
          gen         INTEGER PRIMARY KEY AUTOINCREMENT,
          projection  TEXT NOT NULL,
          version     INTEGER NOT NULL,
          state       TEXT NOT NULL CHECK (state IN ('building', 'live', 'retired')),
          mode        TEXT NOT NULL CHECK (mode IN ('resumable', 'rebuild')),
          created_at  TEXT NOT NULL,
          promoted_at TEXT,
          builder     TEXT
        ) STRICT;
      `);
      addBuilderColumn(this.catalogue);
    } catch (error) {
      this.catalogue.close();
      throw error;
    }
    const select = (where: string) =>
      this.catalogue.prepare<unknown[], CatalogueRow>(`SELECT * FROM generations ${where}`).safeIntegers(true);
    this.sql = {
      all: select('ORDER BY gen'),
      one: select('WHERE gen = ?'),
      live: select("WHERE projection = ? AND state = 'live' ORDER BY gen DESC LIMIT 1"),
    };
  }

  get description(): string {
    return `embedded read models in ${this.dir}`;
  }

  // ---- projection side -------------------------------------------------

  async generations(): Promise<Generation[]> {
    return this.guard(() => {
      const rows = this.sql.all.all();
      this.closeAllBut(new Set(rows.filter((r) => r.state !== 'retired').map((r) => Number(r.gen))));
      return rows.map((r) => toGeneration(r, this.checkpointOf(r)));
    });
  }

  async createGeneration(projection: string, version: number, mode: BuildMode): Promise<Generation> {
    const row = this.guard(() => {
      const { lastInsertRowid } = this.catalogue
        .prepare("INSERT INTO generations (projection, version, state, mode, created_at, builder) VALUES (?, ?, 'building', ?, ?, ?)")
        .run(projection, version, mode, new Date().toISOString(), formatBuilder(thisProcess()));
      return this.sql.one.get(lastInsertRowid) as CatalogueRow;
    });
    const gen = Number(row.gen);
    try {
      this.open.set(gen, GenerationDb.create(this.dir, gen, mode, this.options));
      // Dropped by another process between the row and the file: nobody would remove this one.
      if (!this.guard(() => this.sql.one.get(gen))) throw new Error(`Generation ${gen} was dropped by another process while it was made`);
    } catch (error) {
      await this.dropGeneration(gen).catch(() => undefined);
      throw error;
    }
    return toGeneration(row, { checkpoint: -1n, checkpointAt: null });
  }

  async commit(gen: number, request: CommitRequest): Promise<CommitOutcome> {
    return this.guard(() => {
      const g = this.writable(gen);
      if (!g) return this.abandon(gen);
      return g.db
        .transaction((): CommitOutcome => {
          // Read under the file's write lock: a drop or a swap that lands after this sees the batch whole.
          const state = this.sql.one.get(gen)?.state;
          if (state === undefined || state === 'retired') return 'retired';
          if (g.checkpoint().checkpoint !== request.expectedCheckpoint) return 'moved';
          g.applyBatch(request.changes, request.checkpoint, request.checkpointAt, state === 'live');
          return 'committed';
        })
        .immediate();
    });
  }

  /** A generation being built whose file is gone (its maker was killed before making it) is given up: nobody can finish it. */
  private abandon(gen: number): CommitOutcome {
    this.catalogue.prepare("DELETE FROM generations WHERE gen = ? AND state = 'building'").run(gen);
    return 'retired';
  }

  /**
   * Committee rows and query indexes first; a rebuild's file is then synced
   * and turned to WAL; then, with the file's write lock held so its
   * checkpoint cannot move, the catalogue names it live.
   */
  async promote(gen: number, expectedCheckpoint: bigint): Promise<CommitOutcome> {
    return this.guard(() => {
      const row = this.sql.one.get(gen);
      if (!row || row.state === 'retired') return 'retired';
      const g = this.writable(gen);
      if (!g) return this.abandon(gen);
      if (row.state === 'live') return g.checkpoint().checkpoint === expectedCheckpoint ? 'committed' : 'moved';
      const complete = g.db
        .transaction(() => {
          if (g.checkpoint().checkpoint !== expectedCheckpoint) return false;
          g.completeForReaders();
          return true;
        })
        .immediate();
      if (!complete) return 'moved';
      if (row.mode === 'rebuild') g.makeDurable();
      return g.db
        .transaction(() =>
          this.catalogue
            .transaction((): CommitOutcome => {
              const current = this.sql.one.get(gen);
              if (!current || current.state === 'retired') return 'retired';
              if (g.checkpoint().checkpoint !== expectedCheckpoint) return 'moved';
              this.catalogue
                .prepare("UPDATE generations SET state = 'retired' WHERE projection = ? AND state = 'live'")
                .run(row.projection);
              this.catalogue
                .prepare("UPDATE generations SET state = 'live', promoted_at = ? WHERE gen = ?")
                .run(new Date().toISOString(), gen);
              return 'committed';
            })
            .immediate(),
        )
        .immediate();
    });
  }

  /** Readers query inside a read transaction on a snapshot of a file they hold open, so dropping at once is safe. */
  async dropRetired(): Promise<number> {
    const retired = (await this.generations()).filter((g) => g.state === 'retired');
    for (const g of retired) await this.dropGeneration(g.gen);
    return retired.length;
  }

  /**
   * The row goes first, then the file: a connection that still has the file
   * open (a reader's snapshot, another process) reads on until it closes it;
   * nobody can open it again, and a writer finds no row and stops.
   */
  async dropGeneration(gen: number): Promise<void> {
    this.guard(() =>
      this.catalogue
        .transaction(() => {
          if (this.sql.one.get(gen)?.state === 'live') throw new Error(`Generation ${gen} is live and cannot be dropped`);
          this.catalogue.prepare('DELETE FROM generations WHERE gen = ?').run(gen);
        })
        .immediate(),
    );
    this.open.get(gen)?.close();
    this.open.delete(gen);
    removeGenerationFile(path.join(this.dir, generationFileName(gen)));
  }

  async snapshot(gen?: number): Promise<ReadModelSnapshot> {
    if (gen === undefined) return this.read((g) => g.snapshot());
    return this.guard(() => {
      const g = this.writable(gen);
      if (!g) throw new Error(`Generation ${gen} does not exist`);
      return g.db.transaction(() => g.snapshot())();
    });
  }

  async sagerNaming(gen: number, kommuneKey: string, committeeKeys: readonly string[]): Promise<SagRef[]> {
    return this.guard(() => {
      const g = this.writable(gen);
      if (!g) throw new Error(`Generation ${gen} does not exist`);
      return g.sagerNaming(kommuneKey, committeeKeys);
    });
  }

  // ---- queries ----------------------------------------------------------

  async listSager(query: SagerQuery): Promise<Page<SagSummary>> {
    return this.read((g) => queries.listSager(g, query));
  }

  async listCommittees(kommuneKey: string, merges: CommitteeMerges = NO_MERGES): Promise<CommitteeSummary[]> {
    return this.read((g) => queries.listCommittees(g, kommuneKey, merges));
  }

  async listMeetings(query: MeetingsQuery): Promise<Page<Meeting>> {
    return this.read((g) => queries.listMeetings(g, query));
  }

  async listDecisions(query: DecisionsQuery): Promise<Page<DecisionEntry>> {
    return this.read((g) => queries.listDecisions(g, query));
  }

  async liveCheckpoint(): Promise<{ gen: number; checkpoint: bigint; checkpointAt: string | null } | null> {
    return this.guard(() => {
      const row = this.sql.live.get(SAG_READ_MODEL.name);
      if (!row) return null;
      return { gen: Number(row.gen), ...this.checkpointOf(row) };
    });
  }

  async close(): Promise<void> {
    this.closeAllBut(new Set());
    if (this.catalogue.open) this.catalogue.close();
  }

  // ---- internals --------------------------------------------------------

  /**
   * Resolves the live generation and queries its file on one snapshot. A
   * swap and drop between the two shows the next live one (whole); a live
   * file that is gone for good is an outage, not a wait.
   */
  private read<T>(query: (g: GenerationDb) => T): T {
    return this.guard(() => {
      for (let attempt = 1; ; attempt++) {
        const row = this.sql.live.get(SAG_READ_MODEL.name);
        if (!row) throw new ReadModelNotReadyError();
        const gen = Number(row.gen);
        const g = this.connection(row);
        if (g) return g.db.transaction(() => query(g))();
        if (attempt >= 3)
          throw new ReadModelUnavailableError(
            `The live read model's file ${generationFileName(gen)} in ${this.dir} is missing; rebuild it.`,
          );
      }
    });
  }

  /** This connection's handle on a generation's file, opened as its row says; null when the file is gone. */
  private connection(row: CatalogueRow): GenerationDb | null {
    const gen = Number(row.gen);
    const known = this.open.get(gen);
    if (known) return known;
    const unsynced = row.mode === 'rebuild' && row.state === 'building';
    const g = GenerationDb.open(this.dir, gen, unsynced, this.options);
    if (!g) return null;
    if (row.state === 'live') this.closeAllBut(new Set([gen, ...[...this.open.keys()].filter((n) => n > gen)]));
    this.open.set(gen, g);
    return g;
  }

  private writable(gen: number): GenerationDb | null {
    const row = this.sql.one.get(gen);
    return row ? this.connection(row) : null;
  }

  /** Where a generation stands; -1 for a file a killed rebuild left torn or missing. */
  private checkpointOf(row: CatalogueRow): { checkpoint: bigint; checkpointAt: string | null } {
    try {
      const g = this.connection(row);
      if (g) return g.checkpoint();
    } catch (error) {
      if (!sqliteCode(error)?.startsWith('SQLITE_CORRUPT') && !sqliteCode(error)?.startsWith('SQLITE_NOTADB')) throw error;
    }
    return { checkpoint: -1n, checkpointAt: null };
  }

  private closeAllBut(keep: ReadonlySet<number>): void {
    for (const [gen, g] of this.open) {
      if (keep.has(gen)) continue;
      g.close();
      this.open.delete(gen);
    }
  }

  private guard<T>(action: () => T): T {
    if (!this.catalogue.open) throw new ReadModelUnavailableError(`The read-model store in ${this.dir} is closed.`);
    try {
      return action();
    } catch (error) {
      if (sqliteCode(error)?.startsWith('SQLITE_BUSY')) {
        throw new ReadModelUnavailableError(`The read-model store in ${this.dir} is locked by another process; try again shortly.`);
      }
      throw error;
    }
  }
}

/** Before generations had files of their own, the catalogue was `rm_generations` with tables beside it. */
function hasOldLayout(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'rm_generations'").get() !== undefined;
}

/**
 * For `cli rebuild`: read models made by an earlier layout are removed (they
 * hold nothing the log does not), so the rebuild can build them anew.
 * Returns whether there were any.
 */
export function removeOldLayout(dataDir: string): boolean {
  const file = sqliteReadModelFile(dataDir);
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  let old: boolean;
  try {
    old = hasOldLayout(db);
  } finally {
    db.close();
  }
  if (!old) return false;
  for (const name of fs.readdirSync(dataDir))
    if (/^read-models(\.g\d+)?\.sqlite(-wal|-shm|-journal)?$/.test(name)) fs.rmSync(path.join(dataDir, name), { force: true });
  return true;
}

function toGeneration(r: CatalogueRow, at: { checkpoint: bigint; checkpointAt: string | null }): Generation {
  return {
    gen: Number(r.gen),
    projection: r.projection,
    version: Number(r.version),
    state: r.state as GenerationState,
    mode: r.mode as BuildMode,
    checkpoint: at.checkpoint,
    checkpointAt: at.checkpointAt,
    createdAt: r.created_at,
    builder: parseBuilder(r.builder),
  };
}

/** A catalogue made before builders were recorded gets the column; two processes opening it at once may both try. */
function addBuilderColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(generations)').all();
  if (columns.some((c) => c.name === 'builder')) return;
  try {
    db.exec('ALTER TABLE generations ADD COLUMN builder TEXT');
  } catch (error) {
    if (!/duplicate column name/i.test(String(error))) throw error;
  }
}
