import { SqliteEventStore, type NewEvent } from '@sagsspor/event-store';
import { ratePerSecond } from './raw-sqlite';
import { streamOf } from './workload';

/** One event per append call, each its own transaction, with the expected revision checked. */
export async function runPortAppends(dir: string, events: readonly NewEvent[]): Promise<number> {
  const store = new SqliteEventStore(dir);
  try {
    const revisions = new Map<string, number>();
    const started = process.hrtime.bigint();
    for (let sequence = 0; sequence < events.length; sequence += 1) {
      const stream = streamOf(sequence);
      const current = revisions.get(stream);
      const { nextRevision } = await store.append(stream, [events[sequence] as NewEvent], current ?? 'no_stream');
      revisions.set(stream, nextRevision);
    }
    return ratePerSecond(events.length, started);
  } finally {
    await store.close();
  }
}
