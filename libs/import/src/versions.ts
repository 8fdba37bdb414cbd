import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@sagsspor/event-store';
import { kommuneKey } from '@sagsspor/sag';

/**
 * The versions of one meeting's minutes that were imported, in import
 * order: the stream `sag-%minutes:<kommune>:<committee>:<date>` (a "%" right
 * after "sag-" never begins a sag's stream name, whose kommune escapes it),
 * hash-chained like every sag stream, so `verify` covers it.
 */
export const MINUTES_VERSION_TYPE = 'MinutesVersionImported.v1';

export interface MinutesVersion {
  readonly kommune: string;
  readonly committee: string;
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly document: string;
  readonly sha256: string;
  /** The sha256 of the version this one replaces: named by --replaces, else the version current when it was imported. */
  readonly replaces: string | null;
  /** The sag numbers of the items it has. */
  readonly sager: readonly string[];
}

export interface MeetingKey {
  readonly kommune: string;
  readonly committeeKey: string;
  readonly meetingDate: string;
}

export function minutesStreamName(m: MeetingKey): string {
  const escape = (s: string) => s.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
  return `sag-%minutes:${escape(kommuneKey(m.kommune))}:${escape(m.committeeKey)}:${m.meetingDate}`;
}

export function versionsOf(recorded: readonly RecordedEvent[]): MinutesVersion[] {
  return recorded.filter((e) => e.type === MINUTES_VERSION_TYPE).map((e) => e.data as unknown as MinutesVersion);
}

/** The same version of the same meeting always gets the same id: no store holds it twice. */
export function versionEventId(m: MeetingKey, sha256: string): string {
  const h = createHash('sha1')
    .update(`${minutesStreamName(m)}\u0000${sha256}`, 'utf8')
    .digest();
  const b = Buffer.from(h.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * What a document is among the versions of its meeting's minutes:
 * - `seen`: this very version was imported before — nothing to record;
 * - `older`: a known version replaces it — it says nothing new;
 * - `first`: no version of this meeting is known;
 * - `newer`: it replaces `previous` (what --replaces names, else the current
 *   version: the latest imported that no other replaces), whose records it corrects.
 */
export type VersionVerdict =
  | { readonly kind: 'seen' }
  | { readonly kind: 'older'; readonly newer: MinutesVersion }
  | { readonly kind: 'first'; readonly replaces: string | null }
  | { readonly kind: 'newer'; readonly previous: MinutesVersion };

export function judgeVersion(versions: readonly MinutesVersion[], sha256: string, replaces: string | null): VersionVerdict {
  if (versions.some((v) => v.sha256 === sha256)) return { kind: 'seen' };
  const newer = versions.find((v) => v.replaces === sha256);
  if (newer) return { kind: 'older', newer };
  const previous = replaces === null ? currentOf(versions) : versions.find((v) => v.sha256 === replaces);
  return previous ? { kind: 'newer', previous } : { kind: 'first', replaces };
}

function currentOf(versions: readonly MinutesVersion[]): MinutesVersion | undefined {
  const replaced = new Set(versions.map((v) => v.replaces));
  return [...versions].reverse().find((v) => !replaced.has(v.sha256));
}
