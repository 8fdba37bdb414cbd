import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rebuildNodeFlags } from '../../apps/cli/src/rebuild-process';
import { rawReadAndParse } from './raw-read';
import type { RebuildRunReport } from './rebuild-run';
import type { SyntheticLogReport } from './synthetic-log';

/**
 * `npm run bench:rebuild`: rebuilds all projections (the sag read model:
 * summaries, timelines, meetings, decision log) from position 0 over a
 * synthetic log of ≥ 1,000,000 ~1 KB events in the embedded store, against a
 * raw read-and-parse of the same log in the same run. Reports events/s, the
 * ratio (target ≥ 0.25) and the peak RSS of the rebuild (target ≤ 300 MB),
 * which runs in a child process of its own (rebuild-run.ts) with the heap
 * bound `cli rebuild` uses; the log is generated in another child, so neither
 * the generator's nor the baseline's memory counts. Last line: one JSON
 * result object.
 *
 * These machines swing by a third within minutes, and the two sides do not
 * swing alike (the baseline is one thread of CPU, the rebuild two threads and
 * the disk): raw reads and rebuilds alternate, each rebuild is measured
 * against the faster raw read next to it, and the round with the median ratio
 * is reported, with the highest peak RSS of all rounds.
 */
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const TARGET_RATIO = 0.25;
const RSS_LIMIT_MB = 300;
/** The heap bound `npm run -s cli -- rebuild` runs with (scripts/cli.js); that process also loads Nest and the server drivers. */
const REBUILD_NODE_FLAGS = rebuildNodeFlags();

async function main(): Promise<void> {
  if (!Number.isSafeInteger(ROUNDS) || ROUNDS < 1) throw new Error(`BENCH_ROUNDS must be a whole number, at least 1, not ${ROUNDS}`);
  const base = process.env['BENCH_DIR'] ?? os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'sagsspor-bench-rebuild-'));
  try {
    console.log(`bench:rebuild — ${EVENTS.toLocaleString('en')} events, embedded SQLite store and read models, ${os.cpus().length} cores`);
    const generated = JSON.parse(
      execFileSync(process.execPath, [path.join(__dirname, 'generate-log.js'), dir, String(EVENTS)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as SyntheticLogReport;
    console.log(
      `log: ${generated.events} events (${generated.sager} sager, ${generated.firstDate} to ${generated.lastDate}), ` +
        `${(generated.bytes / generated.events).toFixed(0)} bytes of JSON per event, written in ${generated.seconds.toFixed(1)} s`,
    );
    rawReadAndParse(dir, 2000); // warms the page cache for both sides alike
    let rawBefore = rawReadAndParse(dir, 2000);
    console.log(`raw read-and-parse (SELECT + JSON.parse): ${rawBefore.perSecond.toFixed(0)} events/s`);
    console.log(`rebuild in a child process: node ${REBUILD_NODE_FLAGS.join(' ')} rebuild-run.js, ${ROUNDS} rounds`);
    const rounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i += 1) {
      removeReadModels(dir);
      const report = rebuildOnce(dir);
      const rawAfter = rawReadAndParse(dir, 2000);
      // The faster of the raw reads either side: the ratio errs low, never high.
      const raw = Math.max(rawBefore.perSecond, rawAfter.perSecond);
      const value = report.events / report.seconds;
      const round = { value, raw, ratio: value / raw, peakRssMb: report.peakRssMb };
      rounds.push(round);
      console.log(
        `round ${i}: ${report.events} events in ${report.seconds.toFixed(1)} s = ${value.toFixed(0)} events/s; ` +
          `raw after ${rawAfter.perSecond.toFixed(0)} events/s; ratio ${floor3(round.ratio).toFixed(3)}; peak RSS ${report.peakRssMb.toFixed(0)} MB`,
      );
      rawBefore = rawAfter;
    }
    const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor((rounds.length - 1) / 2)] as Round;
    const peakRssMb = Math.max(...rounds.map((r) => r.peakRssMb));
    // The main file (which generation is live) and the live generation's own file, with their WALs.
    const fileMb =
      fs
        .readdirSync(dir)
        .filter((name) => name.startsWith('read-models.'))
        .reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0) /
      1024 /
      1024;
    console.log(
      `rebuild (median round): ${median.value.toFixed(0)} events/s; ratio to raw ${floor3(median.ratio).toFixed(3)} (target ≥ ${TARGET_RATIO})`,
    );
    console.log(
      `peak RSS ${peakRssMb.toFixed(0)} MB, the highest of ${ROUNDS} (target ≤ ${RSS_LIMIT_MB} MB); read-model files ${fileMb.toFixed(0)} MB`,
    );
    console.log(
      JSON.stringify({
        name: 'rebuild',
        value: Math.round(median.value),
        unit: 'events/s',
        baseline: Math.round(median.raw),
        ratio: floor3(median.ratio),
        target: TARGET_RATIO,
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Round {
  readonly value: number;
  readonly raw: number;
  readonly ratio: number;
  readonly peakRssMb: number;
}

function rebuildOnce(dir: string): RebuildRunReport {
  return JSON.parse(
    execFileSync(process.execPath, [...REBUILD_NODE_FLAGS, path.join(__dirname, 'rebuild-run.js'), dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as RebuildRunReport;
}

/** Cut, not rounded, to three places: 0.2996 is short of 0.3 and shows as 0.299. */
function floor3(ratio: number): number {
  return Math.floor(ratio * 1000) / 1000;
}

/** Each round builds from nothing, as the first does: the main file and the generation files, with their WALs. */
function removeReadModels(dir: string): void {
  for (const name of fs.readdirSync(dir)) if (name.startsWith('read-models.')) fs.rmSync(path.join(dir, name), { force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
