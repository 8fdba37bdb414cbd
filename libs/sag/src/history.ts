import {
  EVENT_TYPES,
  STEPS,
  stepOf,
  type Access,
  type Evidence,
  type Outcome,
  type QualityNote,
  type ResumedTreatment,
  type SagEvent,
  type Step,
  type Votes,
} from './events';
import { evolve, initialState, type SagState } from './state';
import { sameTreatment } from './treatment';
import { accessUnder, factsOf, headlineOf, proposalUnder, type SagStatus, type TreatmentFacts } from './treatment-view';

/** Where a record came from: answers "who recorded this, when, from what". */
export interface Provenance {
  readonly eventId: string;
  readonly revision: number;
  readonly position: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly source: unknown;
}

export interface RecordedSagEvent {
  readonly event: SagEvent;
  readonly provenance: Provenance;
}

export interface TimelineEntry {
  readonly date: string;
  readonly committee: string;
  readonly committeeKey: string;
  readonly item: number | null;
  readonly kind: Step;
  readonly text: string;
  readonly access: Access;
  readonly evidence: Evidence;
  readonly outcome?: Outcome;
  readonly recommendedTo?: string;
  readonly title?: string;
  readonly proposedBy?: string | null;
  readonly reason?: string;
  readonly resumes?: ResumedTreatment;
  /** Outcomes only, and only when the text states a vote. */
  readonly votes?: Votes;
  /** Outcomes only, and only when someone was absent. */
  readonly absent?: readonly string[];
  /** Only when the record carries data-quality notes. */
  readonly quality?: readonly QualityNote[];
  readonly provenance: Provenance;
}

/** A data-quality note with the record it concerns: the sag's "what is inferred rather than read". */
export interface QualityEntry extends QualityNote {
  readonly treatmentEventId: string;
  /** The record's access: a closed item's note may quote its text. */
  readonly access: Access;
}

export interface SagHistory {
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly title: string | null;
  readonly status: SagStatus;
  readonly access: Access;
  readonly revision: number;
  readonly timeline: TimelineEntry[];
  /** Every data-quality note of the current records, in timeline order. */
  readonly quality: QualityEntry[];
}

/** Folds a stream (in stream order) into the history people read. */
export function buildHistory(recorded: readonly RecordedSagEvent[]): SagHistory | null {
  const last = recorded[recorded.length - 1];
  if (!last) return null;
  // Keyed by the event itself: evolve keeps each record's event object, and a
  // stored id that differs from the derived one must not borrow another's provenance.
  const provenance = new Map<SagEvent, Provenance>(recorded.map((r) => [r.event, r.provenance]));
  const state = recorded.reduce<SagState>((s, r) => evolve(s, r.event), initialState);
  const facts = state.records.map((r) => factsOf(r.event));
  // proposalUnder looks at proposals only: handing it just those keeps a long sag's fold from going quadratic in all its records.
  const proposals = facts.filter((f) => f.step === 'proposed');
  const timeline = withResolvedResumes(
    state.records
      .map((r, i) => toEntry(r.event, accessUnder(proposalUnder(facts[i] as TreatmentFacts, proposals)), provenanceOf(provenance, r.event)))
      .sort(compareEntries),
  );
  const sag = state.sag ?? { kommune: last.event.data.kommune, sagsnummer: last.event.data.sagsnummer };
  return {
    kommune: sag.kommune,
    sagsnummer: sag.sagsnummer,
    ...headlineOf(
      timeline.map((e) => ({ step: e.kind, title: e.title ?? null, access: e.access, outcome: e.outcome ?? null, evidence: e.evidence })),
    ),
    revision: last.provenance.revision,
    timeline,
    quality: qualityOf(timeline),
  };
}

/** The notes of a timeline's records, each with the id of the record it concerns. */
export function qualityOf(timeline: readonly TimelineEntry[]): QualityEntry[] {
  return timeline.flatMap((e) =>
    (e.quality ?? []).map((q) => ({
      treatmentEventId: e.provenance.eventId,
      document: q.document,
      line: q.line,
      message: q.message,
      access: e.access,
    })),
  );
}

function provenanceOf(provenance: ReadonlyMap<SagEvent, Provenance>, event: SagEvent): Provenance {
  const found = provenance.get(event);
  if (!found) throw new Error('A timeline record has no recorded event behind it');
  return found;
}

type MutableEntry = { -readonly [K in keyof TimelineEntry]: TimelineEntry[K] };

/** Built by assignment, not spreads: folding is what GET /sager/{k}/{n} spends its time on. Field order is the JSON's. */
function toEntry(event: SagEvent, access: Access, provenance: Provenance): TimelineEntry {
  const d = event.data;
  const entry: MutableEntry = {
    date: d.meetingDate,
    committee: d.committee,
    committeeKey: d.committeeKey,
    item: d.item,
    kind: stepOf(event),
    text: d.text,
    access,
    evidence: d.evidence,
    provenance,
  };
  switch (event.type) {
    case EVENT_TYPES.proposed:
      entry.title = event.data.title;
      entry.proposedBy = event.data.proposedBy;
      break;
    case EVENT_TYPES.recommended:
      entry.recommendedTo = event.data.recommendedTo;
      break;
    case EVENT_TYPES.decided:
      entry.outcome = event.data.outcome;
      break;
    case EVENT_TYPES.genoptaget:
      entry.reason = event.data.reason;
      entry.resumes = event.data.resumes;
      break;
  }
  const outcome = event.type === EVENT_TYPES.recommended || event.type === EVENT_TYPES.decided ? event.data : null;
  if (outcome?.votes) entry.votes = outcome.votes;
  if (outcome && outcome.absent.length > 0) entry.absent = outcome.absent;
  if (d.quality.length > 0) entry.quality = d.quality;
  return entry;
}

/**
 * Each genoptagelse names the postponed treatment as it is known now: that
 * record may have been enriched (an item number learned from the committee's
 * own minutes) after the genoptagelse was recorded. Works on any timeline,
 * so the read models resolve exactly as the stream history does.
 */
export function withResolvedResumes(timeline: TimelineEntry[]): TimelineEntry[] {
  return timeline.map((entry) => {
    const resumes = entry.resumes;
    if (entry.kind !== 'genoptaget' || !resumes) return entry;
    const postponed = timeline.find(
      (e) =>
        e.kind === 'decided' &&
        e.outcome === 'postponed' &&
        sameTreatment({ committeeKey: e.committeeKey, meetingDate: e.date, item: e.item }, resumes),
    );
    return postponed && postponed.item !== resumes.item ? { ...entry, resumes: { ...resumes, item: postponed.item } } : entry;
  });
}

const STEP_RANK: Record<Step, number> = { proposed: 0, genoptaget: 1, recommended: 2, decided: 2 };

/** What business order looks at, in a timeline entry or any record of a treatment step. */
export interface BusinessOrdered {
  readonly meetingDate: string;
  readonly item: number | null;
  readonly step: Step;
  readonly committeeKey: string;
}

/** Business order: meeting date, item, lifecycle step — never arrival order. */
export function compareBusinessOrder(a: BusinessOrdered, b: BusinessOrdered): number {
  return businessOrder(a.meetingDate, a.item, a.step, a.committeeKey, b.meetingDate, b.item, b.step, b.committeeKey);
}

/** Business order of timeline entries (their own field names; no copy per comparison). */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return businessOrder(a.date, a.item, a.kind, a.committeeKey, b.date, b.item, b.kind, b.committeeKey);
}

// prettier-ignore
function businessOrder(
  aDate: string, aItem: number | null, aStep: Step, aKey: string,
  bDate: string, bItem: number | null, bStep: Step, bKey: string,
): number {
  return (
    cmp(aDate, bDate) ||
    cmp(aItem ?? Number.MAX_SAFE_INTEGER, bItem ?? Number.MAX_SAFE_INTEGER) ||
    STEP_RANK[aStep] - STEP_RANK[bStep] ||
    cmp(aKey, bKey) ||
    STEPS.indexOf(aStep) - STEPS.indexOf(bStep)
  );
}

function cmp<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
