import type { Checkpoint } from './checkpoint';
import type { CheckpointStore } from './checkpoint-store';

/**
 * The newest checkpoint, kept in memory for every event delivered (a
 * CloudEvent extension): told at once of the ones this process stores, and
 * re-read every `refreshMs` for those another process stores.
 */
export class LatestCheckpoint {
  private current: Checkpoint | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: CheckpointStore) {}

  get(): Checkpoint | null {
    return this.current;
  }

  /** Only ever moves forward: a slow re-read never replaces a newer checkpoint. */
  offer(checkpoint: Checkpoint | null): void {
    if (checkpoint && (!this.current || BigInt(checkpoint.position) > BigInt(this.current.position))) this.current = checkpoint;
  }

  async refresh(): Promise<Checkpoint | null> {
    this.offer(await this.store.latest());
    return this.current;
  }

  start(refreshMs: number, onError: (error: unknown) => void): void {
    void this.refresh().catch(onError);
    this.timer = setInterval(() => void this.refresh().catch(onError), refreshMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** The CloudEvent extension value: `position:count:root`, then `:keyId:signature` when signed. */
export function checkpointExtension(c: Checkpoint): string {
  const head = `${c.position}:${c.count}:${c.root}`;
  return c.keyId && c.signature ? `${head}:${c.keyId}:${c.signature}` : head;
}
