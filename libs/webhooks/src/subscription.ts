import type { EventFilterSpec } from '@sagsspor/integration-events';

export type WebhookStatus = 'active' | 'paused';

/** The filter as the client gave it (validated), kept for display; matched by key. */
export interface WebhookFilter {
  readonly types: readonly string[] | null;
  readonly kommune: readonly string[] | null;
  readonly committee: readonly string[] | null;
}

/** The event a paused subscription is stuck on: kept, and delivered first on resume. */
export interface FailingEvent {
  readonly eventId: string;
  readonly position: string;
  readonly attempts: number;
}

export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly filter: WebhookFilter;
  /** May see closed items' content; set by admins only. */
  readonly closedAccess: boolean;
  readonly createdAt: string;
  readonly status: WebhookStatus;
  /** Position of the last event handled (delivered or filtered out); null before the first. */
  readonly checkpoint: string | null;
  readonly delivered: number;
  readonly lastDeliveredAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly failing: FailingEvent | null;
  readonly pausedAt: string | null;
}

/** The subscription with its signing secret: never leaves the process except once, on creation. */
export interface WebhookSubscriptionWithSecret extends WebhookSubscription {
  readonly secret: string;
}

export interface NewWebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly filter: WebhookFilter;
  readonly secret: string;
  readonly createdAt: string;
  readonly checkpoint: string | null;
}

export const toFilterSpec = (f: WebhookFilter): EventFilterSpec => ({ types: f.types, kommune: f.kommune, committee: f.committee });
