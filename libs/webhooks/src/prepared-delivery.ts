import type { KeyObject } from 'node:crypto';
import type { SagIntegrationEvent } from '@sagsspor/integration-events';
import { signWebhook } from './signature';

const STATIC_HEADERS = { 'content-type': 'application/cloudevents+json; charset=utf-8', 'user-agent': 'sagsspor-webhooks/1' } as const;

/** Receivers reject timestamps older than 5 minutes; anything older than this is re-signed before sending. */
const FRESH_SECONDS = 30;

/** One event, serialised and signed once, ready to be sent (and re-sent with the same id and body). */
export interface PreparedDelivery {
  readonly eventId: string;
  readonly body: string;
  headers: Record<string, string>;
  signedAt: number;
}

export function prepareDelivery(key: KeyObject, event: SagIntegrationEvent): PreparedDelivery {
  const body = JSON.stringify(event);
  const signedAt = nowSeconds();
  return { eventId: event.id, body, headers: headersFor(key, event.id, body, signedAt), signedAt };
}

/** Headers to send now: a retry always gets a fresh timestamp, a first attempt one that is fresh enough. */
export function headersToSend(key: KeyObject, prepared: PreparedDelivery, retry: boolean): Record<string, string> {
  const now = nowSeconds();
  if (retry || now - prepared.signedAt > FRESH_SECONDS) {
    prepared.headers = headersFor(key, prepared.eventId, prepared.body, now);
    prepared.signedAt = now;
  }
  return prepared.headers;
}

function headersFor(key: KeyObject, id: string, body: string, timestamp: number): Record<string, string> {
  return { ...STATIC_HEADERS, 'content-length': String(Buffer.byteLength(body)), ...signWebhook(key, id, timestamp, body) };
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
