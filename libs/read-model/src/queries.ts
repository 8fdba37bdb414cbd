import { committeeKey, isBusinessDate, kommuneKey, OUTCOMES, staleCutoff, type SagStatus } from '@sagsspor/sag';
import type { ResolveCommittee } from './committee-resolver';
import { decodeCursor } from './cursor';
import { InvalidCursorError, InvalidReadQueryError } from './errors';
import type { DecisionOutcome } from './model';

/**
 * The read side's query parameters, as the API and the CLI receive them
 * (text), and normalised: keys instead of names, a bounded limit, a decoded
 * cursor. Everything a store sees has passed through here.
 */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
export const SAG_STATUSES: readonly SagStatus[] = ['proposed', 'recommended', 'decided', 'postponed', 'genoptaget'];
export const DECISION_OUTCOMES: readonly DecisionOutcome[] = [...OUTCOMES, 'recommended'];
const MAX_Q = 200;

export interface SagerFilter {
  readonly kommune: string;
  readonly committee?: string;
  readonly status?: string;
  readonly from?: string;
  readonly to?: string;
  readonly q?: string;
  /** Whether the reader may see closed items: then `q` also finds a sag by a closed item's title. */
  readonly closedAccess: boolean;
  /** A committee the sager go to next; a duration (P90D, P12W, P3M, P1Y) they have stood still, undecided, by `today`. */
  readonly next?: string;
  readonly stale?: string;
  readonly today?: string;
  readonly limit?: string | number;
  readonly cursor?: string;
}

export interface SagerQuery {
  readonly kommuneKey: string;
  readonly committeeKey: string | null;
  readonly status: SagStatus | null;
  /** Bounds on the sag's last treatment date, inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  /** Lower-cased; matches anywhere in an item title (closed ones too with `closedAccess`) or the sag number. */
  readonly q: string | null;
  readonly closedAccess: boolean;
  readonly nextKey: string | null;
  readonly staleBefore: string | null;
  readonly limit: number;
  /** Sorted by last treatment date, then sag number, both descending; the page starts after this. */
  readonly after: { readonly lastDate: string; readonly sagsnummer: string } | null;
}

export interface MeetingsFilter {
  readonly kommune: string;
  readonly committee: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: string | number;
  readonly cursor?: string;
}

export interface MeetingsQuery {
  readonly kommuneKey: string;
  /** The committee's key, and every key its rows may be stored by (its merged aliases'). */
  readonly committeeKey: string;
  readonly committeeKeys: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  /** Number of meetings per page, newest first. */
  readonly limit: number;
  readonly after: { readonly meetingDate: string } | null;
}

export interface DecisionsFilter {
  readonly kommune: string;
  readonly committee?: string;
  readonly outcome?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: string | number;
  readonly cursor?: string;
}

export interface DecisionsQuery {
  readonly kommuneKey: string;
  /** Every key the committee's rows may be stored by (its own and its merged aliases'); null: every committee. */
  readonly committeeKeys: readonly string[] | null;
  readonly outcome: DecisionOutcome | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly limit: number;
  /** Sorted by meeting date, then log position, both descending. */
  readonly after: { readonly meetingDate: string; readonly position: string } | null;
}

/** Names as keys by the spelling rule alone: no registry, no merges. */
const BY_SPELLING: ResolveCommittee = (text) => {
  const key = committeeKey(text);
  return { key, keys: [key] };
};

/** `resolve`: a committee's name, key or abbreviation → its key (see committee-resolver.ts). */
export function parseSagerQuery(f: SagerFilter, resolve: ResolveCommittee = BY_SPELLING): SagerQuery {
  const range = dateRange(f.from, f.to);
  const cursor = f.cursor === undefined ? null : decodeCursor('sager', f.cursor, 2);
  const q = f.q === undefined ? null : text(f.q, 'q', MAX_Q).toLocaleLowerCase('da');
  return {
    kommuneKey: kommune(f.kommune),
    committeeKey: f.committee === undefined ? null : committee(f.committee, resolve, 'committee').key,
    status: f.status === undefined ? null : oneOf(f.status, SAG_STATUSES, 'status'),
    ...range,
    q,
    closedAccess: f.closedAccess,
    nextKey: f.next === undefined ? null : committee(f.next, resolve, 'next').key,
    staleBefore:
      f.stale === undefined
        ? null
        : (staleCutoff(f.today ?? '', f.stale) ?? invalid('stale must be a duration such as P90D, P12W, P3M or P1Y', 'stale')),
    limit: parseLimit(f.limit),
    after: cursor ? { lastDate: date(cursor[0], 'cursor'), sagsnummer: cursor[1] as string } : null,
  };
}

export function parseMeetingsQuery(f: MeetingsFilter, resolve: ResolveCommittee = BY_SPELLING): MeetingsQuery {
  const cursor = f.cursor === undefined ? null : decodeCursor('meetings', f.cursor, 1);
  const { key, keys } = committee(f.committee, resolve, 'committee');
  return {
    kommuneKey: kommune(f.kommune),
    committeeKey: key,
    committeeKeys: keys,
    ...dateRange(f.from, f.to),
    limit: parseLimit(f.limit, 20),
    after: cursor ? { meetingDate: date(cursor[0], 'cursor') } : null,
  };
}

export function parseDecisionsQuery(f: DecisionsFilter, resolve: ResolveCommittee = BY_SPELLING): DecisionsQuery {
  const cursor = f.cursor === undefined ? null : decodeCursor('decisions', f.cursor, 2);
  if (cursor && !/^\d{1,20}$/.test(cursor[1] as string)) throw new InvalidCursorError();
  return {
    kommuneKey: kommune(f.kommune),
    committeeKeys: f.committee === undefined ? null : committee(f.committee, resolve, 'committee').keys,
    outcome: f.outcome === undefined ? null : oneOf(f.outcome, DECISION_OUTCOMES, 'outcome'),
    ...dateRange(f.from, f.to),
    limit: parseLimit(f.limit),
    after: cursor ? { meetingDate: date(cursor[0], 'cursor'), position: cursor[1] as string } : null,
  };
}

/** Kommune names match case-insensitively and with or without " Kommune". */
export function kommune(raw: unknown): string {
  const key = kommuneKey(text(raw, 'kommune', 100));
  if (!key) throw new InvalidReadQueryError('kommune must name a kommune', 'kommune');
  return key;
}

function committee(raw: unknown, resolve: ResolveCommittee, field: string): { key: string; keys: readonly string[] } {
  const name = text(raw, field, 300);
  if (!committeeKey(name)) throw new InvalidReadQueryError(`${field} must name a committee`, field);
  return resolve(name, field);
}

const invalid = (detail: string, field: string): never => {
  throw new InvalidReadQueryError(detail, field);
};

export function parseLimit(raw: string | number | undefined, fallback = DEFAULT_LIMIT): number {
  if (raw === undefined) return fallback;
  const n = typeof raw === 'number' ? raw : /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
    throw new InvalidReadQueryError(`limit must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
  }
  return n;
}

function dateRange(from: string | undefined, to: string | undefined): { from: string | null; to: string | null } {
  const range = { from: from === undefined ? null : date(from, 'from'), to: to === undefined ? null : date(to, 'to') };
  if (range.from && range.to && range.from > range.to) throw new InvalidReadQueryError('from must not be after to', 'from');
  return range;
}

function date(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || !isBusinessDate(raw)) {
    if (field === 'cursor') throw new InvalidCursorError();
    throw new InvalidReadQueryError(`${field} must be a real date written YYYY-MM-DD`, field);
  }
  return raw;
}

/** Only plain text reaches a store: objects, arrays and operators never do. */
function text(raw: unknown, field: string, max: number): string {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > max) {
    throw new InvalidReadQueryError(`${field} must be a non-empty text of at most ${max} characters`, field);
  }
  return raw.trim();
}

function oneOf<T extends string>(raw: unknown, allowed: readonly T[], field: string): T {
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new InvalidReadQueryError(`${field} must be one of ${allowed.join(', ')}`, field);
  }
  return raw as T;
}
