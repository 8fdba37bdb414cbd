import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

const PREFIX = 'whsec_';
/** 32 bytes: the HMAC-SHA256 block-size sweet spot, as the Standard Webhooks libraries generate. */
const SECRET_BYTES = 32;

/** A Standard Webhooks secret: "whsec_" + base64 of random bytes. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key a secret stands for, parsed once per subscription rather than per delivery. */
export function webhookSigningKey(secret: string): KeyObject {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  return createSecretKey(Buffer.from(encoded, 'base64'));
}
