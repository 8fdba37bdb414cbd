import type { EventSource } from '@sagsspor/event-store';

/** Who asks, when, and on whose behalf: supplied by the entry point, never invented by handlers. */
export interface RecordContext {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly source: EventSource;
  /** From If-Match: the revision the caller last saw; absent means "whatever it is now". */
  readonly expectedRevision?: number;
}
