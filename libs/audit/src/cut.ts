import { isBusinessDate } from '@sagsspor/sag';
import { InvalidCutError } from './errors';

/**
 * Record time: what the system had recorded by a global position (inclusive)
 * or by an instant. recordedAt values are ISO instants with millisecond
 * precision, so an instant is kept as epoch milliseconds (finer digits are
 * floored, which never changes which events fall on either side).
 */
export type KnownAt = { readonly kind: 'position'; readonly position: bigint } | { readonly kind: 'recorded-at'; readonly epochMs: number };

/** asOf: business time, a meeting date (inclusive). Either cut may be absent. */
export interface HistoryCut {
  readonly asOf: string | null;
  readonly knownAt: KnownAt | null;
}

export const NO_CUT: HistoryCut = { asOf: null, knownAt: null };

export function parseCut(raw: { readonly asOf?: string | undefined; readonly knownAt?: string | undefined }): HistoryCut {
  return {
    asOf: raw.asOf === undefined ? null : parseAsOf(raw.asOf),
    knownAt: raw.knownAt === undefined ? null : parseKnownAt(raw.knownAt),
  };
}

export function parseAsOf(raw: string): string {
  const value = raw.trim();
  if (!isBusinessDate(value)) throw new InvalidCutError('asOf', `asOf must be a real calendar date written YYYY-MM-DD, not "${raw}".`);
  return value;
}

const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^\d{1,19}$/;
/** RFC 3339 date-time; seconds may be left out. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * A bare whole number is a global position; anything else must be an instant
 * with a time zone. A wall-clock time without one is refused rather than
 * guessed: server time, UTC and Danish time (which moves with DST) would each
 * give a different cut. A date alone is refused for the same reason — whose
 * midnight? — and because business dates belong in asOf.
 */
export function parseKnownAt(raw: string): KnownAt {
  const value = raw.trim();
  if (POSITION.test(value)) {
    const position = BigInt(value);
    if (position > MAX_POSITION) throw new InvalidCutError('knownAt', `knownAt position ${value} is beyond any position a store can hold.`);
    return { kind: 'position', position };
  }
  const m = INSTANT.exec(value);
  if (!m) {
    const hint = isBusinessDate(value)
      ? ' A date alone is ambiguous (midnight in which time zone?): give an instant such as 2024-02-07T23:59:59+01:00, or use asOf for a meeting date.'
      : '';
    throw new InvalidCutError(
      'knownAt',
      `knownAt must be a global position (a whole number) or an ISO 8601 instant with a time zone, such as 2024-02-07T12:00:00Z, not "${raw}".${hint}`,
    );
  }
  return { kind: 'recorded-at', epochMs: instantOf(m, raw) };
}

function instantOf(m: RegExpExecArray, raw: string): number {
  const [, y, mo, d, h, mi, s, fraction, zone] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string?,
    string?,
    string?,
  ];
  if (zone === undefined) {
    throw new InvalidCutError(
      'knownAt',
      `knownAt "${raw}" has no time zone, so it names no single instant: add Z (UTC) or an offset such as +01:00.`,
    );
  }
  const [hour, minute, second] = [Number(h), Number(mi), Number(s ?? '0')];
  if (!isBusinessDate(`${y}-${mo}-${d}`) || hour > 23 || minute > 59 || second > 59) {
    throw new InvalidCutError('knownAt', `knownAt "${raw}" is not a real date and time.`);
  }
  const offsetMinutes = zoneOffsetMinutes(zone, raw);
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, minute, second, ms) - offsetMinutes * 60_000;
}

function zoneOffsetMinutes(zone: string, raw: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
  if (oh > 23 || om > 59) throw new InvalidCutError('knownAt', `knownAt "${raw}" has an impossible time zone offset.`);
  return (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
}

/** How the response names the cut it applied: a position as a number string, an instant in UTC. */
export function describeKnownAt(knownAt: KnownAt): string {
  return knownAt.kind === 'position' ? knownAt.position.toString() : new Date(knownAt.epochMs).toISOString();
}
