import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key: "sgk_" + a public id (12 hex) + "_" + 32 random bytes
 * (base64url). 256 bits of entropy make a plain SHA-256 the right hash: a
 * slow password hash protects guessable secrets, and this one is not
 * guessable — while authentication stays a microsecond.
 */
const KEY = /^sgk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedKey {
  readonly id: string;
  /** Shown once, never stored. */
  readonly key: string;
  readonly hash: Buffer;
}

export function generateApiKey(): GeneratedKey {
  const id = randomBytes(6).toString('hex');
  const key = `sgk_${id}_${randomBytes(32).toString('base64url')}`;
  return { id, key, hash: hashApiKey(key) };
}

/** The id a presented key claims, or null when it is not shaped like one of ours. */
export function apiKeyId(presented: string): string | null {
  return KEY.exec(presented)?.[1] ?? null;
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Constant time in the content: how much of a hash matches is never observable. */
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
