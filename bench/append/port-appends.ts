import { SqliteEventStore, type ExpectedRevision, type NewEvent } from '@sagsspor/event-store';
import type { BenchSide } from './side';
import { streamOf } from './workload';

interface Append {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

/**
 * Through the port: one event per append call, each its own transaction, the
 * expected revision checked by the store. As on the raw sides, which stream
 * and revision each event goes to is worked out in prepare(), untimed: the
 * caller's bookkeeping is not the store's cost.
 */
export function openPortSide(dir: string): BenchSide {
  const store = new SqliteEventStore(dir);
  const revisions = new Map<string, number>();
  let appends: Append[] = [];
  return {
    name: 'port',
    prepare: (events, firstSequence) => {
      appends = events.map((event, index): Append => {
        const stream = streamOf(firstSequence + index);
        const current = revisions.get(stream);
        revisions.set(stream, (current ?? -1) + 1);
        return { stream, events: [event], expected: current ?? 'no_stream' };
      });
    },
    run: async () => {
      for (const { stream, events, expected } of appends) await store.append(stream, events, expected);
    },
    close: () => store.close(),
  };
}
