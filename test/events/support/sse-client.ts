import http from 'node:http';
import { SAFETY_BOUND_MS } from '../../support/bounds';

export interface SseMessage {
  readonly id: string;
  readonly event: string;
  readonly data: string;
}

/**
 * A small SSE client over node:http, parsing as the EventSource spec does
 * (fields, comments, blank-line dispatch, last event id), so the tests see
 * exactly what a browser would.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  lastEventId = '';
  private consumed = 0;
  private buffer = '';
  private block: { id?: string; event: string; data: string[] } = { event: 'message', data: [] };
  private waiters: (() => void)[] = [];
  ended = false;

  private constructor(
    private readonly request: http.ClientRequest,
    readonly response: http.IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.feed(chunk));
    response.on('close', () => {
      this.ended = true;
      this.notify();
    });
  }

  /** Resolves with the open stream; rejects with status and body when the server refuses. */
  static connect(url: string, options: { lastEventId?: string; headers?: Record<string, string> } = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
      if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
      const request = http.get(url, { headers, agent: false });
      request.on('error', reject);
      request.on('response', (response) => {
        if (response.statusCode === 200) return resolve(new SseClient(request, response));
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (c: string) => (body += c));
        response.on('end', () =>
          reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode, headers: response.headers, body })),
        );
      });
    });
  }

  /** The next message not yet taken; fails after the timeout. */
  async next(timeoutMs = SAFETY_BOUND_MS): Promise<SseMessage> {
    await this.until(() => this.messages.length > this.consumed, timeoutMs, 'an SSE message');
    return this.messages[this.consumed++] as SseMessage;
  }

  async take(count: number, timeoutMs = SAFETY_BOUND_MS): Promise<SseMessage[]> {
    const out: SseMessage[] = [];
    for (let i = 0; i < count; i++) out.push(await this.next(timeoutMs));
    return out;
  }

  async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (this.ended) throw new Error(`stream ended while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.request.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + (this.buffer.startsWith('\r\n', newline) ? 2 : 1));
      this.line(line);
    }
    this.notify();
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return void this.comments.push(line.slice(1).trim());
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.block.data.push(value);
    else if (field === 'event') this.block.event = value;
    else if (field === 'id' && !value.includes('\u0000')) this.block.id = value;
  }

  private dispatch(): void {
    if (this.block.id !== undefined) this.lastEventId = this.block.id;
    if (this.block.data.length > 0) this.messages.push({ id: this.lastEventId, event: this.block.event, data: this.block.data.join('\n') });
    this.block = { event: 'message', data: [] };
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
