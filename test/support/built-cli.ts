import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

/** Child-process tests run the compiled CLI, as users do; build it when sources changed. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], { stdio: 'inherit' });
}

export function runCli(args: string[], dataDir: string, timeout = 120_000) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' },
    encoding: 'utf8',
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function spawnCli(args: string[], dataDir: string): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, SAGSSPOR_DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' },
    stdio: 'ignore',
  });
}

export async function killAfter(child: ChildProcess, ms: number): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited;
  clearTimeout(timer);
}
