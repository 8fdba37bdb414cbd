import Database from 'better-sqlite3';
import { sqliteEventStoreFile } from '@sagsspor/event-store';

/** Edits one stored event behind the application's back, straight in the embedded store's file. */
export function tamper(dataDir: string, stream: string, revision: number, sql: { data?: string; metadata?: string }): void {
  const db = new Database(sqliteEventStoreFile(dataDir));
  try {
    const sets = Object.entries(sql).map(([column, expression]) => `${column} = ${expression}`);
    const changed = db.prepare(`UPDATE events SET ${sets.join(', ')} WHERE stream_name = ? AND revision = ?`).run(stream, revision).changes;
    if (changed !== 1) throw new Error(`tamper: no event ${stream}@${revision}`);
  } finally {
    db.close();
  }
}

export function remove(dataDir: string, stream: string, revision: number): void {
  const db = new Database(sqliteEventStoreFile(dataDir));
  try {
    if (db.prepare('DELETE FROM events WHERE stream_name = ? AND revision = ?').run(stream, revision).changes !== 1)
      throw new Error(`remove: no event ${stream}@${revision}`);
  } finally {
    db.close();
  }
}
