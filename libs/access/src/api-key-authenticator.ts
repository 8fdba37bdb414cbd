import { apiKeyId, hashApiKey, sameHash } from './api-key';
import { InvalidCredentialsError } from './errors';
import type { ApiKeyStore, StoredApiKey } from './key-store';
import type { Principal } from './principal';

export interface ApiKeyCacheOptions {
  /** How long a looked-up key (or its absence) is trusted without asking the store. */
  readonly cacheMs: number;
  /** How often the store is asked whether another process changed any key (a revocation by the CLI). */
  readonly changeCheckMs: number;
  /** Beyond this many cached ids the cache starts over: random ids cannot grow it without bound. */
  readonly maxEntries: number;
}

export const DEFAULT_KEY_CACHE: ApiKeyCacheOptions = { cacheMs: 5_000, changeCheckMs: 250, maxEntries: 10_000 };

interface Entry {
  readonly stored: StoredApiKey | null;
  readonly principal: Principal | null;
  readonly until: number;
}

/**
 * Presented key → principal, with the store's answer cached per key id so
 * that a request costs one SHA-256 and a map lookup. The comparison always
 * runs against the stored hash, cached or not. A revocation takes effect in
 * this process at once (invalidate), and from another process within
 * `changeCheckMs` (the store's data version), at worst `cacheMs`.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, Entry>();
  private checkedAt = Number.NEGATIVE_INFINITY;
  private storeVersion: number | null = null;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly options: ApiKeyCacheOptions = DEFAULT_KEY_CACHE,
    private readonly now: () => number = Date.now,
  ) {}

  authenticate(presented: string): Principal {
    const id = apiKeyId(presented);
    if (id === null) throw new InvalidCredentialsError('The API key is not valid.');
    const entry = this.lookup(id);
    // Hash before deciding, so an unknown id and a wrong secret take the same path.
    const matches = entry.stored !== null && sameHash(entry.stored.hash, hashApiKey(presented));
    if (!matches || !entry.principal) throw new InvalidCredentialsError('The API key is not valid.');
    return entry.principal;
  }

  /** Forget cached keys (one, or all): after a revocation in this process. */
  invalidate(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
  }

  private lookup(id: string): Entry {
    const now = this.now();
    this.noticeOtherWriters(now);
    const cached = this.cache.get(id);
    if (cached && cached.until > now) return cached;
    const stored = this.store.find(id);
    const active = stored && stored.revokedAt === null ? stored : null;
    const entry: Entry = {
      stored: active,
      principal: active
        ? Object.freeze({ name: active.name, roles: Object.freeze([active.role]), via: 'api-key', keyId: active.id })
        : null,
      until: now + this.options.cacheMs,
    };
    if (this.cache.size >= this.options.maxEntries) this.cache.clear();
    this.cache.set(id, entry);
    return entry;
  }

  private noticeOtherWriters(now: number): void {
    if (now - this.checkedAt < this.options.changeCheckMs) return;
    this.checkedAt = now;
    const version = this.store.version();
    if (this.storeVersion !== null && version !== this.storeVersion) this.cache.clear();
    this.storeVersion = version;
  }
}
