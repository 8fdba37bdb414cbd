import type { Access, Outcome, Step, TimelineEntry } from '@sagsspor/sag';
import type { DecisionOutcome } from '../model';
import type { MeetingItemRow, SagCommitteeRow, SummaryRow } from './derive';
import type { RecordLite, SagProjState } from './records';

/** A current treatment record as stored: the lite fields, the derived ones, and the entry people read. */
export interface TimelineRow {
  readonly id: string;
  readonly position: bigint;
  readonly streamName: string;
  readonly kommuneKey: string;
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly step: Step;
  readonly committee: string;
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly item: number | null;
  readonly title: string | null;
  readonly proposalAccess: Access | null;
  readonly outcome: Outcome | null;
  readonly recommendedTo: string | null;
  /** Set on decided and recommended records: they make up the decision log. */
  readonly decisionOutcome: DecisionOutcome | null;
  readonly access: Access;
  readonly itemTitle: string | null;
  readonly entry: TimelineEntry;
}

export interface TimelinePatch {
  readonly id: string;
  readonly position: bigint;
  readonly access: Access;
  readonly itemTitle: string | null;
}

/**
 * What one batch changed about one sag, as full rows to put and keys to
 * remove: applying it twice gives the same rows, which is what makes the
 * at-least-once (MongoDB) adapter idempotent. `revision` is the stream
 * revision it brings the sag to; adapters that guard on it skip anything
 * already at or past it.
 */
export interface SagChange {
  readonly streamName: string;
  readonly kommuneKey: string;
  readonly sagsnummer: string;
  readonly revision: number;
  /**
   * Null when the writer writes the summary later (a rebuild writes each
   * sag's summary once, when the sag leaves its cache or at the end, not
   * in every batch that touches it). Only exactly-once stores get null.
   */
  readonly summary: SummaryRow | null;
  readonly state: SagProjState;
  readonly timeline: { readonly put: TimelineRow[]; readonly patch: TimelinePatch[]; readonly remove: RecordLite[] };
  readonly meetingItems: { readonly put: MeetingItemRow[]; readonly remove: MeetingItemRow[] };
  readonly committees: { readonly put: SagCommitteeRow[]; readonly remove: SagCommitteeRow[] };
}

/** A new record's row, built once per event; diffSag fills in the derived fields in place. */
export type NewTimelineRow = { -readonly [K in keyof TimelineRow]: TimelineRow[K] } & { entry: { access: Access } };

export function decisionOutcomeOf(record: Pick<RecordLite, 'step' | 'outcome'>): DecisionOutcome | null {
  if (record.step === 'recommended') return 'recommended';
  if (record.step === 'decided') return record.outcome;
  return null;
}
