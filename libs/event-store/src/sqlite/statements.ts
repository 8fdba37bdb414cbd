import type Database from 'better-sqlite3';
import type { StreamHead } from './known-stream-ids';

export interface EventRow {
  readonly position: number;
  readonly stream_name: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** A stream read also brings the event id column: the duplicate check remembers it (KnownStreamIds). */
export interface StreamRow extends EventRow {
  readonly event_id: string;
}

/** stream_name, revision, event_id, type, data, metadata — positional, the cheapest binding. */
export type InsertParams = [string, number, string, string, string, string];

/** Every statement the store runs, prepared once per connection. */
export interface Statements {
  /** The stream's newest revision and its position, from the index alone; undefined when it has no events. */
  readonly streamHead: Database.Statement<[string], StreamHead>;
  /** Plucked: every event id of the stream. */
  readonly streamEventIds: Database.Statement<[string], string>;
  readonly insert: Database.Statement<InsertParams>;
  readonly readStream: Database.Statement<[string, number, number], StreamRow>;
  readonly readAll: Database.Statement<[bigint, number], EventRow>;
  readonly headPosition: Database.Statement<[], { head: number | null }>;
}

const COLUMNS = 'position, stream_name, revision, type, data, metadata';

export function prepareStatements(db: Database.Database): Statements {
  return {
    streamHead: db.prepare<[string], StreamHead>(
      'SELECT revision, position FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1',
    ),
    streamEventIds: db.prepare<[string], string>('SELECT event_id FROM events WHERE stream_name = ?').pluck(),
    insert: db.prepare<InsertParams>(
      'INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    readStream: db.prepare<[string, number, number], StreamRow>(
      `SELECT ${COLUMNS}, event_id FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readAll: db.prepare<[bigint, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    headPosition: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
  };
}
