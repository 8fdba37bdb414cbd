import { createHash } from 'node:crypto';
import { CORRECTION_EVENT_TYPES, stepOf, type SagEvent } from './events';
import { sagStreamName } from './identity';

/**
 * Event ids are derived from the treatment they record (and the record they
 * supersede), never drawn at random: a retried command yields the same ids,
 * so no store can hold the same treatment twice.
 */
export function eventIdOf(event: SagEvent): string {
  return idOf(sagStreamName(event.data), event);
}

/**
 * The id an event got before stream names were escaped and identities
 * normalised (they differ only for a kommune with ":" or "%" or a name that
 * was not in normal form): such events, already stored, still verify.
 */
export function legacyEventIdOf(event: SagEvent): string {
  const d = event.data;
  const kommune = d.kommune
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(^|\s+)kommune$/i, '')
    .toLocaleLowerCase('da');
  return idOf(`sag-${kommune}:${d.sagsnummer}`, event);
}

function idOf(streamName: string, event: SagEvent): string {
  const d = event.data;
  // A withdrawal names the record it withdraws as a correction of it would: its own kind keeps the ids apart.
  const kind = event.type === CORRECTION_EVENT_TYPES.withdrawn ? `withdrawn:${stepOf(event)}` : stepOf(event);
  const identity = [streamName, kind, d.committeeKey, d.meetingDate, d.item ?? '', d.supersedes ?? ''].join('\u0000');
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
