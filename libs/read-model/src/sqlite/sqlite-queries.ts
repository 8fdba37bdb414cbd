import { encodeCursor, page } from '../cursor';
import type { CommitteeMerges } from '@sagsspor/sag';
import { committeeSummariesOf } from '../committees';
import { groupMeetings } from '../meetings';
import type { CommitteeSummary, DecisionEntry, Meeting, Page, SagSummary } from '../model';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from '../queries';
import {
  DECISION_SELECT,
  MEETING_ITEM_SELECT,
  SAGER_SELECT,
  toDecisionRow,
  toMeetingItemRow,
  toSagSummary,
  type DecisionDbRow,
  type GenerationDb,
  type MeetingItemDbRow,
  type SagerDbRow,
} from './generation-db';

/** Read-side queries on one generation; callers run them inside one read transaction. */

/**
 * Newest last treatment first. With a committee the walk goes over that
 * committee's index (sag_committees carries the sag's last date and status),
 * so a rarely visited committee is as quick to list as a busy one.
 */
export function listSager(g: GenerationDb, q: SagerQuery): Page<SagSummary> {
  const from = q.committeeKey
    ? 'sag_committees c JOIN sager s ON s.kommune_key = c.kommune_key AND s.sagsnummer = c.sagsnummer'
    : 'sager s';
  const k = q.committeeKey ? 'c' : 's';
  const where = [`${k}.kommune_key = ?`];
  const params: unknown[] = [q.kommuneKey];
  if (q.committeeKey) add(where, params, 'c.committee_key = ?', q.committeeKey);
  if (q.status) add(where, params, `${k}.status = ?`, q.status);
  if (q.from) add(where, params, `${k}.last_date >= ?`, q.from);
  if (q.to) add(where, params, `${k}.last_date <= ?`, q.to);
  if (q.q) add(where, params, `instr(s.${q.closedAccess ? 'search_all' : 'search_open'}, ?) > 0`, q.q);
  if (q.nextKey) add(where, params, 's.next_key = ?', q.nextKey);
  if (q.staleBefore) add(where, params, 's.final = 0 AND s.last_date < ?', q.staleBefore);
  if (q.after) {
    where.push(`${k}.last_date <= ? AND (${k}.last_date < ? OR ${k}.sagsnummer < ?)`);
    params.push(q.after.lastDate, q.after.lastDate, q.after.sagsnummer);
  }
  const sql = `SELECT ${SAGER_SELECT} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${k}.last_date DESC, ${k}.sagsnummer DESC LIMIT ?`;
  const rows = g.query<SagerDbRow>(sql).all(...params, q.limit + 1);
  return page(rows, q.limit, toSagSummary, (r) => encodeCursor('sager', [r.lastDate, r.sagsnummer]));
}

/** One row per committee key and meeting in primary-key order (no temporary B-tree), summed per committee in committeeSummariesOf. */
export function listCommittees(g: GenerationDb, kommuneKey: string, merges: CommitteeMerges): CommitteeSummary[] {
  const rows = g
    .query<{ committee_key: string; meeting_date: string; items: bigint; committee: string; names: string }>(
      `SELECT committee_key, meeting_date, count(*) AS items, min(committee) AS committee, json_group_array(DISTINCT committee) AS names
       FROM meeting_items WHERE kommune_key = ? GROUP BY committee_key, meeting_date ORDER BY committee_key, meeting_date`,
    )
    .all(kommuneKey)
    .map((m) => ({
      committeeKey: m.committee_key,
      meetingDate: m.meeting_date,
      items: Number(m.items),
      committee: m.committee,
      names: JSON.parse(m.names) as string[],
    }));
  return committeeSummariesOf(rows, merges);
}

/** A page of meetings, newest first, each with all its items. */
export function listMeetings(g: GenerationDb, q: MeetingsQuery): Page<Meeting> {
  const keys = inList(q.committeeKeys);
  const where = ['kommune_key = ?', `committee_key IN (${keys})`];
  const params: unknown[] = [q.kommuneKey, ...q.committeeKeys];
  if (q.from) add(where, params, 'meeting_date >= ?', q.from);
  if (q.to) add(where, params, 'meeting_date <= ?', q.to);
  if (q.after) add(where, params, 'meeting_date < ?', q.after.meetingDate);
  const dates = g
    .query<{ meeting_date: string }>(
      `SELECT DISTINCT meeting_date FROM meeting_items WHERE ${where.join(' AND ')} ORDER BY meeting_date DESC LIMIT ?`,
    )
    .all(...params, q.limit + 1)
    .map((r) => r.meeting_date);
  const shown = dates.slice(0, q.limit);
  const newest = shown[0];
  const oldest = shown[shown.length - 1];
  if (newest === undefined || oldest === undefined) return { items: [], nextCursor: null };
  const rows = g
    .query<MeetingItemDbRow>(
      `SELECT ${MEETING_ITEM_SELECT} FROM meeting_items WHERE kommune_key = ? AND committee_key IN (${keys}) AND meeting_date >= ? AND meeting_date <= ?`,
    )
    .all(q.kommuneKey, ...q.committeeKeys, oldest, newest);
  return {
    items: groupMeetings(rows.map(toMeetingItemRow), q.committeeKey),
    nextCursor: dates.length > q.limit ? encodeCursor('meetings', [oldest]) : null,
  };
}

/** The decision log, newest meeting first, then newest record. */
export function listDecisions(g: GenerationDb, q: DecisionsQuery): Page<DecisionEntry> {
  const where = ['kommune_key = ?'];
  const params: unknown[] = [q.kommuneKey];
  if (q.committeeKeys) {
    where.push(`committee_key IN (${inList(q.committeeKeys)})`);
    params.push(...q.committeeKeys);
  }
  if (q.outcome) add(where, params, 'outcome = ?', q.outcome);
  if (q.from) add(where, params, 'meeting_date >= ?', q.from);
  if (q.to) add(where, params, 'meeting_date <= ?', q.to);
  if (q.after) {
    where.push('meeting_date <= ? AND (meeting_date < ? OR position < ?)');
    params.push(q.after.meetingDate, q.after.meetingDate, BigInt(q.after.position));
  }
  const sql = `SELECT ${DECISION_SELECT} FROM decisions WHERE ${where.join(' AND ')} ORDER BY meeting_date DESC, position DESC LIMIT ?`;
  const rows = g.query<DecisionDbRow>(sql).all(...params, q.limit + 1);
  return page(rows, q.limit, toDecision, (r) => encodeCursor('decisions', [r.meetingDate, r.position.toString()]));
}

function toDecision(r: DecisionDbRow): DecisionEntry {
  const { position: _position, ...entry } = toDecisionRow(r);
  return entry;
}

/** Placeholders for a list of values (one key, or a committee with its merged aliases). */
function inList(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

function add(where: string[], params: unknown[], clause: string, value: unknown): void {
  where.push(clause);
  params.push(value);
}
