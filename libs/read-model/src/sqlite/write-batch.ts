import type { SagChange } from '../projection/changes';
import { pushMeetingItemKey, pushMeetingItemRow, pushSagCommitteeRow, pushSummaryRow, pushTimelineRow } from './rows';

/**
 * A batch's rows as flat parameter lists, one per statement, in the order
 * they are applied: removals before puts. Rows of one batch never share a key
 * across these lists (one change per sag; a removed row and an added one
 * never share a key), so grouping by statement keeps the result of applying
 * the changes one by one. Flat lists of plain values are what crosses to the
 * commit worker cheaply.
 */
export const WRITE_KINDS = [
  'deleteTimeline',
  'patchTimeline',
  'insertTimeline',
  'deleteMeetingItem',
  'upsertMeetingItem',
  'deleteSagCommittee',
  'upsertSagCommittee',
  'summary',
] as const;

export type WriteKind = (typeof WRITE_KINDS)[number];

export type WriteBatch = Record<WriteKind, unknown[]>;

/** Parameters per row of each list. */
export const WRITE_ARITY: Record<WriteKind, number> = {
  deleteTimeline: 1,
  patchTimeline: 3,
  insertTimeline: 30,
  deleteMeetingItem: 5,
  upsertMeetingItem: 13,
  deleteSagCommittee: 3,
  upsertSagCommittee: 5,
  summary: 16,
};

/**
 * `live`: sag_committees rows are written only to a live generation; a
 * building one fills them when it goes live (see fillSagCommittees).
 */
export function encodeChanges(changes: readonly SagChange[], live: boolean): WriteBatch {
  const batch = Object.fromEntries(WRITE_KINDS.map((k) => [k, [] as unknown[]])) as WriteBatch;
  for (const c of changes) {
    for (const r of c.timeline.remove) batch.deleteTimeline.push(r.position);
    for (const p of c.timeline.patch) batch.patchTimeline.push(p.access, p.itemTitle, p.position);
    for (const row of c.timeline.put) pushTimelineRow(batch.insertTimeline, row);
    for (const m of c.meetingItems.remove) pushMeetingItemKey(batch.deleteMeetingItem, m);
    for (const m of c.meetingItems.put) pushMeetingItemRow(batch.upsertMeetingItem, m);
    if (live) {
      for (const r of c.committees.remove) batch.deleteSagCommittee.push(r.kommuneKey, r.committeeKey, r.sagsnummer);
      for (const r of c.committees.put) pushSagCommitteeRow(batch.upsertSagCommittee, r);
    }
    if (c.summary) pushSummaryRow(batch.summary, c.summary);
  }
  return batch;
}

type Runnable = { run(...params: unknown[]): unknown };

/**
 * Runs every row of a batch through its statement, list by list in `kinds`
 * order. Self-contained (no imports, nothing from outside its parameters):
 * the commit worker runs this function's own source.
 */
export function runBatch(
  batch: WriteBatch,
  statementOf: (kind: WriteKind) => Runnable,
  kinds: readonly WriteKind[],
  arity: Record<WriteKind, number>,
): void {
  for (const kind of kinds) {
    const list = batch[kind];
    if (list.length === 0) continue;
    const stmt = statementOf(kind);
    const n = arity[kind];
    for (let i = 0; i < list.length; i += n) stmt.run(...list.slice(i, i + n));
  }
}
