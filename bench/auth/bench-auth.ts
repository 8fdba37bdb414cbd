import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiKeyStore } from '@sagsspor/access';
import { measure, type LoadTarget } from './load';
import { startServer, type BenchServer } from './servers';

/**
 * Requests per second of an authenticated read (API key) against the same
 * read with authentication off, in the same run: two API processes over
 * identical data, loaded in turns (the order alternates each round) by a few
 * keep-alive connections on loopback. The read is a sag's history, folded
 * from its stream on every request: the everyday read of the API. The last
 * line printed is one JSON object with the medians.
 */
const ROUNDS = 9;
const ROUND_SECONDS = 3;
const WARMUP_SECONDS = 3;
const CONNECTIONS = 6;
const TARGET_RATIO = 0.8;
const SAG = '/sager/Lejre/24-000233';

function freshDir(): string {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, 'sagsspor-bench-auth-'));
}

/** The same sag in every data directory: a proposal, a recommendation and a decision in three committees. */
async function seed(port: number, headers: Record<string, string>): Promise<void> {
  const proposal = { title: 'Status på kvartalsplaner', proposal: '1. at orienteringen tages til efterretning' };
  const posts: Array<[string, unknown]> = [
    ['proposals', { committee: 'Social- og Sundhedsudvalget', meetingDate: '2024-02-05', item: 4, ...proposal }],
    [
      'recommendations',
      { committee: 'Social- og Sundhedsudvalget', meetingDate: '2024-02-05', item: 4, recommendedTo: 'Økonomiudvalget', text: 'Anbefales' },
    ],
    [
      'recommendations',
      {
        committee: 'Udvalget for Job og Integration',
        meetingDate: '2024-02-07',
        item: 7,
        recommendedTo: 'Økonomiudvalget',
        text: 'Anbefales',
        proposal,
      },
    ],
    [
      'decisions',
      { committee: 'Økonomiudvalget', meetingDate: '2024-02-21', item: 12, outcome: 'noted', text: 'Taget til efterretning', proposal },
    ],
  ];
  for (const [route, body] of posts) {
    const res = await fetch(`http://127.0.0.1:${port}${SAG}/${route}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`seeding ${route}: ${res.status} ${await res.text()}`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const rounded = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

async function main(): Promise<void> {
  const dirs = [freshDir(), freshDir()];
  const [offDir, authDir] = dirs as [string, string];
  const store = new ApiKeyStore(authDir);
  const reader = store.create('bench-reader', 'reader').key;
  const clerk = store.create('bench-clerk', 'clerk').key;
  store.close();

  const servers: BenchServer[] = [];
  try {
    const off = await startServer(offDir, { SAGSSPOR_AUTH: 'off' });
    servers.push(off);
    const auth = await startServer(authDir, { SAGSSPOR_AUTH: 'api-key' });
    servers.push(auth);
    await seed(off.port, {});
    await seed(auth.port, { authorization: `Bearer ${clerk}` });

    const targets: Record<'off' | 'auth', LoadTarget> = {
      off: { port: off.port, path: SAG, headers: {} },
      auth: { port: auth.port, path: SAG, headers: { authorization: `Bearer ${reader}` } },
    };
    await measure(targets.off, CONNECTIONS, WARMUP_SECONDS);
    await measure(targets.auth, CONNECTIONS, WARMUP_SECONDS);
    const rates = { off: [] as number[], auth: [] as number[] };
    process.stderr.write(`round   auth off  api key   ratio  (req/s, ${CONNECTIONS} keep-alive connections, ${ROUND_SECONDS} s each)\n`);
    for (let round = 0; round < ROUNDS; round++) {
      const order: Array<'off' | 'auth'> = round % 2 === 0 ? ['off', 'auth'] : ['auth', 'off'];
      const got: Partial<Record<'off' | 'auth', number>> = {};
      for (const side of order) got[side] = await measure(targets[side], CONNECTIONS, ROUND_SECONDS);
      rates.off.push(got.off ?? 0);
      rates.auth.push(got.auth ?? 0);
      process.stderr.write(
        `${String(round + 1).padStart(5)}  ${(got.off ?? 0).toFixed(0).padStart(9)}  ${(got.auth ?? 0).toFixed(0).padStart(7)}  ${((got.auth ?? 0) / (got.off ?? 1)).toFixed(3).padStart(6)}\n`,
      );
    }
    const baseline = median(rates.off);
    const value = median(rates.auth);
    process.stdout.write(
      `${JSON.stringify({ name: 'auth', value: rounded(value, 0), unit: 'req/s', baseline: rounded(baseline, 0), ratio: rounded(value / baseline, 3), target: TARGET_RATIO })}\n`,
    );
  } finally {
    for (const server of servers) await server.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
