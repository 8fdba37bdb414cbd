import fs from 'node:fs';
import os from 'node:os';

/**
 * The process that made a generation. A rebuild that died (killed, out of
 * memory, its machine restarted) leaves its generation `building` with
 * nobody to finish it; the next rebuild drops it. Until then, status reports
 * must not call it a build in progress: its builder is how they tell.
 */
export interface Builder {
  readonly host: string;
  readonly pid: number;
}

export function thisProcess(): Builder {
  return { host: os.hostname(), pid: process.pid };
}

/** As the embedded catalogue stores it: `<pid>@<host>`. */
export function formatBuilder(b: Builder): string {
  return `${b.pid}@${b.host}`;
}

export function parseBuilder(text: string | null | undefined): Builder | null {
  const m = /^(\d+)@(.*)$/s.exec(text ?? '');
  return m ? { pid: Number(m[1]), host: m[2] as string } : null;
}

/**
 * `gone`: it ran on this host and its process no longer exists (exact: no
 * clock involved). `running`: its process is there. `unknown`: another host
 * made it (a rebuild from another container), or an older version that did
 * not record its builder; it is taken to be in progress.
 */
export type BuilderState = 'running' | 'gone' | 'unknown';

export function builderState(
  builder: Builder | null,
  here: string = os.hostname(),
  alive: (pid: number) => boolean = processAlive,
): BuilderState {
  if (!builder || builder.host !== here) return 'unknown';
  if (builder.pid === process.pid) return 'running';
  return alive(builder.pid) ? 'running' : 'gone';
}

/** A process that has exited but not been reaped yet (a zombie) is gone too. */
function processAlive(pid: number): boolean {
  if (fs.existsSync('/proc/self/stat')) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }
  // No procfs (not Linux): signal 0 asks whether the process exists.
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
