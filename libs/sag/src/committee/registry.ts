import { committeeDisplayName, committeeKey, committeePeriod } from '../identity';
import { UnknownCommitteeError } from '../route/route-errors';
import { abbreviationsOf, isAbbreviation } from './naming';

/** One committee of one kommune, with everything it has been called. */
export interface CommitteeRecord {
  readonly key: string;
  /** The name to show: the spelling of its latest period, capitalised as printed. */
  readonly name: string;
  readonly periods: readonly string[];
  /** Every spelling seen, without period, lower-cased. */
  readonly spellings: readonly string[];
  /** Abbreviations from the name's initials and from documents' own usage. */
  readonly abbreviations: readonly string[];
}

export interface CommitteeRegistry {
  readonly kommune: string;
  readonly committees: ReadonlyMap<string, CommitteeRecord>;
  /** Abbreviation → the committees documents used it for (by their own minutes' item prefixes). */
  readonly usage: ReadonlyMap<string, readonly string[]>;
  /** Every printed spelling, to choose display names independently of arrival order. */
  readonly printed: ReadonlyMap<string, readonly string[]>;
}

export type CommitteeResolution =
  | { readonly kind: 'resolved'; readonly key: string; readonly committee: CommitteeRecord }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  | { readonly kind: 'unknown'; readonly key: string };

export function emptyCommitteeRegistry(kommune: string): CommitteeRegistry {
  return { kommune, committees: new Map(), usage: new Map(), printed: new Map() };
}

/**
 * The registry with this printed committee name in it. Folding the same
 * names in any order gives the same registry.
 */
export function withCommittee(registry: CommitteeRegistry, printedName: string): CommitteeRegistry {
  const key = committeeKey(printedName);
  if (!key) return registry;
  const printed = new Map(registry.printed);
  printed.set(key, sortedUnique([...(printed.get(key) ?? []), committeeDisplayNameWithPeriod(printedName)]));
  const committees = new Map(registry.committees);
  committees.set(key, recordOf(key, printed.get(key) ?? [], registry.usage));
  return { ...registry, committees, printed };
}

/** The registry having seen a document use `abbreviation` for the committee named `committeeName`. */
export function withAbbreviationUsage(registry: CommitteeRegistry, abbreviation: string, committeeName: string): CommitteeRegistry {
  const abbr = abbreviation.normalize('NFC').trim();
  if (!isAbbreviation(abbr)) return registry;
  const withIt = withCommittee(registry, committeeName);
  const key = committeeKey(committeeName);
  const usage = new Map(withIt.usage);
  usage.set(abbr, sortedUnique([...(usage.get(abbr) ?? []), key]));
  const committees = new Map(withIt.committees);
  committees.set(key, recordOf(key, withIt.printed.get(key) ?? [], usage));
  return { ...withIt, committees, usage };
}

/** The registry of a kommune's committees from every name they were printed with (abbreviations are resolved, never registered). */
export function registryOfNames(kommune: string, names: Iterable<string>): CommitteeRegistry {
  return [...names].filter((n) => n.trim() !== '' && !isAbbreviation(n)).reduce(withCommittee, emptyCommitteeRegistry(kommune));
}

/**
 * Which committee a printed name or abbreviation means. An abbreviation is
 * resolved by documents' own usage first, then by initials; when two
 * committees could be meant, the answer is ambiguous, never a guess.
 */
export function resolveCommittee(registry: CommitteeRegistry, printed: string): CommitteeResolution {
  const text = printed.normalize('NFC').trim();
  if (isAbbreviation(text)) {
    const used = registry.usage.get(text) ?? [];
    const byInitials = [...registry.committees.values()].filter((c) => c.abbreviations.includes(text)).map((c) => c.key);
    const candidates = [...(used.length > 0 ? used : byInitials)].sort();
    return one(registry, candidates, text.toLocaleLowerCase('da'));
  }
  const key = committeeKey(text);
  const committee = registry.committees.get(key);
  return committee ? { kind: 'resolved', key, committee } : { kind: 'unknown', key };
}

export interface CommitteeAliases {
  /** The latest period, and every period seen, oldest first. */
  readonly period: string | null;
  readonly periods: readonly string[];
  /** Its spellings, then its abbreviations. */
  readonly aliases: readonly string[];
}

/** A committee with its periods and aliases, from every name it was printed with (its merged aliases' names too). */
export function withAliases<C extends object>(committee: C, names: Iterable<string>): C & CommitteeAliases {
  const records = [...[...names].reduce(withCommittee, emptyCommitteeRegistry('')).committees.values()];
  const periods = sortedUnique(records.flatMap((r) => r.periods));
  const aliases = [...sortedUnique(records.flatMap((r) => r.spellings)), ...sortedUnique(records.flatMap((r) => r.abbreviations))];
  return { ...committee, period: periods[periods.length - 1] ?? null, periods, aliases: [...new Set(aliases)] };
}

/** The committee a name, key or abbreviation means, as a route stop; UnknownCommitteeError when none or two. */
export function knownCommittee(registry: CommitteeRegistry, name: string): { committee: string; committeeKey: string } {
  const r = resolveCommittee(registry, name);
  if (r.kind !== 'resolved') throw new UnknownCommitteeError(name.trim(), r.kind === 'ambiguous' ? r.candidates : []);
  return { committee: r.committee.name, committeeKey: r.key };
}

function one(registry: CommitteeRegistry, candidates: readonly string[], unknownKey: string): CommitteeResolution {
  const [only, ...rest] = candidates;
  const committee = only === undefined ? undefined : registry.committees.get(only);
  if (only !== undefined && committee && rest.length === 0) return { kind: 'resolved', key: only, committee };
  return candidates.length > 1 ? { kind: 'ambiguous', candidates } : { kind: 'unknown', key: unknownKey };
}

function recordOf(key: string, printed: readonly string[], usage: ReadonlyMap<string, readonly string[]>): CommitteeRecord {
  const periods = sortedUnique(printed.map(committeePeriod).filter((p): p is string => p !== null));
  const used = [...usage].filter(([, keys]) => keys.includes(key)).map(([abbr]) => abbr);
  return {
    key,
    name: displayName(printed),
    periods,
    spellings: sortedUnique(printed.map((p) => committeeDisplayName(p).toLocaleLowerCase('da'))),
    abbreviations: sortedUnique([...printed.flatMap(abbreviationsOf), ...used]),
  };
}

/** The latest period's spelling; among those, one printed with capitals; then a fixed order. */
function displayName(printed: readonly string[]): string {
  const ranked = [...printed].sort(
    (a, b) =>
      (committeePeriod(b) ?? '').localeCompare(committeePeriod(a) ?? '') ||
      Number(hasCapital(b)) - Number(hasCapital(a)) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  return committeeDisplayName(ranked[0] ?? '');
}

const hasCapital = (s: string): boolean => s !== s.toLocaleLowerCase('da');

/** Kept with the period so the registry remembers each period seen. */
const committeeDisplayNameWithPeriod = (name: string): string => {
  const period = committeePeriod(name);
  return period ? `${committeeDisplayName(name)} - ${period}` : committeeDisplayName(name);
};

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
