import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '@sagsspor/event-store';
import { buildHistory, decodeSagEvent, type RecordedSagEvent } from '@sagsspor/sag';

export interface LoggedEvent {
  readonly position: number;
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** The embedded store's whole log, read straight from the file (read-only), in position order. */
export function readEventLog(dataDir: string): LoggedEvent[] {
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare('SELECT position, stream_name, revision, event_id, type, data, metadata FROM events ORDER BY position')
      .all() as Array<{
      position: number;
      stream_name: string;
      revision: number;
      event_id: string;
      type: string;
      data: string;
      metadata: string;
    }>;
    return rows.map((r) => ({
      position: r.position,
      streamName: r.stream_name,
      revision: r.revision,
      eventId: r.event_id,
      type: r.type,
      data: JSON.parse(r.data),
      metadata: JSON.parse(r.metadata),
    }));
  } finally {
    db.close();
  }
}

/** Every stream's revisions run 0, 1, 2, ... without a gap or a repeat; positions are unique. */
export function gapsIn(log: readonly LoggedEvent[]): string[] {
  const problems: string[] = [];
  const next = new Map<string, number>();
  const positions = new Set<number>();
  for (const e of log) {
    const expected = next.get(e.streamName) ?? 0;
    if (e.revision !== expected) problems.push(`${e.streamName}: revision ${e.revision} where ${expected} was due`);
    next.set(e.streamName, e.revision + 1);
    if (positions.has(e.position)) problems.push(`position ${e.position} twice`);
    positions.add(e.position);
  }
  return problems;
}

/**
 * Every sag's history folded from the log, without what differs by arrival
 * (provenance, revision): two logs that record the same treatments compare equal.
 */
export function historiesOf(log: readonly LoggedEvent[]): Record<string, unknown> {
  const streams = new Map<string, RecordedSagEvent[]>();
  for (const e of log) {
    // Sag events only, read as every reader reads them (not the imported minutes' versions).
    const event = decodeSagEvent(e.type, e.data);
    if (!event) continue;
    const recorded: RecordedSagEvent = {
      event,
      provenance: { eventId: e.eventId, revision: e.revision, position: String(e.position), recordedAt: '', recordedBy: '', source: null },
    };
    streams.set(e.streamName, [...(streams.get(e.streamName) ?? []), recorded]);
  }
  const out: Record<string, unknown> = {};
  for (const [stream, recorded] of [...streams].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const history = buildHistory(recorded);
    if (!history) continue;
    const { revision: _r, ...rest } = history;
    out[stream] = { ...rest, timeline: history.timeline.map(({ provenance: _p, ...entry }) => entry) };
  }
  return out;
}
