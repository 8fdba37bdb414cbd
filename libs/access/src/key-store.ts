import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { generateApiKey } from './api-key';
import type { Role } from './roles';

export const ACCESS_FILE_NAME = 'access.sqlite';

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** A record with its hash: what authentication compares against. */
export interface StoredApiKey extends ApiKeyRecord {
  readonly hash: Buffer;
}

interface Row {
  id: string;
  name: string;
  role: Role;
  hash: Buffer;
  created_at: string;
  revoked_at: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  hash BLOB NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
)`;

/**
 * API keys in `<data dir>/access.sqlite`: only SHA-256 hashes, never a key.
 * Shared by the API (reads) and the CLI (creates, revokes) across processes;
 * `version()` changes whenever another connection commits, so a cache can
 * notice a revocation made elsewhere.
 */
export class ApiKeyStore {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly byId: Database.Statement<[string], Row>;
  private readonly dataVersion: Database.Statement<[], number>;

  /** Throws, saying what to do, when the file is damaged: a server that cannot check keys must not start. */
  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, ACCESS_FILE_NAME);
    this.db = new Database(this.file);
    try {
      // Hashes only, but still nobody else's business: owner-only like the other secrets' files.
      fs.chmodSync(this.file, 0o600);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA);
      const check = this.db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(String(check));
      this.db.prepare('SELECT count(*) FROM api_keys').get();
      this.byId = this.db.prepare('SELECT * FROM api_keys WHERE id = ?');
      this.dataVersion = this.db.prepare('PRAGMA data_version').pluck() as Database.Statement<[], number>;
    } catch (error) {
      this.db.close();
      throw new Error(
        `${this.file} is damaged (${error instanceof Error ? error.message : String(error)}): restore it from a backup, ` +
          'or move it away and create the API keys again (npm run -s cli -- keys create ...).',
      );
    }
  }

  /** Creates a key; the returned `key` is the only copy there will ever be. */
  create(name: string, role: Role, now = new Date()): ApiKeyRecord & { key: string } {
    const generated = generateApiKey();
    const createdAt = now.toISOString();
    this.db
      .prepare('INSERT INTO api_keys (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(generated.id, name, role, generated.hash, createdAt);
    return { id: generated.id, name, role, createdAt, revokedAt: null, key: generated.key };
  }

  find(id: string): StoredApiKey | null {
    const row = this.byId.get(id);
    return row ? { ...toRecord(row), hash: row.hash } : null;
  }

  list(): ApiKeyRecord[] {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at, id').all() as Row[]).map(toRecord);
  }

  /** True when the key existed and was active; revoking twice changes nothing. */
  revoke(id: string, now = new Date()): boolean {
    return this.db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes > 0;
  }

  /** Changes when another connection (another process) has committed since. */
  version(): number {
    return this.dataVersion.get() as number;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toRecord(r: Row): ApiKeyRecord {
  return { id: r.id, name: r.name, role: r.role, createdAt: r.created_at, revokedAt: r.revoked_at };
}
