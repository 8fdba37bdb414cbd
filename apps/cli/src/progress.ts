/** A progress bar on stderr, only for a person at a terminal and only when there is much to do. */
export function progressBar(total: number): { tick(label: string): void; done(): void } {
  const enabled = Boolean(process.stderr.isTTY) && total > 1;
  let n = 0;
  return {
    tick(label) {
      n += 1;
      if (!enabled) return;
      const width = 30;
      const filled = Math.round((n / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${label.slice(0, 40).padEnd(40)}`);
    },
    done() {
      if (enabled) process.stderr.write('\n');
    },
  };
}
