import type Database from 'better-sqlite3';

export const SQLITE_FILE_NAME = 'events.sqlite';

/**
 * Durable and shareable: WAL lets a CLI import and the server use the file at
 * once; synchronous=FULL fsyncs the WAL on every commit, so an acknowledged
 * append survives power loss; busy_timeout makes a writer wait for the other
 * process's write lock instead of failing at once.
 */
export function applyPragmas(db: Database.Database, busyTimeoutMs: number): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}

/**
 * AUTOINCREMENT so a position is never reused, even after the newest rows
 * are deleted (say, by hand in a tamper test). The (stream_name, revision)
 * unique index serves both stream reads and the current-revision lookup, so
 * no separate streams table has to be written on every append.
 */
export function createSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_name TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL UNIQUE,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      UNIQUE (stream_name, revision)
    ) STRICT;
  `);
}
