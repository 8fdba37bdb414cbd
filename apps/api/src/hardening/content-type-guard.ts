import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const JSON_TYPES = ['application/json', 'application/*+json'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** The pages' forms (sign in, sign out) post what browsers post. */
const FORM_PATHS = new Set(['/log-ind', '/log-ud']);

/**
 * A body of a type the route does not read is 415, not a 400 about fields
 * that seem missing: minutes are text/plain or PDF on /imports, the pages' forms
 * are form-encoded, everything else is JSON. Requests without a body pass
 * (the route says what it lacks).
 */
export function contentTypeGuard(req: Request, _res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || !hasBody(req)) return next();
  next(req.is(acceptedTypes(req.path)) ? undefined : new UnsupportedMediaTypeException());
}

function acceptedTypes(path: string): string[] {
  if (path === '/imports' || path.startsWith('/imports/')) return ['text/plain', 'application/pdf'];
  if (FORM_PATHS.has(path)) return ['application/x-www-form-urlencoded'];
  return JSON_TYPES;
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
