import type { EventStore, RecordedEvent } from '@sagsspor/event-store';
import {
  canonicalKey,
  COMMITTEE_EVENT_TYPES,
  committeeStreamName,
  decodeCommitteeEvent,
  evolveMerges,
  kommuneKey,
  kommuneKeyOfCommitteeStream,
  mergesOfStream,
  sagStreamEventOf,
  sagStreamName,
  type CommitteeEvent,
  type CommitteeMerges,
  type SagEvent,
  type SagRouteEvent,
} from '@sagsspor/sag';
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
 * A rebuild's generation is read by nobody until it is promoted, so while it
 * is built each sag's own row (its summary) is written once: in the batch
 * that pushes the sag out of the cache, or by flush() at the end. A sag
 * touched by three batches is then summarised once instead of three times.
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
  /** Each kommune's committee merges as of the events applied (read from its stream up to the checkpoint when first needed). */
  private readonly merges = new Map<string, CommitteeMerges>();

  constructor(
    private readonly log: Pick<EventStore, 'readStream'>,
    private readonly target: ProjectionTarget,
    readonly generation: Generation,
    private readonly options: GenerationWriterOptions = {},
  ) {
    this.position = generation.checkpoint;
    this.positionAt = generation.checkpointAt;
    this.summariesAtEnd = generation.mode === 'rebuild' && generation.state === 'building';
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
      const committees = decodeCommitteeEvent(e.type, e.data);
      if (committees) {
        await this.applyMerges(e, committees, touched);
        continue;
      }
      const event = sagStreamEventOf(e);
      if (!event) continue;
      const sag = await this.sagOf(e, event);
      if (this.apply(sag, e, event)) touched.add(sag);
    }
    const changes: SagChange[] = [];
    for (const sag of touched) {
      const change = sag.change(await this.mergesOf(sag.kommuneKey), !this.summariesAtEnd);
      if (change) changes.push(change);
    }
    // A refused commit clears the cache anyway: who leaves it can be settled before.
    for (const sag of touched) for (const gone of this.remember(sag)) await this.summarise(gone, changes);
    const checkpointAt = typeof last.metadata.recordedAt === 'string' ? last.metadata.recordedAt : null;
    return this.commit(changes, last.position, checkpointAt);
  }

  /** Writes what was held back: the summaries of the sager still cached (a rebuild's, before it is promoted). */
  async flush(): Promise<CommitOutcome> {
    const changes: SagChange[] = [];
    for (const sag of this.cache.values()) await this.summarise(sag, changes);
    return changes.length === 0 ? 'committed' : this.commit(changes, this.position, this.positionAt);
  }

  private async summarise(sag: ProjectedSag, into: SagChange[]): Promise<void> {
    const change = sag.change(await this.mergesOf(sag.kommuneKey));
    if (change) into.push(change);
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

  /**
   * A merge or split: every sag of the kommune whose summary names one of
   * the two committees (it visited it, or goes there next) is derived again
   * with the merges now in force. No other summary can change: a committee
   * neither visited nor next is only compared with visited ones. A rebuild
   * and incremental processing so end with each summary derived with the
   * same merges.
   */
  private async applyMerges(e: RecordedEvent, event: CommitteeEvent, touched: Set<ProjectedSag>): Promise<void> {
    const kommune = kommuneKeyOfCommitteeStream(e.streamName) ?? kommuneKey(event.data.kommune);
    const before = await this.mergesOf(kommune);
    const after = evolveMerges(before, event);
    this.merges.set(kommune, after);
    const other = event.type === COMMITTEE_EVENT_TYPES.merged ? event.data.into : event.data.from;
    const keys = new Set(
      [event.data.alias.committeeKey, other.committeeKey].flatMap((k) => [canonicalKey(before, k), canonicalKey(after, k)]),
    );
    for (const named of await this.target.sagerNaming(this.gen, kommune, [...keys])) {
      const sag = await this.sagNamed(named);
      if (!sag) continue;
      sag.mergesChanged();
      touched.add(sag);
    }
  }

  /** A kommune's merges as of the events applied; from its stream up to the checkpoint when not yet known. */
  private async mergesOf(kommune: string): Promise<CommitteeMerges> {
    const known = this.merges.get(kommune);
    if (known) return known;
    const merges = mergesOfStream(await this.log.readStream(committeeStreamName(kommune)), this.position);
    this.merges.set(kommune, merges);
    return merges;
  }

  /** A stored sag, from the cache or folded from its stream up to the checkpoint. */
  private async sagNamed(sag: { kommune: string; sagsnummer: string }): Promise<ProjectedSag | null> {
    const streamName = sagStreamName(sag);
    const cached = this.cache.get(streamName);
    if (cached) return cached;
    const [first] = await this.log.readStream(streamName, { maxCount: 1 });
    const event = first && first.position <= this.position ? sagStreamEventOf(first) : null;
    return first && event ? this.sagOf(first, event) : null;
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
    sag.change(await this.mergesOf(sag.kommuneKey));
    return sag;
  }

  /** After a refused or failed commit: nothing applied since the last commit may be kept. */
  private forget(): void {
    this.cache.clear();
    this.merges.clear();
    this.seen = null;
  }

  /** Moves the sag to the newest end; returns the sager pushed out whose own rows are still due. */
  private remember(sag: ProjectedSag): ProjectedSag[] {
    this.cache.delete(sag.streamName);
    this.cache.set(sag.streamName, sag);
    const gone: ProjectedSag[] = [];
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.entries().next();
      if (oldest.done) break;
      this.cache.delete(oldest.value[0]);
      if (this.summariesAtEnd) gone.push(oldest.value[1]);
    }
    return gone;
  }
}
