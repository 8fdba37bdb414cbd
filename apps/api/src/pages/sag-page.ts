import type { SagHistoryAt } from '@sagsspor/audit';
import type { TimelineEntry } from '@sagsspor/sag';

/** One treatment of the sag: a committee's item at one meeting, with its steps (proposal, recommendation, decision ...). */
export interface Treatment {
  readonly date: string;
  readonly committee: string;
  readonly committeeKey: string;
  readonly item: number | null;
  readonly closed: boolean;
  readonly entries: TimelineEntry[];
}

/** Steps grouped by treatment, in the timeline's (business) order of each treatment's first step. */
export function treatmentsOf(history: Pick<SagHistoryAt, 'timeline'>): Treatment[] {
  const byKey = new Map<string, TimelineEntry[]>();
  for (const e of history.timeline) {
    const key = `${e.date}\u0000${e.committeeKey}\u0000${e.item ?? ''}`;
    const list = byKey.get(key);
    if (list) list.push(e);
    else byKey.set(key, [e]);
  }
  return [...byKey.values()].map((entries) => {
    const first = entries[0] as TimelineEntry;
    return {
      date: first.date,
      committee: first.committee,
      committeeKey: first.committeeKey,
      item: first.item,
      closed: entries.some((e) => e.access === 'closed'),
      entries,
    };
  });
}

/** The sag's meeting dates, oldest first: the stops of the as-of slider. */
export function meetingDates(history: Pick<SagHistoryAt, 'timeline'>): string[] {
  return [...new Set(history.timeline.map((e) => e.date))].sort();
}

/** Committees in the order they first treated the sag. */
export function committeesOf(history: Pick<SagHistoryAt, 'timeline'>): { committee: string; committeeKey: string }[] {
  const seen = new Map<string, string>();
  for (const e of history.timeline) if (!seen.has(e.committeeKey)) seen.set(e.committeeKey, e.committee);
  return [...seen.entries()].map(([committeeKey, committee]) => ({ committee, committeeKey }));
}
