export interface SseOptions {
  /** A comment line this often keeps proxies and clients from timing an idle stream out. */
  readonly heartbeatMs: number;
  /** Sent as the stream's `retry:` field: how long an EventSource waits before reconnecting. */
  readonly retryMs: number;
}

export const SSE_OPTIONS = Symbol('SSE_OPTIONS');

export function sseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SseOptions {
  const heartbeat = env['SAGSSPOR_SSE_HEARTBEAT_MS']?.trim();
  const heartbeatMs = heartbeat ? Number(heartbeat) : 15_000;
  if (!Number.isSafeInteger(heartbeatMs) || heartbeatMs < 10)
    throw new Error(`SAGSSPOR_SSE_HEARTBEAT_MS must be an integer of at least 10, not "${heartbeat}"`);
  return { heartbeatMs, retryMs: 3_000 };
}
