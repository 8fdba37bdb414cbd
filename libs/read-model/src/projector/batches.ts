import type { EventSubscription, RecordedEvent } from '@sagsspor/event-store';

const FLUSH = Symbol('flush');

/**
 * Groups a subscription's events into batches: everything that is already
 * available, up to `maxSize`. A batch is closed when the next event has not
 * arrived by the end of the current turn of the event loop, so catching up
 * gives full batches and live events are applied at once.
 */
export async function* batchesOf(subscription: EventSubscription, maxSize: number): AsyncGenerator<RecordedEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  let pending = next(iterator);
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const batch = [first.value];
    pending = next(iterator);
    const flush = nextTurn();
    let done = false;
    while (batch.length < maxSize) {
      const step = await Promise.race([pending, flush]);
      if (step === FLUSH) break;
      if (step.done) {
        done = true;
        break;
      }
      batch.push(step.value);
      pending = next(iterator);
    }
    yield batch;
    if (done) return;
  }
}

/** A read the consumer may abandon (it stops early): its failure must not go unhandled. */
function next(iterator: AsyncIterator<RecordedEvent>): Promise<IteratorResult<RecordedEvent>> {
  const pending = iterator.next();
  pending.catch(() => undefined);
  return pending;
}

function nextTurn(): Promise<typeof FLUSH> {
  return new Promise((resolve) => setImmediate(() => resolve(FLUSH)));
}
