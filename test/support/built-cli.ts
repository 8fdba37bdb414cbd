import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

/** Child-process tests run the compiled CLI, as users do; build it when sources changed. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { stdio: 'inherit' });
}

export function runCli(args: string[], dataDir: string, timeout = 240_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' },
    encoding: 'utf8',
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function spawnCli(args: string[], dataDir: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '', ...env },
    stdio: 'ignore',
  });
}

/** What a process stopped by SAGSSPOR_TEST_KILL_AFTER had done when it killed itself (see @sagsspor/kernel killPoint). */
export interface KillReport {
  readonly point: string;
  readonly count: number;
  readonly events: number;
  readonly [detail: string]: unknown;
}

/** The environment that makes a child SIGKILL itself after the n-th `point`, reporting to a file; and how to read the report. */
export function killAfterCounted(point: string, n: number): CountedFault {
  return countedFault('SAGSSPOR_TEST_KILL_AFTER', point, n);
}

/** The environment that makes a child stop working, alive, after the n-th `point` (SAGSSPOR_TEST_HOLD_AFTER), reporting to a file. */
export function holdAfterCounted(point: string, n: number): CountedFault {
  return countedFault('SAGSSPOR_TEST_HOLD_AFTER', point, n);
}

export interface CountedFault {
  readonly env: Record<string, string>;
  /** The report, once the child has reached the point; null before. */
  report(): KillReport | null;
}

function countedFault(variable: string, point: string, n: number): CountedFault {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-kill-')), 'report.json');
  return {
    env: { [variable]: `${point}:${n}`, SAGSSPOR_TEST_KILL_REPORT: file },
    report: () => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as KillReport) : null),
  };
}

/**
 * Waits for a condition (its first non-null answer), polling. The bound only
 * stops a broken run from hanging: it is minutes, far beyond what the work
 * takes on a loaded machine, so it never decides a healthy run.
 */
export async function until<T>(condition: () => T | null | false, what: string, boundMs = 240_000): Promise<T> {
  const giveUp = Date.now() + boundMs;
  for (;;) {
    const value = condition();
    if (value !== null && value !== false) return value;
    if (Date.now() > giveUp) throw new Error(`gave up waiting for ${what} after ${boundMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves with how a child ended. */
export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
