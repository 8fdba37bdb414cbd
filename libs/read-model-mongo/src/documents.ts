import { kommuneKey, type SearchTexts } from '@sagsspor/sag';
import type { BuildMode, Builder, DecisionRow, GenerationState, MeetingItemRow, SagSummary } from '@sagsspor/read-model';

/**
 * Documents of one generation. Every document a batch writes carries the
 * stream revision of the sag it was derived at (`revision` on sager, `rev`
 * on the others) and the sag's stream: writes are guarded on the revision,
 * so replaying a batch changes nothing, and a sag's stale rows are found by stream.
 */
export interface SagDoc extends Omit<SagSummary, 'committees'> {
  _id: string;
  kommuneKey: string;
  committees: { committee: string; committeeKey: string }[];
  committeeKeys: string[];
  /** For `q`, lower-cased (libs/sag's searchTextsOf): `searchOpen` for readers of open items only, `searchAll` for the others. */
  searchOpen: string;
  searchAll: string;
  nextKey: string | null;
  /** A tombstone (every record withdrawn): kept so an older change replayed cannot bring the sag back. */
  withdrawn: boolean;
}

export interface MeetingItemDoc extends MeetingItemRow {
  _id: string;
  kommuneKey: string;
  streamName: string;
  rev: number;
}

export interface DecisionDoc extends DecisionRow {
  _id: string;
  kommuneKey: string;
  streamName: string;
  rev: number;
}

export interface GenerationDoc {
  _id: number;
  projection: string;
  version: number;
  state: GenerationState;
  mode: BuildMode;
  checkpoint: bigint;
  checkpointAt: string | null;
  createdAt: string;
  promotedAt?: string;
  retiredAt?: string;
  /** The process that made it; absent on generations an older version made. */
  builder?: Builder;
}

export function sagDoc(streamName: string, s: SagSummary, search: SearchTexts, withdrawn: boolean): SagDoc {
  return {
    ...s,
    _id: streamName,
    kommuneKey: kommuneKey(s.kommune),
    committees: [...s.committees],
    committeeKeys: s.committees.map((c) => c.committeeKey),
    nextKey: s.next?.committeeKey ?? null,
    searchOpen: search.open,
    searchAll: search.all,
    withdrawn,
  };
}

export function summaryOf(d: SagDoc): SagSummary {
  return {
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    title: d.title ?? null,
    status: d.status,
    access: d.access,
    lastCommittee: d.lastCommittee,
    lastCommitteeKey: d.lastCommitteeKey,
    recommendedTo: d.recommendedTo ?? null,
    committees: d.committees.map((c) => ({ committee: c.committee, committeeKey: c.committeeKey })),
    firstDate: d.firstDate,
    lastDate: d.lastDate,
    revision: d.revision,
    now: d.now ?? null,
    next: d.next ?? null,
    final: d.final === true,
  };
}

export function meetingItemId(m: MeetingItemRow): string {
  return [kommuneKey(m.kommune), m.committeeKey, m.meetingDate, m.sagsnummer, m.item ?? ''].join('\u001f');
}

export function meetingItemDoc(m: MeetingItemRow, streamName: string, rev: number): MeetingItemDoc {
  return { ...m, _id: meetingItemId(m), kommuneKey: kommuneKey(m.kommune), streamName, rev };
}

export function meetingItemRowOf(d: MeetingItemDoc): MeetingItemRow {
  return {
    kommune: d.kommune,
    committee: d.committee,
    committeeKey: d.committeeKey,
    meetingDate: d.meetingDate,
    item: d.item ?? null,
    sagsnummer: d.sagsnummer,
    title: d.title ?? null,
    step: d.step,
    outcome: d.outcome ?? null,
    recommendedTo: d.recommendedTo ?? null,
    access: d.access,
  };
}

export function decisionDoc(r: DecisionRow, streamName: string, rev: number): DecisionDoc {
  return { ...r, _id: r.eventId, kommuneKey: kommuneKey(r.kommune), streamName, rev };
}

export function decisionRowOf(d: DecisionDoc): DecisionRow {
  return {
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    title: d.title ?? null,
    committee: d.committee,
    committeeKey: d.committeeKey,
    meetingDate: d.meetingDate,
    item: d.item ?? null,
    step: d.step,
    outcome: d.outcome,
    recommendedTo: d.recommendedTo ?? null,
    text: d.text,
    access: d.access,
    eventId: d.eventId,
    position: BigInt(d.position),
  };
}
