import type { Request } from 'express';
import { AuthRequiredError, closedAccessOf, ForbiddenError, mayAct, type Principal, type Role } from '@sagsspor/access';

/** The guard sets `principal`; request-context.ts reads its name as recorded-by. */
export type AuthenticatedRequest = Request & { principal?: Principal };

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
