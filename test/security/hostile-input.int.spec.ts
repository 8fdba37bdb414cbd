import { http, startApi, tempDataDir } from '../support/api-harness';
import { readEventLog } from './support/event-log';
import { hostileCorpus, TARGET } from './support/hostile-corpus';
import { bearer, createKeys } from './support/keys';

describe('a corpus of hostile requests', () => {
  it('answers every one 4xx problem+json, appends nothing, and stays healthy', async () => {
    const dataDir = tempDataDir();
    const keys = createKeys(dataDir);
    const api = await startApi(dataDir, { auth: 'api-key' });
    try {
      const seeded = await http(`${api.url}${TARGET}/proposals`, {
        headers: bearer(keys.clerk),
        body: { committee: 'Byrådet', meetingDate: '2024-01-29', item: 1, title: 'Status', proposal: 'Orientering' },
      });
      expect(seeded.status).toBe(201);
      const before = readEventLog(dataDir).length;
      const corpus = hostileCorpus();
      expect(corpus.length).toBeGreaterThanOrEqual(200);

      const wrong: string[] = [];
      for (const r of corpus) {
        const auth = r.as === 'none' ? {} : bearer(keys[r.as ?? 'clerk']);
        const res = await fetch(`${api.url}${r.path}`, { method: r.method, headers: { ...auth, ...r.headers }, body: r.body }).catch(
          (e: Error) => e,
        );
        if (res instanceof Error) {
          wrong.push(`${r.label}: ${res.message}`);
          continue;
        }
        const text = await res.text();
        const type = res.headers.get('content-type') ?? '';
        let code: unknown;
        try {
          code = (JSON.parse(text) as { code?: unknown }).code;
        } catch {
          code = undefined;
        }
        const ok = res.status >= 400 && res.status < 500 && type.startsWith('application/problem+json') && typeof code === 'string';
        const stack = /\bat \S+ \(|node_modules|\.ts:\d+/.test(text);
        if (!ok || stack) wrong.push(`${r.label}: ${res.status} ${type} ${text.slice(0, 160)}`);
      }
      expect(wrong).toEqual([]);
      expect(readEventLog(dataDir).length).toBe(before);

      expect((await http(`${api.url}/health`)).status).toBe(200);
      const after = await http(`${api.url}${TARGET}/decisions`, {
        headers: bearer(keys.clerk),
        body: { committee: 'Byrådet', meetingDate: '2024-01-29', item: 1, outcome: 'noted', text: 'Taget til efterretning' },
      });
      expect(after.status).toBe(201);
      expect(({} as Record<string, unknown>)['isAdmin'] ?? ({} as Record<string, unknown>)['polluted']).toBeUndefined();
    } finally {
      await api.stop();
    }
  }, 900_000);
});
