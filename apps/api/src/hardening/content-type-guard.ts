import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const JSON_TYPES = ['application/json', 'application/*+json'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A body of a type the route does not read is 415, not a 400 about fields
 * that seem missing: minutes are text/plain on /imports, everything else is
 * JSON. Requests without a body pass (the route says what it lacks).
 */
export function contentTypeGuard(req: Request, _res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || !hasBody(req)) return next();
  const accepted = req.path === '/imports' || req.path.startsWith('/imports/') ? ['text/plain'] : JSON_TYPES;
  next(req.is(accepted) ? undefined : new UnsupportedMediaTypeException());
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
