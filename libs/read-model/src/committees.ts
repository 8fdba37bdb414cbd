import { canonicalKey, withAliases, type CommitteeMerges } from '@sagsspor/sag';
import type { CommitteeSummary } from './model';

/** A committee's agenda items at one meeting, by the key they were stored with. The same for every store. */
export interface CommitteeMeetingRow {
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly items: number;
  /** The alphabetically first name it was printed with at that meeting. */
  readonly committee: string;
  /** Every name it was printed with there. */
  readonly names: readonly string[];
}

/**
 * A kommune's committees from their meetings: one per committee, an alias
 * merged into another counted with it (a meeting both were printed for is
 * one meeting). Named as at its latest meeting; periods and aliases from
 * every name printed (libs/sag's withAliases).
 */
export function committeeSummariesOf(rows: readonly CommitteeMeetingRow[], merges: CommitteeMerges): CommitteeSummary[] {
  const byCommittee = new Map<string, Map<string, CommitteeMeetingRow[]>>();
  for (const row of rows) {
    const key = canonicalKey(merges, row.committeeKey);
    const meetings = byCommittee.get(key) ?? new Map<string, CommitteeMeetingRow[]>();
    meetings.set(row.meetingDate, [...(meetings.get(row.meetingDate) ?? []), row]);
    byCommittee.set(key, meetings);
  }
  return [...byCommittee.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([committeeKey, meetings]) => {
      const dates = [...meetings.keys()].sort();
      const all = [...meetings.values()].flat();
      const latest = meetings.get(dates[dates.length - 1] ?? '') ?? [];
      const summary = {
        committee: latest.map((r) => r.committee).sort()[0] ?? committeeKey,
        committeeKey,
        meetings: dates.length,
        items: all.reduce((n, r) => n + r.items, 0),
        firstMeeting: dates[0] ?? '',
        lastMeeting: dates[dates.length - 1] ?? '',
      };
      return withAliases(
        summary,
        all.flatMap((r) => r.names),
      );
    });
}
