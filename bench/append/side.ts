import type { NewEvent } from '@sagsspor/event-store';

/** One contender in the benchmark. */
export interface BenchSide {
  readonly name: string;
  /** Untimed: get ready to append these events, the first being number `firstSequence` of the run. */
  prepare(events: readonly NewEvent[], firstSequence: number): void;
  /** Timed: append what prepare() was given, one event per transaction, in order. */
  run(): void | Promise<void>;
  close(): void | Promise<void>;
}
