import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLOSED_NOTICE } from '@sagsspor/access';
import { http, startApi, tempDataDir } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';
import { bearer, createKeys } from './support/keys';
import { CLOSED, leaks, SAG, seedSag } from './support/seed';

describe('CLI: keys and closed items', () => {
  beforeAll(() => ensureBuilt());

  it('creates a key shown once and stored as a hash, lists it, and revokes it with prompt effect on a running API', async () => {
    const dataDir = tempDataDir();
    const created = runCli(['keys', 'create', '--role', 'clerk', '--name', 'sekretariat@lejre.dk'], dataDir);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^sgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown this once/);
    for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith('access.sqlite'))) {
      expect(fs.readFileSync(path.join(dataDir, file)).includes(key.slice(17))).toBe(false);
    }

    const listed = runCli(['keys', 'list', '--json'], dataDir);
    const items = JSON.parse(listed.stdout).items as Array<Record<string, unknown>>;
    expect(items).toEqual([
      { id: key.slice(4, 16), name: 'sekretariat@lejre.dk', role: 'clerk', createdAt: expect.any(String), revokedAt: null },
    ]);
    expect(listed.stdout).not.toContain(key.slice(17));

    const api = await startApi(dataDir, { auth: 'api-key', env: { SAGSSPOR_AUTH_CACHE_MS: '60000' } });
    try {
      const write = () =>
        http(`${api.url}/sager/Lejre/24-1/proposals`, {
          headers: bearer(key),
          body: { committee: 'Byrådet', meetingDate: '2024-01-29', title: 't', proposal: 'p' },
        });
      expect((await write()).status).toBe(201);
      expect(runCli(['keys', 'revoke', key.slice(4, 16)], dataDir).code).toBe(0);
      // Another process revoked it: the server's cache (60 s here) must not keep it alive. The server
      // notices within a quarter second; half the cache time is the bound that still shows it did.
      const deadline = Date.now() + 30_000;
      let status = 0;
      while (Date.now() < deadline && (status = (await write()).status) !== 401) await new Promise((r) => setTimeout(r, 50));
      expect(status).toBe(401);
    } finally {
      await api.stop();
    }
    expect(runCli(['keys', 'revoke', '000000000000'], dataDir).code).toBe(3);
    expect(runCli(['keys', 'create', '--role', 'root', '--name', 'x'], dataDir).code).toBe(2);
    expect(runCli(['keys', 'create', '--role', 'reader'], dataDir).code).toBe(2);
  });

  it('shows closed items redacted in history unless --include-closed is given', async () => {
    const dataDir = tempDataDir();
    const keys = createKeys(dataDir, ['admin']);
    const api = await startApi(dataDir, { auth: 'api-key' });
    await seedSag(api.url, bearer(keys.admin));
    await api.stop();
    const sag = ['history', SAG.split('/')[3] as string, '--kommune', 'Lejre'];

    const text = runCli(sag, dataDir);
    expect(text.code).toBe(0);
    expect(leaks(text.stdout)).toBe(false);
    expect(text.stdout).toContain(CLOSED_NOTICE);
    const json = runCli([...sag, '--json'], dataDir);
    expect(leaks(json.stdout)).toBe(false);
    expect(JSON.parse(json.stdout).title).toBe(CLOSED_NOTICE);

    const full = runCli([...sag, '--json', '--include-closed'], dataDir);
    // The sag is titled by its first (open) item and closed as its latest item is.
    const history = JSON.parse(full.stdout) as { title: string; timeline: { title?: string }[] };
    expect(history.title).toBe('Status på grundkøb');
    expect(history.timeline.map((e) => e.title)).toContain(CLOSED.title);
    expect(leaks(full.stdout)).toBe(true);
  });
});
