import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '@sagsspor/kernel';

export const SECRET_KEY_VARIABLE = 'SAGSSPOR_WEBHOOK_SECRET_KEY';
const SEALED = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Creating a webhook needs somewhere safe to keep its secret. */
export class SecretKeyMissingError extends AppError {
  constructor() {
    super(
      'webhooks.secret-key-missing',
      'unavailable',
      'Webhook secrets cannot be stored',
      `Webhook signing secrets are stored encrypted with a key from ${SECRET_KEY_VARIABLE}, which is not set. ` +
        `Set it to 32 random bytes in base64 (openssl rand -base64 32) and restart.`,
    );
  }
}

/**
 * Webhook signing secrets must be usable to sign, so they cannot be hashed;
 * they are kept sealed (AES-256-GCM, bound to their subscription's id) with a
 * key from the environment, so a copy of the data directory alone does not
 * let anyone forge deliveries.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** null when the variable is unset; an error when it is set but is not a 32-byte key. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): SecretBox | null {
    const raw = env[SECRET_KEY_VARIABLE]?.trim();
    if (!raw) return null;
    const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new Error(`${SECRET_KEY_VARIABLE} must be 32 bytes in base64 (openssl rand -base64 32) or 64 hex digits.`);
    return new SecretBox(key);
  }

  seal(secret: string, id: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(id, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return SEALED + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** Throws when the key is not the one it was sealed with, or the value was altered or moved to another id. */
  open(stored: string, id: string): string {
    const bytes = Buffer.from(stored.slice(SEALED.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(id, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED);
