import { randomBytes } from 'node:crypto';

export interface Session {
  /** The API key signed in with: kept in this process only, never sent back to the browser. */
  readonly key: string;
  readonly createdAt: number;
  lastSeen: number;
}

export interface SessionLimits {
  /** Signed out after this long without a page view. */
  readonly idleMs: number;
  /** Signed out after this long whatever happens. */
  readonly absoluteMs: number;
  readonly maxSessions: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 8 * 3600_000, absoluteMs: 12 * 3600_000, maxSessions: 10_000 };

/**
 * Browser sessions: a random id in an HttpOnly cookie maps to the key the
 * reader signed in with. The key is checked again on every request (the
 * API's authenticator, so a revoked key stops working at once); a restart
 * signs everyone out, which costs a reader one sign-in.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  create(key: string): string {
    if (this.sessions.size >= this.limits.maxSessions) this.evictOldest();
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    this.sessions.set(id, { key, createdAt: at, lastSeen: at });
    return id;
  }

  /** The session's key, touching it; null when unknown or expired (then it is forgotten). */
  keyOf(id: string): string | null {
    const session = this.sessions.get(id);
    if (!session) return null;
    const at = this.now();
    if (at - session.lastSeen > this.limits.idleMs || at - session.createdAt > this.limits.absoluteMs) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeen = at;
    return session.key;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Maps keep insertion order: the first is the oldest created. */
  private evictOldest(): void {
    const first = this.sessions.keys().next();
    if (!first.done) this.sessions.delete(first.value);
  }
}
