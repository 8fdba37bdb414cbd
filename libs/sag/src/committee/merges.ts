import { createHash } from 'node:crypto';
import { AppError } from '@sagsspor/kernel';
import { uuidFromHash } from '../event-id';
import { kommuneKey, kommuneName, storedCommitteeKey } from '../identity';
import type { CommitteeKeyOf } from '../route/follow-route';
import type { Route, RouteStop } from '../route/route-events';
import { UnknownCommitteeError } from '../route/route-errors';
import { resolveCommittee, type CommitteeRegistry } from './registry';

/**
 * An admin's word that two committee keys are one committee (a merge), or
 * no longer (a split). Kept in a stream of its own per kommune, never in a
 * sag's: nothing recorded is rewritten, and every reader maps the keys it
 * meets through the merges in force (canonicalKey), so histories, routes and
 * read models follow a merge or a split as soon as it is recorded.
 */
export const COMMITTEE_EVENT_TYPES = {
  merged: 'CommitteeAliasMerged.v1',
  split: 'CommitteeAliasSplit.v1',
} as const;

export interface CommitteeAliasMergedData {
  readonly kommune: string;
  /** The committee that becomes an alias: its key (not itself merged) and name. */
  readonly alias: RouteStop;
  /** The committee it is an alias of from now on (a committee not itself merged). */
  readonly into: RouteStop;
  readonly reason: string | null;
}

export interface CommitteeAliasSplitData {
  readonly kommune: string;
  /** The alias that is a committee of its own again. */
  readonly alias: RouteStop;
  /** The committee it was merged into. */
  readonly from: RouteStop;
  readonly reason: string | null;
}

export type CommitteeAliasMerged = { type: typeof COMMITTEE_EVENT_TYPES.merged; data: CommitteeAliasMergedData };
export type CommitteeAliasSplit = { type: typeof COMMITTEE_EVENT_TYPES.split; data: CommitteeAliasSplitData };
export type CommitteeEvent = CommitteeAliasMerged | CommitteeAliasSplit;

export function decodeCommitteeEvent(type: string, data: unknown): CommitteeEvent | null {
  return type === COMMITTEE_EVENT_TYPES.merged || type === COMMITTEE_EVENT_TYPES.split ? ({ type, data } as CommitteeEvent) : null;
}

/** `committees-<kommune key>`, the kommune key escaped as in sag streams. */
export const COMMITTEE_STREAM_PREFIX = 'committees-';

export function committeeStreamName(kommune: string): string {
  return `${COMMITTEE_STREAM_PREFIX}${kommuneKey(kommune).replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'))}`;
}

/** The kommune key of a committee stream; null for any other stream. */
export function kommuneKeyOfCommitteeStream(streamName: string): string | null {
  if (!streamName.startsWith(COMMITTEE_STREAM_PREFIX)) return null;
  return decodeURIComponent(streamName.slice(COMMITTEE_STREAM_PREFIX.length));
}

/** The merges in force in one kommune: each alias key with the committee it was merged into. */
export interface CommitteeMerges {
  readonly into: ReadonlyMap<string, RouteStop>;
  /** Each merged alias as it was named when merged. */
  readonly aliases: ReadonlyMap<string, RouteStop>;
}

export const NO_MERGES: CommitteeMerges = { into: new Map(), aliases: new Map() };

export function evolveMerges(state: CommitteeMerges, event: CommitteeEvent): CommitteeMerges {
  const [into, aliases] = [new Map(state.into), new Map(state.aliases)];
  const key = event.data.alias.committeeKey;
  if (event.type === COMMITTEE_EVENT_TYPES.merged) {
    into.set(key, event.data.into);
    aliases.set(key, event.data.alias);
  } else {
    into.delete(key);
    aliases.delete(key);
  }
  return { into, aliases };
}

export function foldMerges(events: Iterable<CommitteeEvent>, state: CommitteeMerges = NO_MERGES): CommitteeMerges {
  let s = state;
  for (const e of events) s = evolveMerges(s, e);
  return s;
}

/** The merges a kommune's committee stream holds (up to a log position, when given); other events are skipped. */
export function mergesOfStream(
  stored: readonly { readonly type: string; readonly data: unknown; readonly position: bigint }[],
  upTo: bigint | null = null,
): CommitteeMerges {
  let merges = NO_MERGES;
  for (const e of stored) {
    if (upTo !== null && e.position > upTo) break;
    const event = decodeCommitteeEvent(e.type, e.data);
    if (event) merges = evolveMerges(merges, event);
  }
  return merges;
}

/** The committee a key stands for: itself, or the committee it is (through a chain of merges) an alias of. */
export function canonicalStop(merges: CommitteeMerges, key: string): RouteStop | null {
  let stop: RouteStop | null = null;
  let at = key;
  // Merges never make a cycle (decideMerge refuses one); the bound keeps a tampered log from looping.
  for (let hops = 0; hops <= merges.into.size; hops += 1) {
    const next = merges.into.get(at);
    if (!next) return stop;
    stop = next;
    at = next.committeeKey;
  }
  return stop;
}

export function canonicalKey(merges: CommitteeMerges, key: string): string {
  return canonicalStop(merges, key)?.committeeKey ?? key;
}

/** Every key that stands for the same committee as `key` (its own first), for rows stored by the key they were printed with. */
export function keysOfCommittee(merges: CommitteeMerges, key: string): string[] {
  const canonical = canonicalKey(merges, key);
  return [canonical, ...[...merges.into.keys()].filter((k) => k !== canonical && canonicalKey(merges, k) === canonical).sort()];
}

/** The CommitteeKeyOf of followRoute with the merges in force: a printed name's key, then its committee's. */
export function mergedKeyOf(merges: CommitteeMerges): CommitteeKeyOf {
  if (merges.into.size === 0) return storedCommitteeKey;
  return (name) => canonicalKey(merges, storedCommitteeKey(name));
}

/** A stop as its committee: the key of the committee it is an alias of, and that committee's name. */
export function mergedStop(merges: CommitteeMerges, stop: RouteStop): RouteStop {
  const canonical = canonicalStop(merges, stop.committeeKey);
  return canonical ? { committee: canonical.committee, committeeKey: canonical.committeeKey } : stop;
}

export function mergedRoute<R extends Route>(merges: CommitteeMerges, route: R): R {
  if (merges.into.size === 0) return route;
  const stop = (s: RouteStop) => mergedStop(merges, s);
  return { ...route, via: route.via.map(stop), decidingBodies: route.decidingBodies.map(stop) };
}

export type MergeCommittees = {
  type: 'MergeCommittees';
  data: {
    kommune: string;
    /** The committee to become an alias, and the one it is merged into: by name, key or abbreviation. */
    alias: string;
    into: string;
    reason?: string | null;
  };
};

export type SplitCommittee = {
  type: 'SplitCommittee';
  data: { kommune: string; alias: string; reason?: string | null };
};

export type CommitteeCommand = MergeCommittees | SplitCommittee;

export class CommitteeMergeError extends AppError {
  constructor(code: 'self' | 'already-merged' | 'not-merged', detail: string, extensions: Record<string, unknown>) {
    const titles = {
      self: 'Committee merged with itself',
      'already-merged': 'Committee already merged',
      'not-merged': 'Committee not merged',
    } as const;
    super(
      `committee.${code === 'self' ? 'merge-self' : code}`,
      code === 'already-merged' ? 'conflict' : 'invalid',
      titles[code],
      detail,
      extensions,
    );
  }
}

/**
 * decideCommittees(command, merges, known) → the merge or split event.
 * Pure. `known`: the kommune's committees (every key they were printed
 * with), against which names are resolved by the registry's one rule; a
 * name it does not know, or could mean two, is refused.
 */
export function decideCommittees(command: CommitteeCommand, merges: CommitteeMerges, known: CommitteeRegistry): CommitteeEvent[] {
  const d = command.data;
  const kommune = kommuneName(d.kommune);
  const reason = d.reason?.trim() || null;
  if (command.type === 'SplitCommittee') {
    const alias = resolved(known, d.alias, merges);
    const from = merges.into.get(alias.committeeKey);
    if (!from) {
      throw new CommitteeMergeError('not-merged', `${alias.committee} is not merged into another committee: there is nothing to split.`, {
        committeeKey: alias.committeeKey,
      });
    }
    return [{ type: COMMITTEE_EVENT_TYPES.split, data: { kommune, alias, from, reason } }];
  }
  const alias = resolved(known, d.alias, merges);
  const target = resolved(known, command.data.into, merges);
  const into = mergedStop(merges, target);
  // The same merge again records nothing.
  if (merges.into.get(alias.committeeKey)?.committeeKey === into.committeeKey) return [];
  if (into.committeeKey === alias.committeeKey || canonicalKey(merges, alias.committeeKey) === into.committeeKey) {
    throw new CommitteeMergeError('self', `${alias.committee} and ${target.committee} are already one committee.`, {
      committeeKey: alias.committeeKey,
      into: into.committeeKey,
    });
  }
  const already = merges.into.get(alias.committeeKey);
  if (already) {
    throw new CommitteeMergeError(
      'already-merged',
      `${alias.committee} is merged into ${already.committee}; split it first to merge it elsewhere.`,
      { committeeKey: alias.committeeKey, into: already.committeeKey },
    );
  }
  return [{ type: COMMITTEE_EVENT_TYPES.merged, data: { kommune, alias, into, reason } }];
}

/** A committee of the kommune by name, key or abbreviation (the registry's rule); an alias already merged is known by its key. */
function resolved(known: CommitteeRegistry, name: string, merges: CommitteeMerges): RouteStop {
  const r = resolveCommittee(known, name);
  if (r.kind === 'resolved') return { committee: r.committee.name, committeeKey: r.key };
  const merged = r.kind === 'unknown' ? [...merges.into.keys()].find((k) => k === storedCommitteeKey(name)) : undefined;
  if (merged !== undefined) return { committee: name.trim(), committeeKey: merged };
  throw new UnknownCommitteeError(name.trim(), r.kind === 'ambiguous' ? r.candidates : []);
}

/** A merge or split event's id: the stream and how many came before, so a retried command yields the same id. */
export function committeeEventIdOf(streamName: string, eventsBefore: number): string {
  return uuidFromHash(createHash('sha1').update(`${streamName}\u0000committee\u0000${eventsBefore}`, 'utf8').digest());
}
