import { committeeKey, sameTreatment, type Access, type Outcome, type SagStatus, type Step } from '@sagsspor/sag';
import type { CommitteeRef } from '../model';
import { compareRecords, statusOf } from './order';
import type { RecordLite, SagProjState } from './records';

/** The sag summary row: SagSummary plus the keys the stores index it by. */
export interface SummaryRow {
  readonly streamName: string;
  readonly kommuneKey: string;
  readonly kommune: string;
  readonly sagsnummer: string;
  readonly title: string | null;
  readonly status: SagStatus;
  readonly access: Access;
  readonly lastCommittee: string;
  readonly lastCommitteeKey: string;
  readonly recommendedTo: string | null;
  readonly committees: readonly CommitteeRef[];
  readonly firstDate: string;
  readonly lastDate: string;
  readonly revision: number;
  readonly position: bigint;
}

/** What a timeline row shows that depends on other records of the sag, not only on its own event. */
export interface RecordDerived {
  /** As open as the proposal the treatment was made under (buildHistory's accessOf). */
  readonly access: Access;
  /** The title of that proposal, else the sag's title. */
  readonly itemTitle: string | null;
}

/** One sag on one meeting's agenda. */
export interface MeetingItemRow {
  readonly kommuneKey: string;
  readonly kommune: string;
  readonly committeeKey: string;
  readonly committee: string;
  readonly meetingDate: string;
  readonly sagsnummer: string;
  readonly item: number | null;
  readonly title: string | null;
  readonly step: Step;
  readonly outcome: Outcome | null;
  readonly recommendedTo: string | null;
  readonly access: Access;
}

/** The sag as seen from one committee it visited: for listing a committee's sager in summary order. */
export interface SagCommitteeRow {
  readonly kommuneKey: string;
  readonly committeeKey: string;
  readonly sagsnummer: string;
  readonly lastDate: string;
  readonly status: SagStatus;
}

export interface DerivedSag {
  readonly summary: SummaryRow;
  readonly records: ReadonlyMap<string, RecordDerived>;
  readonly meetingItems: ReadonlyMap<string, MeetingItemRow>;
  readonly committees: ReadonlyMap<string, SagCommitteeRow>;
}

export function meetingItemKey(row: Pick<MeetingItemRow, 'committeeKey' | 'meetingDate' | 'item'>): string {
  return `${row.committeeKey}\u0000${row.meetingDate}\u0000${row.item ?? ''}`;
}

/** Everything the read models hold about one sag, from its current records alone. */
export function derive(state: SagProjState): DerivedSag {
  // Stable sort over the records in applied order: the order buildHistory gives.
  const sorted = [...state.records].sort(compareRecords);
  const summary = summarise(state, sorted);
  const proposals = state.records.filter((r) => r.step === 'proposed');
  const records = new Map<string, RecordDerived>();
  for (const r of state.records) {
    const proposal = r.step === 'proposed' ? r : proposals.find((p) => sameTreatment(p, r));
    records.set(r.id, { access: proposal?.proposalAccess ?? 'open', itemTitle: proposal ? proposal.title : summary.title });
  }
  const committees = new Map<string, SagCommitteeRow>();
  for (const c of summary.committees) {
    committees.set(c.committeeKey, {
      kommuneKey: state.kommuneKey,
      committeeKey: c.committeeKey,
      sagsnummer: state.sagsnummer,
      lastDate: summary.lastDate,
      status: summary.status,
    });
  }
  return { summary, records, meetingItems: meetingItems(state, summary.title), committees };
}

function summarise(state: SagProjState, sorted: readonly RecordLite[]): SummaryRow {
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) throw new Error(`Sag ${state.streamName} has no records`);
  let latestProposal: RecordLite | undefined;
  let recommendedTo: string | null = null;
  const names = new Map<string, string>();
  for (const r of sorted) {
    if (r.step === 'proposed') latestProposal = r;
    if (r.step === 'recommended') recommendedTo = r.recommendedTo;
    // The body it went to has decided: it goes nowhere further on that recommendation.
    if (r.step === 'decided' && r.outcome !== 'postponed' && recommendedTo !== null && committeeKey(recommendedTo) === r.committeeKey)
      recommendedTo = null;
    names.set(r.committeeKey, r.committee);
  }
  const order: string[] = [];
  for (const r of sorted) if (!order.includes(r.committeeKey)) order.push(r.committeeKey);
  return {
    streamName: state.streamName,
    kommuneKey: state.kommuneKey,
    kommune: state.kommune,
    sagsnummer: state.sagsnummer,
    title: latestProposal?.title ?? null,
    status: statusOf(last),
    access: latestProposal?.proposalAccess ?? 'open',
    lastCommittee: last.committee,
    lastCommitteeKey: last.committeeKey,
    recommendedTo,
    committees: order.map((key) => ({ committee: names.get(key) ?? key, committeeKey: key })),
    firstDate: first.meetingDate,
    lastDate: last.meetingDate,
    revision: state.revision,
    position: state.position,
  };
}

const ITEM_STEP_RANK: Record<Step, number> = { proposed: 0, genoptaget: 1, decided: 2, recommended: 3 };

/**
 * Groups the records by meeting and agenda item. A record whose item number
 * is unknown (a reference from another body's document) belongs to the
 * lowest-numbered item of that sag at that meeting, when there is one.
 */
function meetingItems(state: SagProjState, sagTitle: string | null): Map<string, MeetingItemRow> {
  const itemsAt = new Map<string, number>();
  for (const r of state.records) {
    if (r.item === null) continue;
    const at = `${r.committeeKey}\u0000${r.meetingDate}`;
    const known = itemsAt.get(at);
    if (known === undefined || r.item < known) itemsAt.set(at, r.item);
  }
  const groups = new Map<string, RecordLite[]>();
  for (const r of state.records) {
    const item = r.item ?? itemsAt.get(`${r.committeeKey}\u0000${r.meetingDate}`) ?? null;
    const key = meetingItemKey({ committeeKey: r.committeeKey, meetingDate: r.meetingDate, item });
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const rows = new Map<string, MeetingItemRow>();
  for (const [key, group] of groups) {
    const head = group[0] as RecordLite;
    const proposal = group.find((r) => r.step === 'proposed');
    const strongest = group.reduce((a, b) => (ITEM_STEP_RANK[b.step] > ITEM_STEP_RANK[a.step] ? b : a));
    rows.set(key, {
      kommuneKey: state.kommuneKey,
      kommune: state.kommune,
      committeeKey: head.committeeKey,
      committee: (proposal ?? head).committee,
      meetingDate: head.meetingDate,
      sagsnummer: state.sagsnummer,
      item: head.item ?? itemsAt.get(`${head.committeeKey}\u0000${head.meetingDate}`) ?? null,
      title: proposal?.title ?? sagTitle,
      step: strongest.step,
      outcome: group.find((r) => r.step === 'decided')?.outcome ?? null,
      recommendedTo: group.find((r) => r.step === 'recommended')?.recommendedTo ?? null,
      access: group.some((r) => r.proposalAccess === 'closed') ? 'closed' : 'open',
    });
  }
  return rows;
}
