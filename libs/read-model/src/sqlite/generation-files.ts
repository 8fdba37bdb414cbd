import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { sqliteCode } from '@sagsspor/event-store';
import {
  createGenerationFile,
  GET_FILE_CHECKPOINT,
  openGenerationFile,
  removeGenerationFile,
  SET_FILE_CHECKPOINT,
  type GenerationFileOptions,
} from './generation-file';
import { applyPragmas } from './schema';

/** What the main file says of a generation that this needs. */
export interface GenerationFileRow {
  readonly gen: bigint;
  readonly state: string;
  /** Its own file's name in the data directory; null when its tables are in the main file. */
  readonly file: string | null;
}

/** A connection's handle on a generation in a file of its own. */
export interface GenFile {
  readonly db: Database.Database;
  readonly path: string;
  /** Opened with the pragmas of a building generation (no journal on disk, no fsync). */
  building: boolean;
  readonly getCheckpoint: Database.Statement<unknown[], { checkpoint: bigint; checkpoint_at: string | null }>;
  readonly setCheckpoint: Database.Statement;
}

export interface FileCheckpoint {
  readonly checkpoint: bigint;
  readonly checkpointAt: string | null;
}

/**
 * The generation files one SqliteReadModel has open, each opened the way its
 * generation's state asks (generation-file.ts), and closed when it is dropped
 * or no longer needed. `onClose` hears of each close, so whatever was
 * prepared on the connection goes with it.
 */
export class GenerationFiles {
  private readonly open = new Map<number, GenFile>();

  constructor(
    private readonly dataDir: string,
    private readonly options: GenerationFileOptions & { pageSize: number },
    private readonly onClose: (gen: number) => void,
  ) {}

  pathOf(row: GenerationFileRow | undefined): string | null {
    return row?.file ? path.join(this.dataDir, row.file) : null;
  }

  /** A new file with the generation's empty tables (one left by an earlier data directory is replaced). */
  create(gen: number, name: string): void {
    createGenerationFile(path.join(this.dataDir, name), gen, this.options);
  }

  /** Closes and deletes the file, and whatever SQLite kept beside it. */
  remove(gen: number, name: string): void {
    this.close(gen);
    removeGenerationFile(path.join(this.dataDir, name));
  }

  /**
   * The handle on a generation's file, opened the way its state asks; null
   * when the file is gone (dropped by another process).
   */
  of(row: GenerationFileRow): GenFile | null {
    const gen = Number(row.gen);
    const building = row.state === 'building';
    const known = this.open.get(gen);
    if (known && known.building && !building) {
      // Made live since this connection opened it (by another process): write it durably now.
      applyPragmas(known.db, this.options);
      known.building = false;
    }
    if (known) return known;
    const file = this.pathOf(row);
    if (!file || !fs.existsSync(file)) return null;
    let db: Database.Database;
    try {
      db = openGenerationFile(file, building, this.options);
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CANTOPEN') return null;
      throw error;
    }
    const f: GenFile = {
      db,
      path: file,
      building,
      getCheckpoint: db.prepare<unknown[], { checkpoint: bigint; checkpoint_at: string | null }>(GET_FILE_CHECKPOINT).safeIntegers(true),
      setCheckpoint: db.prepare(SET_FILE_CHECKPOINT),
    };
    this.open.set(gen, f);
    return f;
  }

  /**
   * The checkpoint stored in a generation's file: -1 when the file is gone,
   * or is a half-built file torn by a rebuild that died mid-write (only ever
   * dropped, never read).
   */
  checkpointOf(row: GenerationFileRow): FileCheckpoint {
    const unknown = { checkpoint: -1n, checkpointAt: null };
    try {
      const stored = this.of(row)?.getCheckpoint.get();
      return stored ? { checkpoint: stored.checkpoint, checkpointAt: stored.checkpoint_at } : unknown;
    } catch (error) {
      if (!(row.state === 'building' && /^SQLITE_(CORRUPT|NOTADB)/.test(sqliteCode(error) ?? ''))) throw error;
      this.close(Number(row.gen));
      return unknown;
    }
  }

  close(gen: number): void {
    const f = this.open.get(gen);
    this.onClose(gen);
    if (!f) return;
    this.open.delete(gen);
    if (f.db.open) f.db.close();
  }

  /** Closes every file but those `keep` names: an open handle keeps a dropped file's disk space taken. */
  closeAllBut(keep: (gen: number) => boolean): void {
    for (const gen of [...this.open.keys()]) if (!keep(gen)) this.close(gen);
  }
}
