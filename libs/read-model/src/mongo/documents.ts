import type { Access, Outcome, SagStatus, Step, TimelineEntry } from '@sagsspor/sag';
import type { CommitteeRef, DecisionOutcome } from '../model';
import type { TimelineRow } from '../projection/changes';
import type { MeetingItemRow, SagCommitteeRow, SummaryRow } from '../projection/derive';
import type { RecordLite, SagProjState } from '../projection/records';

/**
 * Documents of one generation. Every document a batch writes carries the
 * stream revision it was derived at (`revision` on sager, `rev` elsewhere);
 * writes are guarded on it, so replaying a batch changes nothing.
 */
export interface SagDoc {
  _id: string;
  kommuneKey: string;
  kommune: string;
  sagsnummer: string;
  title: string | null;
  /** Lower-cased title and number, for `q`. */
  search: string;
  status: SagStatus;
  access: Access;
  lastCommittee: string;
  lastCommitteeKey: string;
  recommendedTo: string | null;
  committees: CommitteeRef[];
  committeeKeys: string[];
  firstDate: string;
  lastDate: string;
  revision: number;
  position: bigint;
  /** The projection's state of the sag, written with `revision` in the same document update. */
  records: RecordLite[];
}

export interface TimelineDoc extends Omit<TimelineRow, 'id'> {
  _id: string;
  decision: boolean;
  rev: number;
}

export interface MeetingItemDoc extends MeetingItemRow {
  _id: string;
  rev: number;
}

export interface GenerationDoc {
  _id: number;
  projection: string;
  version: number;
  state: 'building' | 'live' | 'retired';
  checkpoint: bigint;
  checkpointAt: string | null;
  createdAt: string;
  promotedAt?: string;
  retiredAt?: string;
}

const SEP = '\u001f';

export function meetingItemId(m: Pick<MeetingItemRow, 'kommuneKey' | 'committeeKey' | 'meetingDate' | 'sagsnummer' | 'item'>): string {
  return [m.kommuneKey, m.committeeKey, m.meetingDate, m.sagsnummer, m.item ?? ''].join(SEP);
}

export function sagDoc(s: SummaryRow, state: SagProjState): SagDoc {
  return {
    _id: s.streamName,
    kommuneKey: s.kommuneKey,
    kommune: s.kommune,
    sagsnummer: s.sagsnummer,
    title: s.title,
    search: `${(s.title ?? '').toLocaleLowerCase('da')}\n${s.sagsnummer.toLocaleLowerCase('da')}`,
    status: s.status,
    access: s.access,
    lastCommittee: s.lastCommittee,
    lastCommitteeKey: s.lastCommitteeKey,
    recommendedTo: s.recommendedTo,
    committees: [...s.committees],
    committeeKeys: s.committees.map((c) => c.committeeKey),
    firstDate: s.firstDate,
    lastDate: s.lastDate,
    revision: s.revision,
    position: s.position,
    records: [...state.records],
  };
}

export function summaryOf(d: SagDoc): SummaryRow {
  return {
    streamName: d._id,
    kommuneKey: d.kommuneKey,
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    title: d.title,
    status: d.status,
    access: d.access,
    lastCommittee: d.lastCommittee,
    lastCommitteeKey: d.lastCommitteeKey,
    recommendedTo: d.recommendedTo,
    committees: d.committees.map((c) => ({ committee: c.committee, committeeKey: c.committeeKey })),
    firstDate: d.firstDate,
    lastDate: d.lastDate,
    revision: d.revision,
    position: BigInt(d.position),
  };
}

export function stateOf(d: SagDoc): SagProjState {
  return {
    streamName: d._id,
    kommune: d.kommune,
    kommuneKey: d.kommuneKey,
    sagsnummer: d.sagsnummer,
    revision: d.revision,
    position: BigInt(d.position),
    records: d.records.map((r) => ({ ...liteFields(r), position: BigInt(r.position) })),
  };
}

function liteFields(r: RecordLite): RecordLite {
  return {
    id: r.id,
    position: r.position,
    step: r.step,
    committee: r.committee,
    committeeKey: r.committeeKey,
    meetingDate: r.meetingDate,
    item: r.item ?? null,
    title: r.title ?? null,
    proposalAccess: r.proposalAccess ?? null,
    outcome: r.outcome ?? null,
    recommendedTo: r.recommendedTo ?? null,
  };
}

export function timelineDoc(row: TimelineRow, rev: number): TimelineDoc {
  const { id, ...rest } = row;
  return { ...rest, _id: id, decision: row.decisionOutcome !== null, rev };
}

export function timelineRowOf(d: TimelineDoc): TimelineRow {
  return {
    id: d._id,
    position: BigInt(d.position),
    streamName: d.streamName,
    kommuneKey: d.kommuneKey,
    kommune: d.kommune,
    sagsnummer: d.sagsnummer,
    step: d.step as Step,
    committee: d.committee,
    committeeKey: d.committeeKey,
    meetingDate: d.meetingDate,
    item: d.item ?? null,
    title: d.title ?? null,
    proposalAccess: d.proposalAccess ?? null,
    outcome: (d.outcome ?? null) as Outcome | null,
    recommendedTo: d.recommendedTo ?? null,
    decisionOutcome: (d.decisionOutcome ?? null) as DecisionOutcome | null,
    access: d.access,
    itemTitle: d.itemTitle ?? null,
    entry: entryOfDoc(d),
  };
}

/** The entry as stored, with the access derived from the sag as it is now. */
export function entryOfDoc(d: Pick<TimelineDoc, 'entry' | 'access'>): TimelineEntry {
  return { ...d.entry, access: d.access };
}

export function meetingItemRowOf(d: MeetingItemDoc): MeetingItemRow {
  return {
    kommuneKey: d.kommuneKey,
    kommune: d.kommune,
    committeeKey: d.committeeKey,
    committee: d.committee,
    meetingDate: d.meetingDate,
    sagsnummer: d.sagsnummer,
    item: d.item ?? null,
    title: d.title ?? null,
    step: d.step,
    outcome: d.outcome ?? null,
    recommendedTo: d.recommendedTo ?? null,
    access: d.access,
  };
}

export function sagCommitteeRowsOf(d: SagDoc): SagCommitteeRow[] {
  return d.committeeKeys.map((committeeKey) => ({
    kommuneKey: d.kommuneKey,
    committeeKey,
    sagsnummer: d.sagsnummer,
    lastDate: d.lastDate,
    status: d.status,
  }));
}
