import { InvalidCursorError } from './errors';
import type { Page } from './model';

/**
 * Opaque page cursors: base64url of the sort key of the last item served,
 * tagged with the kind of list so one list's cursor is refused by another.
 */
export type CursorKind = 'sager' | 'meetings' | 'decisions';

const MAX_CURSOR_LENGTH = 1024;

export function encodeCursor(kind: CursorKind, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');
}

/** The sort key of a cursor of this kind with `arity` parts; InvalidCursorError otherwise. */
export function decodeCursor(kind: CursorKind, cursor: string, arity: number): string[] {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== arity + 1 || parsed[0] !== kind) throw new InvalidCursorError();
  const key = parsed.slice(1);
  if (!key.every((part): part is string => typeof part === 'string' && part.length <= 512)) throw new InvalidCursorError();
  return key;
}

/** Rows were fetched with limit + 1: the extra one only says there is a next page. */
export function page<R, T>(rows: readonly R[], limit: number, map: (r: R) => T, cursorOf: (r: R) => string): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(map), nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}
