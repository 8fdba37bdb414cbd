import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPortSide } from './port-appends';
import { openIndexedRawSide, openRawSide } from './raw-sqlite';
import type { BenchSide } from './side';
import { STREAM_COUNT, workload } from './workload';

/**
 * Single-event appends through the port (SQLite adapter) against raw
 * better-sqlite3 inserts with the same durability, each side in its own fresh
 * directory. fsync latency on shared or virtual disks drifts severalfold
 * within seconds, so the sides take turns in small chunks (the order rotates
 * each chunk) and a round's rate is the sum over its chunks; each round is
 * time-boxed. The last line printed is one JSON object, from the round with
 * the median port/raw ratio (see medianRoundByRatio).
 */
const ROUNDS = 7;
const ROUND_SECONDS = 12;
const CHUNK = 50;
const TARGET_RATIO = 0.8;

type Rates = Record<string, number>;

function freshDir(): string {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, 'sagsspor-bench-append-'));
}

async function timed(side: BenchSide): Promise<number> {
  const started = process.hrtime.bigint();
  await side.run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function openSides(dirs: readonly string[]): Promise<BenchSide[]> {
  const [portDir, rawDir, indexedDir] = dirs as [string, string, string];
  return [openPortSide(portDir), openRawSide(rawDir), await openIndexedRawSide(indexedDir)];
}

/** Every side appends the same events, in turns of CHUNK, until the round's time is up. */
async function runRound(): Promise<{ rates: Rates; count: number }> {
  const dirs = [freshDir(), freshDir(), freshDir()];
  const sides = await openSides(dirs);
  const seconds = sides.map(() => 0);
  const deadline = Date.now() + ROUND_SECONDS * 1000;
  let count = 0;
  try {
    for (let turn = 0; Date.now() < deadline; turn += 1, count += CHUNK) {
      const events = workload(count, CHUNK);
      for (let k = 0; k < sides.length; k += 1) {
        const index = (turn + k) % sides.length;
        const side = sides[index] as BenchSide;
        side.prepare(events, count);
        seconds[index] = (seconds[index] ?? 0) + (await timed(side));
      }
    }
  } finally {
    for (const side of sides) await side.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rates: Object.fromEntries(sides.map((side, index) => [side.name, count / (seconds[index] ?? 1)])), count };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function fmt(rate: number): string {
  return rate.toFixed(0).padStart(6);
}

function rounded(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function describe(rates: Rates): string {
  const port = rates['port'] ?? 0;
  const raw = rates['raw'] ?? 1;
  const indexed = rates['raw, port schema'] ?? 1;
  return `port ${fmt(port)}/s, raw ${fmt(raw)}/s (ratio ${(port / raw).toFixed(3)}), raw into port schema ${fmt(indexed)}/s (port/that ${(port / indexed).toFixed(3)})`;
}

async function main(): Promise<void> {
  console.log(`bench:append — single-event appends, ~1.3 KB events (data + metadata), WAL + synchronous=FULL, ${STREAM_COUNT} streams`);
  console.log(`${ROUNDS} rounds of ${ROUND_SECONDS}s, sides taking turns every ${CHUNK} events, fresh files each round`);
  const rounds: Rates[] = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    const { rates, count } = await runRound();
    rounds.push(rates);
    console.log(`round ${index + 1}/${ROUNDS} (${count} events per side): ${describe(rates)}`);
  }
  const medianOf = (name: string): number => median(rounds.map((rates) => rates[name] ?? 0));
  console.log(
    `medians of rates: ${describe({ port: medianOf('port'), raw: medianOf('raw'), 'raw, port schema': medianOf('raw, port schema') })}`,
  );
  const typical = medianRoundByRatio(rounds);
  const value = typical['port'] ?? 0;
  const baseline = typical['raw'] ?? 1;
  console.log(`median round by port/raw ratio: ${describe(typical)} (target ratio ≥ ${TARGET_RATIO})`);
  const result = {
    name: 'append',
    value: rounded(value, 1),
    unit: 'appends/s',
    baseline: rounded(baseline, 1),
    ratio: rounded(value / baseline, 3),
    target: TARGET_RATIO,
  };
  console.log(JSON.stringify(result));
}

/**
 * The reported pair comes from one round, the one with the median ratio:
 * within a round both sides saw the same disk, so their ratio is sound,
 * while medians of rates taken separately may come from rounds with
 * different disk speeds and their quotient can land anywhere.
 */
function medianRoundByRatio(rounds: readonly Rates[]): Rates {
  const ratio = (rates: Rates): number => (rates['port'] ?? 0) / (rates['raw'] ?? 1);
  const sorted = [...rounds].sort((a, b) => ratio(a) - ratio(b));
  return sorted[Math.floor(sorted.length / 2)] ?? {};
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
