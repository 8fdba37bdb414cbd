import type { EventStore, RecordedEvent } from '@sagsspor/event-store';
import { sagStreamEventOf, type SagEvent, type SagRouteEvent } from '@sagsspor/sag';
import type { CommitOutcome, Generation, ProjectionTarget } from '../port';
import { ProjectedSag } from '../rows/projected-sag';
import type { SagChange } from '../rows/sag-change';

export interface GenerationWriterOptions {
  /** Sager kept in memory between batches. */
  readonly cacheSize?: number;
  /** Told about an event that cannot be projected (malformed data); it is skipped, the same way on every run. */
  readonly onSkipped?: (event: RecordedEvent, error: unknown) => void;
}

/** Enough for every sag a log in meeting order is working on at once; an evicted one is read back from its stream. */
export const DEFAULT_CACHE_SIZE = 5_000;

/**
 * Applies batches of events to one generation. Per batch: each sag it
 * touches is taken from the cache or folded from its own stream up to the
 * generation's checkpoint (what the stored rows were derived from), every
 * event is applied, and the rows that changed are committed with the new
 * checkpoint in one call. A sag's rows are a function of the log alone, so
 * the cache holds whoever else writes; a refused commit still clears it.
 */
export class GenerationWriter {
  /** Bounded LRU (a Map in use order): memory stays flat however many sager the log holds. */
  private readonly cache = new Map<string, ProjectedSag>();
  /** Streams this writer has applied events of, while it is the only writer a generation built from 0 has had. */
  private seen: Set<string> | null;
  private position: bigint;
  private readonly cacheSize: number;

  constructor(
    private readonly log: Pick<EventStore, 'readStream'>,
    private readonly target: ProjectionTarget,
    readonly generation: Generation,
    private readonly options: GenerationWriterOptions = {},
  ) {
    this.position = generation.checkpoint;
    this.cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.seen = generation.checkpoint < 0n ? new Set() : null;
  }

  get gen(): number {
    return this.generation.gen;
  }

  get checkpoint(): bigint {
    return this.position;
  }

  async write(events: readonly RecordedEvent[]): Promise<CommitOutcome> {
    const last = events[events.length - 1];
    if (!last || last.position <= this.position) return 'committed';
    const touched = new Set<ProjectedSag>();
    for (const e of events) {
      if (e.position <= this.position) continue;
      const event = sagStreamEventOf(e);
      if (!event) continue;
      const sag = await this.sagOf(e, event);
      if (this.apply(sag, e, event)) touched.add(sag);
    }
    const changes: SagChange[] = [];
    for (const sag of touched) {
      const change = sag.change();
      if (change) changes.push(change);
    }
    let outcome: CommitOutcome;
    try {
      outcome = await this.target.commit(this.gen, {
        changes,
        checkpoint: last.position,
        checkpointAt: typeof last.metadata.recordedAt === 'string' ? last.metadata.recordedAt : null,
        expectedCheckpoint: this.position,
        // Built from the start, its first batch opens with the log's first event: which log this is.
        ...(this.position < 0n && events[0] ? { logId: events[0].metadata.eventId } : {}),
      });
    } catch (error) {
      this.forget();
      throw error;
    }
    if (outcome !== 'committed') {
      this.forget();
      return outcome;
    }
    this.position = last.position;
    for (const sag of touched) this.remember(sag);
    return outcome;
  }

  private apply(sag: ProjectedSag, e: RecordedEvent, event: SagEvent | SagRouteEvent): boolean {
    try {
      sag.apply(e, event);
      return true;
    } catch (error) {
      this.options.onSkipped?.(e, error);
      return false;
    }
  }

  /** Cached; new (never seen by this writer, which wrote everything since 0); or folded from its stream up to the checkpoint. */
  private async sagOf(e: RecordedEvent, event: SagEvent | SagRouteEvent): Promise<ProjectedSag> {
    const cached = this.cache.get(e.streamName);
    if (cached) return cached;
    const sag = ProjectedSag.startedBy(e, event);
    this.cache.set(e.streamName, sag);
    if (this.seen && !this.seen.has(e.streamName)) {
      this.seen.add(e.streamName);
      return sag;
    }
    for (const stored of await this.log.readStream(e.streamName)) {
      if (stored.position > this.position) break;
      const earlier = sagStreamEventOf(stored);
      if (!earlier) continue;
      try {
        sag.apply(stored, earlier);
      } catch {
        // Skipped as when it was first applied (onSkipped was told then).
      }
    }
    // What the stored rows were derived from: taken as written.
    sag.change();
    return sag;
  }

  /** After a refused or failed commit: nothing applied since the last commit may be kept. */
  private forget(): void {
    this.cache.clear();
    this.seen = null;
  }

  private remember(sag: ProjectedSag): void {
    this.cache.delete(sag.streamName);
    this.cache.set(sag.streamName, sag);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next();
      if (oldest.done) return;
      this.cache.delete(oldest.value);
    }
  }
}
