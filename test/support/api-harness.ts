import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApi } from '../../apps/api/src/create-api';

export interface RunningApi {
  readonly url: string;
  readonly dataDir: string;
  readonly app: NestExpressApplication;
  stop(): Promise<void>;
}

export function tempDataDir(prefix = 'sagsspor-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface ApiOptions {
  /** SAGSSPOR_AUTH: "off" (the default here, so tests of other things need no keys), "api-key", "jwt", "api-key,jwt". */
  readonly auth?: string;
  readonly publicRead?: boolean;
  /** Any other SAGSSPOR_* settings (rate limit, JWT, CORS); unset ones get the harness defaults below. */
  readonly env?: Record<string, string>;
}

/**
 * Settings every startApi() resets, so one test file's choice never leaks
 * into the next (the process environment is shared when run in band).
 * Rate limiting is off unless a test turns it on: loopback tests are one client.
 */
const HARNESS_ENV: Record<string, string | undefined> = {
  SAGSSPOR_AUTH: 'off',
  SAGSSPOR_PUBLIC_READ: 'false',
  SAGSSPOR_RATE_LIMIT: 'off',
  SAGSSPOR_LOG_LEVEL: 'silent',
  SAGSSPOR_CORS_ORIGINS: undefined,
  SAGSSPOR_AUTH_CACHE_MS: undefined,
  SAGSSPOR_JWT_ISSUER: undefined,
  SAGSSPOR_JWT_AUDIENCE: undefined,
  SAGSSPOR_JWT_PUBLIC_KEY_FILE: undefined,
  SAGSSPOR_JWT_JWKS_FILE: undefined,
  SAGSSPOR_JWT_SECRET: undefined,
  SAGSSPOR_JWT_ROLE_CLAIM: undefined,
  SAGSSPOR_AUDIT_SIGNING_KEY_FILE: undefined,
  SAGSSPOR_AUDIT_CHECKPOINT_EVERY: undefined,
  SAGSSPOR_AUDIT_CHECKPOINT_MS: undefined,
  SAGSSPOR_AUDIT_CHECKPOINTS: undefined,
};

/** The real API on a loopback port over a fresh (or given) embedded data directory; authentication off unless asked for. */
export async function startApi(dataDir = tempDataDir(), options: ApiOptions = {}): Promise<RunningApi> {
  process.env.SAGSSPOR_DATA_DIR = dataDir;
  delete process.env.EVENTSTORE_URL;
  const env: Record<string, string | undefined> = {
    ...HARNESS_ENV,
    ...(options.auth === undefined ? {} : { SAGSSPOR_AUTH: options.auth }),
    ...(options.publicRead === undefined ? {} : { SAGSSPOR_PUBLIC_READ: String(options.publicRead) }),
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const app = await createApi({ logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, dataDir, app, stop: () => app.close() };
}

export interface JsonResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function http<T = any>(
  url: string,
  init: { method?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body: string | Buffer | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}
