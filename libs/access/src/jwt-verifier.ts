import fs from 'node:fs';
import { createLocalJWKSet, errors, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { JwtConfig } from './auth-config';
import { AuthConfigError, InvalidCredentialsError } from './errors';
import type { Principal } from './principal';
import { knownRoles } from './roles';

type VerificationKey = KeyLike | Uint8Array | JWTVerifyGetKey;

/**
 * Bearer JWTs: signature (one algorithm per configuration, so a token can
 * never pick its own — no "none", no HS256 signed with a public key),
 * issuer, audience and expiry (required) are all checked before any claim is read.
 */
export class JwtVerifier {
  private constructor(
    private readonly config: JwtConfig,
    private readonly key: VerificationKey,
    private readonly algorithms: string[],
  ) {}

  static async create(config: JwtConfig): Promise<JwtVerifier> {
    if (config.secret !== null) return new JwtVerifier(config, new TextEncoder().encode(config.secret), ['HS256']);
    if (config.jwksFile !== null) {
      try {
        const jwks = JSON.parse(readFile(config.jwksFile, 'SAGSSPOR_JWT_JWKS_FILE')) as Parameters<typeof createLocalJWKSet>[0];
        return new JwtVerifier(config, createLocalJWKSet(jwks), ['RS256']);
      } catch (error: unknown) {
        if (error instanceof AuthConfigError) throw error;
        throw new AuthConfigError('SAGSSPOR_JWT_JWKS_FILE must hold a JSON Web Key Set ({"keys": [...]})');
      }
    }
    const pem = readFile(config.publicKeyFile ?? '', 'SAGSSPOR_JWT_PUBLIC_KEY_FILE');
    try {
      return new JwtVerifier(config, await importSPKI(pem, 'RS256'), ['RS256']);
    } catch {
      throw new AuthConfigError('SAGSSPOR_JWT_PUBLIC_KEY_FILE must hold an RSA public key in PEM ("BEGIN PUBLIC KEY")');
    }
  }

  async verify(token: string): Promise<Principal> {
    const payload = await this.verified(token);
    const name = payload[this.config.nameClaim];
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
      throw new InvalidCredentialsError(`The token has no usable ${this.config.nameClaim} claim.`);
    }
    return { name: name.trim(), roles: knownRoles(this.claimedRoles(payload)), via: 'jwt' };
  }

  private async verified(token: string): Promise<JWTPayload> {
    const options = {
      issuer: this.config.issuer,
      audience: this.config.audience,
      algorithms: this.algorithms,
      requiredClaims: ['exp'],
      clockTolerance: this.config.clockToleranceSeconds,
    };
    try {
      const key = this.key;
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      return payload;
    } catch (error: unknown) {
      if (error instanceof errors.JWTExpired) throw new InvalidCredentialsError('The token has expired.');
      if (error instanceof errors.JWTClaimValidationFailed) throw new InvalidCredentialsError('The token is not valid for this service.');
      throw new InvalidCredentialsError('The token is not valid.');
    }
  }

  private claimedRoles(payload: JWTPayload): unknown[] {
    return this.config.roleClaims.flatMap((claim) => {
      const value = payload[claim];
      if (typeof value === 'string') return value.split(/[\s,]+/);
      return Array.isArray(value) ? value : [];
    });
  }
}

function readFile(file: string, setting: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new AuthConfigError(`${setting}: cannot read ${file}`);
  }
}
