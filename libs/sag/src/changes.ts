import { CORRECTION_EVENT_TYPES, stepOf, type Correction, type SagRecordEvent, type Step } from './events';
import { VersionTrail, type Provenance, type RecordedSagEvent, type TimelineEntry } from './history';
import { evolve, initialState, type SagState } from './state';
import { accessUnder, factsOf, proposalUnder } from './treatment-view';

/**
 * One change to a sag's record, in record time: a treatment recorded, a
 * record enriched (a richer source), corrected, or withdrawn from source.
 */
export interface RecordChange {
  readonly kind: 'recorded' | 'enriched' | 'corrected' | 'withdrawn';
  readonly step: Step;
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly item: number | null;
  /** The id of the record this change replaces or withdraws, else null. */
  readonly supersedes: string | null;
  /** A withdrawal: every record of the treatment it withdraws. */
  readonly withdraws?: readonly string[];
  /** Corrections and withdrawals: why, and on whose word. */
  readonly correction?: Correction;
  /** The record as it read before the change (null: none); after (null: withdrawn). */
  readonly before: TimelineEntry | null;
  readonly after: TimelineEntry | null;
  /** The event that made the change. */
  readonly provenance: Provenance;
}

/**
 * What changed on a sag after a point in record time (`since` says which
 * events are already known), oldest first, each with before and after as the
 * sag's history showed that record at the time.
 */
export function changesOf(recorded: readonly RecordedSagEvent[], known: (p: Provenance) => boolean): RecordChange[] {
  const trail = new VersionTrail(recorded);
  const out: RecordChange[] = [];
  let state: SagState = initialState;
  for (const r of recorded) {
    const beforeState = state;
    const replaced = trail.replaced(state, r.event);
    state = evolve(state, r.event);
    if (known(r.provenance)) continue;
    const d = r.event.data;
    const withdrawal = r.event.type === CORRECTION_EVENT_TYPES.withdrawn;
    const before = replaced ? entryIn(beforeState, trail, replaced.event as SagRecordEvent) : null;
    out.push({
      kind: withdrawal ? 'withdrawn' : d.correction ? 'corrected' : before ? 'enriched' : 'recorded',
      step: stepOf(r.event),
      committeeKey: d.committeeKey,
      meetingDate: d.meetingDate,
      item: d.item,
      supersedes: d.supersedes,
      ...(r.event.type === CORRECTION_EVENT_TYPES.withdrawn ? { withdraws: r.event.data.withdraws } : {}),
      ...(d.correction ? { correction: d.correction } : {}),
      before,
      after: withdrawal ? null : entryIn(state, trail, r.event as SagRecordEvent),
      provenance: r.provenance,
    });
  }
  return out;
}

/** A record's entry as the history showed it in that state: as open as its proposal then. */
function entryIn(state: SagState, trail: VersionTrail, event: SagRecordEvent): TimelineEntry {
  const facts = state.records.map((r) => factsOf(r.event));
  const access = accessUnder(proposalUnder(factsOf(event), facts));
  const { versions: _earlier, ...entry } = trail.entryOf(event, access);
  return entry;
}
