import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { guardedLookup, type TargetPolicy } from './target-policy';

export interface Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  /** What every connection the agents open is checked against. */
  readonly targets: TargetPolicy;
}

/** Keep-alive: one connection per receiver is reused for every delivery; each new connection's address is checked. */
export function keepAliveAgents(targets: TargetPolicy): Agents {
  const lookup = guardedLookup(targets);
  return { http: new http.Agent({ keepAlive: true, lookup }), https: new https.Agent({ keepAlive: true, lookup }), targets };
}

export type DeliveryResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly error: string; readonly status: number | null; readonly retryAfterMs: number | null };

/**
 * One POST. Any 2xx is success; everything else is a failure that is retried
 * with backoff: timeouts, connection errors, 5xx, 408 and 429 (transient by
 * definition), and other 4xx and 3xx too, since they usually mean a receiver
 * misconfiguration that gets fixed (bad auth, a moved URL) and the events
 * must not be lost meanwhile. Redirects are not followed.
 */
export function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  agents: Agents,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  // An address literal is never looked up, so it is checked here; names are checked by the agents' lookup.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const refusal = net.isIP(host) ? agents.targets.refusal(host) : null;
  if (refusal) return Promise.resolve({ ok: false, error: `EWEBHOOKTARGET: target refused: ${refusal}`, status: null, retryAfterMs: null });
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(url, {
      method: 'POST',
      headers,
      agent: secure ? agents.https : agents.http,
      ...(signal ? { signal } : {}),
    });
    let settled = false;
    const settle = (result: DeliveryResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no response within ${timeoutMs} ms`)));
    request.on('error', (error) => settle({ ok: false, error: describe(error), status: null, retryAfterMs: null }));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      // Drain the body so the keep-alive connection can carry the next delivery.
      response.resume();
      response.on('end', () =>
        settle(
          status >= 200 && status < 300
            ? { ok: true, status }
            : { ok: false, error: `HTTP ${status}`, status, retryAfterMs: retryAfter(response.headers['retry-after']) },
        ),
      );
      response.on('error', (error) => settle({ ok: false, error: describe(error), status, retryAfterMs: null }));
    });
    request.end(body);
  });
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}

/** Delta-seconds only; an HTTP date is rare from webhook receivers and falls back to backoff. */
function retryAfter(header: string | undefined): number | null {
  if (!header || !/^\d{1,6}$/.test(header.trim())) return null;
  return Number(header.trim()) * 1000;
}
