import { parseInt } from '@sagsspor/access';

export interface HardeningConfig {
  /** Requests per window per client address; null: no limit (benchmarks, tests of other things). */
  readonly rateLimit: number | null;
  readonly rateWindowMs: number;
  /** Exact origins allowed to call from a browser; none by default (no CORS headers at all). */
  readonly corsOrigins: readonly string[];
  /** Whole request (headers and body) must arrive within this; responses (SSE) are not limited. */
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly logLevel: string;
}

export const HARDENING_CONFIG = Symbol('HARDENING_CONFIG');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadHardeningConfig(env: NodeJS.ProcessEnv = process.env): HardeningConfig {
  const limit = env['SAGSSPOR_RATE_LIMIT']?.trim().toLowerCase();
  const requestTimeoutMs = parseInt(env['SAGSSPOR_REQUEST_TIMEOUT_MS'], 'SAGSSPOR_REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000);
  const logLevel = env['SAGSSPOR_LOG_LEVEL']?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`SAGSSPOR_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  return {
    rateLimit: limit === 'off' || limit === '0' ? null : parseInt(limit, 'SAGSSPOR_RATE_LIMIT', 600, 1, 10_000_000),
    rateWindowMs: parseInt(env['SAGSSPOR_RATE_WINDOW_MS'], 'SAGSSPOR_RATE_WINDOW_MS', 10_000, 100, 3_600_000),
    corsOrigins: parseOrigins(env['SAGSSPOR_CORS_ORIGINS']),
    requestTimeoutMs,
    headersTimeoutMs: Math.min(
      requestTimeoutMs,
      parseInt(env['SAGSSPOR_HEADERS_TIMEOUT_MS'], 'SAGSSPOR_HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
    ),
    keepAliveTimeoutMs: parseInt(env['SAGSSPOR_KEEP_ALIVE_TIMEOUT_MS'], 'SAGSSPOR_KEEP_ALIVE_TIMEOUT_MS', 5_000, 0, 600_000),
    logLevel,
  };
}

/** Each an exact origin ("https://app.example.dk"); "*" and paths are refused, so nothing is opened by accident. */
function parseOrigins(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      throw new Error(`SAGSSPOR_CORS_ORIGINS must list exact origins such as https://app.example.dk, not "${origin}"`);
    }
  }
  return list;
}
