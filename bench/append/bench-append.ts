import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPortSide } from './port-appends';
import { openRawSide } from './raw-sqlite';
import type { BenchSide } from './side';
import { STREAM_COUNT, workload } from './workload';

/**
 * Single-event appends through the port (SQLite adapter) against raw
 * better-sqlite3 inserts with the same durability, each in its own fresh
 * directory. fsync latency on shared or virtual disks drifts by 2x within
 * seconds, so the two sides take turns in small chunks (who goes first
 * alternates) and each round's rate is the sum over its chunks; medians of
 * the rounds are reported. The last line printed is one JSON object.
 */
const ROUNDS = 7;
const CHUNK = 100;
const TARGET_ROUND_SECONDS = 12;
const MIN_EVENTS = 1_000;
const MAX_EVENTS = 20_000;
const TARGET_RATIO = 0.8;

interface Rates {
  readonly port: number;
  readonly raw: number;
}

function freshDir(): string {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, 'sagsspor-bench-append-'));
}

async function timed(side: BenchSide, from: number, to: number): Promise<number> {
  const started = process.hrtime.bigint();
  await side.run(from, to);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Both sides append the same `count` events, alternating every CHUNK events. */
async function interleaved(count: number, roundIndex: number): Promise<Rates> {
  const events = workload(count);
  const dirs = [freshDir(), freshDir()] as const;
  const port = openPortSide(dirs[0], events);
  const raw = openRawSide(dirs[1], events);
  let portSeconds = 0;
  let rawSeconds = 0;
  try {
    for (let from = 0, chunk = roundIndex; from < count; from += CHUNK, chunk += 1) {
      const to = Math.min(from + CHUNK, count);
      if (chunk % 2 === 0) {
        portSeconds += await timed(port, from, to);
        rawSeconds += await timed(raw, from, to);
      } else {
        rawSeconds += await timed(raw, from, to);
        portSeconds += await timed(port, from, to);
      }
    }
  } finally {
    await port.close();
    await raw.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { port: count / portSeconds, raw: count / rawSeconds };
}

/** Sizes a round from a short warm-up so the whole run stays well under two minutes on any disk. */
async function calibrate(): Promise<number> {
  const warmUp = await interleaved(400, 0);
  console.log(`warm-up: port ${fmt(warmUp.port)} appends/s, raw ${fmt(warmUp.raw)} inserts/s`);
  const perSecondBothSides = 1 / (1 / warmUp.port + 1 / warmUp.raw);
  const count = Math.round(perSecondBothSides * TARGET_ROUND_SECONDS);
  return Math.min(MAX_EVENTS, Math.max(MIN_EVENTS, Math.round(count / CHUNK) * CHUNK));
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

async function main(): Promise<void> {
  console.log(`bench:append — single-event appends, ~1 KB events, WAL + synchronous=FULL, ${STREAM_COUNT} streams`);
  const count = await calibrate();
  console.log(`${ROUNDS} rounds of ${count} events per side, interleaved in chunks of ${CHUNK}, fresh files each round`);
  const rounds: Rates[] = [];
  for (let index = 0; index < ROUNDS; index += 1) {
    const rates = await interleaved(count, index);
    rounds.push(rates);
    console.log(`round ${index + 1}/${ROUNDS}: port ${fmt(rates.port)} appends/s, raw ${fmt(rates.raw)} inserts/s, ratio ${(rates.port / rates.raw).toFixed(3)}`);
  }
  const value = median(rounds.map((rates) => rates.port));
  const baseline = median(rounds.map((rates) => rates.raw));
  const ratio = value / baseline;
  console.log(`median: port ${fmt(value)} appends/s, raw ${fmt(baseline)} inserts/s, ratio ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO})`);
  const result = { name: 'append', value: rounded(value, 1), unit: 'appends/s', baseline: rounded(baseline, 1), ratio: rounded(ratio, 3), target: TARGET_RATIO };
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
