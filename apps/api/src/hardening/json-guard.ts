import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { UnsafeInputError } from './unsafe-input';
import { CONTROL } from './url-guard';

/** Deeper than any body this API accepts (a treatment is two levels); checked before validation recurses. */
export const MAX_JSON_DEPTH = 16;
const MAX_JSON_NODES = 100_000;
/** Keys that mean something to JavaScript objects rather than to us. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** express.json `verify`: the body parser would quietly turn invalid UTF-8 into U+FFFD; we refuse it. */
export function verifyUtf8(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (!isUtf8(body))
    throw Object.assign(new UnsafeInputError('The body must be valid UTF-8.'), { status: 400, type: 'entity.verify.failed' });
}

/**
 * After JSON parsing, before validation: bounded depth and size, no
 * prototype keys, no control characters or lone surrogates in any key or
 * string. Iterative, so a hostile nesting cannot exhaust the stack here.
 */
export function jsonGuard(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return next();
  const problem = inspect(body);
  next(problem === null ? undefined : new UnsafeInputError(problem));
}

export function inspect(root: object): string | null {
  const stack: Array<[unknown, number]> = [[root, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (++nodes > MAX_JSON_NODES) return 'The body has too many values.';
    if (typeof value === 'string') {
      if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return 'Text must not contain control characters or lone surrogates.';
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) return `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `The key "${key}" is not allowed.`;
      if (CONTROL.test(key) || LONE_SURROGATE.test(key)) return 'Keys must not contain control characters.';
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}
