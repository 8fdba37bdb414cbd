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
  const code = sqliteCode(error) ?? '';
  if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code)) return true;
  // Some busy paths (a lock met while the WAL index is being recovered) surface with a generic code.
  return code.startsWith('SQLITE_') && error instanceof Error && /database (table )?is (locked|busy)/i.test(error.message);
}

export function busyError(file: string): StoreUnavailableError {
  return new StoreUnavailableError(`The event store ${file} is locked by another process; try again shortly.`);
}
