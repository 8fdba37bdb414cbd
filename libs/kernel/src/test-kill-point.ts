import fs from 'node:fs';

/**
 * Fault tests stop a process at a counted point of its work, never at a
 * moment on a clock, so every round interrupts mid-work on a fast machine or
 * a loaded one. `SAGSSPOR_TEST_KILL_AFTER=<point>:<n>` makes the process
 * SIGKILL itself right after the n-th `<point>` has completed;
 * `SAGSSPOR_TEST_HOLD_AFTER=<point>:<n>` makes it stop working there instead
 * and wait, alive and listening to signals, until something from outside ends
 * it (a test that must act while the work is known to be half-done). Either
 * way it first writes `{ point, count, pid, ...detail }` to the file
 * `SAGSSPOR_TEST_KILL_REPORT` (when set, synced), so the test can wait for
 * that file rather than for a moment, and assert exactly what was done.
 * Points: `append` (an append committed by the embedded event store),
 * `projector-batch` (a batch handed to the read model by the projector),
 * `rebuild-batch`. Unset — always, outside tests — a point costs one comparison.
 */
export type KillPoint = (detail?: () => Record<string, unknown>) => void;

/** Resolves at once, except at the held point, where it never does. */
export type HoldPoint = (detail?: () => Record<string, unknown>) => Promise<void>;

const NOOP: KillPoint = () => undefined;
const PASS: HoldPoint = () => Promise.resolve();

export function killPoint(point: string, env: NodeJS.ProcessEnv = process.env): KillPoint {
  const target = countedSetting('SAGSSPOR_TEST_KILL_AFTER', point, env);
  if (target === null) return NOOP;
  let done = 0;
  return (detail) => {
    done += 1;
    if (done < target) return;
    writeReport(env, point, done, detail);
    process.kill(process.pid, 'SIGKILL');
  };
}

/** Await it where the work may stop; see SAGSSPOR_TEST_HOLD_AFTER above. */
export function holdPoint(point: string, env: NodeJS.ProcessEnv = process.env): HoldPoint {
  const target = countedSetting('SAGSSPOR_TEST_HOLD_AFTER', point, env);
  if (target === null) return PASS;
  let done = 0;
  return (detail) => {
    done += 1;
    if (done !== target) return Promise.resolve();
    writeReport(env, point, done, detail);
    // A timer keeps the process alive while held; the promise is never settled.
    setInterval(() => undefined, 1 << 30);
    return new Promise<void>(() => undefined);
  };
}

/** The n of `<variable>=<point>:<n>` when it names this point; null otherwise. */
function countedSetting(variable: string, point: string, env: NodeJS.ProcessEnv): number | null {
  const setting = env[variable]?.trim();
  if (!setting) return null;
  const [name, count] = setting.split(':');
  if (name !== point) return null;
  const target = Number(count);
  if (!Number.isSafeInteger(target) || target < 1) throw new Error(`${variable} must be <point>:<n ≥ 1>, not "${setting}"`);
  return target;
}

function writeReport(env: NodeJS.ProcessEnv, point: string, count: number, detail?: () => Record<string, unknown>): void {
  const report = env['SAGSSPOR_TEST_KILL_REPORT'];
  if (!report) return;
  // Written whole under another name, then renamed: a test polling for the file never reads half of it.
  const partial = `${report}.partial`;
  const fd = fs.openSync(partial, 'w');
  fs.writeSync(fd, JSON.stringify({ point, count, pid: process.pid, ...(detail ? detail() : {}) }));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, report);
}
