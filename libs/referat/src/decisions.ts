import { liftAbsence } from './absence';
import { classifyDecision, type DecisionContext } from './classify';
import type { DecisionHeading } from './headings';
import { joinLines, sameCommittee, splitPeriod } from './text';
import type { ParsedDecision } from './types';
import { parseVotes } from './votes';

/** What a decision block needs to know about the meeting it is printed in. */
export interface MeetingContext {
  committee: string;
  date: string;
}

export type KnownDecisionHeading = Exclude<DecisionHeading, { kind: 'unrecognised' }>;

/**
 * One decision block. A plain "Beslutning" is this committee's outcome at
 * this meeting. A dated heading is this meeting's outcome too when it names
 * this committee and this date; otherwise it is an earlier meeting (a
 * resumed item) or another committee's treatment, kept with its own item
 * number only when the heading states one. Every block of the item answers
 * the item's indstilling, so "Indstillingen tiltrådt" is read against it.
 */
export function buildDecision(
  heading: KnownDecisionHeading,
  body: readonly string[],
  line: number,
  itemNumber: number,
  meeting: MeetingContext,
  context: DecisionContext = {},
): ParsedDecision {
  const { lines, absent, notTakingPart } = liftAbsence([heading.rest, ...body]);
  const text = joinLines(lines);
  const votes = parseVotes(text, notTakingPart);
  const classification = classifyDecision(text, context);
  if (heading.kind === 'plain') {
    return { committee: null, date: null, item: itemNumber, current: true, text, absent, votes, classification, line };
  }
  const committee = splitPeriod(heading.committee).name;
  const current = heading.date === meeting.date && sameCommittee(committee, meeting.committee);
  const item = heading.item ?? (current ? itemNumber : null);
  return { committee, date: heading.date, item, current, text, absent, votes, classification, line };
}
