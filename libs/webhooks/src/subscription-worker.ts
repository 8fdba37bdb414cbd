import type { KeyObject } from 'node:crypto';
import type { EventStore, EventSubscription, RecordedEvent } from '@sagsspor/event-store';
import { matchesFilter, parseEventFilter, redactFor, type EventFilter, type IntegrationEventMapper } from '@sagsspor/integration-events';
import { post, type Agents } from './delivery';
import type { WebhookOptions } from './options';
import { headersToSend, prepareDelivery, type PreparedDelivery } from './prepared-delivery';
import { retryDelayMs } from './retry-policy';
import { webhookSigningKey } from './secret';
import { toFilterSpec, type FailingEvent, type WebhookSubscriptionWithSecret } from './subscription';
import type { Failure, Progress, WebhookStore } from './webhook-store';

export interface WorkerDeps {
  readonly events: EventStore;
  readonly mapper: IntegrationEventMapper;
  readonly store: WebhookStore;
  readonly options: WebhookOptions;
  readonly agents: Agents;
  readonly onError?: (subscriptionId: string, error: unknown) => void;
}

export type WorkerState = 'delivering' | 'retrying' | 'paused' | 'stopped';

export interface WorkerStatus extends Progress {
  readonly state: WorkerState;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly failing: FailingEvent | null;
}

interface Prepared {
  readonly position: bigint;
  /** Null when the filter passes the event over: only the checkpoint moves. */
  readonly delivery: PreparedDelivery | null;
}

/**
 * Delivers one subscription's events, in position order, one request in
 * flight: the next event is sent only once the previous one is acknowledged,
 * which is what "in order" can mean over HTTP. A failing event is retried
 * with backoff until it succeeds or the subscription is paused on it.
 */
export class SubscriptionWorker {
  private readonly url: URL;
  private readonly key: KeyObject;
  private readonly filter: EventFilter;
  private readonly abort = new AbortController();
  private state: WorkerState = 'delivering';
  private checkpoint: bigint | null;
  private delivered: number;
  /** Epoch ms; formatted only when read, not once per delivery. */
  private lastDeliveredAt: number | null;
  private lastError: string | null;
  private lastErrorAt: string | null;
  private failure: Failure | null = null;
  private unflushed = 0;
  private events: EventSubscription | undefined;
  private wake: (() => void) | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private done: Promise<void> = Promise.resolve();

  constructor(
    readonly config: WebhookSubscriptionWithSecret,
    private readonly deps: WorkerDeps,
    private readonly onPaused: () => void,
  ) {
    const s = config;
    this.url = new URL(s.url);
    this.key = webhookSigningKey(s.secret);
    this.filter = parseEventFilter(toFilterSpec(s.filter));
    this.checkpoint = s.checkpoint === null ? null : BigInt(s.checkpoint);
    this.delivered = s.delivered;
    this.lastDeliveredAt = s.lastDeliveredAt === null ? null : Date.parse(s.lastDeliveredAt);
    this.lastError = s.lastError;
    this.lastErrorAt = s.lastErrorAt;
    // Retrying when the process stopped: the first success clears the stored failure.
    this.failure = s.failing
      ? { lastError: s.lastError ?? '', lastErrorAt: s.lastErrorAt ?? '', nextAttemptAt: s.nextAttemptAt, failing: s.failing }
      : null;
  }

  get id(): string {
    return this.config.id;
  }

  start(): void {
    this.flushTimer = setInterval(() => this.flush(), this.deps.options.checkpointIntervalMs);
    this.flushTimer.unref();
    this.done = this.runUntilStopped();
  }

  /** Aborts a delivery in flight (it will be repeated: at-least-once) and writes the checkpoint. */
  async stop(): Promise<void> {
    if (this.state !== 'paused') this.state = 'stopped';
    this.abort.abort();
    this.wake?.();
    await this.events?.close();
    await this.done;
    this.flush();
  }

  status(): WorkerStatus {
    return {
      state: this.state,
      ...this.progress(),
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
      nextAttemptAt: this.failure?.nextAttemptAt ?? null,
      failing: this.failure?.failing ?? null,
    };
  }

  private get halted(): boolean {
    return this.state === 'stopped' || this.state === 'paused';
  }

  /** The store subscription can end or fail (store restart, network): start again from the checkpoint. */
  private async runUntilStopped(): Promise<void> {
    try {
      for (let failures = 1; !this.halted; failures++) {
        try {
          await this.consume();
        } catch (error) {
          [this.lastError, this.lastErrorAt] = [
            `event store: ${error instanceof Error ? error.message : String(error)}`,
            new Date().toISOString(),
          ];
          this.deps.onError?.(this.id, error);
        }
        if (!this.halted) await this.sleep(retryDelayMs(this.deps.options.retry, failures));
      }
    } finally {
      clearInterval(this.flushTimer);
    }
  }

  private async consume(): Promise<void> {
    const subscription = this.deps.events.subscribeToAll(this.checkpoint === null ? {} : { after: this.checkpoint });
    this.events = subscription;
    const events = subscription[Symbol.asyncIterator]();
    try {
      let next = this.prepareNext(events);
      for (;;) {
        const item = await next;
        if (item === null || this.halted) return;
        if (item.delivery) {
          const sent = this.deliver(item.position, item.delivery);
          // Read, map and sign the next event while this one is in flight: preparing overlaps
          // the round trip, sending never does (one request in flight keeps the order).
          next = this.prepareNext(events);
          if (!(await sent)) return;
        } else {
          next = this.prepareNext(events);
        }
        this.advance(item.position);
      }
    } finally {
      await subscription.close();
    }
  }

  /** The next stored event, mapped, filtered and signed; null when the subscription ends. */
  private prepareNext(events: AsyncIterator<RecordedEvent>): Promise<Prepared | null> {
    const prepared = (async () => {
      const result = await events.next();
      if (result.done) return null;
      const recorded = result.value;
      const event = await this.deps.mapper.map(recorded);
      if (!event || !matchesFilter(this.filter, event)) return { position: recorded.position, delivery: null };
      return { position: recorded.position, delivery: prepareDelivery(this.key, redactFor(event, this.config.closedAccess)) };
    })();
    // Awaited later, after the delivery in flight; until then a store failure must not count as unhandled.
    prepared.catch(() => undefined);
    return prepared;
  }

  /** True once delivered; false when stopped or paused on this event. */
  private async deliver(position: bigint, delivery: PreparedDelivery): Promise<boolean> {
    const { retry, timeoutMs } = this.deps.options;
    // A restart mid-retry continues the count: restarts must not extend the bound before pausing.
    const before = this.failure?.failing.position === position.toString() ? this.failure.failing.attempts : 0;
    for (let attempt = before + 1; ; attempt++) {
      const headers = headersToSend(this.key, delivery, attempt > 1);
      const result = await post(this.url, headers, delivery.body, this.deps.agents, timeoutMs, this.abort.signal);
      if (this.halted) return false;
      if (result.ok) {
        this.succeeded();
        return true;
      }
      const now = new Date();
      const failing = { eventId: delivery.eventId, position: position.toString(), attempts: attempt };
      [this.lastError, this.lastErrorAt] = [result.error, now.toISOString()];
      if (attempt >= retry.maxAttempts) {
        this.pause({ lastError: result.error, lastErrorAt: now.toISOString(), nextAttemptAt: null, failing }, now);
        return false;
      }
      const delay = retryDelayMs(retry, attempt, result.retryAfterMs);
      this.failure = {
        lastError: result.error,
        lastErrorAt: now.toISOString(),
        nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
        failing,
      };
      this.state = 'retrying';
      this.deps.store.saveFailure(this.id, this.failure);
      await this.sleep(delay);
      if (this.halted) return false;
    }
  }

  private succeeded(): void {
    this.delivered += 1;
    this.lastDeliveredAt = Date.now();
    if (this.failure) {
      this.failure = null;
      this.state = 'delivering';
      this.deps.store.clearFailure(this.id);
    }
  }

  private advance(position: bigint): void {
    this.checkpoint = position;
    this.unflushed += 1;
    if (this.unflushed >= this.deps.options.checkpointEvery) this.flush();
  }

  private flush(): void {
    if (this.unflushed === 0) return;
    this.unflushed = 0;
    try {
      this.deps.store.saveProgress(this.id, this.progress());
    } catch (error) {
      // The next flush writes the newer checkpoint; until then a crash only repeats deliveries.
      this.deps.onError?.(this.id, error);
    }
  }

  /** The checkpoint stays before the failing event, so resuming delivers it first. */
  private pause(failure: Failure, now: Date): void {
    this.state = 'paused';
    this.failure = failure;
    this.unflushed = 0;
    this.deps.store.pause(this.id, this.progress(), failure, now.toISOString());
    this.onPaused();
  }

  private progress(): Progress {
    return {
      checkpoint: this.checkpoint === null ? null : this.checkpoint.toString(),
      delivered: this.delivered,
      lastDeliveredAt: this.lastDeliveredAt === null ? null : new Date(this.lastDeliveredAt).toISOString(),
    };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = finish;
    });
  }
}
