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
}

export interface SagProposedData extends TreatmentData {
  readonly title: string;
  readonly proposedBy: string | null;
  readonly proposal: string;
  readonly access: Access;
}

export interface SagRecommendedData extends TreatmentData {
  readonly recommendedTo: string;
}

export interface SagDecidedData extends TreatmentData {
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

export const EVENT_TYPES = {
  proposed: 'SagProposed.v1',
  recommended: 'SagRecommended.v1',
  decided: 'SagDecided.v1',
  genoptaget: 'SagGenoptaget.v1',
} as const;

export type SagProposed = { type: typeof EVENT_TYPES.proposed; data: SagProposedData };
export type SagRecommended = { type: typeof EVENT_TYPES.recommended; data: SagRecommendedData };
export type SagDecided = { type: typeof EVENT_TYPES.decided; data: SagDecidedData };
export type SagGenoptaget = { type: typeof EVENT_TYPES.genoptaget; data: SagGenoptagetData };

export type SagEvent = SagProposed | SagRecommended | SagDecided | SagGenoptaget;

const TYPE_NAMES: ReadonlySet<string> = new Set(Object.values(EVENT_TYPES));

export function isSagEventType(type: string): type is SagEvent['type'] {
  return TYPE_NAMES.has(type);
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
    default:
      return assertNever(event);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
