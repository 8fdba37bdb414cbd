import Database from 'better-sqlite3';
import { sqliteEventStoreFile } from '@sagsspor/event-store';

/**
 * The baseline: read the whole log in position order, page by page, and parse
 * every event's data and metadata — the least any projection must do.
 * Returns events per second.
 */
export function rawReadAndParse(dataDir: string, pageSize = 2000): { events: number; perSecond: number; checksum: number } {
  const db = new Database(sqliteEventStoreFile(dataDir), { readonly: true });
  try {
    const page = db.prepare<
      [number, number],
      { position: number; stream_name: string; revision: number; type: string; data: string; metadata: string }
    >('SELECT position, stream_name, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?');
    const started = process.hrtime.bigint();
    let after = -1;
    let events = 0;
    let checksum = 0;
    for (;;) {
      const rows = page.all(after, pageSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        const data = JSON.parse(row.data) as { item?: number | null };
        const metadata = JSON.parse(row.metadata) as { eventId: string };
        // Touch the parsed values so the work cannot be skipped.
        checksum = (checksum + (data.item ?? 0) + metadata.eventId.length + row.revision) % 1_000_000_007;
        events += 1;
      }
      after = (rows[rows.length - 1] as { position: number }).position;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events, perSecond: events / seconds, checksum };
  } finally {
    db.close();
  }
}
