import type { SearchTexts } from '@sagsspor/sag';
import type { DecisionRow, MeetingItemRow, SagSummary } from '../model';

/**
 * What one batch changed about one sag: its own row (the summary, with what
 * a search looks in; null when left for a later change), and rows to put and
 * rows to remove. `current()` lists every row the sag has now, for a store
 * that removes by "everything older that is not here any more". `revision`
 * is the stream revision it brings the sag to; at-least-once stores guard on it.
 */
export interface SagChange {
  readonly streamName: string;
  readonly revision: number;
  /** As its first event wrote them (the summary's `kommune` and `sagsnummer`). */
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly sag: { readonly summary: SagSummary; readonly search: SearchTexts } | null;
  /** Every record withdrawn from source: the sag leaves the lists (its rows below go too). */
  readonly withdrawn: boolean;
  readonly meetingItems: { readonly put: MeetingItemRow[]; readonly remove: MeetingItemRow[] };
  readonly decisions: { readonly put: DecisionRow[]; readonly remove: DecisionRow[] };
  current(): { meetingItems: MeetingItemRow[]; decisions: DecisionRow[] };
}

/** Adds to `put` and `remove` what it takes to go from the rows `before` to the rows `after`, matched by `key`. */
export function diffRows<R extends object>(
  before: readonly R[],
  after: readonly R[],
  key: (row: R) => unknown,
  into: { put: R[]; remove: R[] },
): void {
  for (const row of before) if (!after.some((a) => key(a) === key(row))) into.remove.push(row);
  for (const row of after) {
    const was = before.find((b) => key(b) === key(row));
    if (!was || !sameRow(was, row)) into.put.push(row);
  }
}

/** Rows are flat records of text, numbers and nulls. */
function sameRow<R extends object>(a: R, b: R): boolean {
  for (const k of Object.keys(b) as (keyof R)[]) if (a[k] !== b[k]) return false;
  return true;
}
