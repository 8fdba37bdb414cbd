/** A stream's newest event: its revision and its position (the row id). */
export interface StreamHead {
  readonly revision: number;
  readonly position: number;
}

/** A stream as far as `head`, holding exactly `ids`. */
export interface KnownStream {
  readonly head: StreamHead;
  readonly ids: ReadonlySet<string>;
}

interface Entry {
  readonly head: StreamHead;
  readonly ids: Set<string>;
}

/**
 * The heads and event ids of the streams this connection has lately read
 * whole or appended to. Inside the write lock an append reads the position
 * of its stream's newest event; when that is the position remembered, the
 * stream is as remembered (a store never changes or removes events, and
 * positions are never reused while the newest event stands), so its revision
 * and the duplicate check come from here instead of from reading the stream.
 * Another process's append moves the head, and the stream is read again.
 */
export class KnownStreamIds {
  private readonly streams = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  /** The stream if its newest event is still the one at `position`, else undefined. */
  at(streamName: string, position: number): KnownStream | undefined {
    const entry = this.streams.get(streamName);
    return entry !== undefined && entry.head.position === position ? entry : undefined;
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
    const entry = before === null ? undefined : this.streams.get(streamName);
    const known = before === null ? new Set<string>() : entry?.head.position === before.position ? entry.ids : undefined;
    if (known === undefined) return;
    for (const id of ids) known.add(id);
    this.remember(streamName, after, known);
  }
}
