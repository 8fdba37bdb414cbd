import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors';

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/** Connection-level failures become StoreUnavailableError; anything else is a bug and stays as it is. */
export function toStoreError(error: unknown): unknown {
  const unreachable = [UnavailableError, DeadlineExceededError, TimeoutError, CancelledError, NotLeaderError];
  if (unreachable.some((type) => error instanceof type)) {
    return new StoreUnavailableError(`EventStoreDB: ${(error as Error).message}`);
  }
  return error;
}
