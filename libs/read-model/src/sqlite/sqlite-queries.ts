import { compareEntries, qualityOf, withResolvedResumes, type Access, type Outcome, type SagHistory, type SagStatus } from '@sagsspor/sag';
import { encodeCursor } from '../cursor';
import type { CommitteeSummary, DecisionEntry, DecisionOutcome, Meeting, Page, SagSummary } from '../model';
import type { DecisionsQuery, MeetingsQuery, SagerQuery } from '../queries';
import { SAGER_SELECT, type GenerationStatements } from './generation-statements';
import { groupMeetings, periodOf } from '../meetings';
import { entryOfRow, toMeetingItemRow, toSagSummary, type MeetingItemDbRow, type SagerDbRow } from './rows';

/** Read-side queries on one generation; callers run them inside one read transaction. */
export function getSag(s: GenerationStatements, kommuneKey: string, sagsnummer: string): SagHistory | null {
  const sag = s.sagByKey.get(kommuneKey, sagsnummer);
  if (!sag) return null;
  // Rows come in applied order; a stable sort by business order then gives buildHistory's timeline.
  const timeline = withResolvedResumes(s.entriesByStream.all(sag.stream_name).map(entryOfRow).sort(compareEntries));
  return {
    kommune: sag.kommune,
    sagsnummer: sag.sagsnummer,
    title: sag.title,
    status: sag.status as SagStatus,
    access: sag.access as Access,
    revision: Number(sag.revision),
    timeline,
    quality: qualityOf(timeline),
  };
}

/**
 * Newest last treatment first. With a committee the walk goes over that
 * committee's index (sag_committees carries the sag's last date and status),
 * so a rarely visited committee is as quick to list as a busy one.
 */
export function listSager(s: GenerationStatements, q: SagerQuery): Page<SagSummary> {
  const t = s.tables;
  const from = q.committeeKey
    ? `${t.sagCommittees} c JOIN ${t.sager} s ON s.kommune_key = c.kommune_key AND s.sagsnummer = c.sagsnummer`
    : `${t.sager} s`;
  const k = q.committeeKey ? 'c' : 's';
  const where = [`${k}.kommune_key = ?`];
  const params: unknown[] = [q.kommuneKey];
  if (q.committeeKey) add(where, params, 'c.committee_key = ?', q.committeeKey);
  if (q.status) add(where, params, `${k}.status = ?`, q.status);
  if (q.from) add(where, params, `${k}.last_date >= ?`, q.from);
  if (q.to) add(where, params, `${k}.last_date <= ?`, q.to);
  if (q.q) add(where, params, 'instr(s.search, ?) > 0', q.q);
  if (q.after) {
    where.push(`${k}.last_date <= ? AND (${k}.last_date < ? OR ${k}.sagsnummer < ?)`);
    params.push(q.after.lastDate, q.after.lastDate, q.after.sagsnummer);
  }
  const columns = SAGER_SELECT.split(', ')
    .map((c) => `s.${c}`)
    .join(', ');
  const sql = `SELECT ${columns} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${k}.last_date DESC, ${k}.sagsnummer DESC LIMIT ?`;
  const rows = s.query<SagerDbRow>(sql).all(...params, q.limit + 1);
  return page(rows, q.limit, toSagSummary, (r) => encodeCursor('sager', [r.last_date, r.sagsnummer]));
}

/** One row per meeting in primary-key order (no temporary B-tree), summed per committee here. */
export function listCommittees(s: GenerationStatements, kommuneKey: string): CommitteeSummary[] {
  const t = s.tables.meetingItems;
  const meetings = s
    .query<{ committee_key: string; meeting_date: string; items: bigint; committee: string }>(
      `SELECT committee_key, meeting_date, count(*) AS items, min(committee) AS committee
       FROM ${t} WHERE kommune_key = ? GROUP BY committee_key, meeting_date ORDER BY committee_key, meeting_date`,
    )
    .all(kommuneKey);
  const out: CommitteeSummary[] = [];
  for (const m of meetings) {
    const last = out[out.length - 1];
    if (last && last.committeeKey === m.committee_key) {
      // Rows come by date: the latest meeting's name wins.
      out[out.length - 1] = {
        ...last,
        committee: m.committee,
        period: periodOf(m.committee),
        meetings: last.meetings + 1,
        items: last.items + Number(m.items),
        lastMeeting: m.meeting_date,
      };
    } else {
      out.push({
        committee: m.committee,
        committeeKey: m.committee_key,
        period: periodOf(m.committee),
        meetings: 1,
        items: Number(m.items),
        firstMeeting: m.meeting_date,
        lastMeeting: m.meeting_date,
      });
    }
  }
  return out;
}

/** A page of meetings, newest first, each with all its items. */
export function listMeetings(s: GenerationStatements, q: MeetingsQuery): Page<Meeting> {
  const t = s.tables.meetingItems;
  const where = ['kommune_key = ?', 'committee_key = ?'];
  const params: unknown[] = [q.kommuneKey, q.committeeKey];
  if (q.from) add(where, params, 'meeting_date >= ?', q.from);
  if (q.to) add(where, params, 'meeting_date <= ?', q.to);
  if (q.after) add(where, params, 'meeting_date < ?', q.after.meetingDate);
  const dates = s
    .query<{ meeting_date: string }>(
      `SELECT DISTINCT meeting_date FROM ${t} WHERE ${where.join(' AND ')} ORDER BY meeting_date DESC LIMIT ?`,
    )
    .all(...params, q.limit + 1)
    .map((r) => r.meeting_date);
  const shown = dates.slice(0, q.limit);
  const newest = shown[0];
  const oldest = shown[shown.length - 1];
  if (newest === undefined || oldest === undefined) return { items: [], nextCursor: null };
  const rows = s
    .query<MeetingItemDbRow>(`SELECT * FROM ${t} WHERE kommune_key = ? AND committee_key = ? AND meeting_date >= ? AND meeting_date <= ?`)
    .all(q.kommuneKey, q.committeeKey, oldest, newest);
  const meetings = groupMeetings(rows.map(toMeetingItemRow));
  return { items: meetings, nextCursor: dates.length > q.limit ? encodeCursor('meetings', [oldest]) : null };
}

interface DecisionDbRow {
  position: bigint;
  record_id: string;
  kommune: string;
  sagsnummer: string;
  item_title: string | null;
  committee: string;
  committee_key: string;
  meeting_date: string;
  item: bigint | null;
  step: string;
  decision_outcome: string;
  recommended_to: string | null;
  access: string;
  text: string;
}

/** The decision log, newest meeting first; `decision = 1` lets SQLite use the partial indexes. */
export function listDecisions(s: GenerationStatements, q: DecisionsQuery): Page<DecisionEntry> {
  const where = ['decision = 1', 'kommune_key = ?'];
  const params: unknown[] = [q.kommuneKey];
  if (q.committeeKey) add(where, params, 'committee_key = ?', q.committeeKey);
  if (q.outcome) add(where, params, 'decision_outcome = ?', q.outcome);
  if (q.from) add(where, params, 'meeting_date >= ?', q.from);
  if (q.to) add(where, params, 'meeting_date <= ?', q.to);
  if (q.after) {
    where.push('meeting_date <= ? AND (meeting_date < ? OR position < ?)');
    params.push(q.after.meetingDate, q.after.meetingDate, BigInt(q.after.position));
  }
  const sql = `SELECT position, record_id, kommune, sagsnummer, item_title, committee, committee_key, meeting_date, item, step, decision_outcome, recommended_to, access,
      text
    FROM ${s.tables.timeline} WHERE ${where.join(' AND ')} ORDER BY meeting_date DESC, position DESC LIMIT ?`;
  const rows = s.query<DecisionDbRow>(sql).all(...params, q.limit + 1);
  return page(rows, q.limit, toDecision, (r) => encodeCursor('decisions', [r.meeting_date, r.position.toString()]));
}

function toDecision(r: DecisionDbRow): DecisionEntry {
  return {
    kommune: r.kommune,
    sagsnummer: r.sagsnummer,
    title: r.item_title,
    committee: r.committee,
    committeeKey: r.committee_key,
    meetingDate: r.meeting_date,
    item: r.item === null ? null : Number(r.item),
    step: r.step as 'decided' | 'recommended',
    outcome: r.decision_outcome as DecisionOutcome | Outcome,
    recommendedTo: r.recommended_to,
    text: r.text,
    access: r.access as Access,
    eventId: r.record_id,
  };
}

function add(where: string[], params: unknown[], clause: string, value: unknown): void {
  where.push(clause);
  params.push(value);
}

/** Rows were fetched with limit + 1: the extra one only says there is a next page. */
function page<R, T>(rows: readonly R[], limit: number, map: (r: R) => T, cursorOf: (r: R) => string): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(map), nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}
