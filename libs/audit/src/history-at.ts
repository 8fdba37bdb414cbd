import { buildHistory, type Provenance, type RecordedSagEvent, type SagHistory } from '@sagsspor/sag';
import { describeKnownAt, type HistoryCut, type KnownAt } from './cut';

/** A history and the cut it was computed at; null fields mean "not cut". */
export interface SagHistoryAt extends SagHistory {
  readonly asOf: string | null;
  readonly knownAt: string | null;
}

/**
 * The stream as the system had recorded it by then. Always a prefix of the
 * stream: each event was decided against everything before it (a superseding
 * record names the record it replaces), so once one event is past the cut,
 * nothing appended after it can have been known either, whatever its clock.
 */
export function knownBy<T extends { readonly provenance: Provenance }>(recorded: readonly T[], knownAt: KnownAt | null): readonly T[] {
  if (knownAt === null) return recorded;
  const end = recorded.findIndex((r) => !isKnownBy(r.provenance, knownAt));
  return end < 0 ? recorded : recorded.slice(0, end);
}

function isKnownBy(p: Provenance, knownAt: KnownAt): boolean {
  if (knownAt.kind === 'position') return BigInt(p.position) <= knownAt.position;
  // An unreadable timestamp is never "known by" any instant: the cut stops before it.
  return Date.parse(p.recordedAt) <= knownAt.epochMs;
}

/**
 * Treatments at meetings on or before asOf. Filtering events (rather than
 * timeline entries) is exact because a superseding record always belongs to
 * the same meeting as the record it replaces.
 */
export function treatedBy(recorded: readonly RecordedSagEvent[], asOf: string | null): readonly RecordedSagEvent[] {
  return asOf === null ? recorded : recorded.filter((r) => r.event.data.meetingDate <= asOf);
}

/**
 * The sag at a cut: record time first (what was known), then business time
 * (which of those treatments had happened). Null when nothing is left.
 * `revision` is that of the last event known at the cut, whatever asOf hides:
 * it names the state of knowledge the answer was computed from.
 */
export function historyAt(recorded: readonly RecordedSagEvent[], cut: HistoryCut): SagHistoryAt | null {
  const known = knownBy(recorded, cut.knownAt);
  const last = known[known.length - 1];
  const history = buildHistory(treatedBy(known, cut.asOf));
  if (!last || !history) return null;
  return {
    ...history,
    revision: last.provenance.revision,
    asOf: cut.asOf,
    knownAt: cut.knownAt === null ? null : describeKnownAt(cut.knownAt),
  };
}
