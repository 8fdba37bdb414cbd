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
 * position is the rowid: assigned inside the append's write lock, so it
 * grows strictly in commit order, and a reader can never see position n+1
 * committed before n. No AUTOINCREMENT: it would cost an extra page write
 * (sqlite_sequence) on every commit, about 5-10% of append throughput, only
 * to stop the reuse of positions of the newest events after someone deleted
 * them by hand — tampering the audit hash chain reports anyway. The store
 * itself never deletes.
 *
 * The (stream_name, revision) unique index serves stream reads, the
 * current-revision lookup and the duplicate-event-id check, so each commit
 * writes one table page and one index page. Event ids are derived from their
 * stream (libs/sag eventIdOf), so a duplicate can only ever be in the same
 * stream: checking there (as EventStoreDB does) makes a global event_id
 * index, a random-page write on every commit, unnecessary.
 * STRICT makes SQLite reject a value of the wrong type.
 */
export function createSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY,
      stream_name TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      UNIQUE (stream_name, revision)
    ) STRICT;
  `);
}
