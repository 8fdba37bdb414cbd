import { createHash } from 'node:crypto';
import { stepOf, type SagEvent } from './events';
import { sagStreamName } from './identity';

/**
 * Event ids are derived from the treatment they record (and the record they
 * supersede), never drawn at random: a retried command yields the same ids,
 * so no store can hold the same treatment twice.
 */
export function eventIdOf(event: SagEvent): string {
  const d = event.data;
  const identity = [sagStreamName(d), stepOf(event), d.committeeKey, d.meetingDate, d.item ?? '', d.supersedes ?? ''].join('\u0000');
  return uuidFromHash(createHash('sha1').update(identity, 'utf8').digest());
}

/** RFC 4122 layout, version 5 (name-based, SHA-1). */
function uuidFromHash(hash: Buffer): string {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
