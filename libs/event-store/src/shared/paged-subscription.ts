import type { EventSubscription, RecordedEvent } from '../port';
import type { AppendSignal } from './append-signal';

/** Where a paged subscription reads from; both calls must be cheap when nothing is new. */
export interface PageSource {
  readPage(after: bigint, maxCount: number): Promise<RecordedEvent[]>;
  headPosition(): Promise<bigint>;
}

export interface PagedSubscriptionOptions {
  readonly after?: bigint;
  readonly pageSize: number;
  /** Wakes on appends made through this process. */
  readonly signal: AppendSignal;
  /** Also look for appends by other processes this often; no polling when absent. */
  readonly pollIntervalMs?: number;
  readonly onClosed?: () => void;
}

const BEFORE_FIRST = -1n;

/**
 * Catch-up subscription over a store that can be read in position order.
 * Pull-based: a page is fetched only when the consumer has taken the last
 * one, so a slow consumer never makes it buffer more than one page.
 */
export class PagedSubscription implements EventSubscription {
  private closed = false;
  /** Set by the append signal; cleared just before each read so no wake-up is lost. */
  private dirty = false;
  private wake: (() => void) | undefined;
  private readonly stopListening: () => void;
  private readonly iterator: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: PageSource,
    private readonly options: PagedSubscriptionOptions,
  ) {
    this.stopListening = options.signal.listen(() => this.onAppend());
    this.iterator = this.run(options.after ?? BEFORE_FIRST);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    this.wake?.();
    this.options.onClosed?.();
  }

  private onAppend(): void {
    this.dirty = true;
    this.wake?.();
  }

  private async *run(start: bigint): AsyncGenerator<RecordedEvent> {
    let after = start;
    try {
      while (!this.closed) {
        this.dirty = false;
        const page = await this.source.readPage(after, this.options.pageSize);
        for (const event of page) {
          if (this.closed) return;
          yield event;
          after = event.position;
        }
        if (page.length === 0) await this.waitForNewEvents(after);
      }
    } finally {
      await this.close();
    }
  }

  /** Resolves once there may be events after `after`, or when closed. */
  private async waitForNewEvents(after: bigint): Promise<void> {
    while (!this.closed && !this.dirty) {
      const woken = await this.sleep();
      if (!woken && (await this.source.headPosition()) > after) return;
    }
  }

  /** True when woken by an append or close, false when the poll interval passed. */
  private sleep(): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.startPollTimer(() => finish(false));
      const finish = (woken: boolean): void => {
        if (timer) clearTimeout(timer);
        this.wake = undefined;
        resolve(woken);
      };
      this.wake = () => finish(true);
    });
  }

  private startPollTimer(onTick: () => void): NodeJS.Timeout | undefined {
    const interval = this.options.pollIntervalMs;
    if (interval === undefined) return undefined;
    // A subscription alone should not keep a CLI process alive.
    return setTimeout(onTick, interval).unref();
  }
}
