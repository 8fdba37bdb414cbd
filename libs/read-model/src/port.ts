import type { CommitteeMerges } from '@sagsspor/sag';
import type { CommitteeSummary, DecisionEntry, DecisionRow, Meeting, MeetingItemRow, Page, SagSummary } from './model';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from './queries';
import type { Builder } from './builder';
import type { SagChange } from './rows/sag-change';

/**
 * The read-model port. Models live in numbered generations: one `live`
 * generation answers queries; a `building` one is filled beside it from
 * position 0 and becomes live only when caught up, so readers never see a
 * half-built model. Each generation has its own checkpoint.
 */
export type GenerationState = 'building' | 'live' | 'retired';

/**
 * Chosen when a generation is created. `resumable`: a projector's build;
 * every batch is durable, and a projector that restarts goes on from the
 * checkpoint. `rebuild`: a throw-away build by `rebuild`; the store may skip
 * making each batch durable until it goes live, and whoever finds it
 * half-built drops it: a projector never writes it.
 */
export type BuildMode = 'resumable' | 'rebuild';

export interface Generation {
  readonly gen: number;
  readonly projection: string;
  readonly version: number;
  readonly state: GenerationState;
  readonly mode: BuildMode;
  /** Position of the last event applied; -1n before the first. */
  readonly checkpoint: bigint;
  /** recordedAt of that event. */
  readonly checkpointAt: string | null;
  readonly createdAt: string;
  /** The process that made it (null when an older version did, which did not record it). */
  readonly builder: Builder | null;
}

export interface CommitRequest {
  readonly changes: readonly SagChange[];
  readonly checkpoint: bigint;
  readonly checkpointAt: string | null;
  /** The checkpoint the writer started the batch from. */
  readonly expectedCheckpoint: bigint;
}

/**
 * `moved`: the stored checkpoint is not the expected one (another writer got
 * there first): reload and go on from the stored one. `retired`: the
 * generation is no longer building or live: stop writing to it.
 */
export type CommitOutcome = 'committed' | 'moved' | 'retired';

export interface ProjectionTarget {
  generations(): Promise<Generation[]>;
  /** A new, empty generation in state `building`. */
  createGeneration(projection: string, version: number, mode: BuildMode): Promise<Generation>;
  commit(gen: number, request: CommitRequest): Promise<CommitOutcome>;
  /** Makes a building generation live, retiring the live one, if its checkpoint is still `expectedCheckpoint`. */
  promote(gen: number, expectedCheckpoint: bigint): Promise<CommitOutcome>;
  /** Removes retired generations (and their rows) that no reader can still be using. */
  dropRetired(): Promise<number>;
  /** Abandons a generation that is not live. */
  dropGeneration(gen: number): Promise<void>;
  /** Every row of a generation (the live one by default) in a store-independent order, for comparisons. */
  snapshot(gen?: number): Promise<ReadModelSnapshot>;
  /** The sager of a kommune in a generation whose summary names one of these committee keys: among its committees, or as next. */
  sagerNaming(gen: number, kommuneKey: string, committeeKeys: readonly string[]): Promise<SagRef[]>;
}

export interface SagRef {
  readonly kommune: string;
  readonly sagsnummer: string;
}

export interface ReadModelQueries {
  listSager(query: SagerQuery): Promise<Page<SagSummary>>;
  /** One per committee: an alias merged into another (`merges`, the kommune's in force) is counted with it. */
  listCommittees(kommuneKey: string, merges?: CommitteeMerges): Promise<CommitteeSummary[]>;
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

/** Sager by kommune and number, meeting items by key, decisions by position. */
export interface ReadModelSnapshot {
  readonly sager: SagSummary[];
  readonly meetingItems: MeetingItemRow[];
  readonly decisions: DecisionRow[];
}
