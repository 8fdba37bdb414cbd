import { AuthConfigError, isAuthOff, knownRoles, loadAuthConfig, mayAct, satisfies, hasClosedAccess, type Role } from '@sagsspor/access';

describe('roles', () => {
  it('form a partial order: clerks record, auditors inspect, admins do both', () => {
    const table: Array<[Role, Role, boolean]> = [
      ['reader', 'reader', true],
      ['reader', 'clerk', false],
      ['clerk', 'reader', true],
      ['clerk', 'clerk', true],
      ['clerk', 'auditor', false],
      ['auditor', 'reader', true],
      ['auditor', 'clerk', false],
      ['auditor', 'auditor', true],
      ['auditor', 'admin', false],
      ['admin', 'clerk', true],
      ['admin', 'auditor', true],
      ['admin', 'admin', true],
    ];
    for (const [role, required, expected] of table) expect([role, required, satisfies(role, required)]).toEqual([role, required, expected]);
  });

  it('gives closed access to auditors and admins only', () => {
    expect(['reader', 'clerk', 'auditor', 'admin'].map((r) => hasClosedAccess(r as Role))).toEqual([false, false, true, true]);
  });

  it('takes the union of several roles, ignoring unknown ones', () => {
    const principal = { name: 'x', roles: knownRoles(['clerk', 'auditor', 'superuser', 7]), via: 'jwt' as const };
    expect(principal.roles).toEqual(['clerk', 'auditor']);
    expect(mayAct(principal, 'clerk') && mayAct(principal, 'auditor')).toBe(true);
    expect(mayAct(principal, 'admin')).toBe(false);
  });
});

describe('auth configuration', () => {
  it('defaults to API keys, public read off', () => {
    const c = loadAuthConfig({});
    expect([...c.methods]).toEqual(['api-key']);
    expect(c.publicRead).toBe(false);
    expect(isAuthOff(c)).toBe(false);
  });

  it('switches off only when told exactly', () => {
    expect(isAuthOff(loadAuthConfig({ SAGSSPOR_AUTH: 'off' }))).toBe(true);
    for (const bad of ['of', 'none', 'api-key,off', ',', 'apikey'])
      expect(() => loadAuthConfig({ SAGSSPOR_AUTH: bad })).toThrow(AuthConfigError);
  });

  it('refuses JWT settings that cannot work or could be abused', () => {
    const base = { SAGSSPOR_AUTH: 'jwt', SAGSSPOR_JWT_ISSUER: 'https://idp', SAGSSPOR_JWT_AUDIENCE: 'sagsspor' };
    expect(() => loadAuthConfig(base)).toThrow(/exactly one/);
    expect(() => loadAuthConfig({ ...base, SAGSSPOR_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => loadAuthConfig({ ...base, SAGSSPOR_JWT_SECRET: 'x'.repeat(32), SAGSSPOR_JWT_JWKS_FILE: '/x' })).toThrow(/exactly one/);
    expect(() => loadAuthConfig({ SAGSSPOR_AUTH: 'jwt', SAGSSPOR_JWT_SECRET: 'x'.repeat(32) })).toThrow(/ISSUER/);
    expect(loadAuthConfig({ ...base, SAGSSPOR_JWT_SECRET: 'x'.repeat(32) }).jwt).toMatchObject({
      roleClaims: ['role', 'roles'],
      nameClaim: 'sub',
    });
  });

  it('reads public read strictly', () => {
    expect(loadAuthConfig({ SAGSSPOR_PUBLIC_READ: 'true' }).publicRead).toBe(true);
    expect(() => loadAuthConfig({ SAGSSPOR_PUBLIC_READ: 'yes please' })).toThrow(AuthConfigError);
  });
});
