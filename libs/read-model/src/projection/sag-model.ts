import type { RecordedEvent } from '@sagsspor/event-store';
import { committeeKey, sameTreatment, type Access, type SagEvent, type Step } from '@sagsspor/sag';
import { decisionOutcomeOf, type NewTimelineRow, type SagChange, type TimelinePatch, type TimelineRow } from './changes';
import type { CommitteeRef } from '../model';
import { meetingItemKey, type MeetingItemRow, type RecordDerived, type SagCommitteeRow, type SummaryRow } from './derive';
import { compareRecords, statusOf } from './order';
import { entryOf, provenanceOf, recordOf, type RecordLite, type SagProjState } from './records';

const meetingOf = (r: { committeeKey: string; meetingDate: string }): string => `${r.committeeKey}\u0000${r.meetingDate}`;

/**
 * A meeting as it was stored before this batch touched it: its records and
 * the sag's title then, from which what it showed is recomputed in finish()
 * (cheaper than keeping the derived rows of every meeting a batch touches).
 */
interface MeetingBefore {
  readonly group: readonly RecordLite[];
  readonly title: string | null;
  /** Whether its rows had been written (a finish() before). */
  readonly stored: boolean;
}

interface Pending {
  readonly added: Map<string, NewTimelineRow>;
  readonly removed: RecordLite[];
  readonly meetings: Map<string, MeetingBefore>;
}

const nothingPending = (): Pending => ({ added: new Map(), removed: [], meetings: new Map() });

/** Read only: what finish() finds when nothing was applied since the last one. */
const NOTHING_PENDING: Pending = nothingPending();

/**
 * One sag's read-model rows, kept up to date event by event. Where derive()
 * recomputes everything from the records (the reference, used by the tests),
 * this recomputes only what an event can change: the meeting it belongs to
 * (access and titles of that treatment's records, that meeting's agenda
 * items), the summary (linear scans of the records in business order, kept
 * sorted on insert), and everything only when the sag's title changes. A sag
 * noted at a hundred meetings costs little more per event than a new one.
 * Derived rows are not kept between batches (memory is what a rebuild's cache
 * is made of): what a meeting showed before is recomputed when a batch first
 * touches it.
 *
 * Mutable: a writer that fails to commit drops every model it holds.
 */
export class SagModel {
  readonly streamName: string;
  readonly kommune: string;
  readonly kommuneKey: string;
  readonly sagsnummer: string;
  revision = -1;
  position = -1n;
  /** Current records in applied order (as `evolve` keeps them). */
  private records: RecordLite[] = [];
  /** The same records in business order; stable (ties in applied order). */
  private sorted: RecordLite[] = [];
  /** Records per meeting (committee and date), in applied order. */
  private readonly byMeeting = new Map<string, RecordLite[]>();
  /** The summary as of the last finish(); null when that finish left it out (see finish). */
  private summaryRow: SummaryRow | null = null;
  /** The sag's title (its latest proposal's) as of the last finish(). */
  private title: string | null = null;
  /** Whether the sag's rows have been written (finish() or fromState). */
  private finished = false;
  /**
   * Made when a batch first changes the sag, dropped by finish(): kept
   * between batches, a model's empty Maps would outlive the young
   * generation, and a rebuild's cache holds thousands of models.
   */
  private pending: Pending | null = null;

  private constructor(identity: { streamName: string; kommune: string; kommuneKey: string; sagsnummer: string }) {
    this.streamName = identity.streamName;
    this.kommune = identity.kommune;
    this.kommuneKey = identity.kommuneKey;
    this.sagsnummer = identity.sagsnummer;
  }

  /** A sag seen for the first time: identity from its first event (as buildHistory takes it). */
  static empty(identity: { streamName: string; kommune: string; kommuneKey: string; sagsnummer: string }): SagModel {
    return new SagModel(identity);
  }

  /** A stored sag: rebuilds the derived rows exactly as they were stored, with no change pending. */
  static fromState(state: SagProjState): SagModel {
    const model = new SagModel(state);
    for (const r of state.records) model.insert(r);
    model.revision = state.revision;
    model.position = state.position;
    model.summaryRow = model.summarise();
    model.title = model.summaryRow.title;
    model.finished = true;
    return model;
  }

  get state(): SagProjState {
    return {
      streamName: this.streamName,
      kommune: this.kommune,
      kommuneKey: this.kommuneKey,
      sagsnummer: this.sagsnummer,
      revision: this.revision,
      position: this.position,
      records: this.records,
    };
  }

  /** The derived rows as of the last finish(), in derive()'s shape (for comparing with the reference). */
  get derived() {
    const title = this.title;
    const records = new Map<string, RecordDerived>();
    const meetingItems = new Map<string, MeetingItemRow>();
    for (const group of this.byMeeting.values()) {
      for (const r of group) records.set(r.id, derivedOf(r, group, title));
      for (const row of this.agendaItems(group, title)) meetingItems.set(meetingItemKey(row), row);
    }
    return { summary: this.summaryRow, records, meetingItems, committees: committeeRowsOf(this.summaryRow) };
  }

  /**
   * `evolve`: the superseded record goes, the new one is added; its rows are
   * written by finish(). False when the sag already reflects the event; throws
   * (changing nothing) when the event is malformed.
   */
  apply(e: RecordedEvent, event: SagEvent): boolean {
    // At-least-once stores replay batches: an event the sag already reflects changes nothing.
    if (e.revision <= this.revision) return false;
    const record = recordOf(e, event);
    const superseded = event.data.supersedes;
    const old = superseded ? this.records.find((r) => r.id === superseded) : undefined;
    if (old) {
      this.touch(meetingOf(old));
      this.remove(old);
    }
    const meeting = meetingOf(record);
    this.touch(meeting);
    this.insert(record, meeting);
    this.changing().added.set(record.id, this.newRow(record, e, event));
    this.revision = e.revision;
    this.position = e.position;
    return true;
  }

  /**
   * The rows to write for everything applied since the last finish();
   * without the summary when `withSummary` is false (see SagChange.summary).
   */
  finish(withSummary = true): SagChange {
    const { added, removed, meetings } = this.pending ?? NOTHING_PENDING;
    this.pending = null;
    const before = this.summaryRow;
    const oldTitle = this.title;
    const wasFinished = this.finished;
    // Left out, the summary is not made at all (it scans every record): only the title is needed here.
    const summary = withSummary ? this.summarise() : null;
    const title = summary ? summary.title : this.latestTitle();
    this.summaryRow = summary;
    this.title = title;
    this.finished = true;
    // A new title changes every item titled by the sag: then every meeting is looked at.
    const keys = oldTitle === title || !wasFinished ? meetings.keys() : new Set([...meetings.keys(), ...this.byMeeting.keys()]);
    const put: TimelineRow[] = [];
    const patch: TimelinePatch[] = [];
    const meetingItems: SagChange['meetingItems'] = { put: [], remove: [] };
    for (const key of keys) {
      const group = this.byMeeting.get(key) ?? [];
      // Not touched by the batch (only the title changed): stored as it is now.
      const was = meetings.get(key) ?? { group, title: oldTitle, stored: true };
      for (const r of group) {
        const proposal = proposalOf(r, group);
        const access = accessUnder(proposal);
        const itemTitle = itemTitleUnder(proposal, title);
        const row = added.get(r.id);
        if (row) {
          row.access = access;
          row.itemTitle = itemTitle;
          row.entry.access = access;
          continue;
        }
        const stored = was.group.includes(r);
        const before = stored ? proposalOf(r, was.group) : undefined;
        if (!stored || accessUnder(before) !== access || itemTitleUnder(before, was.title) !== itemTitle)
          patch.push({ id: r.id, position: r.position, access, itemTitle });
      }
      const rows = this.agendaItems(group, title);
      const wasRows = was.stored ? this.agendaItems(was.group, was.title) : NO_ROWS;
      for (const row of wasRows) if (!rows.some((x) => x.item === row.item)) meetingItems.remove.push(row);
      for (const row of rows) {
        const old = wasRows.find((x) => x.item === row.item);
        if (!old || !sameMeetingItem(old, row)) meetingItems.put.push(row);
      }
    }
    // `added` keeps applied order (a record superseded in the batch was deleted from it).
    for (const row of added.values()) put.push(row);
    // Committee rows follow the summary: left out with it. After a finish that left it out
    // (a writer never mixes the two) every row is put again, as nothing is known to be stored.
    const committees =
      summary === null || sameCommitteeRows(before, summary)
        ? { put: [], remove: [] }
        : diffCommittees(committeeRowsOf(before), committeeRowsOf(summary));
    return this.change(summary, { put, patch, remove: removed }, meetingItems, committees);
  }

  /** summarise()'s title alone: the latest proposal's, in business order. */
  private latestTitle(): string | null {
    for (let i = this.sorted.length - 1; i >= 0; i -= 1) {
      const r = this.sorted[i] as RecordLite;
      if (r.step === 'proposed') return r.title;
    }
    return null;
  }

  /** Only the summary as of the last finish(), for a writer that writes summaries late. */
  summaryChange(): SagChange {
    if (!this.finished) throw new Error(`Sag ${this.streamName} has no rows yet`);
    // Made now: nothing was applied since the last finish().
    const summary = this.summaryRow ?? this.summarise();
    return this.change(summary, { put: [], patch: [], remove: [] }, { put: [], remove: [] }, { put: [], remove: [] });
  }

  private change(
    summary: SummaryRow | null,
    timeline: SagChange['timeline'],
    meetingItems: SagChange['meetingItems'],
    committees: SagChange['committees'],
  ): SagChange {
    const { streamName, kommuneKey, sagsnummer, revision } = this;
    return { streamName, kommuneKey, sagsnummer, revision, summary, state: this.state, timeline, meetingItems, committees };
  }

  private changing(): Pending {
    return (this.pending ??= nothingPending());
  }

  /** Records what a meeting showed before this batch first changes it. */
  private touch(key: string): void {
    const pending = this.changing();
    if (pending.meetings.has(key)) return;
    // A copy: insert() adds to a long group in place (see inserted).
    const group = this.byMeeting.get(key);
    pending.meetings.set(key, { group: group ? group.slice() : NO_RECORDS, title: this.title, stored: this.finished });
  }

  /** The timeline row of a new record; finish() fills in what depends on the rest of the sag. */
  private newRow(record: RecordLite, e: RecordedEvent, event: SagEvent): NewTimelineRow {
    return {
      id: record.id,
      position: record.position,
      streamName: this.streamName,
      kommuneKey: this.kommuneKey,
      kommune: this.kommune,
      sagsnummer: this.sagsnummer,
      step: record.step,
      committee: record.committee,
      committeeKey: record.committeeKey,
      meetingDate: record.meetingDate,
      item: record.item,
      title: record.title,
      proposalAccess: record.proposalAccess,
      outcome: record.outcome,
      recommendedTo: record.recommendedTo,
      decisionOutcome: decisionOutcomeOf(record),
      access: 'open',
      itemTitle: null,
      entry: entryOf(event, provenanceOf(e), 'open') as NewTimelineRow['entry'],
    };
  }

  private insert(r: RecordLite, key = meetingOf(r)): void {
    this.records = inserted(this.records, this.records.length, r);
    // Upper bound: after every record that compares equal, as a stable sort in applied order puts it.
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRecords(this.sorted[mid] as RecordLite, r) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.sorted = inserted(this.sorted, lo, r);
    const group = this.byMeeting.get(key);
    this.byMeeting.set(key, group ? inserted(group, group.length, r) : [r]);
  }

  private remove(r: RecordLite): void {
    this.records = this.records.filter((x) => x !== r);
    this.sorted.splice(this.sorted.indexOf(r), 1);
    const key = meetingOf(r);
    const group = (this.byMeeting.get(key) ?? []).filter((x) => x !== r);
    if (group.length) this.byMeeting.set(key, group);
    else this.byMeeting.delete(key);
    const pending = this.changing();
    if (pending.added.has(r.id)) pending.added.delete(r.id);
    else pending.removed.push(r);
  }

  /** derive()'s summary, by scans of the records kept in business order. */
  private summarise(): SummaryRow {
    const sorted = this.sorted;
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    if (!first || !last) throw new Error(`Sag ${this.streamName} has no records`);
    let latestProposal: RecordLite | undefined;
    let lastRecommendation = -1;
    for (let i = sorted.length - 1; i >= 0 && (latestProposal === undefined || lastRecommendation < 0); i -= 1) {
      const r = sorted[i] as RecordLite;
      if (latestProposal === undefined && r.step === 'proposed') latestProposal = r;
      if (lastRecommendation < 0 && r.step === 'recommended') lastRecommendation = i;
    }
    let recommendedTo = lastRecommendation < 0 ? null : (sorted[lastRecommendation] as RecordLite).recommendedTo;
    if (recommendedTo !== null) {
      // The body it went to has decided since: it goes nowhere further on that recommendation.
      const to = committeeKey(recommendedTo);
      for (let i = lastRecommendation + 1; i < sorted.length; i += 1) {
        const r = sorted[i] as RecordLite;
        if (r.step === 'decided' && r.outcome !== 'postponed' && r.committeeKey === to) recommendedTo = null;
      }
    }
    return {
      streamName: this.streamName,
      kommuneKey: this.kommuneKey,
      kommune: this.kommune,
      sagsnummer: this.sagsnummer,
      title: latestProposal?.title ?? null,
      status: statusOf(last),
      access: latestProposal?.proposalAccess ?? 'open',
      lastCommittee: last.committee,
      lastCommitteeKey: last.committeeKey,
      recommendedTo,
      committees: this.committeesOf(sorted),
      firstDate: first.meetingDate,
      lastDate: last.meetingDate,
      revision: this.revision,
      position: this.position,
    };
  }

  /**
   * Committees in order of first treatment, each with its latest name; the
   * array of the last summary when nothing changed (rows.ts writes its JSON
   * once). Scratch arrays, not a Map per call: a sag visits a few committees.
   */
  private committeesOf(sorted: readonly RecordLite[]): readonly CommitteeRef[] {
    const keys = scratchKeys;
    const names = scratchNames;
    keys.length = 0;
    names.length = 0;
    for (const r of sorted) {
      const i = keys.indexOf(r.committeeKey);
      if (i < 0) {
        keys.push(r.committeeKey);
        names.push(r.committee);
      } else names[i] = r.committee;
    }
    const previous = this.summaryRow?.committees;
    if (previous && previous.length === keys.length && previous.every((c, i) => c.committeeKey === keys[i] && c.committee === names[i]))
      return previous;
    return keys.map((committeeKey, i) => ({ committee: names[i] as string, committeeKey }));
  }

  /**
   * derive()'s agenda items of one meeting (all of `group` is at one meeting,
   * so the item number is the key): unknown item numbers join the lowest
   * known one. Rows in order of their first record.
   */
  private agendaItems(group: readonly RecordLite[], sagTitle: string | null): MeetingItemRow[] {
    let lowest: number | null = null;
    for (const r of group) if (r.item !== null && (lowest === null || r.item < lowest)) lowest = r.item;
    const rows: MeetingItemRow[] = [];
    for (let i = 0; i < group.length; i += 1) {
      const head = group[i] as RecordLite;
      const item = head.item ?? lowest;
      if (rows.some((row) => row.item === item)) continue;
      let proposal: RecordLite | undefined;
      let decided: RecordLite | undefined;
      let recommended: RecordLite | undefined;
      let strongest = head;
      let closed = false;
      for (let j = i; j < group.length; j += 1) {
        const r = group[j] as RecordLite;
        if ((r.item ?? lowest) !== item) continue;
        if (!proposal && r.step === 'proposed') proposal = r;
        if (!decided && r.step === 'decided') decided = r;
        if (!recommended && r.step === 'recommended') recommended = r;
        if (ITEM_STEP_RANK[r.step] > ITEM_STEP_RANK[strongest.step]) strongest = r;
        if (r.proposalAccess === 'closed') closed = true;
      }
      rows.push({
        kommuneKey: this.kommuneKey,
        kommune: this.kommune,
        committeeKey: head.committeeKey,
        committee: (proposal ?? head).committee,
        meetingDate: head.meetingDate,
        sagsnummer: this.sagsnummer,
        item,
        title: proposal?.title ?? sagTitle,
        step: strongest.step,
        outcome: decided?.outcome ?? null,
        recommendedTo: recommended?.recommendedTo ?? null,
        access: closed ? 'closed' : 'open',
      });
    }
    return rows;
  }
}

const NO_RECORDS: readonly RecordLite[] = [];
const NO_ROWS: readonly MeetingItemRow[] = [];

/**
 * Below this length a list grows by a copy of its exact size: grown in
 * place, V8 gives a small array 16 spare slots (~200 bytes for 3 records),
 * and a rebuild's cache holds a few lists per sag for thousands of sager.
 */
const EXACT_UP_TO = 32;

/** `list` with `item` at `index`: a new array while small, else `list` itself, changed. */
function inserted<T>(list: T[], index: number, item: T): T[] {
  if (list.length < EXACT_UP_TO) {
    // concat allocates the exact length; the tail then moves up by one.
    const next = list.concat([item]);
    for (let i = next.length - 1; i > index; i -= 1) next[i] = next[i - 1] as T;
    next[index] = item;
    return next;
  }
  list.splice(index, 0, item);
  return list;
}

const ITEM_STEP_RANK: Record<Step, number> = { proposed: 0, genoptaget: 1, decided: 2, recommended: 3 };
const scratchKeys: string[] = [];
const scratchNames: string[] = [];

/** One row per committee the sag visited, carrying its last date and status (what the committee filter sorts by). */
function committeeRowsOf(summary: SummaryRow | null): Map<string, SagCommitteeRow> {
  const rows = new Map<string, SagCommitteeRow>();
  if (!summary) return rows;
  for (const c of summary.committees) {
    rows.set(c.committeeKey, {
      kommuneKey: summary.kommuneKey,
      committeeKey: c.committeeKey,
      sagsnummer: summary.sagsnummer,
      lastDate: summary.lastDate,
      status: summary.status,
    });
  }
  return rows;
}

/** Nothing a committee row holds has changed (committeesOf hands back the same array when the list is the same). */
function sameCommitteeRows(before: SummaryRow | null, after: SummaryRow): boolean {
  return before !== null && before.committees === after.committees && before.lastDate === after.lastDate && before.status === after.status;
}

function diffCommittees(before: Map<string, SagCommitteeRow>, after: Map<string, SagCommitteeRow>): SagChange['committees'] {
  const put: SagCommitteeRow[] = [];
  const remove: SagCommitteeRow[] = [];
  for (const [key, row] of before) if (!after.has(key)) remove.push(row);
  for (const [key, row] of after) {
    const was = before.get(key);
    if (!was || was.lastDate !== row.lastDate || was.status !== row.status) put.push(row);
  }
  return { put, remove };
}

/** The proposal the treatment was made under (the record itself for a proposal), if the meeting holds it. */
function proposalOf(r: RecordLite, meeting: readonly RecordLite[]): RecordLite | undefined {
  if (r.step === 'proposed') return r;
  for (const p of meeting) if (p.step === 'proposed' && sameTreatment(p, r)) return p;
  return undefined;
}

/** As open as the proposal a treatment was made under (buildHistory's accessOf). */
function accessUnder(proposal: RecordLite | undefined): Access {
  return proposal?.proposalAccess ?? 'open';
}

/** Titled by the proposal a treatment was made under, or by the sag. */
function itemTitleUnder(proposal: RecordLite | undefined, sagTitle: string | null): string | null {
  return proposal ? proposal.title : sagTitle;
}

function derivedOf(r: RecordLite, meeting: readonly RecordLite[], sagTitle: string | null): RecordDerived {
  const proposal = proposalOf(r, meeting);
  return { access: accessUnder(proposal), itemTitle: itemTitleUnder(proposal, sagTitle) };
}

export function sameMeetingItem(a: MeetingItemRow, b: MeetingItemRow): boolean {
  return (
    a.committee === b.committee &&
    a.item === b.item &&
    a.title === b.title &&
    a.step === b.step &&
    a.outcome === b.outcome &&
    a.recommendedTo === b.recommendedTo &&
    a.access === b.access &&
    a.kommune === b.kommune
  );
}
