import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  FailingEvent,
  NewWebhookSubscription,
  WebhookFilter,
  WebhookStatus,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from './subscription';
import { isSealed, SECRET_KEY_VARIABLE, SecretBox, SecretKeyMissingError } from './secret-box';
import { applyWebhookPragmas, createWebhookSchema, WEBHOOKS_FILE_NAME } from './webhook-schema';

interface Row {
  id: string;
  url: string;
  filter: string;
  secret: string;
  closed_access: number;
  created_at: string;
  status: string;
  checkpoint: string | null;
  delivered: number;
  last_delivered_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  next_attempt_at: string | null;
  failing_event_id: string | null;
  failing_position: string | null;
  attempts: number;
  paused_at: string | null;
}

export interface Progress {
  readonly checkpoint: string | null;
  readonly delivered: number;
  readonly lastDeliveredAt: string | null;
}

export interface Failure {
  readonly lastError: string;
  readonly lastErrorAt: string;
  readonly nextAttemptAt: string | null;
  readonly failing: FailingEvent;
}

/**
 * The webhook registry and the dispatcher's durable checkpoints, in
 * `<data dir>/webhooks.sqlite`, readable by its owner only. The signing
 * secrets are sealed with the key from SAGSSPOR_WEBHOOK_SECRET_KEY (see
 * SecretBox); secrets stored in the clear by earlier versions are sealed
 * when a key is first given.
 */
export class WebhookStore {
  readonly file: string;
  private readonly db: Database.Database;

  /** Throws when secrets are stored and no key (or another key) is given: deliveries could not be signed. */
  constructor(
    dataDir: string,
    private readonly box: SecretBox | null = SecretBox.fromEnv(),
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, WEBHOOKS_FILE_NAME);
    this.db = new Database(this.file);
    try {
      restrictToOwner(this.file);
      applyWebhookPragmas(this.db);
      createWebhookSchema(this.db);
      this.checkSecrets();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  create(s: NewWebhookSubscription): void {
    if (!this.box) throw new SecretKeyMissingError();
    this.db
      .prepare('INSERT INTO webhook_subscriptions (id, url, filter, secret, created_at, checkpoint) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.id, s.url, JSON.stringify(s.filter), this.box.seal(s.secret, s.id), s.createdAt, s.checkpoint);
  }

  /** Seals secrets stored in the clear, and proves the key opens the sealed ones, before anything is delivered. */
  private checkSecrets(): void {
    const rows = this.db.prepare('SELECT id, secret FROM webhook_subscriptions').all() as Array<{ id: string; secret: string }>;
    if (rows.length === 0) return;
    const box = this.box;
    if (!box) {
      throw new Error(
        `${this.file} holds ${rows.length} webhook signing secret(s), and ${SECRET_KEY_VARIABLE} is not set. ` +
          `Set it to the key they were stored with, or, for secrets stored before encryption, to a new key ` +
          `(openssl rand -base64 32): they are sealed with it at start.`,
      );
    }
    const seal = this.db.prepare('UPDATE webhook_subscriptions SET secret = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const { id, secret } of rows) {
        if (!isSealed(secret)) seal.run(box.seal(secret, id), id);
        else openOrExplain(box, secret, id);
      }
    })();
  }

  list(): WebhookSubscription[] {
    return this.rows('SELECT * FROM webhook_subscriptions ORDER BY created_at, id').map(withoutSecret);
  }

  get(id: string): WebhookSubscription | null {
    const row = this.row(id);
    return row ? withoutSecret(row) : null;
  }

  getWithSecret(id: string): WebhookSubscriptionWithSecret | null {
    const row = this.row(id);
    return row ? this.withSecret(row) : null;
  }

  active(): WebhookSubscriptionWithSecret[] {
    return this.rows("SELECT * FROM webhook_subscriptions WHERE status = 'active' ORDER BY created_at, id").map((r) => this.withSecret(r));
  }

  private withSecret(row: Row): WebhookSubscriptionWithSecret {
    // The constructor refused to open a store with secrets and no key.
    if (!this.box) throw new SecretKeyMissingError();
    return { ...toSubscription(row), secret: openOrExplain(this.box, row.secret, row.id) };
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM webhook_subscriptions WHERE id = ?').run(id).changes > 0;
  }

  saveProgress(id: string, p: Progress): void {
    this.db
      .prepare('UPDATE webhook_subscriptions SET checkpoint = ?, delivered = ?, last_delivered_at = ? WHERE id = ?')
      .run(p.checkpoint, p.delivered, p.lastDeliveredAt, id);
  }

  saveFailure(id: string, f: Failure): void {
    this.db
      .prepare(
        'UPDATE webhook_subscriptions SET last_error = ?, last_error_at = ?, next_attempt_at = ?, failing_event_id = ?, failing_position = ?, attempts = ? WHERE id = ?',
      )
      .run(f.lastError, f.lastErrorAt, f.nextAttemptAt, f.failing.eventId, f.failing.position, f.failing.attempts, id);
  }

  /** After a successful retry; the last error stays visible for diagnosis. */
  clearFailure(id: string): void {
    this.db
      .prepare(
        'UPDATE webhook_subscriptions SET next_attempt_at = NULL, failing_event_id = NULL, failing_position = NULL, attempts = 0 WHERE id = ?',
      )
      .run(id);
  }

  /** One transaction: the checkpoint stops just before the failing event, which is kept. */
  pause(id: string, progress: Progress, failure: Failure, pausedAt: string): void {
    this.db.transaction(() => {
      this.saveProgress(id, progress);
      this.saveFailure(id, { ...failure, nextAttemptAt: null });
      this.db.prepare("UPDATE webhook_subscriptions SET status = 'paused', paused_at = ? WHERE id = ?").run(pausedAt, id);
    })();
  }

  /** True when it was paused; the checkpoint is untouched, so the failing event comes first. */
  resume(id: string): boolean {
    const result = this.db
      .prepare(
        "UPDATE webhook_subscriptions SET status = 'active', paused_at = NULL, next_attempt_at = NULL, failing_event_id = NULL, failing_position = NULL, attempts = 0 WHERE id = ? AND status = 'paused'",
      )
      .run(id);
    return result.changes > 0;
  }

  setClosedAccess(id: string, closedAccess: boolean): boolean {
    return this.db.prepare('UPDATE webhook_subscriptions SET closed_access = ? WHERE id = ?').run(closedAccess ? 1 : 0, id).changes > 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private row(id: string): Row | undefined {
    return this.db.prepare('SELECT * FROM webhook_subscriptions WHERE id = ?').get(id) as Row | undefined;
  }

  private rows(sql: string): Row[] {
    return this.db.prepare(sql).all() as Row[];
  }
}

function toSubscription(r: Row): WebhookSubscriptionWithSecret {
  return {
    id: r.id,
    url: r.url,
    filter: JSON.parse(r.filter) as WebhookFilter,
    secret: r.secret,
    closedAccess: r.closed_access === 1,
    createdAt: r.created_at,
    status: r.status as WebhookStatus,
    checkpoint: r.checkpoint,
    delivered: r.delivered,
    lastDeliveredAt: r.last_delivered_at,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    nextAttemptAt: r.next_attempt_at,
    failing:
      r.failing_event_id && r.failing_position ? { eventId: r.failing_event_id, position: r.failing_position, attempts: r.attempts } : null,
    pausedAt: r.paused_at,
  };
}

function openOrExplain(box: SecretBox, sealed: string, id: string): string {
  try {
    return box.open(sealed, id);
  } catch {
    throw new Error(
      `${SECRET_KEY_VARIABLE} does not open the signing secret of webhook ${id}: it is not the key the secrets were stored with.`,
    );
  }
}

function withoutSecret(r: Row): WebhookSubscription {
  const { secret: _secret, ...rest } = toSubscription(r);
  return rest;
}

function restrictToOwner(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // Not every file system has POSIX modes (Windows shares); the data dir's own permissions still apply.
  }
}
