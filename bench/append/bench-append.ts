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
const TARGET_CPU_RATIO = 1.5;

type Rates = Record<string, number>;
/** Per side: appends per second, and CPU (user + system, this process) in µs per append. */
interface Round {
  readonly rates: Rates;
  readonly cpu: Rates;
}

function freshDir(): string {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, 'sagsspor-bench-append-'));
}

/**
 * Wall seconds and CPU µs of one run. better-sqlite3 is synchronous, so all
 * the CPU this process spends meanwhile, fsync's system time included, is
 * the side's; CPU time is also far less disturbed by other load than wall time.
 */
async function timed(side: BenchSide): Promise<{ seconds: number; cpuMicros: number }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await side.run();
  const { user, system } = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuMicros: user + system };
}

async function openSides(dirs: readonly string[]): Promise<BenchSide[]> {
  const [portDir, rawDir, indexedDir] = dirs as [string, string, string];
  return [openPortSide(portDir), openRawSide(rawDir), await openIndexedRawSide(indexedDir)];
}

/** Every side appends the same events, in turns of CHUNK, until the round's time is up. */
async function runRound(): Promise<Round & { count: number }> {
  const dirs = [freshDir(), freshDir(), freshDir()];
  const sides = await openSides(dirs);
  const seconds = sides.map(() => 0);
  const cpuMicros = sides.map(() => 0);
  const deadline = Date.now() + ROUND_SECONDS * 1000;
  let count = 0;
  try {
    for (let turn = 0; Date.now() < deadline; turn += 1, count += CHUNK) {
      const events = workload(count, CHUNK);
      for (let k = 0; k < sides.length; k += 1) {
        const index = (turn + k) % sides.length;
        const side = sides[index] as BenchSide;
        side.prepare(events, count);
        const run = await timed(side);
        seconds[index] = (seconds[index] ?? 0) + run.seconds;
        cpuMicros[index] = (cpuMicros[index] ?? 0) + run.cpuMicros;
      }
    }
  } finally {
    for (const side of sides) await side.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  const perSide = (values: readonly number[], of: (value: number) => number): Rates =>
    Object.fromEntries(sides.map((side, index) => [side.name, of(values[index] ?? 0)]));
  return { rates: perSide(seconds, (s) => count / s), cpu: perSide(cpuMicros, (micros) => micros / count), count };
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

function describeCpu(cpu: Rates): string {
  const port = cpu['port'] ?? 0;
  const raw = cpu['raw'] ?? 1;
  return `CPU µs/append: port ${port.toFixed(1)}, raw ${raw.toFixed(1)} (×${(port / raw).toFixed(2)}), raw into port schema ${(cpu['raw, port schema'] ?? 0).toFixed(1)}`;
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
  const rounds: Round[] = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    const { rates, cpu, count } = await runRound();
    rounds.push({ rates, cpu });
    console.log(`round ${index + 1}/${ROUNDS} (${count} events per side): ${describe(rates)}; ${describeCpu(cpu)}`);
  }
  const medianOf = (name: string): number => median(rounds.map(({ rates }) => rates[name] ?? 0));
  const medianCpu = (name: string): number => median(rounds.map(({ cpu }) => cpu[name] ?? 0));
  console.log(
    `medians of rates: ${describe({ port: medianOf('port'), raw: medianOf('raw'), 'raw, port schema': medianOf('raw, port schema') })}`,
  );
  const cpu = { port: medianCpu('port'), raw: medianCpu('raw'), 'raw, port schema': medianCpu('raw, port schema') };
  console.log(`medians of ${describeCpu(cpu)} (target ×${TARGET_CPU_RATIO} at most)`);
  const typical = medianRoundByRatio(rounds.map(({ rates }) => rates));
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
