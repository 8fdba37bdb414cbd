import type { Access, Outcome, Step, TimelineEntry } from '@sagsspor/sag';
import type { DecisionOutcome } from '../model';
import type { DerivedSag, MeetingItemRow, SagCommitteeRow, SummaryRow } from './derive';
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
  readonly summary: SummaryRow;
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

/** The rows to write to bring the stored sag from `before` to `after`. */
export function diffSag(
  before: { state: SagProjState; derived: DerivedSag } | undefined,
  after: { state: SagProjState; derived: DerivedSag },
  added: ReadonlyMap<string, NewTimelineRow>,
): SagChange {
  const { state, derived } = after;
  const timeline: SagChange['timeline'] = { put: [], patch: [], remove: [] };
  const current = new Set(state.records.map((r) => r.id));
  for (const r of before?.state.records ?? []) if (!current.has(r.id)) timeline.remove.push(r);
  for (const r of state.records) {
    const now = derived.records.get(r.id) as { access: Access; itemTitle: string | null };
    const row = added.get(r.id);
    if (row) {
      // Built for this batch alone: completing it in place saves a copy per event.
      row.access = now.access;
      row.itemTitle = now.itemTitle;
      row.entry.access = now.access;
      timeline.put.push(row);
      continue;
    }
    const was = before?.derived.records.get(r.id);
    if (!was || was.access !== now.access || was.itemTitle !== now.itemTitle) {
      timeline.patch.push({ id: r.id, position: r.position, access: now.access, itemTitle: now.itemTitle });
    }
  }
  return {
    streamName: state.streamName,
    kommuneKey: state.kommuneKey,
    sagsnummer: state.sagsnummer,
    revision: state.revision,
    summary: derived.summary,
    state,
    timeline,
    meetingItems: diffRows(before?.derived.meetingItems, derived.meetingItems, sameMeetingItem),
    committees: diffRows(before?.derived.committees, derived.committees, (a, b) => a.lastDate === b.lastDate && a.status === b.status),
  };
}

function diffRows<T>(before: ReadonlyMap<string, T> | undefined, after: ReadonlyMap<string, T>, same: (a: T, b: T) => boolean): { put: T[]; remove: T[] } {
  const put: T[] = [];
  const remove: T[] = [];
  for (const [key, row] of before ?? []) if (!after.has(key)) remove.push(row);
  for (const [key, row] of after) {
    const was = before?.get(key);
    if (!was || !same(was, row)) put.push(row);
  }
  return { put, remove };
}

function sameMeetingItem(a: MeetingItemRow, b: MeetingItemRow): boolean {
  return (
    a.committee === b.committee &&
    a.item === b.item &&
    a.title === b.title &&
    a.step === b.step &&
    a.outcome === b.outcome &&
    a.recommendedTo === b.recommendedTo &&
    a.access === b.access &&
    a.kommune === b.kommune
  );
}
