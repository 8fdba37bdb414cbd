import type { Request } from 'express';
import { closedAccessOf, mayAct, type Principal } from '@sagsspor/access';
import { principalOf } from '../auth/request-principal';
import { hasSession } from './session/session-middleware';

/** Who is looking, as the page templates need it: never a credential. */
export interface Viewer {
  readonly name: string | null;
  readonly roles: readonly string[];
  /** Signed in through the sign-in page (a session cookie): offer sign-out. */
  readonly signedIn: boolean;
  readonly authOff: boolean;
  /** Closed items in full. */
  readonly closedAccess: boolean;
  /** Provenance and the known-at field. */
  readonly auditor: boolean;
}

export function viewerOf(req: Request): Viewer {
  const principal: Principal | undefined = principalOf(req);
  const anonymous = !principal || principal.via === 'public';
  return {
    name: anonymous ? null : principal.name,
    roles: anonymous ? [] : principal.roles,
    signedIn: hasSession(req),
    authOff: principal?.via === 'off',
    closedAccess: closedAccessOf(principal),
    auditor: principal !== undefined && mayAct(principal, 'auditor'),
  };
}
