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
 * them by hand — tampering the audit checkpoints report anyway. The store
 * itself never deletes.
 *
 * One secondary index, (stream_name, revision), serves stream reads and the
 * stream's head (its rowid is in every entry), so each commit writes one
 * table page and one index page. Event ids are not in it: the duplicate check
 * uses the ids the store remembers per stream (KnownStreamIds) and reads a
 * stream's ids only when another process appended to it. Event ids are
 * derived from their stream (libs/sag eventIdOf), so a duplicate can only
 * ever be in the same stream: checking there (as EventStoreDB does) makes a
 * global event_id index unnecessary. (stream_name, revision) is unique
 * because appends assign revisions under the write lock (BEGIN IMMEDIATE);
 * a UNIQUE index would add nothing but a way for a store to refuse to open
 * data someone edited by hand. STRICT makes SQLite reject a value of the
 * wrong type.
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
      metadata    TEXT    NOT NULL
    ) STRICT;
  `);
  // Stores created before any of these kept their UNIQUE (stream_name, revision) index: it is the same index.
  if (hasIndex(db, 'sqlite_autoindex_events_1') || hasIndex(db, STREAM_INDEX)) return;
  db.transaction(() => {
    db.exec(`CREATE INDEX IF NOT EXISTS ${STREAM_INDEX} ON events (stream_name, revision)`);
    // Builds that read event ids from the index made it (stream_name, revision, event_id): ~2.5 times wider, dearer to keep.
    db.exec('DROP INDEX IF EXISTS events_by_stream');
  }).immediate();
}

const STREAM_INDEX = 'events_by_stream_revision';

function hasIndex(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) !== undefined;
}
