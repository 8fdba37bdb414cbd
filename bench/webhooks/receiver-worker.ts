import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';

/**
 * The loopback receiver, in its own thread so it does not share the
 * dispatcher's event loop. It does the same small work for every request,
 * webhook or bare POST: read the body, note the webhook-id and the arrival
 * time, answer 204.
 */
export type ToReceiver =
  | { readonly kind: 'expect'; readonly path: string; readonly count: number }
  | { readonly kind: 'report'; readonly path: string };
export type FromReceiver =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'reached'; readonly path: string }
  | {
      readonly kind: 'report';
      readonly path: string;
      readonly ids: string[];
      readonly times: number[];
      readonly bodyBytes: number;
      readonly samples: Sample[];
    };

export interface Sample {
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Log {
  ids: string[];
  times: number[];
  bodyBytes: number;
  samples: Sample[];
  expected: number;
}

const SAMPLES = 200;
const logs = new Map<string, Log>();
const port = parentPort;
if (!port) throw new Error('receiver-worker runs as a worker thread');

function logOf(path: string): Log {
  let log = logs.get(path);
  if (!log) {
    log = { ids: [], times: [], bodyBytes: 0, samples: [], expected: Infinity };
    logs.set(path, log);
  }
  return log;
}

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = Number(process.hrtime.bigint()) / 1e6;
    const log = logOf(req.url ?? '/');
    const id = String(req.headers['webhook-id'] ?? '');
    log.ids.push(id);
    log.times.push(at);
    const body = Buffer.concat(chunks);
    log.bodyBytes += body.length;
    if (log.samples.length < SAMPLES) {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      log.samples.push({ headers, body: body.toString('utf8') });
    }
    res.writeHead(204).end();
    if (log.ids.length === log.expected) port.postMessage({ kind: 'reached', path: req.url ?? '/' } satisfies FromReceiver);
  });
});

port.on('message', (message: ToReceiver) => {
  const log = logOf(message.path);
  if (message.kind === 'expect') {
    log.expected = message.count;
    if (log.ids.length >= message.count) port.postMessage({ kind: 'reached', path: message.path } satisfies FromReceiver);
    return;
  }
  port.postMessage({
    kind: 'report',
    path: message.path,
    ids: log.ids,
    times: log.times,
    bodyBytes: log.bodyBytes,
    samples: log.samples,
  } satisfies FromReceiver);
});

server.listen(0, '127.0.0.1', () =>
  port.postMessage({ kind: 'listening', port: (server.address() as AddressInfo).port } satisfies FromReceiver),
);
