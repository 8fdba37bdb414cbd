import { StoreUnavailableError } from '../errors';

/**
 * better-sqlite3 throws SqliteError with a SQLITE_* `code`. Matched by code,
 * not instanceof: the native addon keeps the SqliteError class of whichever
 * module instance loaded it first (jest loads one per test file).
 */
function sqliteCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Another process held the write lock for longer than busy_timeout. */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || (code?.startsWith('SQLITE_BUSY_') ?? false);
}

export function busyError(file: string): StoreUnavailableError {
  return new StoreUnavailableError(`The event store ${file} is locked by another process; try again shortly.`);
}
