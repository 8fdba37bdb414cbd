import { decodeSagEvent, eventIdOf, isSagEventType, legacyEventIdOf } from '@sagsspor/sag';
import { chainHash, GENESIS_HASH } from './hash-chain';

export const BREAK_REASONS = [
  'hash-mismatch',
  'prev-hash-mismatch',
  'revision-gap',
  'missing-hash',
  'event-id-mismatch',
  'unreadable',
] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

export interface ChainBreak {
  readonly stream: string;
  readonly revision: number;
  readonly reason: BreakReason;
  readonly detail: string;
}

/** A stored event as any store returns it (structurally an event-store RecordedEvent). */
export interface VerifiableEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly position: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly [key: string]: unknown };
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  /** The log was verified through this position; appends after it were not looked at. */
  readonly headPosition: string;
  /** Every break found; `broken` lists the first `maxReported` of them. */
  readonly brokenCount: number;
  readonly broken: ChainBreak[];
  /** Set when the log could not be read to its head (a damaged file): what was read up to where. */
  readonly unreadableAfter?: { readonly position: string | null; readonly detail: string };
}

interface StreamTip {
  readonly revision: number;
  /** The hash the next event must name as prevHash; null when it cannot be known. */
  readonly hash: string | null;
}

const HASH = /^[0-9a-f]{64}$/;
const isHash = (v: unknown): v is string => typeof v === 'string' && HASH.test(v);

/**
 * Checks events fed in position order, keeping only each stream's tip, so a
 * log of any length is verified in memory bounded by its number of streams.
 * After a break the chain continues from the event's stored hash (the one its
 * successor names), so one edited event is reported once, not with every
 * event after it.
 */
export class ChainVerifier {
  private readonly tips = new Map<string, StreamTip>();
  private readonly broken: ChainBreak[] = [];
  private brokenCount = 0;
  private events = 0;

  constructor(private readonly maxReported = 1000) {}

  check(event: VerifiableEvent): void {
    this.events += 1;
    const { streamName: stream, revision, metadata } = event;
    const tip = this.tips.get(stream);
    const expectedRevision = tip ? tip.revision + 1 : 0;
    const gap = revision !== expectedRevision;
    if (gap) this.revisionGap(stream, revision, expectedRevision);

    const { prevHash, hash } = metadata;
    if (!isHash(prevHash) || !isHash(hash)) {
      this.fail(stream, revision, 'missing-hash', `metadata lacks a well-formed ${isHash(prevHash) ? 'hash' : 'prevHash'}`);
    }
    const expectedPrev = tip ? tip.hash : GENESIS_HASH;
    // After a gap the predecessor is missing, so its hash cannot be compared: the gap is the finding.
    if (!gap && isHash(prevHash) && expectedPrev !== null && prevHash !== expectedPrev) {
      this.fail(
        stream,
        revision,
        'prev-hash-mismatch',
        `prevHash ${short(prevHash)} is not the hash ${short(expectedPrev)} of the previous event`,
      );
    }
    const computed = isHash(prevHash) ? chainHash(prevHash, event) : null;
    if (computed !== null && isHash(hash) && computed !== hash) {
      this.fail(stream, revision, 'hash-mismatch', `stored hash ${short(hash)} does not match the event's content (${short(computed)})`);
    }
    const idProblem = eventIdProblem(event);
    if (idProblem) this.fail(stream, revision, 'event-id-mismatch', idProblem);
    this.tips.set(stream, { revision, hash: isHash(hash) ? hash : computed });
  }

  /** An event whose bytes do not decode: a break, after which the stream's chain is taken up from the next event. */
  unreadable(stream: string, revision: number, detail: string): void {
    this.events += 1;
    this.fail(stream, revision, 'unreadable', detail);
    this.tips.set(stream, { revision, hash: null });
  }

  report(headPosition: bigint): VerifyReport {
    return {
      ok: this.brokenCount === 0,
      streams: this.tips.size,
      events: this.events,
      headPosition: headPosition.toString(),
      brokenCount: this.brokenCount,
      broken: [...this.broken],
    };
  }

  private revisionGap(stream: string, revision: number, expected: number): void {
    if (revision > expected) {
      const missing = revision - 1 === expected ? `revision ${expected} is` : `revisions ${expected}-${revision - 1} are`;
      this.fail(stream, expected, 'revision-gap', `${missing} missing before revision ${revision}`);
    } else {
      this.fail(stream, revision, 'revision-gap', `revision ${revision} comes after revision ${expected - 1}`);
    }
  }

  private fail(stream: string, revision: number, reason: BreakReason, detail: string): void {
    this.brokenCount += 1;
    if (this.broken.length < this.maxReported) this.broken.push({ stream, revision, reason, detail });
  }
}

/** Sag event ids are derived from the treatment they record; a stored id that is not was forged or moved. */
function eventIdProblem(event: VerifiableEvent): string | null {
  if (!isSagEventType(event.type)) return null;
  const stored = event.metadata.eventId;
  let expected: string;
  let legacy: string;
  try {
    const sagEvent = decodeSagEvent(event.type, event.data);
    if (!sagEvent) return 'the event data does not identify a treatment';
    [expected, legacy] = [eventIdOf(sagEvent), legacyEventIdOf(sagEvent)];
  } catch {
    return 'the event data does not identify a treatment';
  }
  return stored === expected || stored === legacy ? null : `eventId ${String(stored)} is not the id ${expected} derived from the treatment`;
}

const short = (hash: string): string => `${hash.slice(0, 12)}…`;
