import { NotFoundError } from '@sagsspor/kernel';
import type { SagCommand } from './commands';
import { InvalidCommandError } from './errors';
import {
  CORRECTION_EVENT_TYPES,
  EVENT_TYPES,
  OUTCOMES,
  stepOf,
  type Access,
  type Correction,
  type Outcome,
  type SagEvent,
  type SagRecordEvent,
  type SagWithdrawn,
  type Step,
} from './events';
import { cleanText, committeeKey, identityProblem, itemProblem, normaliseName, type SagId } from './identity';
import { findRecord, type SagState, type TreatmentRecord } from './state';
import { contentOf, reconcile, sameTreatment, type Reconciliation, type TreatmentLocator } from './treatment';
import { accessOfRecord, refuseClosedWithoutAccess } from './record-access';

/** What a correction may replace in a recorded treatment; each field only where its step has it. */
export interface TreatmentChanges {
  readonly item?: number | null;
  /** An outcome's wording (recommended, decided). */
  readonly text?: string;
  readonly outcome?: Outcome;
  readonly recommendedTo?: string;
  /** A proposal's title, wording, proposer and access. */
  readonly title?: string;
  readonly proposal?: string;
  readonly proposedBy?: string | null;
  readonly access?: Access;
  /** A genoptagelse's stated reason. */
  readonly reason?: string;
}

/** A clerk's correction of one current record, named by its event id. */
export interface CorrectTreatment {
  readonly type: 'CorrectTreatment';
  /** As for SagCommand: whether the caller may read closed items (absent: yes). */
  readonly closedAccess?: boolean;
  readonly data: { readonly sag: SagId; readonly corrects: string; readonly changes: TreatmentChanges; readonly correction: Correction };
}

export class TreatmentNotFoundError extends NotFoundError {
  constructor(sag: SagId, id: string) {
    super(
      'sag.treatment-not-found',
      `No current treatment record of sag ${sag.sagsnummer} has the id ${id}. Read the sag's history for the ids of its current records (a record corrected since has a new id).`,
      { corrects: id },
    );
  }
}

/** How to correct instead of recording again: said in the 409 of an ordinary write. */
export function howToCorrect(sag: SagId, existingId: string): Record<string, unknown> {
  return {
    correct: {
      method: 'POST',
      href: `/sager/${encodeURIComponent(sag.kommune)}/${encodeURIComponent(sag.sagsnummer)}/corrections`,
      body: { corrects: existingId, reason: '<why the record is wrong>', changes: '<the fields to replace>' },
      note: 'A correction keeps the recorded version as history; send If-Match with the ETag of the sag.',
    },
  };
}

/** decide for a clerk's correction: the corrected record, or nothing when the content is already so. Pure. */
export function decideCorrection(command: CorrectTreatment, state: SagState): SagEvent[] {
  const { sag, corrects, changes, correction } = command.data;
  validateCorrection(correction);
  const record = state.records.find((r) => r.id === corrects);
  if (!record || record.event.type === CORRECTION_EVENT_TYPES.withdrawn) throw new TreatmentNotFoundError(sag, corrects);
  const event = record.event;
  refuseClosedWithoutAccess(command.closedAccess, state, record);
  const corrected = applyChanges(event, changes);
  if (sameContent(event, corrected)) return [];
  return [asCorrection(corrected, record.id, { reason: clean(correction.reason), source: correction.source })];
}

/**
 * How a newer version of a document relates to what an older one recorded:
 * a direct record it states differently is corrected (whatever is blank in
 * either); everything else reconciles as ever.
 */
export function revise(existing: SagEvent, incoming: SagEvent): Reconciliation | 'correct' {
  if (existing.data.evidence === 'direct' && incoming.data.evidence === 'direct' && !sameContent(existing, incoming)) return 'correct';
  return reconcile(existing, incoming);
}

/** A record that replaces the one with id `supersedes` because that one was wrong. */
export function asCorrection(event: SagEvent, supersedes: string, correction: Correction): SagEvent {
  return { ...event, data: { ...event.data, supersedes, correction } } as SagEvent;
}

/** Where a record sits and which step it is: what a document version states, and what it no longer does. */
export interface StatedTreatment extends TreatmentLocator {
  readonly step: Step;
}

/** The treatment steps a command records (its proposal's too). */
export function treatmentsOf(command: SagCommand): StatedTreatment[] {
  const t = command.data.treatment;
  const at = { committeeKey: committeeKey(t.committee), meetingDate: t.meetingDate, item: t.item ?? null };
  const step: Step = { ProposeSag: 'proposed', RecommendSag: 'recommended', DecideSag: 'decided', GenoptagSag: 'genoptaget' }[
    command.type
  ] as Step;
  const withProposal = command.type !== 'ProposeSag' && command.data.proposal;
  return [...(withProposal ? [{ ...at, step: 'proposed' as const }] : []), { ...at, step }];
}

/**
 * Withdrawals for a newer version of one meeting's minutes: one for each
 * treatment of that meeting with direct records the version no longer
 * states, naming those records. A caller without closed access
 * (`closedAccess: false`) withdraws no closed item: that is a write to a
 * closed step (see refuseClosedWithoutAccess). Pure.
 */
export function decideWithdrawals(
  state: SagState,
  meeting: { readonly committeeKey: string; readonly meetingDate: string },
  stated: readonly StatedTreatment[],
  correction: Correction,
  closedAccess?: boolean,
): SagWithdrawn[] {
  const gone = state.records.filter(
    (r) =>
      (closedAccess !== false || accessOfRecord(state, r) !== 'closed') &&
      r.event.data.evidence === 'direct' &&
      r.event.data.committeeKey === meeting.committeeKey &&
      r.event.data.meetingDate === meeting.meetingDate &&
      !stated.some((s) => s.step === r.step && sameTreatment(s, r.event.data) && findRecord(state, s.step, s) === r),
  );
  const treatments = new Map<string, TreatmentRecord[]>();
  for (const r of gone) {
    const key = String(r.event.data.item);
    treatments.set(key, [...(treatments.get(key) ?? []), r]);
  }
  return [...treatments.values()].map((records) => withdrawalOf(records, correction));
}

/** Named by its latest step: the outcome a subscriber was last told of. */
function withdrawalOf(records: readonly TreatmentRecord[], correction: Correction): SagWithdrawn {
  const main = [...records].sort((a, b) => STEP_ORDER.indexOf(b.step) - STEP_ORDER.indexOf(a.step))[0] as TreatmentRecord;
  const d = main.event.data;
  return {
    type: CORRECTION_EVENT_TYPES.withdrawn,
    data: {
      kommune: d.kommune,
      sagsnummer: d.sagsnummer,
      committee: d.committee,
      committeeKey: d.committeeKey,
      meetingDate: d.meetingDate,
      item: d.item,
      text: '',
      evidence: d.evidence,
      supersedes: main.id,
      quality: [],
      step: main.step,
      withdraws: records.map((r) => r.id),
      correction,
    },
  };
}

const STEP_ORDER: readonly Step[] = ['proposed', 'genoptaget', 'recommended', 'decided'];

/** Two records of a treatment say the same (data-quality notes are no content). */
export function sameContent(a: SagEvent, b: SagEvent): boolean {
  const [x, y] = [contentOf(a), contentOf(b)];
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => (x[k] ?? null) === (y[k] ?? null));
}

const FIELDS_OF: Record<Step, readonly (keyof TreatmentChanges)[]> = {
  proposed: ['item', 'title', 'proposal', 'proposedBy', 'access'],
  recommended: ['item', 'text', 'recommendedTo'],
  decided: ['item', 'text', 'outcome'],
  genoptaget: ['item', 'reason'],
};

const clean = (text: string): string => cleanText(text).trim();

function applyChanges(event: SagEvent, changes: TreatmentChanges): SagRecordEvent {
  if (event.type === CORRECTION_EVENT_TYPES.withdrawn) throw new InvalidCommandError('A withdrawal cannot be corrected');
  const step = stepOf(event);
  const given = (Object.keys(changes) as (keyof TreatmentChanges)[]).filter((k) => changes[k] !== undefined);
  if (given.length === 0) throw new InvalidCommandError('changes must name at least one field to correct', 'changes');
  for (const field of given) {
    if (!FIELDS_OF[step].includes(field)) {
      const hint = field === 'access' ? " (a treatment is as open as its proposal: correct the proposal's record)" : '';
      throw new InvalidCommandError(
        `A ${step} record has no ${field} to correct${hint}; it has ${FIELDS_OF[step].join(', ')}`,
        `changes.${field}`,
      );
    }
  }
  const c = validChanges(changes);
  const item = c.item === undefined ? event.data.item : c.item;
  switch (event.type) {
    case EVENT_TYPES.proposed: {
      const proposal = c.proposal ?? event.data.proposal;
      const proposedBy = c.proposedBy === undefined ? event.data.proposedBy : c.proposedBy;
      return {
        type: event.type,
        data: {
          ...event.data,
          item,
          title: c.title ?? event.data.title,
          proposal,
          text: proposal,
          proposedBy,
          access: c.access ?? event.data.access,
        },
      };
    }
    case EVENT_TYPES.recommended:
      return {
        type: event.type,
        data: { ...event.data, item, text: c.text ?? event.data.text, recommendedTo: c.recommendedTo ?? event.data.recommendedTo },
      };
    case EVENT_TYPES.decided:
      return { type: event.type, data: { ...event.data, item, text: c.text ?? event.data.text, outcome: c.outcome ?? event.data.outcome } };
    case EVENT_TYPES.genoptaget: {
      const reason = c.reason ?? event.data.reason;
      return { type: event.type, data: { ...event.data, item, reason, text: reason } };
    }
  }
}

/** The changes, checked and in the form records keep (clean text, normal names). */
function validChanges(c: TreatmentChanges): TreatmentChanges {
  const text = (v: unknown, field: string): string => {
    if (typeof v !== 'string' || v.trim() === '')
      throw new InvalidCommandError(`changes.${field} must be a non-empty text`, `changes.${field}`);
    return clean(v);
  };
  if (c.item !== undefined) {
    const problem = itemProblem(c.item);
    if (problem) throw new InvalidCommandError(problem, 'changes.item');
  }
  if (c.outcome !== undefined && !(OUTCOMES as readonly string[]).includes(c.outcome)) {
    throw new InvalidCommandError(`changes.outcome must be one of ${OUTCOMES.join(', ')}`, 'changes.outcome');
  }
  if (c.access !== undefined && c.access !== 'open' && c.access !== 'closed') {
    throw new InvalidCommandError('changes.access must be open or closed', 'changes.access');
  }
  if (c.recommendedTo !== undefined) {
    const problem = identityProblem('committee', c.recommendedTo);
    if (problem) throw new InvalidCommandError(problem, 'changes.recommendedTo');
  }
  if (c.proposal !== undefined && typeof c.proposal !== 'string')
    throw new InvalidCommandError('changes.proposal must be text', 'changes.proposal');
  return {
    ...(c.item !== undefined ? { item: c.item } : {}),
    ...(c.text !== undefined ? { text: text(c.text, 'text') } : {}),
    ...(c.outcome !== undefined ? { outcome: c.outcome } : {}),
    ...(c.recommendedTo !== undefined ? { recommendedTo: normaliseName(c.recommendedTo) } : {}),
    ...(c.title !== undefined ? { title: text(c.title, 'title') } : {}),
    ...(c.proposal !== undefined ? { proposal: clean(c.proposal) } : {}),
    ...(c.proposedBy !== undefined ? { proposedBy: c.proposedBy === null ? null : clean(c.proposedBy) || null } : {}),
    ...(c.access !== undefined ? { access: c.access } : {}),
    ...(c.reason !== undefined ? { reason: text(c.reason, 'reason') } : {}),
  };
}

function validateCorrection(c: Correction): void {
  if (typeof c.reason !== 'string' || c.reason.trim() === '')
    throw new InvalidCommandError('reason must be a non-empty text: say why the record is wrong', 'reason');
  const s = c.source;
  const ok =
    s.kind === 'clerk'
      ? typeof s.clerk === 'string' && s.clerk.trim() !== ''
      : typeof s.name === 'string' && /^[0-9a-f]{64}$/.test(s.sha256);
  if (!ok) throw new InvalidCommandError('source must name the clerk, or the document with its sha256', 'source');
}
