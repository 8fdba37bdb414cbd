import { AuthConfigError } from './errors';

export type AuthMethod = 'api-key' | 'jwt';

export interface JwtConfig {
  readonly issuer: string;
  readonly audience: string;
  /** Exactly one of the three: an RS256 public key (PEM), a JWKS (RS256), or an HS256 secret. */
  readonly publicKeyFile: string | null;
  readonly jwksFile: string | null;
  readonly secret: string | null;
  /** Claims that carry the role, tried in order; a claim may hold one role, an array, or a space-separated list. */
  readonly roleClaims: readonly string[];
  /** The claim naming who acts: becomes recorded-by. */
  readonly nameClaim: string;
  readonly clockToleranceSeconds: number;
}

export interface AuthConfig {
  /** Empty means off: every request acts as a local admin (development and benchmarks only). */
  readonly methods: ReadonlySet<AuthMethod>;
  /** Anonymous requests may read open content. */
  readonly publicRead: boolean;
  readonly keyCacheMs: number;
  readonly jwt: JwtConfig | null;
}

export const isAuthOff = (c: AuthConfig): boolean => c.methods.size === 0;

/** HS256 with fewer than 256 bits of secret can be brute-forced offline from any one token. */
const MIN_SECRET_BYTES = 32;

/**
 * SAGSSPOR_AUTH: "api-key" (default), "jwt", "api-key,jwt", or "off".
 * Anything unrecognised stops the process: a typo must not open the API.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const methods = parseMethods(env['SAGSSPOR_AUTH']);
  return {
    methods,
    publicRead: parseBool(env['SAGSSPOR_PUBLIC_READ'], 'SAGSSPOR_PUBLIC_READ'),
    keyCacheMs: parseInt(env['SAGSSPOR_AUTH_CACHE_MS'], 'SAGSSPOR_AUTH_CACHE_MS', 5_000, 0, 60_000),
    jwt: methods.has('jwt') ? loadJwtConfig(env) : null,
  };
}

function parseMethods(raw: string | undefined): Set<AuthMethod> {
  const words = (raw ?? 'api-key')
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'off') return new Set();
  const methods = new Set<AuthMethod>();
  for (const w of words) {
    if (w !== 'api-key' && w !== 'jwt') throw new AuthConfigError(`SAGSSPOR_AUTH must be "off" or a list of api-key, jwt; not "${raw}"`);
    methods.add(w);
  }
  if (methods.size === 0) throw new AuthConfigError('SAGSSPOR_AUTH names no method; use "off" to switch authentication off');
  return methods;
}

function loadJwtConfig(env: NodeJS.ProcessEnv): JwtConfig {
  const issuer = env['SAGSSPOR_JWT_ISSUER']?.trim();
  const audience = env['SAGSSPOR_JWT_AUDIENCE']?.trim();
  if (!issuer || !audience) throw new AuthConfigError('JWT needs SAGSSPOR_JWT_ISSUER and SAGSSPOR_JWT_AUDIENCE');
  const publicKeyFile = env['SAGSSPOR_JWT_PUBLIC_KEY_FILE']?.trim() || null;
  const jwksFile = env['SAGSSPOR_JWT_JWKS_FILE']?.trim() || null;
  const secret = env['SAGSSPOR_JWT_SECRET'] || null;
  if ([publicKeyFile, jwksFile, secret].filter((v) => v !== null).length !== 1) {
    throw new AuthConfigError('JWT needs exactly one of SAGSSPOR_JWT_PUBLIC_KEY_FILE, SAGSSPOR_JWT_JWKS_FILE, SAGSSPOR_JWT_SECRET');
  }
  if (secret !== null && Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new AuthConfigError(`SAGSSPOR_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const roleClaims = (env['SAGSSPOR_JWT_ROLE_CLAIM'] ?? 'role,roles')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (roleClaims.length === 0) throw new AuthConfigError('SAGSSPOR_JWT_ROLE_CLAIM names no claim');
  return {
    issuer,
    audience,
    publicKeyFile,
    jwksFile,
    secret,
    roleClaims,
    nameClaim: env['SAGSSPOR_JWT_NAME_CLAIM']?.trim() || 'sub',
    clockToleranceSeconds: parseInt(env['SAGSSPOR_JWT_CLOCK_TOLERANCE_S'], 'SAGSSPOR_JWT_CLOCK_TOLERANCE_S', 5, 0, 300),
  };
}

export function parseBool(raw: string | undefined, name: string): boolean {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'false' || v === '0' || v === 'no') return false;
  if (v === 'true' || v === '1' || v === 'yes') return true;
  throw new AuthConfigError(`${name} must be true or false, not "${raw}"`);
}

export function parseInt(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new AuthConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}
