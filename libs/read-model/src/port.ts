import type { SagHistory } from '@sagsspor/sag';
import type { CommitteeSummary, DecisionEntry, Meeting, Page, SagSummary } from './model';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from './queries';
import type { MeetingItemRow, SagCommitteeRow, SummaryRow } from './projection/derive';
import type { SagChange, TimelineRow } from './projection/changes';
import type { SagProjState } from './projection/records';

/**
 * The read-model port. Models live in numbered generations: one `live`
 * generation answers queries; a `building` one is filled beside it from
 * position 0 and becomes live only when caught up, so readers never see a
 * half-built model. Each generation has its own checkpoint.
 */
export type GenerationState = 'building' | 'live' | 'retired';

export interface Generation {
  readonly gen: number;
  readonly projection: string;
  readonly version: number;
  readonly state: GenerationState;
  /** Position of the last event applied; -1n before the first. */
  readonly checkpoint: bigint;
  /** recordedAt of that event. */
  readonly checkpointAt: string | null;
  readonly createdAt: string;
  /**
   * Whether a writer may go on from its checkpoint after a crash. A rebuild's
   * generation is not (see CreateGenerationOptions): whoever finds it
   * half-built drops it, and a projector never resumes it.
   */
  readonly resumable: boolean;
}

export interface CreateGenerationOptions {
  /**
   * False for a generation whose builder starts over when interrupted (a
   * rebuild): the store may then build it faster, without making each batch
   * crash-safe, and makes it durable once, when it goes live. Default true.
   */
  readonly resumable?: boolean;
}

export interface CommitRequest {
  readonly changes: readonly SagChange[];
  readonly checkpoint: bigint;
  readonly checkpointAt: string | null;
  /** The checkpoint the writer started the batch from. */
  readonly expectedCheckpoint: bigint;
  /**
   * More batches follow at once (a pipelined rebuild): the store may hold this
   * one back a moment to commit it together with them. Otherwise it commits
   * at once, as a writer waiting for the outcome expects.
   */
  readonly more?: boolean;
}

/**
 * `moved`: the stored checkpoint is not the expected one (another writer got
 * there first): reload and go on from the stored one. `retired`: the
 * generation is no longer building or live: stop writing to it.
 */
export type CommitOutcome = 'committed' | 'moved' | 'retired';

export interface ProjectionTarget {
  /**
   * True when a batch's rows and checkpoint commit atomically and a commit
   * checks the expected checkpoint (SQLite): a writer may then cache sag state
   * between batches. False for at-least-once stores (MongoDB), where every
   * batch re-reads the state it builds on.
   */
  readonly exactlyOnce: boolean;
  generations(): Promise<Generation[]>;
  /** A new, empty generation in state `building`. */
  createGeneration(projection: string, version: number, options?: CreateGenerationOptions): Promise<Generation>;
  /** The stored state of these sager (by stream name) in that generation; absent ones are new. */
  loadSagStates(gen: number, streamNames: readonly string[]): Promise<Map<string, SagProjState>>;
  commit(gen: number, request: CommitRequest): Promise<CommitOutcome>;
  /** Makes a building generation live, retiring the live one, if its checkpoint is still `expectedCheckpoint`. */
  promote(gen: number, expectedCheckpoint: bigint): Promise<CommitOutcome>;
  /** Removes retired generations (and their rows) that no reader can still be using. */
  dropRetired(): Promise<number>;
  /** Abandons a generation that is not live. */
  dropGeneration(gen: number): Promise<void>;
  /** Every row of a generation (the live one by default) in a store-independent order, for comparisons. */
  snapshot(gen?: number): Promise<ReadModelSnapshot>;
}

export interface ReadModelQueries {
  getSag(kommuneKey: string, sagsnummer: string): Promise<SagHistory | null>;
  listSager(query: SagerQuery): Promise<Page<SagSummary>>;
  listCommittees(kommuneKey: string): Promise<CommitteeSummary[]>;
  listMeetings(query: MeetingsQuery): Promise<Page<Meeting>>;
  listDecisions(query: DecisionsQuery): Promise<Page<DecisionEntry>>;
  /** The live generation's checkpoint, or null when none is live. */
  liveCheckpoint(): Promise<{ gen: number; checkpoint: bigint; checkpointAt: string | null } | null>;
}

export interface ReadModelStore extends ReadModelQueries, ProjectionTarget {
  readonly kind: 'sqlite' | 'mongodb';
  /** Where it is, for logs (no credentials). */
  readonly description: string;
  close(): Promise<void>;
}

export interface ReadModelSnapshot {
  readonly sager: SummaryRow[];
  readonly timeline: TimelineRow[];
  readonly meetingItems: MeetingItemRow[];
  readonly committees: SagCommitteeRow[];
}
