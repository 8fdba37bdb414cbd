import { accessUnder, headlineOf, itemTitleUnder, proposalUnder, recommendedOnwardTo, routeHeadlineOf } from '@sagsspor/sag';
import { canonicalKey, NO_MERGES, type CommitteeMerges, type SagRoutedData, type Step } from '@sagsspor/sag';
import type { CommitteeRef, DecisionRow, MeetingItemRow, SagSummary } from '../model';
import type { SagRecord } from './sag-record';

/**
 * What the read models hold about one sag, as functions of its current
 * records. Everything but the summary depends only on the records of one
 * meeting (and the sag's title), so a sag's rows are kept per meeting and
 * only a meeting an event touched is derived again.
 */
export interface SagIdentity {
  readonly kommune: string;
  readonly sagsnummer: string;
}

/** The rows one meeting of a sag contributes: its agenda items and its decision-log entries. */
export interface MeetingRows {
  readonly items: readonly MeetingItemRow[];
  readonly decisions: readonly DecisionRow[];
}

/** The key of the meeting a record belongs to (a committee on a date). */
export function meetingOf(r: Pick<SagRecord, 'committeeKey' | 'meetingDate'>): string {
  return `${r.committeeKey}\u0000${r.meetingDate}`;
}

/**
 * Status, title and access as buildHistory gives them (libs/sag's headline),
 * the last committee, where it goes next (the latest recommendation's body,
 * until that body decides), and the committees in order of first treatment
 * with the name they were last printed with, and where it is on its route. `sorted`: in business order.
 */
export function summaryOf(
  sag: SagIdentity,
  revision: number,
  sorted: readonly SagRecord[],
  routes: readonly SagRoutedData[],
  /** The kommune's committee merges in force: the summary names each committee by its key, an alias by its committee's. */
  merges: CommitteeMerges = NO_MERGES,
): SagSummary {
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) throw new Error(`Sag ${sag.sagsnummer} has no records`);
  const names = new Map<string, string>();
  // Map order is first insertion: the order of first treatment; the value is the latest name.
  for (const r of sorted) names.set(canonicalKey(merges, r.committeeKey), r.committee);
  const committees: CommitteeRef[] = [...names].map(([key, committee]) => ({ committee, committeeKey: key }));
  return {
    kommune: sag.kommune,
    sagsnummer: sag.sagsnummer,
    ...headlineOf(sorted),
    ...routeHeadlineOf(sorted, routes, merges),
    lastCommittee: last.committee,
    lastCommitteeKey: canonicalKey(merges, last.committeeKey),
    recommendedTo: recommendedOnwardTo(sorted),
    committees,
    firstDate: first.meetingDate,
    lastDate: last.meetingDate,
    revision,
  };
}

/** Which step an agenda item shows when several were taken at one meeting: the furthest. */
const ITEM_STEP_RANK: Record<Step, number> = { proposed: 0, genoptaget: 1, decided: 2, recommended: 3 };

/**
 * One meeting's rows, from its records in the order applied. Agenda items:
 * one per item number; a record whose item number is unknown (a reference
 * from another body's document) belongs to the sag's lowest-numbered item
 * at that meeting, when there is one. Decision log: decided and recommended
 * records, titled and as open as the proposal they were made under.
 */
export function meetingRowsOf(sag: SagIdentity, meeting: readonly SagRecord[], sagTitle: string | null): MeetingRows {
  let lowest: number | null = null;
  for (const r of meeting) if (r.item !== null && (lowest === null || r.item < lowest)) lowest = r.item;
  const items: MeetingItemRow[] = [];
  const decisions: DecisionRow[] = [];
  for (const r of meeting) {
    const item = r.item ?? lowest;
    if (!items.some((row) => row.item === item)) items.push(agendaItem(sag, meeting, item, lowest, sagTitle));
    if (r.step === 'decided' || r.step === 'recommended') decisions.push(decision(sag, meeting, r, sagTitle));
  }
  return { items, decisions };
}

function agendaItem(
  sag: SagIdentity,
  meeting: readonly SagRecord[],
  item: number | null,
  lowest: number | null,
  sagTitle: string | null,
): MeetingItemRow {
  const group = meeting.filter((r) => (r.item ?? lowest) === item);
  const head = group[0] as SagRecord;
  const proposal = group.find((r) => r.step === 'proposed');
  const furthest = group.reduce((a, b) => (ITEM_STEP_RANK[b.step] > ITEM_STEP_RANK[a.step] ? b : a));
  return {
    kommune: sag.kommune,
    committee: (proposal ?? head).committee,
    committeeKey: head.committeeKey,
    meetingDate: head.meetingDate,
    item,
    sagsnummer: sag.sagsnummer,
    title: itemTitleUnder(proposal, sagTitle),
    step: furthest.step,
    outcome: group.find((r) => r.step === 'decided')?.outcome ?? null,
    recommendedTo: group.find((r) => r.step === 'recommended')?.recommendedTo ?? null,
    access: group.some((r) => r.step === 'proposed' && r.access === 'closed') ? 'closed' : 'open',
  };
}

function decision(sag: SagIdentity, meeting: readonly SagRecord[], r: SagRecord, sagTitle: string | null): DecisionRow {
  // A proposal of the same treatment is at the same meeting: the meeting's records are all proposalUnder needs.
  const proposal = proposalUnder(r, meeting);
  return {
    kommune: sag.kommune,
    sagsnummer: sag.sagsnummer,
    title: itemTitleUnder(proposal, sagTitle),
    committee: r.committee,
    committeeKey: r.committeeKey,
    meetingDate: r.meetingDate,
    item: r.item,
    step: r.step === 'recommended' ? 'recommended' : 'decided',
    outcome: r.step === 'recommended' ? 'recommended' : (r.outcome ?? 'other'),
    recommendedTo: r.recommendedTo,
    text: r.text ?? '',
    access: accessUnder(proposal),
    eventId: r.id,
    position: r.position,
  };
}
