import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPortAppends } from './port-appends';
import { runRawInserts } from './raw-sqlite';
import { workload } from './workload';

/**
 * Single-event appends through the port (SQLite adapter) against raw
 * better-sqlite3 inserts with the same durability, alternating in rounds on
 * fresh files so drift in the machine's fsync speed hits both sides alike;
 * medians of the rounds are reported. Last line: one JSON result object.
 */
const ROUNDS = 7;
const TARGET_PHASE_SECONDS = 3;
const MIN_EVENTS = 500;
const MAX_EVENTS = 20_000;
const TARGET_RATIO = 0.8;

interface Round {
  readonly port: number;
  readonly raw: number;
}

function freshDir(): string {
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, 'sagsspor-bench-append-'));
}

async function inFreshDir<T>(run: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = freshDir();
  try {
    return await run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Sizes a phase from a short warm-up so one round takes a few seconds on any disk. */
async function calibrate(): Promise<number> {
  const sample = workload(300);
  const port = await inFreshDir((dir) => runPortAppends(dir, sample));
  const raw = await inFreshDir((dir) => runRawInserts(dir, sample));
  const slowest = Math.min(port, raw);
  console.log(`warm-up: port ${fmt(port)} appends/s, raw ${fmt(raw)} inserts/s`);
  return Math.round(Math.min(MAX_EVENTS, Math.max(MIN_EVENTS, slowest * TARGET_PHASE_SECONDS)));
}

async function runRound(index: number, count: number): Promise<Round> {
  const events = workload(count);
  const runPort = (): Promise<number> => inFreshDir((dir) => runPortAppends(dir, events));
  const runRaw = (): Promise<number> => inFreshDir((dir) => runRawInserts(dir, events));
  let port: number;
  let raw: number;
  if (index % 2 === 0) {
    port = await runPort();
    raw = await runRaw();
  } else {
    raw = await runRaw();
    port = await runPort();
  }
  console.log(`round ${index + 1}/${ROUNDS}: port ${fmt(port)} appends/s, raw ${fmt(raw)} inserts/s, ratio ${(port / raw).toFixed(3)}`);
  return { port, raw };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function fmt(rate: number): string {
  return rate.toFixed(0).padStart(6);
}

async function main(): Promise<void> {
  console.log('bench:append — single-event appends, ~1 KB events, WAL + synchronous=FULL, 250 streams');
  const count = await calibrate();
  console.log(`${ROUNDS} rounds of ${count} events per side, alternating order, fresh files each time`);
  const rounds: Round[] = [];
  for (let index = 0; index < ROUNDS; index += 1) rounds.push(await runRound(index, count));
  const value = median(rounds.map((round) => round.port));
  const baseline = median(rounds.map((round) => round.raw));
  const ratio = value / baseline;
  console.log(`median: port ${fmt(value)} appends/s, raw ${fmt(baseline)} inserts/s, ratio ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO})`);
  console.log(JSON.stringify({ name: 'append', value: round1(value), unit: 'appends/s', baseline: round1(baseline), ratio: round3(ratio), target: TARGET_RATIO }));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
