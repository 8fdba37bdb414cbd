import type { Access, Correction, Evidence, Outcome, QualityNote, Votes } from './events';
import type { SagId } from './identity';

/** Where and when a committee treats the sag. */
export interface TreatmentInput {
  readonly committee: string;
  readonly meetingDate: string;
  readonly item?: number | null;
  readonly evidence?: Evidence;
}

export interface ProposalInput {
  readonly title: string;
  readonly proposedBy?: string | null;
  readonly proposal: string;
  readonly access?: Access;
}

/**
 * Whether the caller may read closed items. Absent means yes: the CLI and
 * in-process callers act with the store's own rights; the API says no for
 * callers whose role does not include closed access.
 */
interface Caller {
  readonly closedAccess?: boolean;
  /**
   * Set by the import of a newer version of a document: a direct record it
   * states differently is corrected (why, on whose word) instead of refused.
   */
  readonly correction?: Correction;
}

/** Data-quality notes for the record a command makes (its outcome's, when it carries a proposal too). */
export interface Noted {
  readonly quality?: readonly QualityNote[];
}

/** What an outcome may record beside its text. */
export interface OutcomeInput extends Noted {
  readonly votes?: Votes | null;
  readonly absent?: readonly string[];
}

export type ProposeSag = Caller & {
  type: 'ProposeSag';
  data: { sag: SagId; treatment: TreatmentInput; proposal: ProposalInput } & Noted;
};

export type RecommendSag = Caller & {
  type: 'RecommendSag';
  data: { sag: SagId; treatment: TreatmentInput; recommendedTo: string; text: string; proposal?: ProposalInput } & OutcomeInput;
};

export type DecideSag = Caller & {
  type: 'DecideSag';
  data: { sag: SagId; treatment: TreatmentInput; outcome: Outcome; text: string; proposal?: ProposalInput } & OutcomeInput;
};

export type GenoptagSag = Caller & {
  type: 'GenoptagSag';
  data: {
    sag: SagId;
    treatment: TreatmentInput;
    reason: string;
    /** Meeting date of the postponed treatment; the latest earlier one when absent. */
    resumes?: string | null;
    proposal?: ProposalInput;
  } & Noted;
};

export type SagCommand = ProposeSag | RecommendSag | DecideSag | GenoptagSag;
