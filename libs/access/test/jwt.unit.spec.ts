import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { Authenticator, InvalidCredentialsError, JwtVerifier, loadAuthConfig } from '@sagsspor/access';

const ISSUER = 'https://login.kommune.dk';
const AUDIENCE = 'sagsspor';
const SECRET = 'a-hs256-secret-of-at-least-32-bytes!!';

function sign(
  key: KeyLike | Uint8Array,
  claims: JWTPayload,
  options: { alg?: string; exp?: string | number; iss?: string; aud?: string; kid?: string } = {},
): Promise<string> {
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'RS256', ...(options.kid ? { kid: options.kid } : {}) })
    .setIssuedAt()
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE);
  if (options.exp !== undefined) jwt = jwt.setExpirationTime(options.exp);
  return jwt.sign(key);
}

describe('JWT bearer tokens', () => {
  let dir: string;
  let rsa: { publicKey: KeyLike; privateKey: KeyLike };
  let other: { publicKey: KeyLike; privateKey: KeyLike };
  const env = (extra: Record<string, string>) => ({
    SAGSSPOR_AUTH: 'jwt',
    SAGSSPOR_JWT_ISSUER: ISSUER,
    SAGSSPOR_JWT_AUDIENCE: AUDIENCE,
    ...extra,
  });
  const verifier = async (extra: Record<string, string>) => JwtVerifier.create(loadAuthConfig(env(extra)).jwt!);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-jwt-'));
    rsa = await generateKeyPair('RS256');
    other = await generateKeyPair('RS256');
    fs.writeFileSync(path.join(dir, 'public.pem'), await exportSPKI(rsa.publicKey));
    fs.writeFileSync(
      path.join(dir, 'jwks.json'),
      JSON.stringify({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] }),
    );
  });

  it('accepts RS256 from a PEM public key, with the role from "role" or "roles"', async () => {
    const v = await verifier({ SAGSSPOR_JWT_PUBLIC_KEY_FILE: path.join(dir, 'public.pem') });
    expect(await v.verify(await sign(rsa.privateKey, { sub: 'kim@lejre.dk', role: 'clerk' }, { exp: '5m' }))).toEqual({
      name: 'kim@lejre.dk',
      roles: ['clerk'],
      via: 'jwt',
    });
    expect((await v.verify(await sign(rsa.privateKey, { sub: 'a', roles: ['reader', 'auditor', 'root'] }, { exp: '5m' }))).roles).toEqual([
      'reader',
      'auditor',
    ]);
    expect((await v.verify(await sign(rsa.privateKey, { sub: 'a' }, { exp: '5m' }))).roles).toEqual([]);
  });

  it('accepts RS256 from a JWKS file, choosing the key by kid', async () => {
    const v = await verifier({ SAGSSPOR_JWT_JWKS_FILE: path.join(dir, 'jwks.json') });
    expect((await v.verify(await sign(rsa.privateKey, { sub: 'a', role: 'admin' }, { exp: '5m', kid: 'k1' }))).roles).toEqual(['admin']);
  });

  it('accepts HS256 with the configured secret, and a configured role claim', async () => {
    const v = await verifier({ SAGSSPOR_JWT_SECRET: SECRET, SAGSSPOR_JWT_ROLE_CLAIM: 'sagsspor_role' });
    const token = await sign(
      new TextEncoder().encode(SECRET),
      { sub: 'a', sagsspor_role: 'auditor', role: 'admin' },
      { alg: 'HS256', exp: '5m' },
    );
    expect((await v.verify(token)).roles).toEqual(['auditor']);
  });

  it('refuses expired, foreign, unsigned, wrongly signed and algorithm-confused tokens', async () => {
    const v = await verifier({ SAGSSPOR_JWT_PUBLIC_KEY_FILE: path.join(dir, 'public.pem') });
    const pem = fs.readFileSync(path.join(dir, 'public.pem'));
    const bad: Array<[string, Promise<string>, RegExp]> = [
      ['expired', sign(rsa.privateKey, { sub: 'a', role: 'admin' }, { exp: Math.floor(Date.now() / 1000) - 60 }), /expired/],
      ['no expiry', sign(rsa.privateKey, { sub: 'a', role: 'admin' }), /not valid/],
      ['other issuer', sign(rsa.privateKey, { sub: 'a', role: 'admin' }, { exp: '5m', iss: 'https://evil' }), /not valid for this service/],
      ['other audience', sign(rsa.privateKey, { sub: 'a', role: 'admin' }, { exp: '5m', aud: 'other' }), /not valid for this service/],
      ['other key', sign(other.privateKey, { sub: 'a', role: 'admin' }, { exp: '5m' }), /not valid/],
      [
        'HS256 signed with the public key',
        sign(new Uint8Array(pem), { sub: 'a', role: 'admin' }, { alg: 'HS256', exp: '5m' }),
        /not valid/,
      ],
      [
        'alg none',
        Promise.resolve(unsigned({ sub: 'a', role: 'admin', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })),
        /not valid/,
      ],
      ['no subject', sign(rsa.privateKey, { role: 'admin' }, { exp: '5m' }), /sub/],
    ];
    for (const [label, token, message] of bad) {
      const error = await v.verify(await token).then(
        () => null,
        (e: unknown) => e,
      );
      expect([label, error instanceof InvalidCredentialsError, (error as Error | null)?.message]).toEqual([
        label,
        true,
        expect.stringMatching(message),
      ]);
    }
  });

  it('tells a token from an API key when both are accepted', async () => {
    const config = loadAuthConfig({ ...env({ SAGSSPOR_JWT_SECRET: SECRET }), SAGSSPOR_AUTH: 'api-key,jwt' });
    const auth = new Authenticator(config, null, await JwtVerifier.create(config.jwt!));
    const token = await sign(new TextEncoder().encode(SECRET), { sub: 'a', role: 'reader' }, { alg: 'HS256', exp: '5m' });
    expect((await auth.authenticate({ authorization: `Bearer ${token}` }))?.via).toBe('jwt');
    await expect(auth.authenticate({ authorization: 'Bearer sgk_000000000000_' + 'A'.repeat(43) })).rejects.toThrow(
      /API keys are not accepted/,
    );
    await expect(auth.authenticate({ 'x-api-key': token })).rejects.toThrow(InvalidCredentialsError);
  });
});

function unsigned(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}
