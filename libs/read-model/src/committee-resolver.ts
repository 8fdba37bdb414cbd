import {
  canonicalKey,
  committeeKey,
  isAbbreviation,
  keysOfCommittee,
  registryOfNames,
  resolveCommittee,
  type CommitteeMerges,
  type CommitteeRegistry,
} from '@sagsspor/sag';
import { InvalidReadQueryError } from './errors';
import type { CommitteeSummary } from './model';

/** A committee as queries filter by it: its key, and every key its rows may be stored by. */
export interface ResolvedCommittee {
  readonly key: string;
  readonly keys: readonly string[];
}

export type ResolveCommittee = (text: string, field: string) => ResolvedCommittee;

/** Whether resolving these texts needs the kommune's committees: only an abbreviation does, a name's key is its spelling's. */
export function needsRegistry(...texts: readonly unknown[]): boolean {
  return texts.some((t) => typeof t === 'string' && isAbbreviation(t));
}

/** The kommune's committees as the registry knows them: every name each was printed with. */
export function registryOfCommittees(
  kommune: string,
  committees: readonly Pick<CommitteeSummary, 'committee' | 'aliases'>[],
): CommitteeRegistry {
  return registryOfNames(
    kommune,
    committees.flatMap((c) => [c.committee, ...c.aliases]),
  );
}

/**
 * A committee named in a query (name, key or abbreviation) by the
 * registry's one rule (libs/sag's resolveCommittee), then through the
 * kommune's merges. An abbreviation that could mean two committees is
 * refused; a name no committee has is kept by its spelling (it lists nothing).
 */
export function committeeResolver(merges: CommitteeMerges, registry: CommitteeRegistry | null): ResolveCommittee {
  return (text, field) => {
    const r = registry ? resolveCommittee(registry, text) : null;
    if (r?.kind === 'ambiguous') {
      throw new InvalidReadQueryError(`"${text}" could mean ${r.candidates.join(' or ')}; name the committee in full`, field);
    }
    const raw = r?.kind === 'resolved' ? r.key : committeeKey(text);
    return { key: canonicalKey(merges, raw), keys: keysOfCommittee(merges, raw) };
  };
}
