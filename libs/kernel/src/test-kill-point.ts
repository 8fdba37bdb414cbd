import fs from 'node:fs';

/**
 * Fault tests stop a process at a counted point of its work, never at a
 * moment on a clock, so every round interrupts mid-work on a fast machine or
 * a loaded one. `SAGSSPOR_TEST_KILL_AFTER=<point>:<n>` makes the process
 * SIGKILL itself right after the n-th `<point>` has completed; first it
 * writes `{ point, count, ...detail }` to the file `SAGSSPOR_TEST_KILL_REPORT`
 * (when set, synced), so the test can assert exactly what was done. Points:
 * `append` (an append committed by the embedded event store), `projector-batch`
 * (a batch handed to the read model by the projector), `rebuild-batch`.
 * Unset — always, outside tests — a point costs one comparison.
 */
export type KillPoint = (detail?: () => Record<string, unknown>) => void;

const NOOP: KillPoint = () => undefined;

export function killPoint(point: string, env: NodeJS.ProcessEnv = process.env): KillPoint {
  const setting = env['SAGSSPOR_TEST_KILL_AFTER']?.trim();
  if (!setting) return NOOP;
  const [name, count] = setting.split(':');
  const target = Number(count);
  if (name !== point) return NOOP;
  if (!Number.isSafeInteger(target) || target < 1) throw new Error(`SAGSSPOR_TEST_KILL_AFTER must be <point>:<n ≥ 1>, not "${setting}"`);
  const report = env['SAGSSPOR_TEST_KILL_REPORT'];
  let done = 0;
  return (detail) => {
    done += 1;
    if (done < target) return;
    if (report) {
      const fd = fs.openSync(report, 'w');
      fs.writeSync(fd, JSON.stringify({ point, count: done, ...(detail ? detail() : {}) }));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
    process.kill(process.pid, 'SIGKILL');
  };
}
