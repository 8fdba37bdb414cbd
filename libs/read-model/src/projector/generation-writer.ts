import type { RecordedEvent } from '@sagsspor/event-store';
import { kommuneKey, type SagEvent } from '@sagsspor/sag';
import type { CommitOutcome, Generation, ProjectionTarget } from '../port';
import type { SagChange } from '../projection/changes';
import { SagModel } from '../projection/sag-model';
import { sagEventOf } from '../projection/records';

export interface GenerationWriterOptions {
  /** Sager whose model is kept in memory between batches. */
  readonly cacheSize?: number;
  /** Told about an event that cannot be projected (malformed data); it is skipped, the same way on every run. */
  readonly onSkipped?: (event: RecordedEvent, error: unknown) => void;
  /**
   * Projects the next batches while earlier ones commit: write() returns once
   * its batch is sent, with the outcome of the earlier batches it waited for
   * (see PIPELINE_DEPTH); flush() gives the outcome of all. For a rebuild,
   * where only the end result is read.
   */
  readonly pipelined?: boolean;
  /**
   * Writes a sag's summary once it leaves the cache, and the rest at
   * flush(), instead of in every batch that touches it: for a generation
   * nobody reads until it is complete (a rebuild). Exactly-once stores only.
   */
  readonly deferSummaries?: boolean;
}

/**
 * Batches a pipelined writer may have under way: more than one, so a slow
 * commit (one that also checkpoints the WAL) does not stall the projection.
 * A rebuild's 10 batches of 400 events (rebuild.ts) hold what 16 of 250 did:
 * the events under way are what the rebuild's peak RSS grows with.
 */
const PIPELINE_DEPTH = 10;

/** Enough for every sag a log in meeting order is working on at once; an evicted one is reloaded. */
export const DEFAULT_CACHE_SIZE = 5_000;

/**
 * Applies batches of events to one generation. Per batch: the model of each
 * sag it touches is read once (from the cache or the store), every event is
 * applied to it incrementally, and all changed rows are committed with the new
 * checkpoint in one call — never a whole stream folded per event.
 */
export class GenerationWriter {
  /** Bounded LRU (a Map in use order): memory stays flat however many sager the log holds. */
  private readonly cache: Map<string, SagModel> | null;
  /** Streams this writer has written, while it is the only writer an empty generation has had. */
  private seen: Set<string> | null;
  private position: bigint;
  private readonly cacheSize: number;
  /** Commits under way (pipelined), oldest first. */
  private readonly inflight: Promise<CommitOutcome>[] = [];
  /** Deferring: cached sager whose latest summary is not written yet. */
  private readonly unwritten = new Set<SagModel>();
  /** Deferring: summaries of sager that left the cache unwritten; they go with the next commit. */
  private evicted: SagChange[] = [];
  private checkpointAt: string | null = null;
  private readonly defer: boolean;
  /** Summaries held back were dropped with a refused commit: this generation cannot be completed by this writer. */
  private lostSummaries = false;

  constructor(
    private readonly target: ProjectionTarget,
    readonly generation: Generation,
    private readonly options: GenerationWriterOptions = {},
  ) {
    this.position = generation.checkpoint;
    this.cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    // Cached models are only trustworthy where a commit proves nobody else wrote in between.
    this.cache = target.exactlyOnce && this.cacheSize > 0 ? new Map() : null;
    this.seen = target.exactlyOnce && generation.checkpoint < 0n ? new Set() : null;
    this.defer = this.cache !== null && options.deferSummaries === true;
  }

  get gen(): number {
    return this.generation.gen;
  }

  get checkpoint(): bigint {
    return this.position;
  }

  async write(events: readonly RecordedEvent[]): Promise<CommitOutcome> {
    this.assertComplete();
    const last = events[events.length - 1];
    if (!last) return 'committed';
    const sagEvents: { e: RecordedEvent; event: SagEvent }[] = [];
    for (const e of events) {
      if (e.position <= this.position) continue;
      const event = sagEventOf(e);
      if (event) sagEvents.push({ e, event });
    }
    const models = await this.load(sagEvents);
    const touched = new Set<SagModel>();
    for (const { e, event } of sagEvents) {
      const model = models.get(e.streamName);
      if (model && this.apply(model, e, event)) touched.add(model);
    }
    const changes: SagChange[] = [];
    for (const model of touched) {
      changes.push(model.finish(!this.defer));
      if (this.defer) this.unwritten.add(model);
    }
    const previous = await this.settled(PIPELINE_DEPTH - 1);
    if (previous !== 'committed') return previous;
    // Taken only now: had the wait ended in a refusal, they would still count as held back.
    changes.push(...this.evicted);
    this.evicted = [];
    this.checkpointAt = typeof last.metadata.recordedAt === 'string' ? last.metadata.recordedAt : null;
    return this.send(changes, last.position, models);
  }

  /**
   * Writes what is still held back (deferred summaries) and gives the
   * outcome of the last commit, once it has settled; rethrows its failure.
   * Call it once the last batch is written.
   */
  async flush(): Promise<CommitOutcome> {
    const previous = await this.settled();
    if (previous !== 'committed') return previous;
    this.assertComplete();
    if (this.evicted.length === 0 && this.unwritten.size === 0) return previous;
    const changes = this.evicted;
    this.evicted = [];
    for (const model of this.unwritten) changes.push(model.summaryChange());
    this.unwritten.clear();
    await this.send(changes, this.position, new Map());
    return this.settled();
  }

  /** Commits one batch of changes that brings the generation to `checkpoint`. */
  private async send(changes: SagChange[], checkpoint: bigint, models: Map<string, SagModel>): Promise<CommitOutcome> {
    const committing = this.target.commit(this.gen, {
      changes,
      checkpoint,
      checkpointAt: this.checkpointAt,
      expectedCheckpoint: this.position,
      more: this.options.pipelined === true,
    });
    const settled = committing.then(
      (outcome) => {
        if (outcome !== 'committed') this.forget();
        return outcome;
      },
      (error: unknown) => {
        this.forget();
        throw error;
      },
    );
    if (this.options.pipelined) {
      // Sent: the next batch builds on it; if it fails, the next write() or flush() says so.
      this.inflight.push(settled);
      settled.catch(() => undefined);
      this.committed(checkpoint, models);
      return 'committed';
    }
    const outcome = await settled;
    if (outcome === 'committed') this.committed(checkpoint, models);
    return outcome;
  }

  /**
   * Waits until at most `left` commits are under way (pipelined), and gives
   * the first outcome that is not 'committed' among those it waited for;
   * rethrows a failure. The batches sent after a refused one are refused
   * too (each expects the checkpoint the one before it brings).
   */
  private async settled(left = 0): Promise<CommitOutcome> {
    while (this.inflight.length > left) {
      const outcome = await this.inflight.shift();
      if (outcome !== undefined && outcome !== 'committed') return outcome;
    }
    return 'committed';
  }

  private committed(position: bigint, models: Map<string, SagModel>): void {
    this.position = position;
    for (const model of models.values()) {
      if (model.revision < 0) continue;
      this.remember(model);
      this.seen?.add(model.streamName);
    }
  }

  /** After a refused commit: nothing cached can be trusted; go on from `checkpoint`. */
  reset(checkpoint: bigint): void {
    this.forget();
    this.position = checkpoint;
  }

  private assertComplete(): void {
    if (this.lostSummaries)
      throw new Error(`Generation ${this.gen} lost the summaries this writer held back when a commit was refused; build it again`);
  }

  private forget(): void {
    if (this.unwritten.size > 0 || this.evicted.length > 0) this.lostSummaries = true;
    this.cache?.clear();
    this.seen = null;
    this.unwritten.clear();
    this.evicted = [];
  }

  private apply(model: SagModel, e: RecordedEvent, event: SagEvent): boolean {
    try {
      return model.apply(e, event);
    } catch (error) {
      this.options.onSkipped?.(e, error);
      return false;
    }
  }

  /** The model of every sag in the batch: cached, new (never seen by this writer), or loaded in one call. */
  private async load(sagEvents: readonly { e: RecordedEvent; event: SagEvent }[]): Promise<Map<string, SagModel>> {
    const models = new Map<string, SagModel>();
    const firstEvent = new Map<string, SagEvent>();
    const misses: string[] = [];
    for (const { e, event } of sagEvents) {
      const name = e.streamName;
      if (models.has(name) || firstEvent.has(name)) continue;
      const cached = this.cache?.get(name);
      if (cached) models.set(name, cached);
      else {
        firstEvent.set(name, event);
        if (!this.seen || this.seen.has(name)) misses.push(name);
      }
    }
    // A sag evicted from the cache is read back as stored: after the commit under way.
    if (misses.length > 0) await this.settledForRead();
    const loaded = misses.length > 0 ? await this.target.loadSagStates(this.gen, misses) : new Map();
    for (const [name, event] of firstEvent) {
      const state = loaded.get(name);
      models.set(
        name,
        state
          ? SagModel.fromState(state)
          : SagModel.empty({
              streamName: name,
              kommune: String(event.data.kommune),
              kommuneKey: kommuneKey(String(event.data.kommune ?? '')),
              sagsnummer: String(event.data.sagsnummer),
            }),
      );
    }
    return models;
  }

  private async settledForRead(): Promise<void> {
    const outcome = await this.settled();
    if (outcome !== 'committed') throw new Error(`Generation ${this.gen} was ${outcome} by another writer while this one wrote to it`);
  }

  private remember(model: SagModel): void {
    if (!this.cache) return;
    this.cache.delete(model.streamName);
    this.cache.set(model.streamName, model);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.values().next();
      if (oldest.done) return;
      this.cache.delete(oldest.value.streamName);
      if (this.unwritten.delete(oldest.value)) this.evicted.push(oldest.value.summaryChange());
    }
  }
}
