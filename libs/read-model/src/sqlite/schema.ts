import type Database from 'better-sqlite3';

export const READ_MODEL_FILE_NAME = 'read-models.sqlite';

/**
 * Separate from the event store's file, so the read models can be rebuilt or
 * deleted without touching the log. WAL lets the API read while a projector
 * (in this process or another) writes; synchronous=FULL makes a committed
 * checkpoint as durable as the rows it covers.
 */
export function applyPragmas(db: Database.Database, options: { busyTimeoutMs: number; cacheSizeKb: number }): void {
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`cache_size = -${options.cacheSizeKb}`);
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
}

/**
 * A generation built in this file (a projector's first one) lets the WAL grow to ~512 MB between
 * restarts (commit-worker.ts): trimmed back to this after. A rebuild's generation has a file of its own.
 */
export const JOURNAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * AUTOINCREMENT: a generation number, and so a table or file name, is never
 * reused. `file`: the generation's own file (generation-file.ts); NULL when
 * its tables are in this file.
 */
export function createMetaSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS rm_generations (
      gen           INTEGER PRIMARY KEY AUTOINCREMENT,
      projection    TEXT    NOT NULL,
      version       INTEGER NOT NULL,
      state         TEXT    NOT NULL CHECK (state IN ('building', 'live', 'retired')),
      checkpoint    INTEGER NOT NULL DEFAULT -1,
      checkpoint_at TEXT,
      created_at    TEXT    NOT NULL,
      promoted_at   TEXT,
      file          TEXT
    ) STRICT;
  `);
  // Files made before generations could have files of their own. Checked without the write
  // lock first: every open would otherwise wait for a swap under way in another process.
  const hasFile = () => (db.pragma('table_info(rm_generations)') as { name: string }[]).some((c) => c.name === 'file');
  if (hasFile()) return;
  db.transaction(() => {
    if (!hasFile()) db.exec('ALTER TABLE rm_generations ADD COLUMN file TEXT');
  }).immediate();
}

/**
 * Timeline tables made before records carried votes, absences and notes get
 * the column (nullable: their rows, all from v1 events, have none). Checked
 * without the write lock first, as above.
 */
export function ensureTimelineExtras(db: Database.Database, gen: number): void {
  const table = tablesOf(gen).timeline;
  const columns = () => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  const has = () => columns().includes('extras');
  const before = columns();
  if (before.length === 0 || before.includes('extras')) return;
  db.transaction(() => {
    if (!has()) db.exec(`ALTER TABLE ${table} ADD COLUMN extras TEXT`);
  }).immediate();
}

export interface GenTables {
  readonly sager: string;
  readonly timeline: string;
  readonly meetingItems: string;
  readonly sagCommittees: string;
}

export function tablesOf(gen: number): GenTables {
  if (!Number.isSafeInteger(gen) || gen < 1) throw new Error(`Not a generation number: ${gen}`);
  return {
    sager: `g${gen}_sager`,
    timeline: `g${gen}_timeline`,
    meetingItems: `g${gen}_meeting_items`,
    sagCommittees: `g${gen}_sag_committees`,
  };
}

/**
 * One generation's tables with the keys the projector writes and loads by.
 * With createQueryIndexes there is an index for every query the read side
 * runs: sager by kommune and last date (optionally status, or committee via
 * sag_committees), a sag's records by stream, the decision log (partial
 * indexes over decided/recommended records) by date, committee or outcome,
 * and meetings by committee and date (the meeting_items primary key).
 */
export function createGenerationSchema(db: Database.Database, gen: number): void {
  const t = tablesOf(gen);
  db.exec(`
    CREATE TABLE ${t.sager} (
      kommune_key        TEXT    NOT NULL,
      sagsnummer         TEXT    NOT NULL,
      stream_name        TEXT    NOT NULL,
      kommune            TEXT    NOT NULL,
      title              TEXT,
      search             TEXT    NOT NULL,
      status             TEXT    NOT NULL,
      access             TEXT    NOT NULL,
      last_committee     TEXT    NOT NULL,
      last_committee_key TEXT    NOT NULL,
      recommended_to     TEXT,
      committees         TEXT    NOT NULL,
      first_date         TEXT    NOT NULL,
      last_date          TEXT    NOT NULL,
      revision           INTEGER NOT NULL,
      position           INTEGER NOT NULL,
      PRIMARY KEY (kommune_key, sagsnummer)
    ) WITHOUT ROWID, STRICT;

    CREATE TABLE ${t.sagCommittees} (
      kommune_key   TEXT NOT NULL,
      committee_key TEXT NOT NULL,
      sagsnummer    TEXT NOT NULL,
      last_date     TEXT NOT NULL,
      status        TEXT NOT NULL,
      PRIMARY KEY (kommune_key, committee_key, sagsnummer)
    ) WITHOUT ROWID, STRICT;

    -- The rowid is the event's log position: unique, and rebuilds append in order.
    CREATE TABLE ${t.timeline} (
      position         INTEGER PRIMARY KEY,
      record_id        TEXT    NOT NULL,
      stream_name      TEXT    NOT NULL,
      kommune_key      TEXT    NOT NULL,
      kommune          TEXT    NOT NULL,
      sagsnummer       TEXT    NOT NULL,
      step             TEXT    NOT NULL,
      committee        TEXT    NOT NULL,
      committee_key    TEXT    NOT NULL,
      meeting_date     TEXT    NOT NULL,
      item             INTEGER,
      title            TEXT,
      proposal_access  TEXT,
      outcome          TEXT,
      recommended_to   TEXT,
      decision         INTEGER NOT NULL,
      decision_outcome TEXT,
      access           TEXT    NOT NULL,
      item_title       TEXT,
      -- The rest of the timeline entry, column by column: cheaper to write than one JSON text.
      text             TEXT,
      evidence         TEXT,
      proposed_by      TEXT,
      reason           TEXT,
      resumes          TEXT,
      event_id         TEXT,
      revision         INTEGER,
      recorded_at      TEXT,
      recorded_by      TEXT,
      source           TEXT,
      -- Votes, absences and data-quality notes (JSON), when the record has any.
      extras           TEXT
    ) STRICT;

    CREATE TABLE ${t.meetingItems} (
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
  `);
}

/**
 * The indexes a sag's state is loaded by. A rebuild from position 0 rarely
 * needs them (its cache holds the sager it is working on), so they are made
 * on the first load instead of being kept up to date from the start — one
 * sort instead of a million scattered B-tree inserts.
 */
export function createLoadIndexes(db: Database.Database, gen: number): void {
  const t = tablesOf(gen);
  db.exec(`CREATE INDEX IF NOT EXISTS ${t.timeline}_by_stream ON ${t.timeline} (stream_name, position);`);
}

/**
 * Every index the queries use. The ones on sager and sag_committees (filled
 * only at the swap) and the load index are made just before the generation
 * goes live: one sort per index instead of B-tree inserts all over while
 * rebuilding. IF NOT EXISTS: calling twice is harmless.
 */
export function createQueryIndexes(db: Database.Database, gen: number): void {
  const t = tablesOf(gen);
  createLoadIndexes(db, gen);
  db.exec(`
    CREATE INDEX IF NOT EXISTS ${t.sager}_by_date ON ${t.sager} (kommune_key, last_date, sagsnummer);
    CREATE INDEX IF NOT EXISTS ${t.sager}_by_status ON ${t.sager} (kommune_key, status, last_date, sagsnummer);
    CREATE INDEX IF NOT EXISTS ${t.sagCommittees}_by_date ON ${t.sagCommittees} (kommune_key, committee_key, last_date, sagsnummer);
    CREATE INDEX IF NOT EXISTS ${t.sagCommittees}_by_status ON ${t.sagCommittees} (kommune_key, committee_key, status, last_date, sagsnummer);
  `);
  createDecisionIndexes(db, gen);
}

/**
 * The decision log's indexes. Made with the generation: rows arrive in log
 * order, which is nearly date order, so keeping them up to date while
 * building costs the commit worker little, and the swap need not sort them.
 */
export function createDecisionIndexes(db: Database.Database, gen: number): void {
  const t = tablesOf(gen);
  db.exec(`
    CREATE INDEX IF NOT EXISTS ${t.timeline}_decisions ON ${t.timeline} (kommune_key, meeting_date, position) WHERE decision = 1;
    CREATE INDEX IF NOT EXISTS ${t.timeline}_decisions_by_committee ON ${t.timeline} (kommune_key, committee_key, meeting_date, position) WHERE decision = 1;
    CREATE INDEX IF NOT EXISTS ${t.timeline}_decisions_by_outcome ON ${t.timeline} (kommune_key, decision_outcome, meeting_date, position) WHERE decision = 1;
    CREATE INDEX IF NOT EXISTS ${t.timeline}_decisions_by_committee_outcome ON ${t.timeline} (kommune_key, committee_key, decision_outcome, meeting_date, position) WHERE decision = 1;
  `);
}

/**
 * sag_committees is only read by queries, and is a function of the sager rows
 * (one row per committee in `committees`, with the sag's last date and
 * status): while a generation is being built it is left empty and filled here,
 * in one statement, just before the generation goes live.
 */
export function fillSagCommittees(db: Database.Database, gen: number): void {
  const t = tablesOf(gen);
  db.exec(`
    DELETE FROM ${t.sagCommittees};
    INSERT INTO ${t.sagCommittees} (kommune_key, committee_key, sagsnummer, last_date, status)
      SELECT s.kommune_key, json_extract(c.value, '$.committeeKey') AS committee_key, s.sagsnummer, s.last_date, s.status
      FROM ${t.sager} s, json_each(s.committees) c
      -- In key order: appended, not inserted all over the table.
      ORDER BY 1, 2, 3;
  `);
}

export function dropGenerationSchema(db: Database.Database, gen: number): void {
  const t = tablesOf(gen);
  // g<n>_sager_log: where generations made before summaries were deferred kept them while building.
  for (const table of [t.sager, `g${gen}_sager_log`, t.sagCommittees, t.timeline, t.meetingItems]) db.exec(`DROP TABLE IF EXISTS ${table}`);
}
