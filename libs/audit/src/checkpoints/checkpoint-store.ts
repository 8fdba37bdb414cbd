import type { Checkpoint } from './checkpoint';
import type { Leaf } from './log-chain';

/** A checkpoint with the leaves of the events since the previous one: what lets verify name the event that changed. */
export interface CheckpointSegment {
  readonly checkpoint: Checkpoint;
  readonly leaves: readonly Leaf[];
}

/** Where checkpoints are kept: the embedded store's own table, or a stream of their own on EventStoreDB. */
export interface CheckpointStore {
  latest(): Promise<Checkpoint | null>;
  /** The newest checkpoint at or before the position. */
  atOrBefore(position: bigint): Promise<Checkpoint | null>;
  /** Oldest first, after the position (exclusive). */
  list(options: { readonly after?: bigint; readonly limit: number }): Promise<Checkpoint[]>;
  /**
   * Adds the next checkpoint if the newest stored one is still at `previous`
   * (null: none yet). False when another process added one first: the caller
   * goes on from that one, so checkpoints never overlap.
   */
  add(segment: CheckpointSegment, previous: bigint | null): Promise<boolean>;
  /** The stored leaves through the position, in position order. */
  leavesThrough(position: bigint): AsyncIterable<Leaf>;
  close(): Promise<void>;
}
