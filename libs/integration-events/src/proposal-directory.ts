import type { RecordedEvent } from '@sagsspor/event-store';
import {
  EVENT_TYPES,
  factsOf,
  proposalUnder,
  sagEventOf,
  CORRECTION_EVENT_TYPES,
  type Access,
  type SagEvent,
  type TreatmentFacts,
  type TreatmentLocator,
} from '@sagsspor/sag';

/** What an outcome event borrows from the proposal it was treated under. */
export interface ProposalInfo {
  readonly title: string;
  readonly access: Access;
}

/** The part of the event store the directory reads: one stream, a revision range. */
export interface StreamReader {
  readStream(streamName: string, options?: { fromRevision?: number; maxCount?: number }): Promise<RecordedEvent[]>;
  /** When given, events delivered after later ones (replays) are checked for an access corrected to closed since. */
  headPosition?(): Promise<bigint>;
}

interface KnownProposal {
  readonly revision: number;
  readonly id: string;
  /** The records it replaces (a withdrawal: every record of its treatment). */
  readonly supersedes: readonly string[];
  /** Null for a withdrawal: it only takes the records it names out. */
  readonly facts: TreatmentFacts | null;
}

interface StreamEntry {
  /** Every proposal up to and including this revision is known. */
  loadedThrough: number;
  /** The log head when the stream was last read to its end (-1: never). */
  readToEndAt: bigint;
  readonly proposals: KnownProposal[];
}

export const DEFAULT_DIRECTORY_CAPACITY = 10_000;

/**
 * Per-stream lookup of proposal titles and access. Outcome events carry no
 * title, and a consumer that resumes from a checkpoint never saw the proposal
 * (it precedes the outcome in the same stream), so a stream that is not in
 * the cache is read from the store up to the event. Answers depend only on
 * the stream's events before the asked revision, so one directory can serve
 * many consumers at different positions. LRU-bounded by stream count.
 */
export class ProposalDirectory {
  private readonly streams = new Map<string, StreamEntry>();

  constructor(
    private readonly reader: StreamReader,
    private readonly capacity = DEFAULT_DIRECTORY_CAPACITY,
  ) {}

  /** The proposal `event` was treated under, as recorded before it; its own for a proposal. */
  async proposalOf(recorded: RecordedEvent, event: SagEvent): Promise<ProposalInfo | null> {
    if (event.type === EVENT_TYPES.proposed) {
      this.learnInPassing(recorded, event);
      return { title: event.data.title, access: event.data.access };
    }
    const entry = await this.entryThrough(recorded.streamName, recorded.revision - 1);
    if (entry.loadedThrough === recorded.revision - 1) learn(entry, recorded, event);
    const own = find(entry, recorded.revision, event.data);
    if (own || event.type !== EVENT_TYPES.genoptaget) return own;
    // No proposal of its own: a resumed item keeps the postponed treatment's title and access.
    return find(entry, recorded.revision, event.data.resumes);
  }

  /**
   * The proposal a treatment is under now, as far as the stream goes: for an
   * event delivered after later ones were recorded (a replay), whose access
   * may since have been corrected to closed.
   */
  async currentProposalOf(recorded: RecordedEvent, event: SagEvent, head: bigint): Promise<ProposalInfo | null> {
    const known = this.streams.get(recorded.streamName);
    // Read to the stream's end once per log head: a replay asks this for every event of the stream.
    const entry = known && known.readToEndAt >= head ? known : await this.entryThrough(recorded.streamName, Number.MAX_SAFE_INTEGER - 1);
    entry.readToEndAt = head;
    // A withdrawn treatment's content stays as confidential as its last proposal made it.
    const own = find(entry, Number.MAX_SAFE_INTEGER, event.data, true);
    if (own || event.type !== EVENT_TYPES.genoptaget) return own;
    return find(entry, Number.MAX_SAFE_INTEGER, event.data.resumes, true);
  }

  /**
   * A proposal needs nothing from the store for its own answer; it is noted
   * when it extends what is known (or starts the stream), so the outcomes
   * that follow it in a catch-up never need a read.
   */
  private learnInPassing(recorded: RecordedEvent, event: SagEvent): void {
    let entry = this.streams.get(recorded.streamName);
    if (!entry && recorded.revision === 0) {
      entry = { loadedThrough: -1, readToEndAt: -1n, proposals: [] };
      this.streams.set(recorded.streamName, entry);
      this.evict();
    }
    if (entry && entry.loadedThrough === recorded.revision - 1) learn(entry, recorded, event);
  }

  private async entryThrough(streamName: string, revision: number): Promise<StreamEntry> {
    let entry = this.streams.get(streamName);
    if (entry) {
      this.streams.delete(streamName); // re-insert: Map order is the LRU order
    } else {
      entry = { loadedThrough: -1, readToEndAt: -1n, proposals: [] };
    }
    this.streams.set(streamName, entry);
    this.evict();
    if (entry.loadedThrough < revision) {
      const from = entry.loadedThrough + 1;
      const events = await this.reader.readStream(streamName, { fromRevision: from, maxCount: revision - from + 1 });
      for (const recorded of events) {
        const event = sagEventOf(recorded);
        // Another consumer may have loaded the same range meanwhile: learn each revision once, in order.
        if (recorded.revision !== entry.loadedThrough + 1) continue;
        if (event) learn(entry, recorded, event);
        entry.loadedThrough = recorded.revision;
      }
    }
    return entry;
  }

  private evict(): void {
    while (this.streams.size > this.capacity) {
      const oldest = this.streams.keys().next();
      if (oldest.done) return;
      this.streams.delete(oldest.value);
    }
  }
}

function learn(entry: StreamEntry, recorded: RecordedEvent, event: SagEvent): void {
  entry.loadedThrough = recorded.revision;
  const [id, revision] = [recorded.metadata.eventId, recorded.revision];
  if (event.type === CORRECTION_EVENT_TYPES.withdrawn)
    entry.proposals.push({ revision, id, supersedes: event.data.withdraws, facts: null });
  if (event.type !== EVENT_TYPES.proposed) return;
  const d = event.data;
  entry.proposals.push({ revision, id, supersedes: d.supersedes ? [d.supersedes] : [], facts: factsOf(event) });
}

/** The proposal (libs/sag's proposalUnder) among those current before `before`: superseded ones drop out. */
function find(entry: StreamEntry, before: number, at: TreatmentLocator, withWithdrawn = false): ProposalInfo | null {
  const known = entry.proposals.filter((p) => p.revision < before);
  const superseded = new Set(known.flatMap((p) => (withWithdrawn && !p.facts ? [] : p.supersedes)));
  const current = known.flatMap((p) => (superseded.has(p.id) || !p.facts ? [] : [p.facts]));
  const match = proposalUnder(
    { ...at, step: 'decided', committee: '', evidence: 'direct', title: null, access: null, outcome: null, recommendedTo: null },
    current,
  );
  return match ? { title: match.title ?? '', access: match.access ?? 'open' } : null;
}
