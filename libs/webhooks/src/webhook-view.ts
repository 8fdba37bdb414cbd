import type { WorkerStatus } from './subscription-worker';
import type { WebhookFilter, WebhookStatus, WebhookSubscription } from './subscription';

/** A subscription as the API shows it: never with its secret. */
export interface WebhookView {
  readonly id: string;
  readonly url: string;
  readonly filter: WebhookFilter;
  readonly closedAccess: boolean;
  readonly status: WebhookStatus;
  readonly createdAt: string;
  readonly delivery: DeliveryView;
}

export interface DeliveryView {
  /** Position of the last event handled; delivery continues after it. */
  readonly checkpoint: string | null;
  readonly headPosition: string;
  /**
   * Store positions between the checkpoint and the head. On the embedded
   * store positions are consecutive, so this is a count of events (of every
   * type and kommune, not only those the filter passes); on EventStoreDB it
   * is a log distance in bytes: compare it with zero, not across stores.
   */
  readonly lag: string;
  readonly caughtUp: boolean;
  readonly delivered: number;
  readonly lastDeliveredAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly nextAttemptAt: string | null;
  /** The event being retried, or the one a paused subscription stopped on. */
  readonly failingEvent: { readonly id: string; readonly position: string; readonly attempts: number } | null;
  readonly pausedAt: string | null;
}

export function toWebhookView(s: WebhookSubscription, live: WorkerStatus | null, head: bigint): WebhookView {
  const checkpoint = live ? live.checkpoint : s.checkpoint;
  const failing = live ? live.failing : s.failing;
  const handled = checkpoint === null ? 0n : BigInt(checkpoint);
  const lag = head > handled ? head - handled : 0n;
  return {
    id: s.id,
    url: s.url,
    filter: s.filter,
    closedAccess: s.closedAccess,
    status: s.status,
    createdAt: s.createdAt,
    delivery: {
      checkpoint,
      headPosition: head.toString(),
      lag: lag.toString(),
      caughtUp: lag === 0n,
      delivered: live ? live.delivered : s.delivered,
      lastDeliveredAt: live ? live.lastDeliveredAt : s.lastDeliveredAt,
      lastError: live ? live.lastError : s.lastError,
      lastErrorAt: live ? live.lastErrorAt : s.lastErrorAt,
      nextAttemptAt: live ? live.nextAttemptAt : s.nextAttemptAt,
      failingEvent: failing ? { id: failing.eventId, position: failing.position, attempts: failing.attempts } : null,
      pausedAt: s.pausedAt,
    },
  };
}
