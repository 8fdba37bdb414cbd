import type { CurrentRevision } from '@eventstore/db-client';
import { NO_STREAM_REVISION } from '../shared/expected-revision';

/** Revisions are uint64 in EventStoreDB; refuse rather than round one past 2^53. */
export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`EventStoreDB ${what} ${value} does not fit in a safe integer.`);
  }
  return Number(value);
}

export function fromCurrentRevision(current: CurrentRevision): number | 'none' {
  return current === 'no_stream' ? 'none' : toSafeNumber(current, 'revision');
}

/** The expected revision that pins an append to the state just read. */
export function toPinnedRevision(current: number): 'no_stream' | bigint {
  return current === NO_STREAM_REVISION ? 'no_stream' : BigInt(current);
}
