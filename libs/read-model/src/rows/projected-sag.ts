import {
  compareBusinessOrder,
  CORRECTION_EVENT_TYPES,
  fallbackTitleOf,
  headlineOf,
  kommuneKey,
  NO_MERGES,
  ROUTE_EVENT_TYPES,
  searchTextsOf,
} from '@sagsspor/sag';
import type { CommitteeMerges, SagEvent, SagRouteEvent, StoredEvent } from '@sagsspor/sag';
import type { DecisionRow, MeetingItemRow, SagSummary } from '../model';
import { diffRows, type SagChange } from './sag-change';
import { recordOf, type SagRecord } from './sag-record';
import { meetingOf, meetingRowsOf, summaryOf, type MeetingRows } from './sag-rows';

const NO_ROWS: MeetingRows = { items: [], decisions: [] };

/**
 * One sag in the projector's hands: its current records (as libs/sag's
 * evolve keeps them: a superseded record goes), in business order and by
 * meeting, and the rows last written for each meeting. Events are applied
 * one by one; change() then derives again only the meetings they touched
 * (every meeting when the sag's title changed) and says what to write.
 */
export class ProjectedSag {
  revision = -1;
  /** Business order; records that compare equal in the order applied. */
  private readonly sorted: SagRecord[] = [];
  /** Each meeting's records in the order applied. */
  private readonly meetings = new Map<string, SagRecord[]>();
  private readonly written = new Map<string, MeetingRows>();
  /** The sag title the written rows were derived with (fallbackTitleOf); undefined before any were. */
  private writtenTitle: string | null | undefined = undefined;
  private readonly touched = new Set<string>();
  private readonly routeVersions: SagRouteEvent['data'][] = [];
  /** Its own row is to be derived again: a route version or the kommune's committee merges changed, or a change left it out. */
  private summaryStale = false;
  private lastSummary: SagSummary | null = null;

  constructor(
    readonly streamName: string,
    readonly kommune: string,
    readonly sagsnummer: string,
  ) {}

  get kommuneKey(): string {
    return kommuneKey(this.kommune);
  }

  /** The kommune's committee merges changed: its summary may name other committees or another next. */
  mergesChanged(): void {
    this.summaryStale = true;
  }

  /** A sag's first event names it: kommune as written there, as buildHistory shows it. */
  static startedBy(stored: StoredEvent, event: { data: { kommune: string; sagsnummer: string } }): ProjectedSag {
    return new ProjectedSag(stored.streamName, String(event.data.kommune), String(event.data.sagsnummer));
  }

  /** Applies an event of this stream not applied yet; throws on a malformed one (nothing changed then). */
  apply(stored: StoredEvent, event: SagEvent | SagRouteEvent): void {
    if (stored.revision <= this.revision) return;
    if (event.type === ROUTE_EVENT_TYPES.routed) {
      this.routeVersions.push(event.data);
      this.summaryStale = true;
      this.revision = stored.revision;
      return;
    }
    const record = recordOf(stored, event);
    // A withdrawn treatment's records are no longer current: they only go.
    if (event.type === CORRECTION_EVENT_TYPES.withdrawn) {
      for (const id of event.data.withdraws) this.remove(id);
      this.revision = stored.revision;
      return;
    }
    if (event.data.supersedes) this.remove(event.data.supersedes);
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBusinessOrder(this.sorted[mid] as SagRecord, record) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.sorted.splice(lo, 0, record);
    const key = meetingOf(record);
    const meeting = this.meetings.get(key);
    if (meeting) meeting.push(record);
    else this.meetings.set(key, [record]);
    this.touched.add(key);
    this.revision = stored.revision;
  }

  private remove(id: string): void {
    const i = this.sorted.findIndex((r) => r.id === id);
    const record = this.sorted[i];
    if (!record) return;
    this.sorted.splice(i, 1);
    const key = meetingOf(record);
    const rest = (this.meetings.get(key) ?? []).filter((r) => r !== record);
    if (rest.length > 0) this.meetings.set(key, rest);
    else this.meetings.delete(key);
    this.touched.add(key);
  }

  /**
   * What the events applied since the last call changed; null when nothing
   * is to be written. Its rows are then taken as written. `merges`: the
   * kommune's committee merges in force. Without `withSummary` the sag's own
   * row is left out and stays due for a later call.
   */
  change(merges: CommitteeMerges = NO_MERGES, withSummary = true): SagChange | null {
    if (this.touched.size === 0 && !(withSummary && this.summaryStale)) return null;
    const withdrawn = this.sorted.length === 0;
    // Every record withdrawn: its rows go, and the summary (as last derived) says the store to drop it.
    const summary = !withSummary
      ? null
      : withdrawn
        ? this.lastSummary && { ...this.lastSummary, revision: this.revision }
        : summaryOf(this, this.revision, this.sorted, this.routeVersions, merges);
    const sagTitle = fallbackTitleOf(summary ?? headlineOf(this.sorted));
    const meetingItems = { put: [] as MeetingItemRow[], remove: [] as MeetingItemRow[] };
    const decisions = { put: [] as DecisionRow[], remove: [] as DecisionRow[] };
    // A new title changes every row titled by the sag.
    const keys = sagTitle === this.writtenTitle ? this.touched : new Set([...this.written.keys(), ...this.meetings.keys()]);
    for (const key of keys) {
      const before = this.written.get(key) ?? NO_ROWS;
      const meeting = this.meetings.get(key);
      const after = meeting ? meetingRowsOf(this, meeting, sagTitle) : NO_ROWS;
      diffRows(before.items, after.items, (m) => m.item, meetingItems);
      diffRows(before.decisions, after.decisions, (d) => d.eventId, decisions);
      if (meeting) this.written.set(key, after);
      else this.written.delete(key);
    }
    this.writtenTitle = sagTitle;
    this.touched.clear();
    this.summaryStale = !withSummary;
    if (summary) this.lastSummary = summary;
    const written = [...this.written.values()];
    return {
      streamName: this.streamName,
      revision: this.revision,
      kommune: this.kommune,
      sagsnummer: this.sagsnummer,
      sag: summary && { summary, search: searchTextsOf(this.sagsnummer, this.sorted) },
      withdrawn,
      meetingItems,
      decisions,
      current: () => ({ meetingItems: written.flatMap((m) => m.items), decisions: written.flatMap((m) => m.decisions) }),
    };
  }
}
