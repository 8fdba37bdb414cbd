import type { NextFunction, Request, Response } from 'express';
import { UnsafeInputError } from './unsafe-input';

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above, line breaks included: a URL has no business with them
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Paths and query strings must decode as UTF-8 to text without control
 * characters, and no path segment may climb ("..") even when its slashes
 * are encoded: names in paths (sag numbers, ids) are labels, never paths.
 */
export function urlGuard(req: Request, _res: Response, next: NextFunction): void {
  const url = req.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  for (const segment of path.split('/')) {
    const decoded = decode(segment);
    if (decoded === null || CONTROL_OR_BREAK.test(decoded))
      return next(new UnsafeInputError('The path must be UTF-8 without control characters.'));
    if (decoded.split(/[/\\]/).some((part) => part === '..' || part === '.')) {
      return next(new UnsafeInputError('A path segment must not be "." or ".." or climb with "../".'));
    }
  }
  const decodedQuery = decode(query.replace(/\+/g, ' '));
  if (decodedQuery === null || CONTROL_OR_BREAK.test(decodedQuery)) {
    return next(new UnsafeInputError('The query string must be UTF-8 without control characters.'));
  }
  next();
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
