import { StorageFullError, StoreUnavailableError } from '../errors';

/**
 * better-sqlite3 throws SqliteError with a SQLITE_* `code`. Matched by code,
 * not instanceof: the native addon keeps the SqliteError class of whichever
 * module instance loaded it first (jest loads one per test file).
 */
export function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Not instanceof Error either, for the same reason: the class may come from another realm. */
function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
}

/** Another process held the write lock for longer than busy_timeout. */
export function isBusy(error: unknown): boolean {
  const code = sqliteCode(error) ?? '';
  if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return true;
  // Some busy paths (a lock met while the WAL index is being recovered) surface with a generic code.
  return code.startsWith('SQLITE_') && /database (table )?is (locked|busy)/i.test(messageOf(error));
}

export function busyError(file: string): StoreUnavailableError {
  return new StoreUnavailableError(`The event store ${file} is locked by another process; try again shortly.`);
}

/** SQLITE_FULL (no space), SQLITE_IOERR_* (a write the disk refused): a storage problem, not a bug. */
export function storageError(error: unknown, file: string): StorageFullError | null {
  const code = sqliteCode(error) ?? '';
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') ? new StorageFullError(file, code) : null;
}
