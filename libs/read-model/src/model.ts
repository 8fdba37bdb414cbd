import type { Access, Outcome, RouteHeadline, SagStatus, Step } from '@sagsspor/sag';

/** What the read side answers. Every shape keeps `access`: closed items are marked, not yet redacted. */
export interface CommitteeRef {
  readonly committee: string;
  readonly committeeKey: string;
}

/** With where the sag is on its route: now, next, and whether it is decided for good (libs/sag's routeHeadlineOf). */
export interface SagSummary extends RouteHeadline {
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly title: string | null;
  readonly status: SagStatus;
  readonly access: Access;
  /** The committee of the latest treatment (by meeting date, item, step). */
  readonly lastCommittee: string;
  readonly lastCommitteeKey: string;
  /** Where the sag goes next: the latest recommendation's body, until that body decides. */
  readonly recommendedTo: string | null;
  /** Committees in the order they first treated the sag; names as last printed. */
  readonly committees: readonly CommitteeRef[];
  readonly firstDate: string;
  readonly lastDate: string;
  readonly revision: number;
}

export interface CommitteeSummary {
  readonly committee: string;
  readonly committeeKey: string;
  /** The latest electoral period it was printed with, such as "2022-2025", and every period seen, oldest first. */
  readonly period: string | null;
  readonly periods: readonly string[];
  /** Every spelling it was printed with (lower-cased, without period) and its abbreviations (libs/sag's committee registry). */
  readonly aliases: readonly string[];
  readonly meetings: number;
  readonly items: number;
  readonly firstMeeting: string;
  readonly lastMeeting: string;
}

export interface MeetingItem {
  readonly item: number | null;
  readonly sagsnummer: string;
  readonly title: string | null;
  /** The furthest step reached at this meeting: recommended, decided, genoptaget or proposed. */
  readonly step: Step;
  readonly outcome: Outcome | null;
  readonly recommendedTo: string | null;
  readonly access: Access;
}

export interface Meeting {
  readonly meetingDate: string;
  readonly committee: string;
  readonly committeeKey: string;
  readonly items: MeetingItem[];
}

/** A recommendation is a committee's outcome too ("Indstillingen anbefales"). */
export type DecisionOutcome = Outcome | 'recommended';

export interface DecisionEntry {
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly title: string | null;
  readonly committee: string;
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly item: number | null;
  readonly step: 'decided' | 'recommended';
  readonly outcome: DecisionOutcome;
  readonly recommendedTo: string | null;
  readonly text: string;
  readonly access: Access;
  readonly eventId: string;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** One sag on one meeting's agenda, as the meetings model stores it. */
export interface MeetingItemRow extends MeetingItem {
  readonly kommune: string;
  readonly committee: string;
  readonly committeeKey: string;
  readonly meetingDate: string;
}

/** A decision-log entry as stored: its log position orders entries of one meeting date. */
export interface DecisionRow extends DecisionEntry {
  readonly position: bigint;
}
