import path from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '@sagsspor/event-store';
import type { BenchSide } from './side';
import { streamOf } from './workload';

type Row = readonly [string, number, string, string, string, string];

/**
 * The baseline: plain better-sqlite3 with the same durability settings, one
 * autocommit INSERT per event of the same row content into a table with no
 * secondary indexes and no checks — the least work SQLite can do per event.
 * Rows are serialised before timing, so the baseline pays for no JSON either.
 */
export function openRawSide(dir: string, events: readonly NewEvent[]): BenchSide {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL)`);
  const insert = db.prepare<Row>('INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const rows = events.map((event, sequence): Row => [
    streamOf(sequence),
    sequence,
    event.metadata.eventId,
    event.type,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
  ]);
  return {
    run: (from, to) => {
      for (let sequence = from; sequence < to; sequence += 1) insert.run(...(rows[sequence] as Row));
    },
    close: () => db.close(),
  };
}
