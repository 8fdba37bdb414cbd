import type Database from 'better-sqlite3';
import type { EntryDbRow, MeetingItemDbRow, SagCommitteeDbRow, SagerDbRow, TimelineDbRow } from './rows';
import { ensureTimelineExtras, tablesOf, type GenTables } from './schema';

type Stmt<R = unknown> = Database.Statement<unknown[], R>;

const SAGER_COLUMNS =
  'kommune_key, sagsnummer, stream_name, kommune, title, search, status, access, last_committee, last_committee_key, recommended_to, committees, first_date, last_date, revision, position';
export const SAGER_SELECT =
  'kommune_key, sagsnummer, stream_name, kommune, title, status, access, last_committee, last_committee_key, recommended_to, committees, first_date, last_date, revision, position';
const TIMELINE_COLUMNS =
  'position, record_id, stream_name, kommune_key, kommune, sagsnummer, step, committee, committee_key, meeting_date, item, title, proposal_access, outcome, recommended_to, decision, decision_outcome, access, item_title, ' +
  'text, evidence, proposed_by, reason, resumes, event_id, revision, recorded_at, recorded_by, source, extras';
export const ENTRY_COLUMNS =
  'position, step, committee, committee_key, meeting_date, item, title, outcome, recommended_to, access, text, evidence, proposed_by, reason, resumes, event_id, revision, recorded_at, recorded_by, source, extras';
const LITE_COLUMNS =
  'position, record_id, step, committee, committee_key, meeting_date, item, title, proposal_access, outcome, recommended_to, kommune, kommune_key, sagsnummer, revision';
const MEETING_ITEM_COLUMNS =
  'kommune_key, committee_key, meeting_date, sagsnummer, item_key, kommune, committee, item, title, step, outcome, recommended_to, access';
const MEETING_ITEM_KEY = 'kommune_key = ? AND committee_key = ? AND meeting_date = ? AND sagsnummer = ? AND item_key = ?';

const placeholders = (columns: string): string =>
  columns
    .split(',')
    .map(() => '?')
    .join(', ');
const updateAll = (columns: string, key: readonly string[]): string =>
  columns
    .split(',')
    .map((c) => c.trim())
    .filter((c) => !key.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');

/** The statements that write one generation's rows, by name: prepared here, and by the commit worker. */
export function writeSqlOf(gen: number) {
  const t = tablesOf(gen);
  return {
    upsertSag: `INSERT INTO ${t.sager} (${SAGER_COLUMNS}) VALUES (${placeholders(SAGER_COLUMNS)})
       ON CONFLICT (kommune_key, sagsnummer) DO UPDATE SET ${updateAll(SAGER_COLUMNS, ['kommune_key', 'sagsnummer'])}`,
    insertTimeline: `INSERT INTO ${t.timeline} (${TIMELINE_COLUMNS}) VALUES (${placeholders(TIMELINE_COLUMNS)})`,
    patchTimeline: `UPDATE ${t.timeline} SET access = ?, item_title = ? WHERE position = ?`,
    deleteTimeline: `DELETE FROM ${t.timeline} WHERE position = ?`,
    upsertMeetingItem: `INSERT INTO ${t.meetingItems} (${MEETING_ITEM_COLUMNS}) VALUES (${placeholders(MEETING_ITEM_COLUMNS)})
       ON CONFLICT (kommune_key, committee_key, meeting_date, sagsnummer, item_key) DO UPDATE SET
       ${updateAll(MEETING_ITEM_COLUMNS, ['kommune_key', 'committee_key', 'meeting_date', 'sagsnummer', 'item_key'])}`,
    deleteMeetingItem: `DELETE FROM ${t.meetingItems} WHERE ${MEETING_ITEM_KEY}`,
    upsertSagCommittee: `INSERT INTO ${t.sagCommittees} (kommune_key, committee_key, sagsnummer, last_date, status) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kommune_key, committee_key, sagsnummer) DO UPDATE SET last_date = excluded.last_date, status = excluded.status`,
    deleteSagCommittee: `DELETE FROM ${t.sagCommittees} WHERE kommune_key = ? AND committee_key = ? AND sagsnummer = ?`,
  };
}

export type WriteSql = ReturnType<typeof writeSqlOf>;

/** Every fixed statement on one generation's tables, prepared once per connection. */
export class GenerationStatements {
  readonly tables: GenTables;
  readonly upsertSag: Stmt;
  readonly insertTimeline: Stmt;
  readonly patchTimeline: Stmt;
  readonly deleteTimeline: Stmt;
  readonly upsertMeetingItem: Stmt;
  readonly deleteMeetingItem: Stmt;
  readonly upsertSagCommittee: Stmt;
  readonly deleteSagCommittee: Stmt;
  readonly liteByStream: Stmt<TimelineDbRow>;
  readonly sagByKey: Stmt<SagerDbRow>;
  readonly entriesByStream: Stmt<EntryDbRow>;
  readonly allSager: Stmt<SagerDbRow>;
  readonly allTimeline: Stmt<TimelineDbRow>;
  readonly allMeetingItems: Stmt<MeetingItemDbRow>;
  readonly allSagCommittees: Stmt<SagCommitteeDbRow>;
  private readonly dynamic = new Map<string, Stmt>();

  constructor(
    private readonly db: Database.Database,
    readonly gen: number,
  ) {
    const t = (this.tables = tablesOf(gen));
    ensureTimelineExtras(db, gen);
    const sql = writeSqlOf(gen);
    this.upsertSag = db.prepare(sql.upsertSag);
    this.insertTimeline = db.prepare(sql.insertTimeline);
    this.patchTimeline = db.prepare(sql.patchTimeline);
    this.deleteTimeline = db.prepare(sql.deleteTimeline);
    this.upsertMeetingItem = db.prepare(sql.upsertMeetingItem);
    this.deleteMeetingItem = db.prepare(sql.deleteMeetingItem);
    this.upsertSagCommittee = db.prepare(sql.upsertSagCommittee);
    this.deleteSagCommittee = db.prepare(sql.deleteSagCommittee);
    this.liteByStream = this.reader(`SELECT ${LITE_COLUMNS} FROM ${t.timeline} WHERE stream_name = ? ORDER BY position`);
    this.sagByKey = this.reader(`SELECT ${SAGER_SELECT} FROM ${t.sager} WHERE kommune_key = ? AND sagsnummer = ?`);
    this.entriesByStream = this.reader(`SELECT ${ENTRY_COLUMNS} FROM ${t.timeline} WHERE stream_name = ? ORDER BY position`);
    this.allSager = this.reader(`SELECT ${SAGER_SELECT} FROM ${t.sager} ORDER BY kommune_key, sagsnummer`);
    this.allTimeline = this.reader(`SELECT ${TIMELINE_COLUMNS} FROM ${t.timeline} ORDER BY position`);
    this.allMeetingItems = this.reader(
      `SELECT ${MEETING_ITEM_COLUMNS} FROM ${t.meetingItems} ORDER BY kommune_key, committee_key, meeting_date, sagsnummer, item_key`,
    );
    this.allSagCommittees = this.reader(`SELECT * FROM ${t.sagCommittees} ORDER BY kommune_key, committee_key, sagsnummer`);
  }

  /** A query built from a filter combination; there are few combinations, so each is prepared once. */
  query<R>(sql: string): Stmt<R> {
    let stmt = this.dynamic.get(sql);
    if (!stmt) {
      stmt = this.reader(sql);
      this.dynamic.set(sql, stmt);
    }
    return stmt as Stmt<R>;
  }

  /** Positions (and checkpoints) are 64-bit: read every integer as bigint. */
  private reader<R>(sql: string): Stmt<R> {
    return this.db.prepare<unknown[], R>(sql).safeIntegers(true);
  }
}
