/**
 * How `npm run -s cli -- rebuild` runs: in a process of its own (see
 * scripts/cli.js) with a bounded V8 heap. A rebuild caches the sager it is
 * working on and allocates a little for every event; left alone, V8 lets
 * the heap grow to several hundred MB of garbage before collecting it. The
 * live data stays under 100 MB at a million events, so the default bound
 * keeps the whole process under 300 MB at some cost in collection time.
 * SAGSSPOR_REBUILD_HEAP_MB raises it for a log whose working set is larger.
 * bench:rebuild runs its rebuild with the same flags.
 *
 * The collector runs on the main thread alone (--single-threaded-gc): on two
 * shared cores its helper threads cost more CPU than they save the main thread.
 */
export const DEFAULT_REBUILD_HEAP_MB = 160;

export function rebuildNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const setting = env['SAGSSPOR_REBUILD_HEAP_MB']?.trim();
  const mb = setting ? Number(setting) : DEFAULT_REBUILD_HEAP_MB;
  if (!Number.isSafeInteger(mb) || mb < 64)
    throw new Error(`SAGSSPOR_REBUILD_HEAP_MB must be a whole number of MB, at least 64, not "${setting}"`);
  return [`--max-old-space-size=${mb}`, '--single-threaded-gc'];
}

/**
 * scripts/cli.js starts the rebuild with an IPC channel to itself. When that
 * process is gone (killed with SIGKILL, its terminal closed), the channel
 * closes and `stop` runs: a rebuild nobody waits for should not run on
 * unseen and swap minutes later. The channel keeps nothing alive.
 */
export function stopWhenStarterGoes(stop: () => void): void {
  const channel = process.channel;
  if (!channel) return;
  channel.unref();
  process.once('disconnect', stop);
}
