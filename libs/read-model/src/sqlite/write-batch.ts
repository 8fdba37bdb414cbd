import type { SagChange } from '../projection/changes';
import { pushSagCommitteeRow, putMeetingItemKey, putMeetingItemRow, putSummaryRow, putTimelinePatch, putTimelineRow } from './rows';

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
  insertTimeline: 29,
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
  const batch = sizedBatch(changes);
  let removed = 0;
  let patched = 0;
  let put = 0;
  let itemsRemoved = 0;
  let itemsPut = 0;
  let summaries = 0;
  for (const c of changes) {
    for (const r of c.timeline.remove) batch.deleteTimeline[removed++] = r.position;
    for (const p of c.timeline.patch) patched = putTimelinePatch(batch.patchTimeline, patched, p);
    for (const row of c.timeline.put) put = putTimelineRow(batch.insertTimeline, put, row);
    for (const m of c.meetingItems.remove) itemsRemoved = putMeetingItemKey(batch.deleteMeetingItem, itemsRemoved, m);
    for (const m of c.meetingItems.put) itemsPut = putMeetingItemRow(batch.upsertMeetingItem, itemsPut, m);
    if (live) {
      for (const r of c.committees.remove) batch.deleteSagCommittee.push(r.kommuneKey, r.committeeKey, r.sagsnummer);
      for (const r of c.committees.put) pushSagCommitteeRow(batch.upsertSagCommittee, r);
    }
    if (c.summary) summaries = putSummaryRow(batch.summary, summaries, c.summary);
  }
  return batch;
}

const PRESIZED_MAX = 60_000;

/**
 * A rebuild's batch lists hold thousands of values each: they are made at
 * their final size, not grown push by push (every growth copies the list).
 */
function sizedBatch(changes: readonly SagChange[]): WriteBatch {
  const rows = { deleteTimeline: 0, patchTimeline: 0, insertTimeline: 0, deleteMeetingItem: 0, upsertMeetingItem: 0, summary: 0 };
  for (const c of changes) {
    rows.deleteTimeline += c.timeline.remove.length;
    rows.patchTimeline += c.timeline.patch.length;
    rows.insertTimeline += c.timeline.put.length;
    rows.deleteMeetingItem += c.meetingItems.remove.length;
    rows.upsertMeetingItem += c.meetingItems.put.length;
    if (c.summary) rows.summary += 1;
  }
  // Past ~100k slots V8 makes `new Array(n)` a dictionary: longer lists grow as they are written.
  const sized = (kind: keyof typeof rows): unknown[] => {
    const length = rows[kind] * WRITE_ARITY[kind];
    return length <= PRESIZED_MAX ? new Array<unknown>(length) : [];
  };
  return {
    deleteTimeline: sized('deleteTimeline'),
    patchTimeline: sized('patchTimeline'),
    insertTimeline: sized('insertTimeline'),
    deleteMeetingItem: sized('deleteMeetingItem'),
    upsertMeetingItem: sized('upsertMeetingItem'),
    deleteSagCommittee: [],
    upsertSagCommittee: [],
    summary: sized('summary'),
  };
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
