import type { RetryPolicy } from './retry-policy';
import { NetworkTargetPolicy, networksFromEnv, type TargetPolicy } from './target-policy';

export interface WebhookOptions {
  readonly retry: RetryPolicy;
  /** A delivery attempt fails when the receiver is silent this long. */
  readonly timeoutMs: number;
  /**
   * The durable checkpoint is written every `checkpointEvery` events or
   * `checkpointIntervalMs`, whichever comes first, not per event: a crash
   * repeats at most that many deliveries (at-least-once, same webhook-id).
   */
  readonly checkpointEvery: number;
  readonly checkpointIntervalMs: number;
  /** False when another process dispatches for this data directory. */
  readonly dispatcherEnabled: boolean;
  /** Which addresses webhooks may reach (checked at registration and on every connection). */
  readonly targets: TargetPolicy;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  retry: { baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, maxAttempts: 15 },
  timeoutMs: 10_000,
  checkpointEvery: 1_000,
  checkpointIntervalMs: 1_000,
  dispatcherEnabled: true,
  targets: new NetworkTargetPolicy(),
};

/** SAGSSPOR_WEBHOOK_* variables over the defaults; tests shrink the delays this way. */
export function webhookOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookOptions {
  const d = DEFAULT_WEBHOOK_OPTIONS;
  return {
    retry: {
      baseDelayMs: int(env, 'SAGSSPOR_WEBHOOK_RETRY_BASE_MS', d.retry.baseDelayMs),
      maxDelayMs: int(env, 'SAGSSPOR_WEBHOOK_RETRY_MAX_MS', d.retry.maxDelayMs),
      maxAttempts: int(env, 'SAGSSPOR_WEBHOOK_MAX_ATTEMPTS', d.retry.maxAttempts, 1),
    },
    timeoutMs: int(env, 'SAGSSPOR_WEBHOOK_TIMEOUT_MS', d.timeoutMs, 1),
    checkpointEvery: int(env, 'SAGSSPOR_WEBHOOK_CHECKPOINT_EVERY', d.checkpointEvery, 1),
    checkpointIntervalMs: int(env, 'SAGSSPOR_WEBHOOK_CHECKPOINT_MS', d.checkpointIntervalMs, 1),
    dispatcherEnabled: env['SAGSSPOR_WEBHOOK_DISPATCHER']?.trim().toLowerCase() !== 'off',
    targets: new NetworkTargetPolicy({
      allowed: networksFromEnv(env['SAGSSPOR_WEBHOOK_ALLOWED_NETWORKS']),
      denied: networksFromEnv(env['SAGSSPOR_WEBHOOK_DENIED_NETWORKS']),
    }),
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, not "${raw}"`);
  return value;
}
