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

/**
 * Verifies every stream's hash chain by reading the whole log in pages. Stops
 * at the head seen at the start, so a busy writer cannot keep it running.
 */
export async function verifyEventLog(log: EventLogReader, options: VerifyOptions = {}): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 500;
  const verifier = new ChainVerifier(options.maxReported);
  const head = await log.headPosition();
  let after: bigint | undefined;
  for (;;) {
    const page = await log.readAll(after === undefined ? { maxCount: pageSize } : { after, maxCount: pageSize });
    for (const event of page) {
      if (event.position > head) return verifier.report(head);
      if (isLogEvent(event)) verifier.check(event);
      after = event.position;
    }
    // A short page is not proof of the end (an adapter may page smaller): only empty or the head is.
    if (page.length === 0 || (after !== undefined && after >= head)) return verifier.report(head);
  }
}
