export interface RetryPolicy {
  /** Delay before the second attempt; doubles per failure. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Failed attempts of one event before the subscription is paused. */
  readonly maxAttempts: number;
}

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay
 * is fixed, half random, so receivers recovering from an outage are not hit
 * by every subscription at the same instant, yet no retry comes too early.
 * A receiver's Retry-After (429, 503) is honoured up to the maximum delay.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempts: number,
  retryAfterMs: number | null = null,
  random = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const delay = retryAfterMs === null ? jittered : Math.max(jittered, retryAfterMs);
  return Math.round(Math.min(policy.maxDelayMs, delay));
}
