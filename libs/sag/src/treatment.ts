import { CORRECTION_EVENT_TYPES, EVENT_TYPES, stepOf, type OutcomeData, type SagEvent, type Step } from './events';

/** Human-readable name of a treatment, for messages. */
export function describeTreatment(committee: string, meetingDate: string, item: number | null, step: Step): string {
  return `${step} in ${committee} on ${meetingDate}${item === null ? '' : ` (item ${item})`}`;
}

export interface TreatmentLocator {
  readonly committeeKey: string;
  readonly meetingDate: string;
  readonly item: number | null;
}

/** An unknown item number matches any item of the same committee and meeting. */
export function sameTreatment(a: TreatmentLocator, b: TreatmentLocator): boolean {
  return a.committeeKey === b.committeeKey && a.meetingDate === b.meetingDate && (a.item === null || b.item === null || a.item === b.item);
}

/** The facts of a step that two records of the same treatment must agree on. */
export function contentOf(event: SagEvent): Record<string, string | number | null> {
  const d = event.data;
  const step = stepOf(event);
  switch (event.type) {
    case EVENT_TYPES.proposed:
      return {
        step,
        item: d.item,
        title: event.data.title,
        proposedBy: event.data.proposedBy,
        proposal: event.data.proposal,
        access: event.data.access,
      };
    case EVENT_TYPES.recommended:
      return { step, item: d.item, recommendedTo: event.data.recommendedTo, text: d.text, ...outcomeContent(event.data) };
    case EVENT_TYPES.decided:
      return { step, item: d.item, outcome: event.data.outcome, text: d.text, ...outcomeContent(event.data) };
    case EVENT_TYPES.genoptaget: {
      const r = event.data.resumes;
      return { step, item: d.item, reason: event.data.reason, resumes: `${r.committeeKey}|${r.meetingDate}|${r.item ?? ''}` };
    }
    case CORRECTION_EVENT_TYPES.withdrawn:
      return { step, item: d.item, withdraws: d.supersedes };
  }
}

/**
 * Votes and absences as comparable text, blank when none is recorded, so a
 * record without them (a clerk's, or one read from v1) is enriched by one
 * with them. Data-quality notes are no fact of the treatment: not compared.
 */
function outcomeContent(d: OutcomeData): { votes: string | null; absent: string | null } {
  const v = d.votes;
  const votes = v ? [v.for, v.against, v.abstained, v.notTakingPart].map((l) => l.join(',')).join('|') : null;
  return { votes, absent: d.absent.length > 0 ? d.absent.join(',') : null };
}

export type Reconciliation = 'same' | 'replace' | 'conflict';

const isBlank = (v: string | number | null | undefined): boolean => v === null || v === undefined || v === '';

/**
 * How a new record of an already-recorded treatment step relates to the old
 * one. Direct records (the committee's own minutes, a clerk) outrank
 * references from other bodies' documents; among references the richer one
 * wins by a fixed order, so that importing documents in any order ends in the
 * same history.
 */
export function reconcile(existing: SagEvent, incoming: SagEvent): Reconciliation {
  const [ev, inc] = [existing.data.evidence, incoming.data.evidence];
  if (ev === 'direct' && inc === 'reference') return 'same';
  if (ev === 'reference' && inc === 'direct') return 'replace';
  const [a, b] = [contentOf(existing), contentOf(incoming)];
  if (ev === 'reference') return referenceRank(b) > referenceRank(a) ? 'replace' : 'same';
  let enriches = false;
  for (const key of Object.keys(b)) {
    if (isBlank(b[key]) || b[key] === a[key]) continue;
    if (!isBlank(a[key])) return 'conflict';
    enriches = true;
  }
  return enriches ? 'replace' : 'same';
}

/** A total order on reference records: known item first, then more text, then text order. */
function referenceRank(c: Record<string, string | number | null>): string {
  const text = Object.entries(c)
    .filter(([k]) => k !== 'item' && k !== 'step')
    .map(([, v]) => String(v ?? ''))
    .join('\u0000');
  return `${c.item === null ? 0 : 1}${String(text.length).padStart(9, '0')}${text}`;
}
