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
 *
 * A rebuild's generation is read by nobody until it is promoted, so while it is built
 * each sag's own row (its summary) is written once: when the sag leaves the
 * cache, or by flush() at the end. A sag touched by three batches is then
 * summarised once instead of three times.
 */
export class GenerationWriter {
  /** Bounded LRU (a Map in use order): memory stays flat however many sager the log holds. */
  private readonly cache = new Map<string, ProjectedSag>();
  /** Streams this writer has applied events of, while it is the only writer a generation built from 0 has had. */
  private seen: Set<string> | null;
  private position: bigint;
  private positionAt: string | null;
  private readonly cacheSize: number;
  private readonly summariesAtEnd: boolean;
  /** Summaries of sager that left the cache, for the next commit. */
  private due: SagChange[] = [];

  constructor(
    private readonly log: Pick<EventStore, 'readStream'>,
    private readonly target: ProjectionTarget,
    readonly generation: Generation,
    private readonly options: GenerationWriterOptions = {},
  ) {
    this.position = generation.checkpoint;
    this.positionAt = generation.checkpointAt;
    this.cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.seen = generation.checkpoint < 0n ? new Set() : null;
    this.summariesAtEnd = generation.mode === 'rebuild' && generation.state === 'building';
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
    // Summaries of sager that left the cache go first: a sag read back since then is changed after them.
    const changes = this.due;
    this.due = [];
    for (const sag of touched) {
      const change = sag.change(!this.summariesAtEnd);
      if (change) changes.push(change);
    }
    const checkpointAt = typeof last.metadata.recordedAt === 'string' ? last.metadata.recordedAt : null;
    const outcome = await this.commit(changes, last.position, checkpointAt);
    if (outcome === 'committed') for (const sag of touched) this.remember(sag);
    return outcome;
  }

  /** Writes what was held back: the summaries of the sager still cached (a rebuild's, before it is promoted). */
  async flush(): Promise<CommitOutcome> {
    const changes = this.due;
    this.due = [];
    for (const sag of this.cache.values()) {
      const change = sag.change();
      if (change) changes.push(change);
    }
    if (changes.length === 0) return 'committed';
    return this.commit(changes, this.position, this.positionAt);
  }

  private async commit(changes: SagChange[], checkpoint: bigint, checkpointAt: string | null): Promise<CommitOutcome> {
    let outcome: CommitOutcome;
    try {
      outcome = await this.target.commit(this.gen, { changes, checkpoint, checkpointAt, expectedCheckpoint: this.position });
    } catch (error) {
      this.forget();
      throw error;
    }
    if (outcome !== 'committed') {
      this.forget();
      return outcome;
    }
    this.position = checkpoint;
    this.positionAt = checkpointAt;
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
    this.due = [];
    this.seen = null;
  }

  private remember(sag: ProjectedSag): void {
    this.cache.delete(sag.streamName);
    this.cache.set(sag.streamName, sag);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.entries().next();
      if (oldest.done) return;
      this.cache.delete(oldest.value[0]);
      const change = this.summariesAtEnd ? oldest.value[1].change() : null;
      if (change) this.due.push(change);
    }
  }
}
