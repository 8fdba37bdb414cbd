import type { ReadModelQueries } from '../port';
import { PositionWaiters } from './position-waiters';

/**
 * Read-your-writes: how far the live read model has got. The in-process
 * projector reports each commit at once; while anyone waits, the stored live
 * checkpoint is also polled, so a projector in another process (or a
 * generation swap by `rebuild`) is seen too.
 */
export class LiveCheckpoint {
  private readonly waiters = new PositionWaiters();
  private liveGen: number | null = null;
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly queries: Pick<ReadModelQueries, 'liveCheckpoint'>,
    private readonly pollMs = 50,
  ) {}

  get position(): bigint {
    return this.waiters.position;
  }

  /** True once the live model reflects every event up to `position`; false when `timeoutMs` passes first. */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.waiters.position >= position) return true;
    await this.refresh();
    if (this.waiters.position >= position) return true;
    const reached = this.waiters.wait(position, timeoutMs);
    this.startPolling();
    return reached;
  }

  /** Called by the in-process projector after each commit to the live generation. */
  committed(gen: number, checkpoint: bigint): void {
    this.observe(gen, checkpoint);
  }

  stop(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    this.waiters.cancelAll();
  }

  private observe(gen: number, checkpoint: bigint): void {
    if (gen !== this.liveGen) {
      this.liveGen = gen;
      this.waiters.resetTo(checkpoint);
    } else {
      this.waiters.advance(checkpoint);
    }
  }

  private async refresh(): Promise<void> {
    try {
      const live = await this.queries.liveCheckpoint();
      if (live) this.observe(live.gen, live.checkpoint);
    } catch {
      // A read-model outage: the waiter times out, which is what it asked for.
    }
  }

  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => {
      if (this.waiters.pending === 0) {
        clearInterval(this.poller);
        this.poller = undefined;
        return;
      }
      void this.refresh();
    }, this.pollMs);
    this.poller.unref();
  }
}
