import type { RecordedEvent } from '@sagsspor/event-store';
import type { SagEvent } from '@sagsspor/sag';
import type { CommitOutcome, Generation, ProjectionTarget } from '../port';
import { decisionOutcomeOf, diffSag, type NewTimelineRow, type SagChange } from '../projection/changes';
import { derive, type DerivedSag } from '../projection/derive';
import { applyEvent, entryOf, provenanceOf, sagEventOf, type RecordLite, type SagProjState } from '../projection/records';

interface Known {
  readonly state: SagProjState;
  readonly derived: DerivedSag;
}

interface Working {
  readonly before: Known | undefined;
  state: SagProjState | undefined;
  readonly added: Map<string, NewTimelineRow>;
}

export interface GenerationWriterOptions {
  /** Sager whose state is kept in memory between batches. */
  readonly cacheSize?: number;
  /** Told about an event that cannot be projected (malformed data); it is skipped, the same way on every run. */
  readonly onSkipped?: (event: RecordedEvent, error: unknown) => void;
}

export const DEFAULT_CACHE_SIZE = 10_000;

/**
 * Applies batches of events to one generation. Per batch: the state of each
 * sag it touches is read once (from the cache or the store), every event is
 * applied to it, each sag is derived once, and all changed rows are committed
 * with the new checkpoint — never a whole stream folded per event.
 */
export class GenerationWriter {
  private readonly cache: Map<string, Known> | null;
  /** Streams this writer has written, while it is the only writer an empty generation has had. */
  private seen: Set<string> | null;
  private position: bigint;
  private readonly cacheSize: number;

  constructor(
    private readonly target: ProjectionTarget,
    readonly generation: Generation,
    private readonly options: GenerationWriterOptions = {},
  ) {
    this.position = generation.checkpoint;
    this.cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    // Cached state is only trustworthy where a commit proves nobody else wrote in between.
    this.cache = target.exactlyOnce && this.cacheSize > 0 ? new Map() : null;
    this.seen = target.exactlyOnce && generation.checkpoint < 0n ? new Set() : null;
  }

  get gen(): number {
    return this.generation.gen;
  }

  get checkpoint(): bigint {
    return this.position;
  }

  async write(events: readonly RecordedEvent[]): Promise<CommitOutcome> {
    const last = events[events.length - 1];
    if (!last) return 'committed';
    const fresh = events.filter((e) => e.position > this.position);
    const sagEvents = fresh.map((e) => ({ e, event: sagEventOf(e) })).filter((x): x is { e: RecordedEvent; event: SagEvent } => x.event !== null);
    const working = await this.load(new Set(sagEvents.map((x) => x.e.streamName)));
    for (const { e, event } of sagEvents) this.apply(working.get(e.streamName) as Working, e, event);
    const changes: SagChange[] = [];
    const after = new Map<string, Known>();
    for (const [name, w] of working) {
      if (!w.state || w.state === w.before?.state) continue;
      const known = { state: w.state, derived: derive(w.state) };
      after.set(name, known);
      changes.push(diffSag(w.before, known, w.added));
    }
    const outcome = await this.target.commit(this.gen, {
      changes,
      checkpoint: last.position,
      checkpointAt: typeof last.metadata.recordedAt === 'string' ? last.metadata.recordedAt : null,
      expectedCheckpoint: this.position,
    });
    if (outcome !== 'committed') {
      this.forget();
      return outcome;
    }
    this.position = last.position;
    for (const [name, known] of after) {
      this.remember(name, known);
      this.seen?.add(name);
    }
    return outcome;
  }

  /** After a failed or refused commit: nothing cached can be trusted; go on from `checkpoint`. */
  reset(checkpoint: bigint): void {
    this.forget();
    this.position = checkpoint;
  }

  private forget(): void {
    this.cache?.clear();
    this.seen = null;
  }

  private async load(names: ReadonlySet<string>): Promise<Map<string, Working>> {
    const working = new Map<string, Working>();
    const misses: string[] = [];
    for (const name of names) {
      const cached = this.cache?.get(name);
      if (cached) working.set(name, { before: cached, state: cached.state, added: new Map() });
      else if (this.seen && !this.seen.has(name)) working.set(name, { before: undefined, state: undefined, added: new Map() });
      else misses.push(name);
    }
    if (misses.length > 0) {
      const loaded = await this.target.loadSagStates(this.gen, misses);
      for (const name of misses) {
        const state = loaded.get(name);
        working.set(name, { before: state ? { state, derived: derive(state) } : undefined, state, added: new Map() });
      }
    }
    return working;
  }

  private apply(w: Working, e: RecordedEvent, event: SagEvent): void {
    // At-least-once stores replay batches: an event the sag already reflects changes nothing.
    if (w.state && e.revision <= w.state.revision) return;
    try {
      const { state, record } = applyEvent(w.state, e, event);
      w.added.set(record.id, newRow(state, record, e, event));
      w.state = state;
    } catch (error) {
      this.options.onSkipped?.(e, error);
    }
  }

  /** Bounded LRU over a Map: re-inserting moves a key to the young end. */
  private remember(name: string, known: Known): void {
    if (!this.cache) return;
    this.cache.delete(name);
    this.cache.set(name, known);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}

function newRow(state: SagProjState, record: RecordLite, e: RecordedEvent, event: SagEvent): NewTimelineRow {
  return {
    id: record.id,
    position: record.position,
    streamName: state.streamName,
    kommuneKey: state.kommuneKey,
    kommune: state.kommune,
    sagsnummer: state.sagsnummer,
    step: record.step,
    committee: record.committee,
    committeeKey: record.committeeKey,
    meetingDate: record.meetingDate,
    item: record.item,
    title: record.title,
    proposalAccess: record.proposalAccess,
    outcome: record.outcome,
    recommendedTo: record.recommendedTo,
    decisionOutcome: decisionOutcomeOf(record),
    access: 'open',
    itemTitle: null,
    entry: entryOf(event, provenanceOf(e), 'open') as NewTimelineRow['entry'],
  };
}
