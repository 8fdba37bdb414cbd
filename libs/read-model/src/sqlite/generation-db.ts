import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { kommuneKey, type SearchTexts } from '@sagsspor/sag';
import type { DecisionRow, MeetingItemRow, SagSummary } from '../model';
import type { BuildMode, ReadModelSnapshot, SagRef } from '../port';
import type { SagChange } from '../rows/sag-change';

type Stmt<R = unknown> = Database.Statement<unknown[], R>;

export interface ConnectionOptions {
  readonly busyTimeoutMs: number;
  readonly cacheSizeKb: number;
}

export function generationFileName(gen: number): string {
  if (!Number.isSafeInteger(gen) || gen < 1) throw new Error(`Not a generation number: ${gen}`);
  return `read-models.g${gen}.sqlite`;
}

/** Every file SQLite may keep for a database: the file, its WAL, its shared memory, a rollback journal. */
const COMPANIONS = ['', '-wal', '-shm', '-journal', '.new'];

export function removeGenerationFile(file: string): void {
  for (const suffix of COMPANIONS) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * One generation's tables, in a file of its own with its checkpoint, so a
 * batch's rows and checkpoint commit in one transaction of one file. The
 * indexes only queries use (and sag_committees, which is a function of the
 * sager rows) are made when the generation goes live: one sort each instead
 * of B-tree inserts all over while it is built.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS checkpoint (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    position    INTEGER NOT NULL,
    recorded_at TEXT
  ) STRICT;
  INSERT OR IGNORE INTO checkpoint (id, position, recorded_at) VALUES (1, -1, NULL);

  CREATE TABLE IF NOT EXISTS sager (
    kommune_key        TEXT    NOT NULL,
    sagsnummer         TEXT    NOT NULL,
    kommune            TEXT    NOT NULL,
    title              TEXT,
    search_open        TEXT    NOT NULL,
    search_all         TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    access             TEXT    NOT NULL,
    last_committee     TEXT    NOT NULL,
    last_committee_key TEXT    NOT NULL,
    recommended_to     TEXT,
    committees         TEXT    NOT NULL,
    first_date         TEXT    NOT NULL,
    last_date          TEXT    NOT NULL,
    revision           INTEGER NOT NULL,
    now                TEXT,
    next_key           TEXT,
    next               TEXT,
    final              INTEGER NOT NULL,
    PRIMARY KEY (kommune_key, sagsnummer)
  ) WITHOUT ROWID, STRICT;

  -- The sag as seen from each committee it visited, with what the committee filter sorts and filters by.
  CREATE TABLE IF NOT EXISTS sag_committees (
    kommune_key   TEXT NOT NULL,
    committee_key TEXT NOT NULL,
    sagsnummer    TEXT NOT NULL,
    last_date     TEXT NOT NULL,
    status        TEXT NOT NULL,
    PRIMARY KEY (kommune_key, committee_key, sagsnummer)
  ) WITHOUT ROWID, STRICT;

  CREATE TABLE IF NOT EXISTS meeting_items (
    kommune_key    TEXT    NOT NULL,
    committee_key  TEXT    NOT NULL,
    meeting_date   TEXT    NOT NULL,
    sagsnummer     TEXT    NOT NULL,
    item_key       INTEGER NOT NULL,
    kommune        TEXT    NOT NULL,
    committee      TEXT    NOT NULL,
    item           INTEGER,
    title          TEXT,
    step           TEXT    NOT NULL,
    outcome        TEXT,
    recommended_to TEXT,
    access         TEXT    NOT NULL,
    PRIMARY KEY (kommune_key, committee_key, meeting_date, sagsnummer, item_key)
  ) WITHOUT ROWID, STRICT;

  -- The rowid is the record's log position: unique, and a build appends in order.
  CREATE TABLE IF NOT EXISTS decisions (
    position       INTEGER PRIMARY KEY,
    event_id       TEXT    NOT NULL,
    kommune_key    TEXT    NOT NULL,
    kommune        TEXT    NOT NULL,
    sagsnummer     TEXT    NOT NULL,
    title          TEXT,
    committee      TEXT    NOT NULL,
    committee_key  TEXT    NOT NULL,
    meeting_date   TEXT    NOT NULL,
    item           INTEGER,
    step           TEXT    NOT NULL,
    outcome        TEXT    NOT NULL,
    recommended_to TEXT,
    text           TEXT    NOT NULL,
    access         TEXT    NOT NULL
  ) STRICT;
`;

const QUERY_INDEXES = `
  CREATE INDEX IF NOT EXISTS sager_by_date ON sager (kommune_key, last_date, sagsnummer);
  CREATE INDEX IF NOT EXISTS sager_by_status ON sager (kommune_key, status, last_date, sagsnummer);
  CREATE INDEX IF NOT EXISTS sager_by_next ON sager (kommune_key, next_key, last_date, sagsnummer);
  CREATE INDEX IF NOT EXISTS sag_committees_by_date ON sag_committees (kommune_key, committee_key, last_date, sagsnummer);
  CREATE INDEX IF NOT EXISTS sag_committees_by_status ON sag_committees (kommune_key, committee_key, status, last_date, sagsnummer);
  CREATE INDEX IF NOT EXISTS decisions_by_date ON decisions (kommune_key, meeting_date, position);
  CREATE INDEX IF NOT EXISTS decisions_by_committee ON decisions (kommune_key, committee_key, meeting_date, position);
  CREATE INDEX IF NOT EXISTS decisions_by_outcome ON decisions (kommune_key, outcome, meeting_date, position);
  CREATE INDEX IF NOT EXISTS decisions_by_committee_outcome ON decisions (kommune_key, committee_key, outcome, meeting_date, position);
`;

/** sag_committees from the sager rows, in key order (appended, not inserted all over). */
const FILL_SAG_COMMITTEES = `
  DELETE FROM sag_committees;
  INSERT INTO sag_committees (kommune_key, committee_key, sagsnummer, last_date, status)
    SELECT s.kommune_key, json_extract(c.value, '$.committeeKey'), s.sagsnummer, s.last_date, s.status
    FROM sager s, json_each(s.committees) c ORDER BY 1, 2, 3;
`;

const SAGER_COLUMNS =
  'kommune_key, sagsnummer, kommune, title, search_open, search_all, status, access, last_committee, last_committee_key, recommended_to, committees, first_date, last_date, revision, now, next_key, next, final';
const MEETING_ITEM_COLUMNS =
  'kommune_key, committee_key, meeting_date, sagsnummer, item_key, kommune, committee, item, title, step, outcome, recommended_to, access';
const DECISION_COLUMNS =
  'position, event_id, kommune_key, kommune, sagsnummer, title, committee, committee_key, meeting_date, item, step, outcome, recommended_to, text, access';
const MEETING_ITEM_KEY = 'kommune_key = ? AND committee_key = ? AND meeting_date = ? AND sagsnummer = ? AND item_key = ?';

const marks = (columns: string): string => columns.replace(/[a-z_]+/g, '?');

/**
 * A connection to one generation's file. Built in `rebuild` mode, nobody
 * reads it and whoever finds it half-built drops it: it is written with its
 * journal in memory (a failed batch still rolls back) and no fsync, and made
 * durable once, in goLive(). Otherwise (a resumable build, or live) it is
 * WAL with synchronous=FULL: every committed batch survives a power cut.
 */
export class GenerationDb {
  readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareWrites>;
  private readonly queries = new Map<string, Stmt>();
  private readonly getCheckpoint: Stmt<{ position: bigint; recorded_at: string | null }>;

  private constructor(
    readonly gen: number,
    readonly file: string,
    db: Database.Database,
  ) {
    this.db = db;
    this.statements = prepareWrites(db);
    this.getCheckpoint = this.query('SELECT position, recorded_at FROM checkpoint WHERE id = 1');
  }

  /**
   * A new generation's file (anything left under its name is removed first),
   * made under a temporary name and renamed into place with its schema: a
   * process killed half-way leaves no file without its tables.
   */
  static create(dir: string, gen: number, mode: BuildMode, options: ConnectionOptions): GenerationDb {
    const file = path.join(dir, generationFileName(gen));
    const draft = `${file}.new`;
    removeGenerationFile(file);
    removeGenerationFile(draft);
    const db = new Database(draft);
    try {
      db.pragma('page_size = 8192');
      db.exec(SCHEMA);
    } finally {
      db.close();
    }
    if (mode === 'resumable') fsyncPath(draft);
    fs.renameSync(draft, file);
    if (mode === 'resumable') fsyncPath(dir);
    const created = GenerationDb.open(dir, gen, mode === 'rebuild', options);
    if (!created) throw new Error(`The generation file ${file} vanished as it was made`);
    return created;
  }

  /** An existing generation's file; null when it is gone (dropped). */
  static open(dir: string, gen: number, unsynced: boolean, options: ConnectionOptions): GenerationDb | null {
    const file = path.join(dir, generationFileName(gen));
    let db: Database.Database;
    try {
      db = new Database(file, { fileMustExist: true });
    } catch {
      return null;
    }
    try {
      applyPragmas(db, unsynced ? 'unsynced' : 'durable', options);
      return new GenerationDb(gen, file, db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  checkpoint(): { checkpoint: bigint; checkpointAt: string | null } {
    const row = this.getCheckpoint.get();
    if (!row) throw new Error(`Generation file ${this.file} has no checkpoint`);
    return { checkpoint: row.position, checkpointAt: row.recorded_at };
  }

  /**
   * The one write path: a batch's rows and its checkpoint, in the caller's
   * transaction. Committee rows only once live (before, goLive fills them).
   */
  applyBatch(changes: readonly SagChange[], checkpoint: bigint, checkpointAt: string | null, live: boolean): void {
    const s = this.statements;
    for (const c of changes) {
      const k = kommuneKey(c.kommune);
      if (c.withdrawn) for (const d of [s.deleteSag, s.deleteSagCommittees]) d.run(k, c.sagsnummer);
      else if (c.sag) {
        const { summary } = c.sag;
        if (live) this.dropLeftCommittees(k, summary);
        s.upsertSag.run(...sagParams(k, summary, c.sag.search));
        if (live)
          for (const committee of summary.committees)
            s.upsertSagCommittee.run(k, committee.committeeKey, summary.sagsnummer, summary.lastDate, summary.status);
      }
      for (const m of c.meetingItems.remove) s.deleteMeetingItem.run(k, m.committeeKey, m.meetingDate, m.sagsnummer, m.item ?? -1);
      for (const m of c.meetingItems.put) s.upsertMeetingItem.run(...meetingItemParams(k, m));
      for (const d of c.decisions.remove) s.deleteDecision.run(d.position);
      for (const d of c.decisions.put) s.putDecision.run(...decisionParams(k, d));
    }
    s.setCheckpoint.run(checkpoint, checkpointAt);
  }

  /** A committee the sag's summary no longer names (a correction, a committee merge or split) leaves its committee rows. */
  private dropLeftCommittees(k: string, summary: SagSummary): void {
    const stored = this.statements.sagCommittees.get(k, summary.sagsnummer);
    if (!stored) return;
    const now = new Set(summary.committees.map((c) => c.committeeKey));
    for (const c of JSON.parse(stored.committees) as { committeeKey: string }[])
      if (!now.has(c.committeeKey)) this.statements.deleteSagCommittee.run(k, c.committeeKey, summary.sagsnummer);
  }

  /**
   * Everything a generation needs before readers may see it, in the caller's
   * transaction: committee rows and query indexes. Idempotent.
   */
  completeForReaders(): void {
    this.db.exec(FILL_SAG_COMMITTEES);
    this.db.exec(QUERY_INDEXES);
  }

  /**
   * Makes what a rebuild wrote without fsync durable, then turns the file to
   * WAL: its data first (fsync flushes every page written to the file,
   * through any descriptor), then its name in the directory.
   */
  makeDurable(): void {
    fsyncPath(this.file);
    fsyncPath(path.dirname(this.file));
    applyPragmas(this.db, 'durable', null);
    fsyncPath(path.dirname(this.file));
  }

  /** A read statement, prepared once per SQL text (there are few filter combinations); integers as bigint. */
  query<R>(sql: string): Stmt<R> {
    let stmt = this.queries.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], R>(sql).safeIntegers(true) as Stmt;
      this.queries.set(sql, stmt);
    }
    return stmt as Stmt<R>;
  }

  /** A merge is rare: the kommune's summaries are walked once (sag_committees exists only once a generation is live). */
  sagerNaming(kommuneKey: string, committeeKeys: readonly string[]): SagRef[] {
    const keys = new Set(committeeKeys);
    return this.query<{ kommune: string; sagsnummer: string; committees: string; next_key: string | null }>(
      'SELECT kommune, sagsnummer, committees, next_key FROM sager WHERE kommune_key = ?',
    )
      .all(kommuneKey)
      .filter(
        (r) =>
          (r.next_key !== null && keys.has(r.next_key)) ||
          (JSON.parse(r.committees) as { committeeKey: string }[]).some((c) => keys.has(c.committeeKey)),
      )
      .map((r) => ({ kommune: r.kommune, sagsnummer: r.sagsnummer }));
  }

  snapshot(): ReadModelSnapshot {
    return {
      sager: this.query<SagerDbRow>(`SELECT ${SAGER_SELECT} FROM sager s`).all().map(toSagSummary),
      meetingItems: this.query<MeetingItemDbRow>(`SELECT ${MEETING_ITEM_SELECT} FROM meeting_items`).all().map(toMeetingItemRow),
      decisions: this.query<DecisionDbRow>(`SELECT ${DECISION_SELECT} FROM decisions`).all().map(toDecisionRow),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function applyPragmas(db: Database.Database, how: 'unsynced' | 'durable', options: ConnectionOptions | null): void {
  if (options) {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    db.pragma(`cache_size = -${options.cacheSizeKb}`);
  }
  if (how === 'unsynced') {
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    return;
  }
  // FULL first: the switch to WAL rewrites the file's header, synced like any commit from now on.
  db.pragma('synchronous = FULL');
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`The read-model file ${db.name} could not be switched to WAL (it is ${String(mode)})`);
}

function prepareWrites(db: Database.Database) {
  const updateAll = (columns: string, key: number) =>
    columns
      .split(', ')
      .slice(key)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
  return {
    upsertSag: db.prepare(
      `INSERT INTO sager (${SAGER_COLUMNS}) VALUES (${marks(SAGER_COLUMNS)})
       ON CONFLICT (kommune_key, sagsnummer) DO UPDATE SET ${updateAll(SAGER_COLUMNS, 2)}`,
    ),
    upsertSagCommittee: db.prepare(
      `INSERT INTO sag_committees (kommune_key, committee_key, sagsnummer, last_date, status) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kommune_key, committee_key, sagsnummer) DO UPDATE SET last_date = excluded.last_date, status = excluded.status`,
    ),
    upsertMeetingItem: db.prepare(
      `INSERT INTO meeting_items (${MEETING_ITEM_COLUMNS}) VALUES (${marks(MEETING_ITEM_COLUMNS)})
       ON CONFLICT (kommune_key, committee_key, meeting_date, sagsnummer, item_key) DO UPDATE SET ${updateAll(MEETING_ITEM_COLUMNS, 5)}`,
    ),
    deleteMeetingItem: db.prepare(`DELETE FROM meeting_items WHERE ${MEETING_ITEM_KEY}`),
    putDecision: db.prepare(`INSERT OR REPLACE INTO decisions (${DECISION_COLUMNS}) VALUES (${marks(DECISION_COLUMNS)})`),
    deleteDecision: db.prepare('DELETE FROM decisions WHERE position = ?'),
    deleteSag: db.prepare('DELETE FROM sager WHERE kommune_key = ? AND sagsnummer = ?'),
    deleteSagCommittees: db.prepare('DELETE FROM sag_committees WHERE kommune_key = ? AND sagsnummer = ?'),
    deleteSagCommittee: db.prepare('DELETE FROM sag_committees WHERE kommune_key = ? AND committee_key = ? AND sagsnummer = ?'),
    sagCommittees: db.prepare<unknown[], { committees: string }>('SELECT committees FROM sager WHERE kommune_key = ? AND sagsnummer = ?'),
    setCheckpoint: db.prepare('UPDATE checkpoint SET position = ?, recorded_at = ? WHERE id = 1'),
  };
}

// Parameters in the order of SAGER_COLUMNS, MEETING_ITEM_COLUMNS and DECISION_COLUMNS; laid out as those lists are.
// prettier-ignore
function sagParams(k: string, s: SagSummary, search: SearchTexts): unknown[] {
  return [
    k, s.sagsnummer, s.kommune, s.title, search.open, search.all, s.status, s.access, s.lastCommittee, s.lastCommitteeKey,
    s.recommendedTo, JSON.stringify(s.committees), s.firstDate, s.lastDate, s.revision, s.now && JSON.stringify(s.now),
    s.next?.committeeKey ?? null, s.next && JSON.stringify(s.next), s.final ? 1 : 0,
  ];
}

// prettier-ignore
function meetingItemParams(k: string, m: MeetingItemRow): unknown[] {
  return [
    k, m.committeeKey, m.meetingDate, m.sagsnummer, m.item ?? -1, m.kommune, m.committee, m.item, m.title, m.step, m.outcome,
    m.recommendedTo, m.access,
  ];
}

// prettier-ignore
function decisionParams(k: string, d: DecisionRow): unknown[] {
  return [
    d.position, d.eventId, k, d.kommune, d.sagsnummer, d.title, d.committee, d.committeeKey, d.meetingDate, d.item, d.step,
    d.outcome, d.recommendedTo, d.text, d.access,
  ];
}

/**
 * Columns under the model's names, so a row is the model's shape but for
 * what SQLite cannot hold: integers (bigint here), booleans and JSON.
 */
export const SAGER_SELECT =
  's.kommune, s.sagsnummer, s.title, s.status, s.access, s.last_committee AS lastCommittee, s.last_committee_key AS lastCommitteeKey, s.recommended_to AS recommendedTo, s.committees, s.first_date AS firstDate, s.last_date AS lastDate, s.revision, s.now, s.next, s.final';
export const MEETING_ITEM_SELECT =
  'kommune, committee, committee_key AS committeeKey, meeting_date AS meetingDate, item, sagsnummer, title, step, outcome, recommended_to AS recommendedTo, access';
export const DECISION_SELECT =
  'kommune, sagsnummer, title, committee, committee_key AS committeeKey, meeting_date AS meetingDate, item, step, outcome, recommended_to AS recommendedTo, text, access, event_id AS eventId, position';

type Stored<T, K extends keyof T, V> = Omit<T, K> & { readonly [P in K]: V };
type Json = 'committees' | 'now' | 'next';
export type SagerDbRow = Omit<SagSummary, Json | 'revision' | 'final'> & { readonly [P in Json]: string | null } & {
  readonly revision: bigint;
  readonly final: bigint;
};
export type MeetingItemDbRow = Stored<MeetingItemRow, 'item', bigint | null>;
export type DecisionDbRow = Stored<DecisionRow, 'item', bigint | null>;

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** Field by field: a page maps 50 of these, and a rest-spread copy costs more than the query. */
export function toSagSummary(r: SagerDbRow): SagSummary {
  return {
    kommune: r.kommune,
    sagsnummer: r.sagsnummer,
    title: r.title,
    status: r.status,
    access: r.access,
    lastCommittee: r.lastCommittee,
    lastCommitteeKey: r.lastCommitteeKey,
    recommendedTo: r.recommendedTo,
    committees: json<SagSummary['committees']>(r.committees) ?? [],
    firstDate: r.firstDate,
    lastDate: r.lastDate,
    revision: Number(r.revision),
    now: json(r.now),
    next: json(r.next),
    final: r.final === 1n,
  };
}

export function toMeetingItemRow(r: MeetingItemDbRow): MeetingItemRow {
  return { ...r, item: r.item === null ? null : Number(r.item) };
}

export function toDecisionRow(r: DecisionDbRow): DecisionRow {
  return { ...r, item: r.item === null ? null : Number(r.item) };
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
