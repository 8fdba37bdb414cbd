/** stdout carries results only (pure JSON with --json); everything for people goes to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
}

export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3 } as const;
