/** A stream's newest event: its revision and its position (the row id). */
export interface StreamHead {
  readonly revision: number;
  readonly position: number;
}

interface Known {
  readonly head: StreamHead;
  readonly ids: Set<string>;
}

/**
 * The event ids of the streams this connection has lately read whole or
 * appended to, each with the head they were complete at. Inside the write
 * lock an append reads its stream's head anyway; when that head is the one
 * remembered, the stream holds exactly these ids (its events are never
 * changed or removed by a store, and positions only grow), so the duplicate
 * check is a set lookup instead of a read of the whole stream. Another
 * process's append moves the head, and the ids are read again.
 */
export class KnownStreamIds {
  private readonly streams = new Map<string, Known>();

  constructor(private readonly capacity: number) {}

  /** The stream's ids if they were known at exactly this head, else undefined. */
  at(streamName: string, head: StreamHead): ReadonlySet<string> | undefined {
    return this.idsAt(streamName, head);
  }

  /** The stream up to `head` holds exactly `ids`. Forgets the stream remembered longest ago when full. */
  remember(streamName: string, head: StreamHead, ids: Set<string>): void {
    this.streams.delete(streamName);
    this.streams.set(streamName, { head, ids });
    if (this.streams.size > this.capacity) {
      const oldest = this.streams.keys().next();
      if (oldest.done !== true) this.streams.delete(oldest.value);
    }
  }

  /**
   * Call only once the append committed: `ids` now follow `before` (null: the
   * stream was new) up to `after`. A stream not known at `before` stays unknown.
   */
  appended(streamName: string, before: StreamHead | null, after: StreamHead, ids: readonly string[]): void {
    const known = before === null ? new Set<string>() : this.idsAt(streamName, before);
    if (known === undefined) return;
    for (const id of ids) known.add(id);
    this.remember(streamName, after, known);
  }

  private idsAt(streamName: string, head: StreamHead): Set<string> | undefined {
    const known = this.streams.get(streamName);
    return known !== undefined && sameHead(known.head, head) ? known.ids : undefined;
  }
}

function sameHead(a: StreamHead, b: StreamHead): boolean {
  return a.revision === b.revision && a.position === b.position;
}
