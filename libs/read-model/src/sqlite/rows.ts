import type { Access, Outcome, SagStatus, Step, TimelineEntry } from '@sagsspor/sag';
import type { CommitteeRef, DecisionOutcome, SagSummary } from '../model';
import type { TimelineRow } from '../projection/changes';
import type { MeetingItemRow, SagCommitteeRow, SummaryRow } from '../projection/derive';
import type { RecordLite } from '../projection/records';

/** Rows as better-sqlite3 returns them with safe integers on (INTEGER → bigint). */
export interface SagerDbRow {
  kommune_key: string;
  sagsnummer: string;
  stream_name: string;
  kommune: string;
  title: string | null;
  status: string;
  access: string;
  last_committee: string;
  last_committee_key: string;
  recommended_to: string | null;
  committees: string;
  first_date: string;
  last_date: string;
  revision: bigint;
  position: bigint;
}

export interface TimelineDbRow {
  position: bigint;
  record_id: string;
  stream_name: string;
  kommune_key: string;
  kommune: string;
  sagsnummer: string;
  step: string;
  committee: string;
  committee_key: string;
  meeting_date: string;
  item: bigint | null;
  title: string | null;
  proposal_access: string | null;
  outcome: string | null;
  recommended_to: string | null;
  decision_outcome: string | null;
  access: string;
  item_title: string | null;
  text: string | null;
  evidence: string | null;
  proposed_by: string | null;
  reason: string | null;
  resumes: string | null;
  event_id: string | null;
  revision: bigint | null;
  recorded_at: string | null;
  recorded_by: string | null;
  source: string | null;
  extras: string | null;
}

/** The columns a timeline entry is rebuilt from. */
export type EntryDbRow = Pick<
  TimelineDbRow,
  | 'position'
  | 'step'
  | 'committee'
  | 'committee_key'
  | 'meeting_date'
  | 'item'
  | 'title'
  | 'outcome'
  | 'recommended_to'
  | 'access'
  | 'text'
  | 'evidence'
  | 'proposed_by'
  | 'reason'
  | 'resumes'
  | 'event_id'
  | 'revision'
  | 'recorded_at'
  | 'recorded_by'
  | 'source'
  | 'extras'
>;

export interface MeetingItemDbRow {
  kommune_key: string;
  committee_key: string;
  meeting_date: string;
  sagsnummer: string;
  kommune: string;
  committee: string;
  item: bigint | null;
  title: string | null;
  step: string;
  outcome: string | null;
  recommended_to: string | null;
  access: string;
}

export interface SagCommitteeDbRow {
  kommune_key: string;
  committee_key: string;
  sagsnummer: string;
  last_date: string;
  status: string;
}

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

/** Title and number, lower-cased, for `q`. */
export function searchText(title: string | null, sagsnummer: string): string {
  return `${(title ?? '').toLocaleLowerCase('da')}\n${sagsnummer.toLocaleLowerCase('da')}`;
}

/**
 * A rebuild writes a sag's summary once per batch that touches it, nearly
 * always with the title and committees it had: the lower-casing (ICU) and
 * the JSON are made once per distinct value. SagModel hands back the same
 * committees array while the list is unchanged.
 */
const searchCache = new Map<string, string>();
const committeesJson = new WeakMap<readonly CommitteeRef[], string>();
const SEARCH_CACHE_SIZE = 20_000;

function cachedSearchText(title: string | null, sagsnummer: string): string {
  const key = `${sagsnummer}\n${title ?? ''}`;
  let text = searchCache.get(key);
  if (text === undefined) {
    if (searchCache.size >= SEARCH_CACHE_SIZE) searchCache.clear();
    text = searchText(title, sagsnummer);
    searchCache.set(key, text);
  }
  return text;
}

function jsonOfCommittees(committees: readonly CommitteeRef[]): string {
  let json = committeesJson.get(committees);
  if (json === undefined) {
    json = JSON.stringify(committees);
    committeesJson.set(committees, json);
  }
  return json;
}

export function pushSummaryRow(out: unknown[], s: SummaryRow): void {
  out.push(
    s.kommuneKey,
    s.sagsnummer,
    s.streamName,
    s.kommune,
    s.title,
    cachedSearchText(s.title, s.sagsnummer),
    s.status,
    s.access,
    s.lastCommittee,
    s.lastCommitteeKey,
    s.recommendedTo,
    jsonOfCommittees(s.committees),
    s.firstDate,
    s.lastDate,
    s.revision,
    s.position,
  );
}

export function toSummaryRow(r: SagerDbRow): SummaryRow {
  return {
    streamName: r.stream_name,
    kommuneKey: r.kommune_key,
    kommune: r.kommune,
    sagsnummer: r.sagsnummer,
    title: r.title,
    status: r.status as SagStatus,
    access: r.access as Access,
    lastCommittee: r.last_committee,
    lastCommitteeKey: r.last_committee_key,
    recommendedTo: r.recommended_to,
    committees: JSON.parse(r.committees) as CommitteeRef[],
    firstDate: r.first_date,
    lastDate: r.last_date,
    revision: Number(r.revision),
    position: r.position,
  };
}

export function toSagSummary(r: SagerDbRow): SagSummary {
  return {
    kommune: r.kommune,
    sagsnummer: r.sagsnummer,
    title: r.title,
    status: r.status as SagStatus,
    access: r.access as Access,
    lastCommittee: r.last_committee,
    lastCommitteeKey: r.last_committee_key,
    recommendedTo: r.recommended_to,
    committees: JSON.parse(r.committees) as CommitteeRef[],
    firstDate: r.first_date,
    lastDate: r.last_date,
    revision: Number(r.revision),
  };
}

/** One push with every value as an argument: no array per row in a rebuild's hot loop. */
export function pushTimelineRow(out: unknown[], t: TimelineRow): void {
  const e = t.entry;
  const p = e.provenance;
  out.push(
    t.position,
    t.id,
    t.streamName,
    t.kommuneKey,
    t.kommune,
    t.sagsnummer,
    t.step,
    t.committee,
    t.committeeKey,
    t.meetingDate,
    t.item,
    t.title,
    t.proposalAccess,
    t.outcome,
    t.recommendedTo,
    t.decisionOutcome === null ? 0 : 1,
    t.decisionOutcome,
    t.access,
    t.itemTitle,
    e.text ?? null,
    e.evidence ?? null,
    e.proposedBy ?? null,
    e.reason ?? null,
    e.resumes === undefined ? null : JSON.stringify(e.resumes),
    p.eventId ?? null,
    p.revision ?? null,
    p.recordedAt ?? null,
    p.recordedBy ?? null,
    sourceJson(p.source),
    extrasJson(e),
  );
}

/** What v2 records add to an entry (see extrasOf), as one JSON text; null for the many records without any. */
function extrasJson(e: TimelineEntry): string | null {
  if (e.votes === undefined && e.absent === undefined && e.quality === undefined) return null;
  return JSON.stringify({ votes: e.votes, absent: e.absent, quality: e.quality });
}

function extrasOfRow(json: string | null): Pick<TimelineEntry, 'votes' | 'absent' | 'quality'> {
  if (json === null) return {};
  const x = JSON.parse(json) as Pick<TimelineEntry, 'votes' | 'absent' | 'quality'>;
  return {
    ...(x.votes === undefined ? {} : { votes: x.votes }),
    ...(x.absent === undefined ? {} : { absent: x.absent }),
    ...(x.quality === undefined ? {} : { quality: x.quality }),
  };
}

/**
 * The events of one imported document share their source: its JSON is made
 * once per document, not once per event (a rebuild writes a million). Only
 * for the import shape, keys in the order JSON.stringify would write them.
 */
const sourceCache = new Map<string, { document: string; json: string }>();
const SOURCE_CACHE_SIZE = 1_000;

function sourceJson(source: unknown): string | null {
  if (source === undefined) return null;
  const s = source as { kind?: unknown; document?: unknown; sha256?: unknown };
  if (s.kind !== 'import' || typeof s.document !== 'string' || typeof s.sha256 !== 'string' || !importKeysOnly(s))
    return JSON.stringify(source);
  // By content hash, then name: no key string made per event.
  const cached = sourceCache.get(s.sha256);
  if (cached !== undefined && cached.document === s.document) return cached.json;
  if (sourceCache.size >= SOURCE_CACHE_SIZE) sourceCache.clear();
  const json = JSON.stringify(source);
  sourceCache.set(s.sha256, { document: s.document, json });
  return json;
}

const IMPORT_KEYS = ['kind', 'document', 'sha256'];

function importKeysOnly(source: object): boolean {
  let i = 0;
  for (const key in source) if (IMPORT_KEYS[i++] !== key) return false;
  return i === IMPORT_KEYS.length;
}

export function toRecordLite(
  r: Pick<
    TimelineDbRow,
    | 'position'
    | 'record_id'
    | 'step'
    | 'committee'
    | 'committee_key'
    | 'meeting_date'
    | 'item'
    | 'title'
    | 'proposal_access'
    | 'outcome'
    | 'recommended_to'
  >,
): RecordLite {
  return {
    id: r.record_id,
    position: r.position,
    step: r.step as Step,
    committee: r.committee,
    committeeKey: r.committee_key,
    meetingDate: r.meeting_date,
    item: num(r.item),
    title: r.title,
    proposalAccess: r.proposal_access as Access | null,
    outcome: r.outcome as Outcome | null,
    recommendedTo: r.recommended_to,
  };
}

const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** The entry as buildHistory shows it, with the access derived from the sag as it is now. */
export function entryOfRow(r: EntryDbRow): TimelineEntry {
  const provenance = {
    eventId: orUndefined(r.event_id),
    revision: r.revision === null ? undefined : Number(r.revision),
    position: r.position.toString(),
    recordedAt: orUndefined(r.recorded_at),
    recordedBy: orUndefined(r.recorded_by),
    source: r.source === null ? undefined : (JSON.parse(r.source) as unknown),
  } as TimelineEntry['provenance'];
  const base = {
    date: r.meeting_date,
    committee: r.committee,
    committeeKey: r.committee_key,
    item: num(r.item),
    kind: r.step as Step,
    text: r.text as string,
    access: r.access as Access,
    evidence: r.evidence as TimelineEntry['evidence'],
    provenance,
  };
  switch (base.kind) {
    case 'proposed':
      return { ...base, title: r.title as string, proposedBy: r.proposed_by, ...extrasOfRow(r.extras) };
    case 'recommended':
      return { ...base, recommendedTo: r.recommended_to as string, ...extrasOfRow(r.extras) };
    case 'decided':
      return { ...base, outcome: r.outcome as Outcome, ...extrasOfRow(r.extras) };
    case 'genoptaget':
      return {
        ...base,
        reason: r.reason as string,
        resumes: JSON.parse(r.resumes ?? 'null') as NonNullable<TimelineEntry['resumes']>,
        ...extrasOfRow(r.extras),
      };
  }
}

export function toTimelineRow(r: TimelineDbRow): TimelineRow {
  return {
    ...toRecordLite(r),
    streamName: r.stream_name,
    kommuneKey: r.kommune_key,
    kommune: r.kommune,
    sagsnummer: r.sagsnummer,
    decisionOutcome: r.decision_outcome as DecisionOutcome | null,
    access: r.access as Access,
    itemTitle: r.item_title,
    entry: entryOfRow(r),
  };
}

/** Unknown item numbers are stored as -1 in the key: primary-key columns hold no NULL. */
export function itemKey(item: number | null): number {
  return item ?? -1;
}

export function pushMeetingItemRow(out: unknown[], m: MeetingItemRow): void {
  out.push(
    m.kommuneKey,
    m.committeeKey,
    m.meetingDate,
    m.sagsnummer,
    itemKey(m.item),
    m.kommune,
    m.committee,
    m.item,
    m.title,
    m.step,
    m.outcome,
    m.recommendedTo,
    m.access,
  );
}

export function pushMeetingItemKey(out: unknown[], m: MeetingItemRow): void {
  out.push(m.kommuneKey, m.committeeKey, m.meetingDate, m.sagsnummer, itemKey(m.item));
}

export function toMeetingItemRow(r: MeetingItemDbRow): MeetingItemRow {
  return {
    kommuneKey: r.kommune_key,
    kommune: r.kommune,
    committeeKey: r.committee_key,
    committee: r.committee,
    meetingDate: r.meeting_date,
    sagsnummer: r.sagsnummer,
    item: num(r.item),
    title: r.title,
    step: r.step as Step,
    outcome: r.outcome as Outcome | null,
    recommendedTo: r.recommended_to,
    access: r.access as Access,
  };
}

export function pushSagCommitteeRow(out: unknown[], c: SagCommitteeRow): void {
  out.push(c.kommuneKey, c.committeeKey, c.sagsnummer, c.lastDate, c.status);
}

export function toSagCommitteeRow(r: SagCommitteeDbRow): SagCommitteeRow {
  return {
    kommuneKey: r.kommune_key,
    committeeKey: r.committee_key,
    sagsnummer: r.sagsnummer,
    lastDate: r.last_date,
    status: r.status as SagStatus,
  };
}
