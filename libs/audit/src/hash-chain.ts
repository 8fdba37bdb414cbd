import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

/**
 * Each event's hash covers the previous event's hash and the canonical form
 * of this event (stream, revision, type, data and metadata but its own hash),
 * so editing, removing or reordering any stored event breaks the chain.
 */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const body = canonicalJson({ streamName: event.streamName, revision: event.revision, type: event.type, data: event.data, metadata });
  // One-shot hash: a Hash object per event costs more than the digest of a ~1 KB body.
  return hash('sha256', `${prevHash}\n${body}`, 'hex');
}
