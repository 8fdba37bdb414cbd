import { isSagStream } from '@sagsspor/sag';
import { ChainVerifier, type VerifiableEvent, type VerifyReport } from './chain-verifier';
import { isLogEvent } from './checkpoints/log-chain';

/** The slice of the event-store port verification needs; any EventStore fits. */
export interface EventLogReader {
  readAll(options: { after?: bigint; maxCount?: number }): Promise<readonly VerifiableEvent[]>;
  headPosition(): Promise<bigint>;
}

export interface VerifyOptions {
  readonly pageSize?: number;
  readonly maxReported?: number;
}

/** An event store's UnreadableEventError, recognised by shape: this library reads any store. */
function unreadableEvent(error: unknown): { streamName: string; revision: number; position: bigint; message: string } | null {
  const e = error as { code?: unknown; streamName?: unknown; revision?: unknown; position?: unknown; message?: unknown };
  if (e?.code !== 'event-store.unreadable-event' || typeof e.streamName !== 'string' || typeof e.revision !== 'number') return null;
  if (typeof e.position !== 'bigint') return null;
  return { streamName: e.streamName, revision: e.revision, position: e.position, message: String(e.message) };
}

/**
 * Verifies every stream's hash chain by reading the whole log in pages. Stops
 * at the head seen at the start, so a busy writer cannot keep it running.
 */
export async function verifyEventLog(log: EventLogReader, options: VerifyOptions = {}): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 500;
  const verifier = new ChainVerifier(options.maxReported);
  const head = await log.headPosition();
  let after: bigint | undefined;
  // After a page fails on a damaged event, the events before it are read one at a time.
  let size = pageSize;
  for (;;) {
    let page: readonly VerifiableEvent[];
    try {
      page = await log.readAll(after === undefined ? { maxCount: size } : { after, maxCount: size });
    } catch (error) {
      const unreadable = unreadableEvent(error);
      if (unreadable && size > 1) {
        size = 1;
        continue;
      }
      if (unreadable) {
        // Name it, and read on after it: one damaged event must not hide the rest of the log.
        verifier.unreadable(unreadable.streamName, unreadable.revision, unreadable.message);
        after = unreadable.position;
        size = pageSize;
        if (after >= head) return verifier.report(head);
        continue;
      }
      const detail = error instanceof Error ? error.message : String(error);
      return { ...verifier.report(head), ok: false, unreadableAfter: { position: after === undefined ? null : after.toString(), detail } };
    }
    for (const event of page) {
      if (event.position > head) return verifier.report(head);
      // Only this system's sag streams carry its chains (not the checkpoint stream, not other applications' streams on a shared EventStoreDB).
      if (isSagStream(event.streamName) && isLogEvent(event)) verifier.check(event);
      after = event.position;
    }
    // A short page is not proof of the end (an adapter may page smaller): only empty or the head is.
    if (page.length === 0 || (after !== undefined && after >= head)) return verifier.report(head);
  }
}
