import type { Meeting, MeetingItem, MeetingItemRow } from './model';

/**
 * Meetings newest first; items by number (unknown last), then sag number.
 * The same for every store. `committeeKey`: the committee's, whichever of
 * its keys (its merged aliases') a row was stored by.
 */
export function groupMeetings(rows: readonly MeetingItemRow[], committeeKey: string): Meeting[] {
  const byDate = new Map<string, MeetingItemRow[]>();
  for (const r of rows) {
    const list = byDate.get(r.meetingDate);
    if (list) list.push(r);
    else byDate.set(r.meetingDate, [r]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([meetingDate, items]) => {
      const first = items[0] as MeetingItemRow;
      const names = items.map((i) => i.committee).sort();
      return {
        meetingDate,
        committee: names[0] ?? first.committee,
        committeeKey,
        items: items.map(toMeetingItem).sort(compareItems),
      };
    });
}

function toMeetingItem(r: MeetingItemRow): MeetingItem {
  return {
    item: r.item,
    sagsnummer: r.sagsnummer,
    title: r.title,
    step: r.step,
    outcome: r.outcome,
    recommendedTo: r.recommendedTo,
    access: r.access,
  };
}

function compareItems(a: MeetingItem, b: MeetingItem): number {
  const ai = a.item ?? Number.MAX_SAFE_INTEGER;
  const bi = b.item ?? Number.MAX_SAFE_INTEGER;
  return ai - bi || (a.sagsnummer < b.sagsnummer ? -1 : a.sagsnummer > b.sagsnummer ? 1 : 0);
}
