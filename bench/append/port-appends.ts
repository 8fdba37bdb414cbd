import { SqliteEventStore, type NewEvent } from '@sagsspor/event-store';
import type { BenchSide } from './side';
import { streamOf } from './workload';

/** Through the port: one event per append call, each its own transaction, expected revision checked. */
export function openPortSide(dir: string, events: readonly NewEvent[]): BenchSide {
  const store = new SqliteEventStore(dir);
  const revisions = new Map<string, number>();
  return {
    run: async (from, to) => {
      for (let sequence = from; sequence < to; sequence += 1) {
        const stream = streamOf(sequence);
        const expected = revisions.get(stream) ?? 'no_stream';
        const { nextRevision } = await store.append(stream, [events[sequence] as NewEvent], expected);
        revisions.set(stream, nextRevision);
      }
    },
    close: () => store.close(),
  };
}
