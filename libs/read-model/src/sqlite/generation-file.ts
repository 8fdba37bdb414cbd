import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyPragmas, createDecisionIndexes, createGenerationSchema } from './schema';

/**
 * A rebuild's generation (not resumable) lives in a file of its own beside
 * read-models.sqlite, with its checkpoint inside it. While it is built, nobody
 * reads it and whoever finds it half-built drops it, so it is written with no
 * journal on disk and no fsync: no WAL to write every page twice, no WAL to
 * copy back. At the swap it is synced once and turned to WAL, and from then
 * on it is written like any live model: rows and checkpoint in one durable
 * transaction of this one file.
 */
export function generationFileName(gen: number): string {
  return `read-models.g${gen}.sqlite`;
}

/** Every file SQLite may keep for a database: the file, its WAL, its shared memory, a rollback journal. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

export interface GenerationFileOptions {
  readonly busyTimeoutMs: number;
  readonly cacheSizeKb: number;
}

/**
 * Write-ahead of nothing: the journal is kept in memory (a failed batch still
 * rolls back) and nothing is synced. Safe only for a generation nobody reads
 * and nobody resumes.
 */
export function applyBuildingPragmas(db: Database.Database, options: GenerationFileOptions): void {
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma(`cache_size = -${options.cacheSizeKb}`);
}

/** Opens an existing generation file, as building or as live (WAL, synced commits) by its state. */
export function openGenerationFile(file: string, building: boolean, options: GenerationFileOptions): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  try {
    if (building) applyBuildingPragmas(db, options);
    else applyPragmas(db, options);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A new file with the generation's tables and its checkpoint (-1: nothing applied). */
export function createGenerationFile(file: string, gen: number, options: GenerationFileOptions & { pageSize: number }): void {
  removeGenerationFile(file);
  const db = new Database(file);
  try {
    db.pragma(`page_size = ${options.pageSize}`);
    applyBuildingPragmas(db, options);
    db.transaction(() => {
      createGenerationSchema(db, gen);
      createDecisionIndexes(db, gen);
      db.exec(`
        CREATE TABLE gen_checkpoint (
          id            INTEGER PRIMARY KEY CHECK (id = 1),
          checkpoint    INTEGER NOT NULL,
          checkpoint_at TEXT
        ) STRICT;
        INSERT INTO gen_checkpoint (id, checkpoint, checkpoint_at) VALUES (1, -1, NULL);
      `);
    })();
  } finally {
    db.close();
  }
}

export const GET_FILE_CHECKPOINT = 'SELECT checkpoint, checkpoint_at FROM gen_checkpoint WHERE id = 1';
export const SET_FILE_CHECKPOINT = 'UPDATE gen_checkpoint SET checkpoint = ?, checkpoint_at = ? WHERE id = 1';

/**
 * Makes what was written without fsync durable, then turns the file to WAL:
 * its data first (fsync flushes every page written to the file, through any
 * descriptor), then its name in the directory.
 */
export function makeDurable(db: Database.Database, file: string): void {
  fsyncPath(file);
  fsyncPath(path.dirname(file));
  // FULL first: the switch rewrites the file's header, synced like any commit from now on.
  db.pragma('synchronous = FULL');
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`The generation file ${file} could not be switched to WAL (it is ${String(mode)})`);
  fsyncPath(path.dirname(file));
}

/** Removes the file and any companion SQLite left beside it; missing ones are fine. */
export function removeGenerationFile(file: string): void {
  for (const suffix of COMPANIONS) fs.rmSync(`${file}${suffix}`, { force: true });
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
