import type { Request } from 'express';
import {
  AuthRequiredError,
  closedAccessOf,
  ForbiddenError,
  mayAct,
  type CredentialHeaders,
  type Principal,
  type Role,
} from '@sagsspor/access';
import { sessionKeyOf } from '../pages/session/session-middleware';

/** The guard sets `principal`; request-context.ts reads its name as recorded-by. */
export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * The credentials a request presents: its headers, or, for a page signed in
 * through the sign-in page, the key its session holds (only when the headers
 * carry none: a header always wins, so nothing mixes two credentials).
 */
export function credentialHeaders(req: Request): CredentialHeaders {
  const key = sessionKeyOf(req);
  if (key === undefined || req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined) return req.headers;
  return { 'x-api-key': key };
}

export function principalOf(req: Request): Principal | undefined {
  return (req as AuthenticatedRequest).principal;
}

/** Whether this request may see closed items in full. */
export function closedAccess(req: Request): boolean {
  return closedAccessOf(principalOf(req));
}

/**
 * For rules that depend on the request, not the route (time travel on an
 * otherwise readable route): anonymous callers are told to authenticate, others that they may not.
 */
export function requireRole(req: Request, role: Role, what: string): void {
  const principal = principalOf(req);
  if (principal && mayAct(principal, role)) return;
  if (!principal || principal.via === 'public') {
    req.res?.setHeader('WWW-Authenticate', 'Bearer realm="sagsspor"');
    throw new AuthRequiredError();
  }
  throw new ForbiddenError(role, what);
}
