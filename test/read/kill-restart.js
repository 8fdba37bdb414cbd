#!/usr/bin/env node
/* global require, process, __dirname, console, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script run by node on dist/ */
// SIGKILL the projector at random moments, restart it, and compare the read
// models it ends with against a clean run over the same log (and a rebuild).
// Runs the built code: `npm run -s build && node test/read/kill-restart.js`.
// Bounded in time; prints human lines, then one JSON summary as the last line.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const dist = (p) => path.join(root, 'dist', p);
const { writeSyntheticLog } = require(dist('bench/rebuild/synthetic-log.js'));
const { SqliteEventStore } = require(dist('libs/event-store/src/index.js'));
const { SqliteReadModel, rebuild } = require(dist('libs/read-model/src/index.js'));

const EVENTS = Number(process.env.KILL_TEST_EVENTS || 20000);
const BUDGET_MS = Number(process.env.KILL_TEST_BUDGET_MS || 90000);
const SEED = Number(process.env.KILL_TEST_SEED || Date.now() % 100000);
const PROJECTOR = dist('apps/projector/src/main.js');
const started = Date.now();
const random = mulberry32(SEED);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const remaining = () => BUDGET_MS - (Date.now() - started);

/** Starts the projector; resolves with its exit, and exposes when it started projecting. */
function startProjector(dataDir, args) {
  const child = spawn(process.execPath, [PROJECTOR, ...args], {
    env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, MONGODB_URL: '', EVENTSTORE_URL: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onProjecting;
  const projecting = new Promise((resolve) => (onProjecting = resolve));
  const watch = (chunk) => {
    output += chunk;
    if (/Projecting/.test(output)) onProjecting();
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', watch);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })));
  return { child, projecting, exited };
}

/** Runs `--once` to the end, killing it at a random moment after it starts projecting, until one run finishes. */
async function onceWithKills(dataDir, maxKills) {
  let kills = 0;
  for (;;) {
    const run = startProjector(dataDir, ['--once']);
    const kill = kills < maxKills && remaining() > 20000;
    if (kill) {
      await Promise.race([run.projecting, run.exited]);
      await sleep(random() * 400);
      run.child.kill('SIGKILL');
    }
    const { code, signal, output } = await run.exited;
    if (signal === 'SIGKILL') {
      kills += 1;
      continue;
    }
    if (code !== 0) throw new Error(`projector exited with ${code}:\n${output}`);
    return kills;
  }
}

/** More of the log: another kommune's sager, appended after what is there (the same in every copy). */
const CHUNKS = ['Roskilde', 'Holbæk', 'Køge', 'Greve'].map((kommune, i) => ({
  kommune,
  seed: SEED + 1 + i,
  events: Math.round(EVENTS / 8),
}));
function appendChunk(dataDir, chunk) {
  writeSyntheticLog(dataDir, { targetEvents: chunk.events, seed: chunk.seed, kommune: chunk.kommune });
}

/** The live projector (subscription), killed at a random moment while a chunk of new events arrives. */
async function liveWithKill(dataDir, chunk) {
  const run = startProjector(dataDir, []);
  await Promise.race([run.projecting, run.exited]);
  appendChunk(dataDir, chunk);
  await sleep(random() * 600);
  run.child.kill('SIGKILL');
  const { code, signal, output } = await run.exited;
  if (signal !== 'SIGKILL') throw new Error(`live projector exited by itself (${code}):\n${output}`);
  return 1;
}

const CLI = dist('apps/cli/src/main.js');
const REBUILD_KILLS = Number(process.env.KILL_TEST_REBUILD_KILLS || 20);

/**
 * `cli rebuild` SIGKILLed at random moments, again and again: the live model
 * must keep serving unchanged, and the next rebuild must start over cleanly.
 * Returns how many runs were killed before they had finished.
 */
async function rebuildsWithKills(dataDir, rounds, expected) {
  let killed = 0;
  for (let round = 0; round < rounds; round++) {
    const child = spawn(process.execPath, [CLI, 'rebuild'], {
      env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, MONGODB_URL: '', EVENTSTORE_URL: '' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await sleep(300 + random() * 1500);
    child.kill('SIGKILL');
    const { signal } = await exited;
    if (signal === 'SIGKILL') killed += 1;
    if ((await snapshotOf(dataDir)) !== expected) throw new Error(`the live read model changed after rebuild round ${round}`);
  }
  return killed;
}

async function snapshotOf(dataDir) {
  const model = new SqliteReadModel(dataDir);
  try {
    return JSON.stringify(await model.snapshot(), (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } finally {
    await model.close();
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(process.env.KILL_TEST_DIR || os.tmpdir(), 'sagsspor-kill-'));
  const killed = path.join(work, 'killed');
  const clean = path.join(work, 'clean');
  try {
    console.log(`kill-restart: ${EVENTS} events, seed ${SEED}, budget ${BUDGET_MS / 1000} s`);
    for (const dir of [killed, clean]) writeSyntheticLog(dir, { targetEvents: EVENTS, seed: SEED });
    // 1. The first build from position 0, killed again and again.
    let kills = await onceWithKills(killed, 8);
    console.log(`initial build: done after ${kills} SIGKILLs`);
    // 2. The live projector killed while new events arrive; the clean copy gets the same chunks.
    let live = 0;
    for (const [round, chunk] of CHUNKS.entries()) {
      if (round === 0 || remaining() > 25000) live += await liveWithKill(killed, chunk);
      else appendChunk(killed, chunk);
      appendChunk(clean, chunk);
    }
    // 3. Catch up once more, again with kills, then compare.
    kills += await onceWithKills(killed, 4);
    console.log(`live rounds killed: ${live}; total SIGKILLs ${kills + live}`);
    await onceWithKills(clean, 0);
    const [a, b] = [await snapshotOf(killed), await snapshotOf(clean)];
    const store = new SqliteEventStore(clean);
    const model = new SqliteReadModel(clean);
    try {
      await rebuild(store, model);
    } finally {
      await model.close();
      await store.close();
    }
    const rebuilt = await snapshotOf(clean);
    // 4. Rebuilds killed at random points, then one left to finish: still the same models.
    const rebuildKills = await rebuildsWithKills(killed, REBUILD_KILLS, a);
    const finish = spawnSync(process.execPath, [CLI, 'rebuild'], {
      env: { ...process.env, SAGSSPOR_DATA_DIR: killed, MONGODB_URL: '', EVENTSTORE_URL: '' },
    });
    if (finish.status !== 0) throw new Error(`rebuild failed: ${finish.stderr}`);
    const afterRebuilds = await snapshotOf(killed);
    console.log(`rebuilds: ${REBUILD_KILLS} rounds, ${rebuildKills} killed mid-way`);
    const same = a === b && b === rebuilt && afterRebuilds === a && rebuildKills >= REBUILD_KILLS / 2;
    console.log(
      `read models: killed run ${a.length} bytes, clean run ${b.length} bytes, rebuild ${rebuilt.length} bytes: ${same ? 'identical' : 'DIFFERENT'}`,
    );
    console.log(
      JSON.stringify({
        ok: same,
        events: EVENTS,
        seed: SEED,
        kills: kills + live,
        rebuildKills,
        seconds: Math.round((Date.now() - started) / 100) / 10,
      }),
    );
    process.exitCode = same ? 0 : 1;
  } finally {
    if (!process.env.KILL_TEST_KEEP) fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
