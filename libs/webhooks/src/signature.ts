import { createHmac, type KeyObject } from 'node:crypto';

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Standard Webhooks signing: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
 * Each attempt is signed with its own timestamp (receivers reject stale ones);
 * the id stays the event's id on every attempt, so receivers can deduplicate.
 */
export function signWebhook(key: KeyObject, id: string, timestampSeconds: number, body: string): WebhookHeaders {
  const timestamp = String(timestampSeconds);
  // One update of the whole string is measurably cheaper than three.
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${mac}` };
}
