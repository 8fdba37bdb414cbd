import type { RecordedEvent } from '@sagsspor/event-store';
import { decodeSagEvent, type SagEvent } from '@sagsspor/sag';

/**
 * The domain event a stored event holds, or null for anything else in the
 * store ($all also carries other aggregates' and future event types, which
 * integration consumers skip rather than fail on).
 */
export function sagEventOf(recorded: RecordedEvent): SagEvent | null {
  return decodeSagEvent(recorded.type, recorded.data);
}
