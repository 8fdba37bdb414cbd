import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { decodeLeaves, encodeLeaves, type Checkpoint, type CheckpointSegment, type CheckpointStore, type Leaf } from '@sagsspor/audit';

export const AUDIT_FILE_NAME = 'audit.sqlite';

interface Row {
  readonly position: bigint;
  readonly count: bigint;
  readonly root: string;
  readonly key_id: string | null;
  readonly signature: string | null;
}

const COLUMNS = 'position, count, root, key_id, signature';

/**
 * The embedded default: a table in a file of its own beside the event log
 * (audit.sqlite), so writing checkpoints never holds the log's write lock.
 * Durable as the log is (WAL, synchronous=FULL). A segment's leaves are one
 * JSON column: [[position, leaf hash], ...].
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, AUDIT_FILE_NAME));
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS audit_checkpoints (
      position  INTEGER PRIMARY KEY,
      count     INTEGER NOT NULL,
      root      TEXT    NOT NULL,
      key_id    TEXT,
      signature TEXT,
      leaves    TEXT    NOT NULL
    ) STRICT`);
  }

  async latest(): Promise<Checkpoint | null> {
    return this.one(`SELECT ${COLUMNS} FROM audit_checkpoints ORDER BY position DESC LIMIT 1`);
  }

  async atOrBefore(position: bigint): Promise<Checkpoint | null> {
    return this.one(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE position <= ? ORDER BY position DESC LIMIT 1`, position);
  }

  async list({ after, limit }: { readonly after?: bigint; readonly limit: number }): Promise<Checkpoint[]> {
    const rows = this.db
      .prepare<[bigint, number], Row>(`SELECT ${COLUMNS} FROM audit_checkpoints WHERE position > ? ORDER BY position LIMIT ?`)
      .safeIntegers(true)
      .all(after ?? -1n, limit);
    return rows.map(toCheckpoint);
  }

  async add({ checkpoint, leaves }: CheckpointSegment, previous: bigint | null): Promise<boolean> {
    const insert = this.db.transaction((): boolean => {
      const newest = this.db
        .prepare<[], { position: bigint }>('SELECT max(position) AS position FROM audit_checkpoints')
        .safeIntegers(true)
        .get();
      if ((newest?.position ?? null) !== previous) return false;
      this.db
        .prepare('INSERT INTO audit_checkpoints (position, count, root, key_id, signature, leaves) VALUES (?, ?, ?, ?, ?, ?)')
        .run(BigInt(checkpoint.position), checkpoint.count, checkpoint.root, checkpoint.keyId, checkpoint.signature, encodeLeaves(leaves));
      return true;
    });
    return insert.immediate();
  }

  async *leavesThrough(position: bigint): AsyncIterable<Leaf> {
    const page = this.db
      .prepare<
        [bigint],
        { position: bigint; leaves: string }
      >('SELECT position, leaves FROM audit_checkpoints WHERE position > ? ORDER BY position LIMIT 1')
      .safeIntegers(true);
    let after = -1n;
    for (;;) {
      const row = page.get(after);
      if (!row) return;
      for (const leaf of decodeLeaves(row.leaves)) {
        if (leaf.position > position) return;
        yield leaf;
      }
      after = row.position;
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private one(sql: string, ...params: bigint[]): Checkpoint | null {
    const row = this.db
      .prepare<bigint[], Row>(sql)
      .safeIntegers(true)
      .get(...params);
    return row ? toCheckpoint(row) : null;
  }
}

function toCheckpoint(row: Row): Checkpoint {
  return { position: row.position.toString(), count: Number(row.count), root: row.root, keyId: row.key_id, signature: row.signature };
}
