import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { InvalidPositionError, StoreUnavailableError } from '../errors';

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/**
 * Connection-level failures become StoreUnavailableError; a read from a
 * position that is no event's ("Trying to read from an invalid position",
 * an UnknownError to the client) becomes InvalidPositionError, so callers
 * answer 400 instead of retrying the same position forever; anything else
 * stays as it is.
 */
export function toStoreError(error: unknown, position?: bigint): unknown {
  const unreachable = [UnavailableError, DeadlineExceededError, TimeoutError, CancelledError, NotLeaderError];
  if (unreachable.some((type) => error instanceof type)) {
    return new StoreUnavailableError(`EventStoreDB: ${(error as Error).message}`);
  }
  if (error instanceof Error && /invalid position/i.test(error.message)) {
    return new InvalidPositionError(position ?? '(unknown)', `EventStoreDB: ${error.message}`);
  }
  return error;
}
