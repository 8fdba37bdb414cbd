import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@sagsspor/event-store';
import type { BenchSide } from './side';
import { streamOf } from './workload';

type Row = [string, number, string, string, string, string];

const BARE_TABLE = `CREATE TABLE events (
  position INTEGER PRIMARY KEY, stream_name TEXT NOT NULL, revision INTEGER NOT NULL,
  event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL)`;

/**
 * The baseline: plain better-sqlite3 with the same durability settings, one
 * autocommit INSERT per event of the same row content into a table with no
 * secondary indexes and no checks — the least work SQLite can do per event.
 * Rows are serialised in prepare(), so the baseline pays for no JSON either.
 */
export function openRawSide(dir: string): BenchSide {
  const db = openDurable(path.join(dir, 'raw.sqlite'));
  db.exec(BARE_TABLE);
  return rawInserts('raw', db);
}

/**
 * For insight only: the same raw inserts into the adapter's own schema (its
 * index on stream and revision). Port vs this is adapter overhead; this vs
 * the bare baseline is what the index costs.
 */
export async function openIndexedRawSide(dir: string): Promise<BenchSide> {
  await new SqliteEventStore(dir).close();
  return rawInserts('raw, port schema', openDurable(path.join(dir, 'events.sqlite')));
}

function openDurable(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

function rawInserts(name: string, db: Database.Database): BenchSide {
  const insert = db.prepare<Row>('INSERT INTO events (stream_name, revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const revisions = new Map<string, number>();
  let rows: Row[] = [];
  return {
    name,
    prepare: (events, firstSequence) => {
      rows = events.map((event, index): Row => {
        const stream = streamOf(firstSequence + index);
        const revision = (revisions.get(stream) ?? -1) + 1;
        revisions.set(stream, revision);
        return [stream, revision, event.metadata.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)];
      });
    },
    run: () => {
      for (const row of rows) insert.run(...row);
    },
    close: () => {
      db.close();
    },
  };
}
