#!/usr/bin/env node
/* global require, process, __dirname, console, setTimeout, clearTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script run by node on dist/ */
// SIGKILL the projector at counted points of its work (its n-th batch, n random), restart it, and compare the read
// models it ends with against a clean run over the same log (and a rebuild).
// Runs the built code: `npm run -s build && node test/read/kill-restart.js`.
// Prints human lines, then one JSON summary as the last line.
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

/**
 * Kills are counted work, never moments on a clock: the child SIGKILLs itself
 * after its n-th batch (SAGSSPOR_TEST_KILL_AFTER, see @sagsspor/kernel
 * killPoint) and reports what it had done, so every planned kill lands
 * mid-work on any machine, and the test checks it did.
 */
function killEnv(point, n) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-kill-report-')), 'report.json');
  return {
    env: { SAGSSPOR_TEST_KILL_AFTER: `${point}:${n}`, SAGSSPOR_TEST_KILL_REPORT: report },
    report: () => (fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : null),
  };
}

/** Starts the projector; resolves with its exit, and exposes when it started projecting. */
function startProjector(dataDir, args, extraEnv = {}) {
  const child = spawn(process.execPath, [PROJECTOR, ...args], {
    env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, MONGODB_URL: '', EVENTSTORE_URL: '', NO_COLOR: '1', ...extraEnv },
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

const PROJECTOR_BATCH = 1000;

/** Batches of PROJECTOR_BATCH events still to project: from the model's generations and the log's head. */
async function batchesLeft(dataDir) {
  const store = new SqliteEventStore(dataDir);
  const model = new SqliteReadModel(dataDir);
  try {
    const head = await store.headPosition();
    const checkpoints = (await model.generations()).filter((g) => g.state !== 'retired').map((g) => g.checkpoint);
    // Positions are 1, 2, ...: a checkpoint of -1 (nothing yet) has done as much as 0.
    const done = checkpoints.reduce((a, b) => (a > b ? a : b), 0n);
    return Math.ceil(Number(head - done) / PROJECTOR_BATCH);
  } finally {
    await model.close();
    await store.close();
  }
}

/** Runs `--once`, each run but the last SIGKILLed after a random count of batches short of the end; returns the kills. */
async function onceWithKills(dataDir, maxKills) {
  let kills = 0;
  for (;;) {
    const left = await batchesLeft(dataDir);
    if (kills < maxKills && left >= 2) {
      // One or two batches per run: the planned kills always fit in the log.
      const n = 1 + Math.floor(random() * Math.min(2, left - 1));
      const kill = killEnv('projector-batch', n);
      const { code, signal, output } = await startProjector(dataDir, ['--once'], kill.env).exited;
      const report = kill.report();
      if (signal !== 'SIGKILL' || !report || report.count !== n) {
        throw new Error(
          `projector --once was to kill itself after batch ${n} of ${left}: ${code} ${signal} ${JSON.stringify(report)}\n${output}`,
        );
      }
      kills += 1;
      continue;
    }
    const { code, output } = await startProjector(dataDir, ['--once']).exited;
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

/** The live projector (subscription), SIGKILLed by itself after batch 1 or 2 of a chunk of new events (several batches long). */
async function liveWithKill(dataDir, chunk) {
  const n = 1 + Math.floor(random() * 2);
  const kill = killEnv('projector-batch', n);
  const run = startProjector(dataDir, [], kill.env);
  await Promise.race([run.projecting, run.exited]);
  appendChunk(dataDir, chunk);
  // A bound, not a measure: the kill comes from the count; this only stops a broken run from hanging the test.
  const guard = setTimeout(() => run.child.kill('SIGTERM'), 900000);
  const { code, signal, output } = await run.exited;
  clearTimeout(guard);
  const report = kill.report();
  if (signal !== 'SIGKILL' || !report || report.count !== n) {
    throw new Error(`live projector was to kill itself after batch ${n}: ${code} ${signal} ${JSON.stringify(report)}\n${output}`);
  }
  return 1;
}

const CLI = dist('apps/cli/src/main.js');
const REBUILD_KILLS = Number(process.env.KILL_TEST_REBUILD_KILLS || 20);

const REBUILD_BATCH = 400;

/**
 * `cli rebuild` SIGKILLed after a random count of its batches short of the
 * end, again and again: the live model must keep serving unchanged, and the
 * next rebuild must start over cleanly. Returns how many runs were killed
 * mid-way: all of them, or it throws.
 */
async function rebuildsWithKills(dataDir, rounds, expected, events) {
  let killed = 0;
  const batches = Math.floor(events / REBUILD_BATCH);
  for (let round = 0; round < rounds; round++) {
    // Early in the rebuild (within its first 10 batches): every round is cut short, and the 20 rounds stay quick.
    const n = 1 + Math.floor(random() * Math.min(10, batches - 1));
    const kill = killEnv('rebuild-batch', n);
    const child = spawn(process.execPath, [CLI, 'rebuild'], {
      env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, MONGODB_URL: '', EVENTSTORE_URL: '', ...kill.env },
      stdio: 'ignore',
    });
    const { code, signal } = await new Promise((resolve) => child.on('exit', (c, s) => resolve({ code: c, signal: s })));
    const report = kill.report();
    if (signal !== 'SIGKILL' || !report || report.count !== n) {
      throw new Error(
        `rebuild round ${round} was to kill itself after batch ${n} of ${batches}: ${code} ${signal} ${JSON.stringify(report)}`,
      );
    }
    killed += 1;
    if ((await snapshotOf(dataDir)) !== expected) throw new Error(`the live read model changed after rebuild round ${round}`);
  }
  return killed;
}

async function eventCount(dataDir) {
  const store = new SqliteEventStore(dataDir);
  try {
    return Math.max(0, Number(await store.headPosition()));
  } finally {
    await store.close();
  }
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
    console.log(`kill-restart: ${EVENTS} events, seed ${SEED}`);
    for (const dir of [killed, clean]) writeSyntheticLog(dir, { targetEvents: EVENTS, seed: SEED });
    // 1. The first build from position 0, killed again and again.
    let kills = await onceWithKills(killed, 8);
    console.log(`initial build: done after ${kills} SIGKILLs`);
    // 2. The live projector killed while new events arrive; the clean copy gets the same chunks.
    let live = 0;
    for (const chunk of CHUNKS) {
      live += await liveWithKill(killed, chunk);
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
    const rebuildKills = await rebuildsWithKills(killed, REBUILD_KILLS, a, await eventCount(killed));
    const finish = spawnSync(process.execPath, [CLI, 'rebuild'], {
      env: { ...process.env, SAGSSPOR_DATA_DIR: killed, MONGODB_URL: '', EVENTSTORE_URL: '' },
    });
    if (finish.status !== 0) throw new Error(`rebuild failed: ${finish.stderr}`);
    const afterRebuilds = await snapshotOf(killed);
    console.log(`rebuilds: ${REBUILD_KILLS} rounds, ${rebuildKills} killed mid-way`);
    const same = a === b && b === rebuilt && afterRebuilds === a && rebuildKills === REBUILD_KILLS;
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
