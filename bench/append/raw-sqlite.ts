import path from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '@sagsspor/event-store';
import { streamOf } from './workload';

/**
 * The baseline: plain better-sqlite3, same durability settings, one
 * autocommit INSERT per event of the same row content, into a table with no
 * secondary indexes and no checks — the least work SQLite can do per event.
 * The JSON is serialised before timing, so the baseline does not pay for it.
 */
export function runRawInserts(dir: string, events: readonly NewEvent[]): number {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE events (
      position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
      event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL)`);
    const insert = db.prepare('INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
    const rows = events.map((event, sequence) => [
      streamOf(sequence),
      sequence,
      event.metadata.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    ] as const);
    const started = process.hrtime.bigint();
    for (const row of rows) insert.run(...row);
    return ratePerSecond(rows.length, started);
  } finally {
    db.close();
  }
}

export function ratePerSecond(count: number, started: bigint): number {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}
