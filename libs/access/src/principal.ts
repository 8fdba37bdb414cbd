import { hasClosedAccess, satisfies, type Role } from './roles';

/**
 * Who a request acts for. `name` becomes the recorded-by of every event it
 * writes; `via` says how that was established.
 * - api-key, jwt: authenticated;
 * - public: nobody authenticated, reading open content because public read is on;
 * - off: authentication is switched off (local development, benchmarks) and
 *   every request acts as a local admin named "anonymous" — nobody was authenticated.
 */
export interface Principal {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly via: 'api-key' | 'jwt' | 'public' | 'off';
  /** The API key's id, for logs; never the key. */
  readonly keyId?: string;
}

export const AUTH_OFF_PRINCIPAL: Principal = Object.freeze({ name: 'anonymous', roles: Object.freeze(['admin'] as Role[]), via: 'off' });
export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ name: 'anonymous', roles: Object.freeze(['reader'] as Role[]), via: 'public' });

export function mayAct(principal: Principal, required: Role): boolean {
  return principal.roles.some((r) => satisfies(r, required));
}

/** Closed items are shown in full only to principals with closed access; a missing principal has none. */
export function closedAccessOf(principal: Principal | null | undefined): boolean {
  return principal ? principal.roles.some(hasClosedAccess) : false;
}
