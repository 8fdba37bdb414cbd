import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiKeyAuthenticator, ApiKeyStore, apiKeyId, Authenticator, InvalidCredentialsError, loadAuthConfig } from '@sagsspor/access';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-access-'));

describe('API keys', () => {
  let dir: string;
  let store: ApiKeyStore;
  beforeEach(() => {
    dir = tempDir();
    store = new ApiKeyStore(dir);
  });
  afterEach(() => store.close());

  it('refuses a damaged access.sqlite at once, saying what to do', () => {
    const damaged = tempDir();
    const file = path.join(damaged, 'access.sqlite');
    fs.writeFileSync(file, Buffer.alloc(4096, 0x41));
    expect(() => new ApiKeyStore(damaged)).toThrow(/access\.sqlite is damaged.*backup/);
  });

  it('stores only a SHA-256 hash, never the key', () => {
    const created = store.create('sekretariat@lejre.dk', 'clerk');
    expect(apiKeyId(created.key)).toBe(created.id);
    const file = fs.readFileSync(path.join(dir, 'access.sqlite'));
    const wal = fs.existsSync(path.join(dir, 'access.sqlite-wal')) ? fs.readFileSync(path.join(dir, 'access.sqlite-wal')) : Buffer.alloc(0);
    const secret = created.key.split('_').slice(2).join('_');
    expect(file.includes(secret) || wal.includes(secret)).toBe(false);
    expect(store.find(created.id)?.hash).toHaveLength(32);
    expect((fs.statSync(path.join(dir, 'access.sqlite')).mode & 0o777).toString(8)).toBe('600');
  });

  it('authenticates a key, and refuses a changed, unknown, malformed or revoked one', () => {
    const keys = new ApiKeyAuthenticator(store);
    const created = store.create('a', 'auditor');
    expect(keys.authenticate(created.key)).toMatchObject({ name: 'a', roles: ['auditor'], via: 'api-key', keyId: created.id });
    const last = created.key.slice(-1) === 'A' ? 'B' : 'A';
    const refused = [created.key.slice(0, -1) + last, `sgk_000000000000_${'A'.repeat(43)}`, 'sgk_short', created.key + 'x', ''];
    for (const bad of refused) expect(() => keys.authenticate(bad)).toThrow(InvalidCredentialsError);
    store.revoke(created.id);
    keys.invalidate(created.id);
    expect(() => keys.authenticate(created.key)).toThrow(InvalidCredentialsError);
  });

  it('serves from the cache, but notices a revocation by another process promptly', () => {
    let now = 1_000;
    const keys = new ApiKeyAuthenticator(store, { cacheMs: 60_000, changeCheckMs: 200, maxEntries: 100 }, () => now);
    const created = store.create('a', 'reader');
    expect(keys.authenticate(created.key).name).toBe('a');
    const other = new ApiKeyStore(dir);
    other.revoke(created.id);
    other.close();
    now += 100;
    expect(keys.authenticate(created.key).name).toBe('a'); // within the change-check interval: still cached
    now += 200;
    expect(() => keys.authenticate(created.key)).toThrow(InvalidCredentialsError);
  });

  it('keeps the cache bounded when flooded with unknown ids', () => {
    const keys = new ApiKeyAuthenticator(store, { cacheMs: 60_000, changeCheckMs: 200, maxEntries: 10 });
    for (let i = 0; i < 1000; i++) expect(() => keys.authenticate(`sgk_${i.toString(16).padStart(12, '0')}_${'A'.repeat(43)}`)).toThrow();
    expect((keys as unknown as { cache: Map<string, unknown> }).cache.size).toBeLessThanOrEqual(10);
  });

  it('reads credentials from Authorization: Bearer or X-Api-Key, one at a time', async () => {
    const created = store.create('c', 'clerk');
    const auth = new Authenticator(loadAuthConfig({}), new ApiKeyAuthenticator(store), null);
    expect((await auth.authenticate({ authorization: `Bearer ${created.key}` }))?.name).toBe('c');
    expect((await auth.authenticate({ authorization: `bearer  ${created.key}` }))?.name).toBe('c');
    expect((await auth.authenticate({ 'x-api-key': created.key }))?.name).toBe('c');
    expect(await auth.authenticate({})).toBeNull();
    const refused = [
      { authorization: `Bearer ${created.key}`, 'x-api-key': created.key },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: 'Bearer' },
      { authorization: `Bearer ${'x'.repeat(10_000)}` },
      { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
      { 'x-api-key': [created.key, created.key] },
    ];
    for (const headers of refused) await expect(auth.authenticate(headers)).rejects.toThrow(InvalidCredentialsError);
  });

  it('acts as the local admin "anonymous" when authentication is off, whatever is sent', async () => {
    const auth = new Authenticator(loadAuthConfig({ SAGSSPOR_AUTH: 'off' }), null, null);
    expect(await auth.authenticate({ authorization: 'Bearer nonsense' })).toMatchObject({
      name: 'anonymous',
      roles: ['admin'],
      via: 'off',
    });
  });
});
