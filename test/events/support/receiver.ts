import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAFETY_BOUND_MS } from '../../support/bounds';

export interface ReceivedRequest {
  /** The URL path, so several subscriptions can share one receiver. */
  readonly path: string;
  readonly id: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly contentType: string;
  readonly body: string;
  /** What the receiver answered (0: nothing). */
  readonly status: number;
  /** Date.now() on arrival. */
  readonly at: number;
}

/**
 * A webhook receiver on loopback that can go down (port closed: connection
 * refused) and come back on the same port, or answer with an error status.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** Status answered; 204 = healthy; 0 = never answer (the sender times out). */
  status = 204;
  /** Extra response headers, such as Retry-After. */
  headers: Record<string, string> = {};
  private server: http.Server | undefined;
  private port = 0;

  static async start(): Promise<TestReceiver> {
    const receiver = new TestReceiver();
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/sagsspor`;
  }

  /** Requests the receiver answered with 2xx. */
  get accepted(): ReceivedRequest[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }

  async up(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const header = (name: string) => String(req.headers[name] ?? '');
        const status = this.status;
        this.requests.push({
          path: req.url ?? '',
          id: header('webhook-id'),
          timestamp: header('webhook-timestamp'),
          signature: header('webhook-signature'),
          contentType: header('content-type'),
          body: Buffer.concat(chunks).toString('utf8'),
          status,
          at: Date.now(),
        });
        if (status !== 0) res.writeHead(status, this.headers).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the port and every connection: deliveries meet ECONNREFUSED / ECONNRESET. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitFor(condition: () => boolean, timeoutMs = SAFETY_BOUND_MS, what = 'the receiver'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; ${this.requests.length} requests so far`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Distinct webhook-ids in first-seen order. */
export function distinctIds(requests: readonly ReceivedRequest[]): string[] {
  return [...new Set(requests.map((r) => r.id))];
}
