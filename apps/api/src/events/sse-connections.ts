import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Open event streams. They never end by themselves, and the HTTP server
 * waits for open responses when closing, so shutdown ends them first.
 */
@Injectable()
export class SseConnections implements BeforeApplicationShutdown {
  private readonly open = new Set<() => Promise<void>>();

  add(close: () => Promise<void>): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((close) => close()));
  }
}
