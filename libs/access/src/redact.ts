import type { Access } from '@sagsspor/sag';

/**
 * What anyone without closed access sees instead of a closed item's content.
 * Equal, character for character, to the notice integration events carry
 * (@sagsspor/integration-events CLOSED_NOTICE): every channel says the same.
 */
export const CLOSED_NOTICE = 'Lukket punkt: indholdet er fortroligt.';

interface Marked {
  readonly access: Access;
}

/**
 * The pure core every redaction below uses: the named text fields of a
 * closed record become the notice (null stays null: "no title" reveals
 * nothing). Committee, dates, item, step and outcome stay — following a sag
 * through the committees is public even when the item's content is not.
 */
export function redactFields<T extends Marked>(value: T, fields: readonly (keyof T)[], closedAccess: boolean): T {
  if (closedAccess || value.access !== 'closed') return value;
  const copy = { ...value } as Record<string, unknown>;
  for (const field of fields) {
    if (copy[field as string] !== undefined && copy[field as string] !== null) copy[field as string] = CLOSED_NOTICE;
  }
  return copy as T;
}

/** A timeline entry: its text (for a proposal, the proposal itself), title, proposer and reason. */
export interface TimelineEntryLike extends Marked {
  readonly text: string;
  readonly title?: string;
  readonly proposedBy?: string | null;
  readonly reason?: string;
  readonly correction?: { readonly reason: string };
  /** Set on a record withdrawn from source. */
  readonly withdrawn?: unknown;
}

export function redactTimelineEntry<T extends TimelineEntryLike>(entry: T, closedAccess: boolean): T {
  const shown = redactFields(entry, ['text', 'title', 'proposedBy', 'reason'], closedAccess);
  if (shown === entry) return entry;
  // How members voted on a confidential item, who was away, and notes quoting its text go with its content; so may why it was corrected.
  const { votes: _v, absent: _a, quality: _q, ...rest } = shown as T & { votes?: unknown; absent?: unknown; quality?: unknown };
  return (entry.correction ? { ...rest, correction: { ...entry.correction, reason: CLOSED_NOTICE } } : rest) as T;
}

/**
 * The audit trail of a history — earlier versions of corrected records and
 * records withdrawn from source — is for those who inspect the record on the
 * council's behalf (closed access: auditors); readers see the record as it is now.
 */
function withoutAuditTrail<T extends TimelineEntryLike>(timeline: readonly T[]): T[] {
  return timeline.filter((e) => !e.withdrawn).map((e) => ('versions' in e ? (({ versions: _v, ...rest }) => rest as unknown as T)(e) : e));
}

/** A data-quality note (SagHistory `quality`): its message may quote a closed item's text. */
export interface QualityEntryLike extends Marked {
  readonly message: string;
}

export interface SagHistoryLike extends Marked {
  readonly title: string | null;
  readonly timeline: readonly TimelineEntryLike[];
  readonly quality?: readonly QualityEntryLike[];
}

/**
 * A sag's history (SagHistory, SagHistoryAt). The sag's own title is that of
 * its latest proposal; it is hidden when that proposal is closed, and also
 * when it equals the title of any closed entry (a later open proposal may
 * carry the same words).
 */
export function redactHistory<T extends SagHistoryLike>(history: T, closedAccess: boolean): T {
  if (closedAccess) return history;
  const closedTitles = new Set(history.timeline.filter((e) => e.access === 'closed' && e.title).map((e) => e.title));
  const hideTitle = history.title !== null && (history.access === 'closed' || closedTitles.has(history.title));
  return {
    ...history,
    title: hideTitle ? CLOSED_NOTICE : history.title,
    timeline: withoutAuditTrail(history.timeline).map((e) => redactTimelineEntry(e, false)),
    ...(history.quality ? { quality: history.quality.map((q) => redactFields(q, ['message'], false)) } : {}),
  };
}

/** A history with its route: the route's sources may quote a closed proposal ("indstiller til ..."), hidden as the sag's title is. */
export function redactHistoryWithRoute<
  T extends SagHistoryLike & { readonly route: { readonly sources: readonly { readonly text: string }[] } },
>(history: T, closedAccess: boolean): T {
  const shown = redactHistory(history, closedAccess);
  if (shown.title === history.title) return shown;
  return { ...shown, route: { ...shown.route, sources: shown.route.sources.map((s) => ({ ...s, text: CLOSED_NOTICE })) } };
}

/** A sag in a list (read model SagSummary): its title. */
export function redactSagSummary<T extends Marked & { readonly title: string | null }>(summary: T, closedAccess: boolean): T {
  return redactFields(summary, ['title'], closedAccess);
}

/** An item on a meeting's agenda (read model MeetingItem): its title. */
export function redactMeetingItem<T extends Marked & { readonly title: string | null }>(item: T, closedAccess: boolean): T {
  return redactFields(item, ['title'], closedAccess);
}

/** A decision log entry (read model DecisionEntry): title and decision text. */
export function redactDecisionEntry<T extends Marked & { readonly title: string | null; readonly text: string }>(
  entry: T,
  closedAccess: boolean,
): T {
  return redactFields(entry, ['title', 'text'], closedAccess);
}

/** CloudEvent `data` of a sag integration event: title, text, proposer, proposal, reason; marked `redacted`. */
export interface EventDataLike extends Marked {
  readonly title: string | null;
  readonly text: string;
  readonly proposedBy?: string | null;
  readonly proposal?: string;
  readonly reason?: string;
  readonly redacted?: boolean;
}

export function redactEventData<T extends EventDataLike>(data: T, closedAccess: boolean): T {
  if (closedAccess || data.access !== 'closed') return data;
  return { ...redactFields(data, ['title', 'text', 'proposedBy', 'proposal', 'reason'], false), redacted: true };
}

/** A CloudEvent whose data is a sag event. */
export function redactCloudEvent<E extends { readonly data: EventDataLike }>(event: E, closedAccess: boolean): E {
  const data = redactEventData(event.data, closedAccess);
  return data === event.data ? event : { ...event, data };
}

/**
 * A page of sag summaries as this reader may see it. (The store searched
 * only what this reader may read: the query carried their closed access.)
 */
export function redactSagerPage<S extends Marked & { readonly title: string | null }, P extends { readonly items: readonly S[] }>(
  page: P,
  closedAccess: boolean,
): P {
  return { ...page, items: page.items.map((s) => redactSagSummary(s, closedAccess)) };
}
