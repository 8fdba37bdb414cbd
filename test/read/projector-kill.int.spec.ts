import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

/**
 * The projector is SIGKILLed at random moments (during its first build from
 * position 0 and while live events arrive) and restarted; its read models must
 * end identical to a clean run's and to a rebuild's; then `cli rebuild` is
 * SIGKILLed 20 times mid-way, the live model untouched each time. Child processes on the
 * built code (dist/), so the build runs first; bounded to ~90 s.
 */
describe('projector killed with SIGKILL at random moments', () => {
  it('ends with the same read models as a clean run', () => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { encoding: 'utf8' });
    expect(build.status).toBe(0);
    const run = spawnSync(process.execPath, [path.join(__dirname, 'kill-restart.js')], {
      encoding: 'utf8',
      env: { ...process.env, KILL_TEST_EVENTS: '20000', KILL_TEST_BUDGET_MS: '120000' },
      timeout: 200_000,
    });
    if (run.status !== 0) console.error(run.stdout, run.stderr);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1] ?? '{}') as { ok?: boolean; kills?: number };
    expect(summary.ok).toBe(true);
    expect(summary.kills).toBeGreaterThan(0);
  }, 260_000);
});
