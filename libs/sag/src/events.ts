/**
 * The Sag stream's events. Type names are stable and carry their schema
 * version: a change of meaning gets a new name (".v2"), never a silent edit.
 */
export const OUTCOMES = ['approved', 'noted', 'discussed', 'rejected', 'postponed', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const STEPS = ['proposed', 'genoptaget', 'recommended', 'decided'] as const;
export type Step = (typeof STEPS)[number];

export type Access = 'open' | 'closed';

/**
 * `direct`: from the committee's own minutes, or recorded by a clerk.
 * `reference`: known only from another body's document ("Sagens forløb", a
 * decision block of another committee). A direct record enriches a reference.
 */
export type Evidence = 'direct' | 'reference';

/** How the parties voted ("V", "Ø" as printed); members who took no part, by name. */
export interface Votes {
  readonly for: readonly string[];
  readonly against: readonly string[];
  readonly abstained: readonly string[];
  readonly notTakingPart: readonly string[];
}

/**
 * A data-quality note on a record: what an import could not read for
 * certain (a phrasing not recognised, a class guessed, a body not named),
 * with where it read it, so a reader knows which entries are inferred.
 */
export interface QualityNote {
  readonly document: string;
  /** 1-based line in that document, when known. */
  readonly line: number | null;
  readonly message: string;
}

export interface TreatmentData {
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly committee: string;
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly item: number | null;
  /** The original wording, as printed or typed. */
  readonly text: string;
  readonly evidence: Evidence;
  /** Event id of the earlier record of this same treatment step that this one enriches. */
  readonly supersedes: string | null;
  /** Since v2; empty when read from v1. */
  readonly quality: readonly QualityNote[];
  /**
   * Set on a record that corrects the one it `supersedes` (stored as
   * SagTreatmentCorrected.v1, see correction.ts): why, and on whose word.
   */
  readonly correction?: Correction;
}

/** Who says a record was wrong: a clerk, or a newer version of the document it was read from. */
export type CorrectionSource =
  | { readonly kind: 'clerk'; readonly clerk: string }
  | { readonly kind: 'document'; readonly name: string; readonly sha256: string };

export interface Correction {
  readonly reason: string;
  readonly source: CorrectionSource;
}

/** What a committee's outcome (a recommendation or a decision) records beside its text. Since v2. */
export interface OutcomeData {
  /** Null when the text states no vote. */
  readonly votes: Votes | null;
  /** Members absent from this item ("Afbud", "Fraværende"), lifted out of the text. */
  readonly absent: readonly string[];
}

export interface SagProposedData extends TreatmentData {
  readonly title: string;
  readonly proposedBy: string | null;
  readonly proposal: string;
  readonly access: Access;
}

export interface SagRecommendedData extends TreatmentData, OutcomeData {
  readonly recommendedTo: string;
}

export interface SagDecidedData extends TreatmentData, OutcomeData {
  readonly outcome: Outcome;
}

export interface ResumedTreatment {
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly item: number | null;
}

export interface SagGenoptagetData extends TreatmentData {
  readonly reason: string;
  readonly resumes: ResumedTreatment;
}

/**
 * The types written now. v2 added `quality` to every step and `votes` and
 * `absent` to recommendations and decisions; nothing else changed meaning,
 * so a v1 event reads as v2 with those empty (see decodeSagEvent).
 */
export const EVENT_TYPES = {
  proposed: 'SagProposed.v2',
  recommended: 'SagRecommended.v2',
  decided: 'SagDecided.v2',
  genoptaget: 'SagGenoptaget.v2',
} as const;

/** Types earlier versions wrote; still read. */
export const V1_EVENT_TYPES = {
  proposed: 'SagProposed.v1',
  recommended: 'SagRecommended.v1',
  decided: 'SagDecided.v1',
  genoptaget: 'SagGenoptaget.v1',
} as const;

export type SagProposed = { type: typeof EVENT_TYPES.proposed; data: SagProposedData };
export type SagRecommended = { type: typeof EVENT_TYPES.recommended; data: SagRecommendedData };
export type SagDecided = { type: typeof EVENT_TYPES.decided; data: SagDecidedData };
export type SagGenoptaget = { type: typeof EVENT_TYPES.genoptaget; data: SagGenoptagetData };

/**
 * A treatment withdrawn from source: the newer version of its document no
 * longer has it. Names its records (`withdraws`; `supersedes` is its latest
 * step's) and where it was; `text` is empty. Nothing is deleted: the records
 * are no longer current.
 */
export interface SagWithdrawnData extends TreatmentData {
  /** The step of the record `supersedes` names. */
  readonly step: Step;
  /** Every record of the treatment withdrawn. */
  readonly withdraws: readonly string[];
  readonly correction: Correction;
}

/** Corrections (a record replaced by a corrected one) and withdrawals; since issue 16. */
export const CORRECTION_EVENT_TYPES = {
  corrected: 'SagTreatmentCorrected.v1',
  withdrawn: 'SagTreatmentWithdrawn.v1',
} as const;

export type SagWithdrawn = { type: typeof CORRECTION_EVENT_TYPES.withdrawn; data: SagWithdrawnData };

/** A treatment record: anything but a withdrawal. */
export type SagRecordEvent = SagProposed | SagRecommended | SagDecided | SagGenoptaget;

export type SagEvent = SagRecordEvent | SagWithdrawn;

type StoredSagEventType = SagEvent['type'] | (typeof V1_EVENT_TYPES)[keyof typeof V1_EVENT_TYPES] | typeof CORRECTION_EVENT_TYPES.corrected;

const CURRENT_OF: ReadonlyMap<string, SagEvent['type']> = new Map([
  ...Object.values(EVENT_TYPES).map((t) => [t, t] as const),
  [V1_EVENT_TYPES.proposed, EVENT_TYPES.proposed],
  [V1_EVENT_TYPES.recommended, EVENT_TYPES.recommended],
  [V1_EVENT_TYPES.decided, EVENT_TYPES.decided],
  [V1_EVENT_TYPES.genoptaget, EVENT_TYPES.genoptaget],
  [CORRECTION_EVENT_TYPES.withdrawn, CORRECTION_EVENT_TYPES.withdrawn],
]);

const STEP_TYPE: Record<Step, SagRecordEvent['type']> = {
  proposed: EVENT_TYPES.proposed,
  recommended: EVENT_TYPES.recommended,
  decided: EVENT_TYPES.decided,
  genoptaget: EVENT_TYPES.genoptaget,
};

/** Any version of a Sag event type that a stream may hold. */
export function isSagEventType(type: string): type is StoredSagEventType {
  return CURRENT_OF.has(type) || type === CORRECTION_EVENT_TYPES.corrected;
}

/**
 * A stored Sag event, of any version, as the current version (null for
 * other event types). Sag events enter a store only through decide(), so
 * the type name says which shape the data has; what a later version added
 * is filled in empty for an earlier one.
 */
export function decodeSagEvent(type: string, data: unknown): SagEvent | null {
  if (type === CORRECTION_EVENT_TYPES.corrected) return decodeCorrected(data);
  const current = CURRENT_OF.get(type);
  if (current === undefined) return null;
  if (current === type) return { type, data } as SagEvent;
  const d = data as Record<string, unknown>;
  const upcast =
    current === EVENT_TYPES.recommended || current === EVENT_TYPES.decided
      ? { ...d, quality: [], votes: null, absent: [] }
      : { ...d, quality: [] };
  return { type: current, data: upcast } as unknown as SagEvent;
}

/**
 * A correction is read as the corrected record: the step's own type, its
 * data carrying `correction` and the id of the record it `supersedes`.
 */
function decodeCorrected(data: unknown): SagEvent | null {
  const { step, ...record } = data as Record<string, unknown>;
  const type = typeof step === 'string' ? STEP_TYPE[step as Step] : undefined;
  return type === undefined ? null : ({ type, data: record } as unknown as SagEvent);
}

/** How an event is stored: a corrected record as SagTreatmentCorrected.v1 (the inverse of decodeSagEvent). */
export function storedFormOf(event: SagEvent): { type: string; data: Record<string, unknown> } {
  if (event.type !== CORRECTION_EVENT_TYPES.withdrawn && event.data.correction) {
    return { type: CORRECTION_EVENT_TYPES.corrected, data: { step: stepOf(event), ...event.data } };
  }
  return { type: event.type, data: { ...event.data } };
}

export function stepOf(event: SagEvent): Step {
  switch (event.type) {
    case EVENT_TYPES.proposed:
      return 'proposed';
    case EVENT_TYPES.recommended:
      return 'recommended';
    case EVENT_TYPES.decided:
      return 'decided';
    case EVENT_TYPES.genoptaget:
      return 'genoptaget';
    case CORRECTION_EVENT_TYPES.withdrawn:
      return event.data.step;
    default:
      return assertNever(event);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
