import type { ApiKeyAuthenticator } from './api-key-authenticator';
import { isAuthOff, type AuthConfig } from './auth-config';
import { InvalidCredentialsError } from './errors';
import type { JwtVerifier } from './jwt-verifier';
import { AUTH_OFF_PRINCIPAL, type Principal } from './principal';

/** The credential-bearing headers of a request, as received. */
export interface CredentialHeaders {
  readonly authorization?: string | string[] | undefined;
  readonly 'x-api-key'?: string | string[] | undefined;
}

/** Longer than any key or sane token: refused before any parsing or hashing. */
const MAX_CREDENTIAL_LENGTH = 8_192;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

type Credential = { kind: 'api-key' | 'bearer'; value: string };

/**
 * Headers → principal, whichever way is configured; null when the request
 * carries no credentials at all. Credentials that are sent but do not
 * authenticate are an error even where anonymous reading is allowed: a
 * mistyped key must not quietly read as the public.
 */
export class Authenticator {
  constructor(
    readonly config: AuthConfig,
    private readonly keys: ApiKeyAuthenticator | null,
    private readonly jwt: JwtVerifier | null,
  ) {}

  get off(): boolean {
    return isAuthOff(this.config);
  }

  async authenticate(headers: CredentialHeaders): Promise<Principal | null> {
    if (this.off) return AUTH_OFF_PRINCIPAL;
    const credential = credentialOf(headers);
    if (credential === null) return null;
    if (credential.kind === 'api-key' || credential.value.startsWith('sgk_')) return this.byKey(credential.value);
    if (this.jwt && JWT_SHAPE.test(credential.value)) return this.jwt.verify(credential.value);
    throw new InvalidCredentialsError(
      this.jwt ? 'The bearer credential is neither an API key nor a token.' : 'The bearer credential is not an API key.',
    );
  }

  private byKey(value: string): Principal {
    if (!this.keys) throw new InvalidCredentialsError('API keys are not accepted here.');
    return this.keys.authenticate(value);
  }
}

export function credentialOf(headers: CredentialHeaders): Credential | null {
  const authorization = single(headers.authorization, 'Authorization');
  const apiKey = single(headers['x-api-key'], 'X-Api-Key');
  if (authorization !== undefined && apiKey !== undefined)
    throw new InvalidCredentialsError('Send one credential: Authorization or X-Api-Key, not both.');
  if (apiKey !== undefined) return { kind: 'api-key', value: bounded(apiKey.trim()) };
  if (authorization === undefined) return null;
  const m = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!m) throw new InvalidCredentialsError('Authorization must be "Bearer <API key or token>".');
  return { kind: 'bearer', value: bounded(m[1] as string) };
}

function single(value: string | string[] | undefined, name: string): string | undefined {
  if (Array.isArray(value)) throw new InvalidCredentialsError(`Send ${name} once.`);
  return value === undefined || value === '' ? undefined : value;
}

function bounded(value: string): string {
  if (value === '' || value.length > MAX_CREDENTIAL_LENGTH) throw new InvalidCredentialsError();
  return value;
}
