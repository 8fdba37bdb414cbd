import type { RecordedEvent } from '@sagsspor/event-store';
import type { StreamReader } from './proposal-directory';

export const DEFAULT_STREAM_CAPACITY = 1_000;

/**
 * Each sag stream as recorded up to an event, for what an event's public
 * form needs from the events before it (a decision's `final`, a route's
 * title and access). A consumer that follows streams from their start
 * learns them in passing and never reads; one that starts later reads a
 * stream once. LRU-bounded by stream count.
 */
export class StreamSoFar {
  private readonly streams = new Map<string, RecordedEvent[]>();

  constructor(
    private readonly reader: StreamReader,
    private readonly capacity = DEFAULT_STREAM_CAPACITY,
  ) {}

  /** The stream's events from its start up to and including `recorded`. */
  async through(recorded: RecordedEvent): Promise<readonly RecordedEvent[]> {
    const known = this.streams.get(recorded.streamName) ?? [];
    this.streams.delete(recorded.streamName); // re-insert: Map order is the LRU order
    const last = known[known.length - 1];
    let events: RecordedEvent[];
    if (recorded.revision === 0) events = [recorded];
    else if (last && last.revision === recorded.revision - 1) events = [...known, recorded];
    else if (last && last.revision >= recorded.revision) events = known;
    else events = await this.reader.readStream(recorded.streamName, { maxCount: recorded.revision + 1 });
    this.streams.set(recorded.streamName, events);
    while (this.streams.size > this.capacity) {
      const oldest = this.streams.keys().next();
      if (oldest.done) break;
      this.streams.delete(oldest.value);
    }
    return events.filter((e) => e.revision <= recorded.revision);
  }
}
