import type Database from 'better-sqlite3';

export interface EventRow {
  readonly position: number;
  readonly stream_name: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** stream_name, revision, event_id, type, data, metadata — positional, the cheapest binding. */
export type InsertParams = [string, number, string, string, string, string];

/** Every statement the store runs, prepared once per connection. */
export interface Statements {
  /** Plucked: the stream's revision, undefined when it has no events. */
  readonly currentRevision: Database.Statement<[string], number>;
  /** Plucked: 1 when the stream holds the id, else undefined. */
  readonly eventIdInStream: Database.Statement<[string, string], number>;
  readonly insert: Database.Statement<InsertParams>;
  readonly readStream: Database.Statement<[string, number, number], EventRow>;
  readonly readAll: Database.Statement<[bigint, number], EventRow>;
  readonly headPosition: Database.Statement<[], { head: number | null }>;
}

const COLUMNS = 'position, stream_name, revision, type, data, metadata';

export function prepareStatements(db: Database.Database): Statements {
  return {
    currentRevision: db
      .prepare<[string], number>('SELECT revision FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1')
      .pluck(),
    eventIdInStream: db.prepare<[string, string], number>('SELECT 1 FROM events WHERE stream_name = ? AND event_id = ? LIMIT 1').pluck(),
    insert: db.prepare<InsertParams>(
      'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    readStream: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readAll: db.prepare<[bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    headPosition: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
  };
}
