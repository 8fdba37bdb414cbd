import { kommuneKey } from '@sagsspor/sag';
import type { ReadModelSnapshot } from '../port';

/** One order for every store's snapshot, so two stores' snapshots compare equal when their rows are. */
export function sortedSnapshot(s: ReadModelSnapshot): ReadModelSnapshot {
  return {
    sager: [...s.sager].sort((a, b) => compareKeys([kommuneKey(a.kommune), a.sagsnummer], [kommuneKey(b.kommune), b.sagsnummer])),
    meetingItems: [...s.meetingItems].sort((a, b) =>
      compareKeys(
        [kommuneKey(a.kommune), a.committeeKey, a.meetingDate, a.sagsnummer, a.item ?? -1],
        [kommuneKey(b.kommune), b.committeeKey, b.meetingDate, b.sagsnummer, b.item ?? -1],
      ),
    ),
    decisions: [...s.decisions].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0)),
  };
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}
