import type { SagHistoryAt } from '@sagsspor/audit';
import type { RouteStop, SagRoute, TimelineEntry } from '@sagsspor/sag';

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

/** A stop still ahead on the route row: planned, next, or the body that decides. */
export interface StopAhead {
  readonly committee: string;
  readonly committeeKey: string;
  readonly next: boolean;
  readonly deciding: boolean;
}

/**
 * The route as a row: the treatments so far (SagRoute.visited), then the
 * stops still ahead in the order the route gives them (planned stops, the
 * next stop, the deciding body), each once. Where the sag is and where it
 * goes are the route's own answers (now, next, final); this only lays them out.
 */
export function stopsAhead(route: SagRoute): StopAhead[] {
  if (route.final) return [];
  const visited = new Set(route.visited.map((v) => v.committeeKey));
  const ahead = new Map<string, RouteStop>();
  for (const s of [...route.pending, ...(route.next ? [route.next] : []), ...(route.decidingBody ? [route.decidingBody] : [])])
    if (!visited.has(s.committeeKey) && !ahead.has(s.committeeKey)) ahead.set(s.committeeKey, s);
  // The deciding body goes last, whatever order the planned stops came in.
  const deciding = route.decidingBody?.committeeKey;
  return [...ahead.values()]
    .sort((a, b) => Number(a.committeeKey === deciding) - Number(b.committeeKey === deciding))
    .map((s) => ({
      committee: s.committee,
      committeeKey: s.committeeKey,
      next: s.committeeKey === route.next?.committeeKey,
      deciding: s.committeeKey === deciding,
    }));
}
