import {
  CORRECTION_EVENT_TYPES,
  EVENT_TYPES,
  STEPS,
  type Correction,
  type SagRecordEvent,
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
import { storedCommitteeKey } from './identity';
import { evolve, initialState, type SagState, type TreatmentRecord } from './state';
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
  /** Whether this record, or an earlier version of it, is a correction. */
  readonly corrected: boolean;
  /** Set when this version is a correction: why, and on whose word. */
  readonly correction?: Correction;
  /** Earlier versions of this record, oldest first; only when there are any. For auditors: readers get none. */
  readonly versions?: readonly EarlierVersion[];
  /** Set when the record was withdrawn from source. For auditors: readers never get such an entry. */
  readonly withdrawn?: Withdrawal;
}

/** A version of a record before it was enriched or corrected: what it said, and who recorded it when from what. */
export type EarlierVersion = Pick<
  TimelineEntry,
  'item' | 'text' | 'evidence' | 'outcome' | 'recommendedTo' | 'title' | 'proposedBy' | 'reason' | 'correction' | 'provenance'
> & {
  /** A proposal's own access then. */
  readonly access?: Access;
};

export interface Withdrawal extends Correction {
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
  const trail = new VersionTrail(recorded);
  const state = recorded.reduce<SagState>((s, r) => trail.evolve(s, r.event), initialState);
  const current = state.records.map((r) => r.event as SagRecordEvent);
  const gone = trail.withdrawn();
  const facts = [...current, ...gone.map((g) => g.record)].map(factsOf);
  // proposalUnder looks at proposals only: handing it just those keeps a long sag's fold from going quadratic in all its records.
  const proposals = facts.filter((f) => f.step === 'proposed');
  const accessOf = (i: number) => accessUnder(proposalUnder(facts[i] as TreatmentFacts, proposals));
  const timeline = withResolvedResumes(
    [
      ...current.map((e, i) => trail.entryOf(e, accessOf(i))),
      ...gone.map((g, i) => trail.entryOf(g.record, accessOf(current.length + i), g.withdrawal)),
    ].sort(compareEntries),
  );
  const sag = state.sag ?? { kommune: last.event.data.kommune, sagsnummer: last.event.data.sagsnummer };
  const shown = timeline.filter((e) => !e.withdrawn);
  return {
    kommune: sag.kommune,
    sagsnummer: sag.sagsnummer,
    ...headlineOf(
      shown.map((e) => ({ step: e.kind, title: e.title ?? null, access: e.access, outcome: e.outcome ?? null, evidence: e.evidence })),
    ),
    revision: last.provenance.revision,
    timeline,
    quality: qualityOf(shown),
  };
}

/**
 * The provenance and earlier versions of every record of a stream, folded
 * beside evolve. Keyed by the event itself: evolve keeps each record's event
 * object, and a stored id that differs from the derived one must not borrow
 * another's provenance.
 */
export class VersionTrail {
  private readonly provenance: Map<SagEvent, Provenance>;
  private readonly earlier = new Map<SagEvent, EarlierVersion[]>();
  /** Each withdrawal's records; a record recorded again after it is taken out. */
  private readonly withdrawnBy = new Map<SagEvent, SagRecordEvent[]>();

  constructor(recorded: readonly RecordedSagEvent[]) {
    this.provenance = new Map(recorded.map((r) => [r.event, r.provenance]));
  }

  /** evolve, remembering what the event supersedes or withdraws. */
  evolve(state: SagState, event: SagEvent): SagState {
    this.replaced(state, event);
    return evolve(state, event);
  }

  /** The record an event supersedes (or, for a withdrawal, its main record), remembered as its earlier version. */
  replaced(state: SagState, event: SagEvent): TreatmentRecord | undefined {
    if (event.type === CORRECTION_EVENT_TYPES.withdrawn) {
      const gone = new Set(event.data.withdraws);
      this.withdrawnBy.set(
        event,
        state.records.filter((r) => gone.has(r.id)).map((r) => r.event as SagRecordEvent),
      );
      return state.records.find((r) => r.id === event.data.supersedes);
    }
    const id = event.data.supersedes;
    if (!id) return undefined;
    const before = state.records.find((r) => r.id === id);
    if (before) {
      // A correction keeps what it corrects; an enrichment (a richer source of the same) only carries the versions on,
      // so documents imported in any order still give the same history.
      const versions = this.earlier.get(before.event) ?? [];
      this.earlier.set(event, event.data.correction ? [...versions, this.versionOf(before.event as SagRecordEvent)] : versions);
      return before;
    }
    // Recorded again after a withdrawal: it continues the versions of the record of its step withdrawn then.
    const withdrawal = (state.withdrawn ?? []).find((w) => w.id === id);
    const records = withdrawal ? (this.withdrawnBy.get(withdrawal.event) ?? []) : [];
    const prior = records.find((r) => stepOf(r) === stepOf(event));
    if (withdrawal && prior) {
      this.earlier.set(event, [...(this.earlier.get(prior) ?? []), this.versionOf(prior)]);
      this.withdrawnBy.set(
        withdrawal.event,
        records.filter((r) => r !== prior),
      );
    }
    return undefined;
  }

  /** Records withdrawn and not recorded again since, each with its withdrawal. */
  withdrawn(): { record: SagRecordEvent; withdrawal: SagEvent }[] {
    return [...this.withdrawnBy].flatMap(([withdrawal, records]) => records.map((record) => ({ record, withdrawal })));
  }

  provenanceOf(event: SagEvent): Provenance {
    const found = this.provenance.get(event);
    if (!found) throw new Error('A timeline record has no recorded event behind it');
    return found;
  }

  /** The timeline entry of a current record, or of a withdrawn one with its withdrawal. */
  entryOf(event: SagRecordEvent, access: Access, withdrawal?: SagEvent): TimelineEntry {
    const versions = this.earlier.get(event);
    // A fresh object from toEntry: completed by assignment (no copies on the fold's hot path).
    const entry = toEntry(event, access, this.provenanceOf(event)) as MutableEntry;
    if (versions && versions.length > 0) {
      entry.corrected ||= versions.some((v) => v.correction);
      entry.versions = versions;
    }
    const c = withdrawal?.data.correction;
    if (withdrawal && c) entry.withdrawn = { reason: c.reason, source: c.source, provenance: this.provenanceOf(withdrawal) };
    return entry;
  }

  private versionOf(event: SagRecordEvent): EarlierVersion {
    const e = toEntry(event, 'open', this.provenanceOf(event));
    return {
      item: e.item,
      text: e.text,
      evidence: e.evidence,
      ...(e.outcome !== undefined ? { outcome: e.outcome } : {}),
      ...(e.recommendedTo !== undefined ? { recommendedTo: e.recommendedTo } : {}),
      ...(e.title !== undefined ? { title: e.title, proposedBy: e.proposedBy ?? null } : {}),
      ...(event.type === EVENT_TYPES.proposed ? { access: event.data.access } : {}),
      ...(e.reason !== undefined ? { reason: e.reason } : {}),
      ...(e.correction ? { correction: e.correction } : {}),
      provenance: e.provenance,
    };
  }
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

type MutableEntry = { -readonly [K in keyof TimelineEntry]: TimelineEntry[K] };

/**
 * The entry of one record as it reads on its own (`corrected` from its own data only).
 * Built by assignment, not spreads: folding is what GET /sager/{k}/{n} spends its time on. Field order is the JSON's.
 */
export function toEntry(event: SagRecordEvent, access: Access, provenance: Provenance): TimelineEntry {
  const d = event.data;
  const entry: MutableEntry = {
    date: d.meetingDate,
    committee: d.committee,
    committeeKey: storedCommitteeKey(d.committeeKey),
    item: d.item,
    kind: stepOf(event),
    text: d.text,
    access,
    evidence: d.evidence,
    provenance,
    corrected: Boolean(d.correction),
  };
  if (d.correction) entry.correction = d.correction;
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
