import { factsOf, malformedTreatment, type SagEvent, type StoredEvent, type TreatmentFacts } from '@sagsspor/sag';

/**
 * A current treatment record of a sag, as the read models need it: the facts
 * every reader shows (libs/sag), what identifies it, and the wording of an
 * outcome (the decision log shows it). Proposal texts are not kept.
 */
export interface SagRecord extends TreatmentFacts {
  /** eventIdOf(event): the id a later `supersedes` names. */
  readonly id: string;
  readonly position: bigint;
  /** Decided and recommended records only. */
  readonly text: string | null;
}

/** The record an event contributes; throws on a malformed event (the writer skips it, the same way on every run). */
export function recordOf(stored: StoredEvent, event: SagEvent): SagRecord {
  const malformed = malformedTreatment(event);
  if (malformed) throw new Error(malformed);
  const f = factsOf(event);
  return {
    // The recorder stores eventIdOf(event) as the event id, and the audit chain reports any event where the two differ.
    id: stored.metadata.eventId,
    position: stored.position,
    step: f.step,
    committee: shared(f.committee),
    evidence: f.evidence,
    committeeKey: shared(f.committeeKey),
    meetingDate: shared(f.meetingDate),
    item: f.item,
    title: f.title,
    access: f.access,
    outcome: f.outcome,
    recommendedTo: f.recommendedTo,
    text: f.step === 'decided' || f.step === 'recommended' ? event.data.text : null,
  };
}

/**
 * One copy of each committee name and meeting date the cached records keep:
 * every event parsed brings its own copy of strings most records share,
 * which would otherwise outlive the event in the writer's cache.
 */
const sharedStrings = new Map<string, string>();
const SHARED_STRINGS = 20_000;

function shared(text: string): string {
  const known = sharedStrings.get(text);
  if (known !== undefined) return known;
  if (sharedStrings.size >= SHARED_STRINGS) sharedStrings.clear();
  sharedStrings.set(text, text);
  return text;
}
