import { http, startApi, tempDataDir } from '../support/api-harness';
import { bearer, createKeys } from './support/keys';
import { gapsIn, readEventLog } from './support/event-log';

const CLIENTS = 64;
const TREATMENTS = 1_000;
const SAGER = 10;

interface Treatment {
  readonly sag: string;
  readonly body: { committee: string; meetingDate: string; item: number; title: string; proposal: string };
}

/** 1,000 distinct treatments spread over 10 sager: each one its own meeting date and item. */
function treatments(): Treatment[] {
  return Array.from({ length: TREATMENTS }, (_, i) => {
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(i / SAGER) * 86_400_000).toISOString().slice(0, 10);
    return {
      sag: `/sager/Lejre/25-${String(i % SAGER).padStart(6, '0')}`,
      body: { committee: 'Økonomiudvalget', meetingDate: day, item: i + 1, title: `Punkt ${i}`, proposal: `Indstilling ${i}` },
    };
  });
}

describe('64 concurrent clients writing into the same 10 sager', () => {
  it('records each of 1,000 treatments exactly once, with gap-free revisions, retrying on 409', async () => {
    const dataDir = tempDataDir();
    const keys = createKeys(dataDir, ['clerk']);
    const api = await startApi(dataDir, { auth: 'api-key' });
    const queue = treatments();
    const statuses = new Map<number, number>();
    let conflicts = 0;
    let resets = 0;
    /**
     * A connection lost under the request (client and server share one loaded process here, and a kept-alive
     * socket may be closed by the server just as the client reuses it) is retried, as a real client does;
     * a POST cut off may have been recorded.
     */
    const send = async (...args: Parameters<typeof http>) => {
      for (;;) {
        try {
          return await http(...args);
        } catch (error) {
          if (!connectionLost(error)) throw error;
          resets++;
        }
      }
    };
    try {
      const client = async (): Promise<void> => {
        for (let t = queue.shift(); t; t = queue.shift()) {
          let ifMatch: string | null = null;
          for (let attempt = 0; ; attempt++) {
            // Read, then write only if nobody wrote in between: the optimistic concurrency a real client uses.
            if (ifMatch === null) {
              const seen = await send(`${api.url}${t.sag}`, { headers: bearer(keys.clerk) });
              ifMatch = seen.status === 404 ? '"-1"' : (seen.headers.get('etag') as string);
            }
            const res = await send(`${api.url}${t.sag}/proposals`, {
              headers: { ...bearer(keys.clerk), 'if-match': ifMatch },
              body: t.body,
            });
            if (res.status === 409 && attempt < 1_000) {
              conflicts++;
              // The 409 names the revision the sag is at: the next try is pinned to it, as a client that
              // has nothing to re-decide does (this treatment is its own), without another read.
              const actual = (res.body as { actualRevision?: unknown }).actualRevision;
              ifMatch = typeof actual === 'number' ? `"${actual}"` : null;
              await new Promise((r) => setTimeout(r, Math.random() * 2 ** Math.min(attempt, 6)));
              continue;
            }
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            break;
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
    } finally {
      await api.stop();
    }
    // A 409 appends nothing, so every treatment ends in exactly one 201 (a 200, an identical repeat, only where a reset cut the answer to a 201 off).
    expect(statuses.get(201)).toBeGreaterThanOrEqual(TREATMENTS - resets);
    expect((statuses.get(201) ?? 0) + (statuses.get(200) ?? 0)).toBe(TREATMENTS);
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 201)).toEqual([]);
    expect(conflicts).toBeGreaterThan(0); // the writers really did collide

    const log = readEventLog(dataDir);
    expect(log).toHaveLength(TREATMENTS);
    expect(gapsIn(log)).toEqual([]);
    const streams = new Map<string, number>();
    for (const e of log) streams.set(e.streamName, (streams.get(e.streamName) ?? 0) + 1);
    expect([...streams.values()]).toEqual(Array(SAGER).fill(TREATMENTS / SAGER));
    const items = log.map((e) => e.data['item'] as number).sort((a, b) => a - b);
    expect(items).toEqual(Array.from({ length: TREATMENTS }, (_, i) => i + 1));
    expect(new Set(log.map((e) => e.eventId)).size).toBe(TREATMENTS);
    expect(new Set(log.map((e) => e.metadata['recordedBy']))).toEqual(new Set(['api-key:clerk@test']));
  }, 1_800_000); // a bound for a broken run, not a measure: 64 clients × 1,000 writes take minutes on a loaded machine
});

/** A reset or closed socket, as undici reports it (`fetch failed` with the socket error as its cause). */
function connectionLost(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = String(cause?.code ?? '');
  return (
    ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code) || /other side closed/.test(String(cause?.message ?? ''))
  );
}
