import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * The projector SIGKILLs itself after a counted, random number of batches
 * (8 times during its first build from position 0, once in each of 4 rounds of
 * live events) and is restarted; its read models must end identical to a
 * clean run's and to a rebuild's; then `cli rebuild` kills itself 8 times
 * mid-way, the live model untouched each time. Every kill is checked to have
 * happened at its count. Child processes on the built code (dist/), so the
 * build runs first.
 */
describe('projector killed with SIGKILL at counted points of its work', () => {
  it('ends with the same read models as a clean run', () => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { encoding: 'utf8' });
    expect(build.status).toBe(0);
    const run = spawnSync(process.execPath, [path.join(__dirname, 'kill-restart.js')], {
      encoding: 'utf8',
      env: { ...process.env, KILL_TEST_EVENTS: '20000', KILL_TEST_REBUILD_KILLS: '8' },
      timeout: 1_740_000, // a bound for a broken run, not a measure
    });
    if (run.status !== 0) console.error(run.stdout, run.stderr);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as { ok?: boolean; kills?: number; rebuildKills?: number };
    expect(summary.ok).toBe(true);
    expect(summary.kills).toBeGreaterThanOrEqual(8 + 4);
    expect(summary.rebuildKills).toBe(8);
  }, 1_800_000);
});
