import type Database from 'better-sqlite3';

export const WEBHOOKS_FILE_NAME = 'webhooks.sqlite';

/**
 * Same durability as the event store: WAL, and synchronous=FULL so a
 * checkpoint or a pause that was acknowledged survives power loss.
 */
export function applyWebhookPragmas(db: Database.Database): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}

/** Positions are TEXT: bigint decimal strings (EventStoreDB positions can pass 2^53). */
export function createWebhookSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS webhook_subscriptions (
      id                TEXT    PRIMARY KEY,
      url               TEXT    NOT NULL,
      filter            TEXT    NOT NULL,
      secret            TEXT    NOT NULL,
      closed_access     INTEGER NOT NULL DEFAULT 0,
      created_at        TEXT    NOT NULL,
      status            TEXT    NOT NULL DEFAULT 'active',
      checkpoint        TEXT,
      delivered         INTEGER NOT NULL DEFAULT 0,
      last_delivered_at TEXT,
      last_error        TEXT,
      last_error_at     TEXT,
      next_attempt_at   TEXT,
      failing_event_id  TEXT,
      failing_position  TEXT,
      attempts          INTEGER NOT NULL DEFAULT 0,
      paused_at         TEXT
    ) STRICT;
  `);
}
