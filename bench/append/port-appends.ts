import { SqliteEventStore, type NewEvent } from '@sagsspor/event-store';
import type { BenchSide } from './side';
import { streamOf } from './workload';

/** Through the port: one event per append call, each its own transaction, expected revision checked. */
export function openPortSide(dir: string): BenchSide {
  const store = new SqliteEventStore(dir);
  const revisions = new Map<string, number>();
  let batch: readonly NewEvent[] = [];
  let first = 0;
  return {
    name: 'port',
    prepare: (events, firstSequence) => {
      batch = events;
      first = firstSequence;
    },
    run: async () => {
      for (let index = 0; index < batch.length; index += 1) {
        const stream = streamOf(first + index);
        const expected = revisions.get(stream) ?? 'no_stream';
        const { nextRevision } = await store.append(stream, [batch[index] as NewEvent], expected);
        revisions.set(stream, nextRevision);
      }
    },
    close: () => store.close(),
  };
}
