import type { RecordedEvent } from '@sagsspor/event-store';
import { isSagEventType, type SagEvent } from '@sagsspor/sag';

/**
 * The domain event a stored event holds, or null for anything else in the
 * store ($all also carries other aggregates' and future event types, which
 * integration consumers skip rather than fail on).
 */
export function sagEventOf(recorded: RecordedEvent): SagEvent | null {
  if (!isSagEventType(recorded.type)) return null;
  // Sag events enter the store only through decide(), so their data has this shape.
  return { type: recorded.type, data: recorded.data } as unknown as SagEvent;
}
