import type { NextFunction, Request, Response } from 'express';
import { parse, serialize } from 'cookie';
import { isPagePath } from '../page-paths';
import type { SessionStore } from './session-store';

export const SESSION_COOKIE = 'sagsspor_session';

type SessionRequest = Request & { sessionId?: string; sessionKey?: string };

/**
 * The session cookie counts only for the pages' GETs: a cookie never
 * authenticates a write or an API call, so nothing the pages do is open to
 * cross-site requests (SameSite=Strict aside).
 */
export function sessionMiddleware(store: SessionStore) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if ((req.method === 'GET' || req.method === 'HEAD') && isPagePath(req.path)) {
      const id = sessionIdOf(req);
      const key = id === null ? null : store.keyOf(id);
      if (id !== null && key !== null) Object.assign(req as SessionRequest, { sessionId: id, sessionKey: key });
    }
    next();
  };
}

export function sessionIdOf(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const id = parse(header)[SESSION_COOKIE];
  return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : null;
}

/** The credential a page request carries in its session, if it carries none in its headers. */
export function sessionKeyOf(req: Request): string | undefined {
  return (req as SessionRequest).sessionKey;
}

export function hasSession(req: Request): boolean {
  return (req as SessionRequest).sessionKey !== undefined;
}

/** Secure behind TLS: directly, or through a proxy that says so. */
function secure(req: Request): boolean {
  return req.secure || req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function sessionCookie(req: Request, id: string, maxAgeSeconds: number): string {
  return serialize(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'strict', secure: secure(req), path: '/', maxAge: maxAgeSeconds });
}

export function clearedSessionCookie(req: Request): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure: secure(req), path: '/', maxAge: 0 });
}
