import type { DecideSag, GenoptagSag, Noted, OutcomeInput, ProposalInput, RecommendSag, SagCommand, TreatmentInput } from './commands';
import { NotProposedError, NothingToResumeError, TreatmentConflictError } from './errors';
import { assertNever, EVENT_TYPES, stepOf, type OutcomeData, type SagEvent, type SagProposed, type TreatmentData } from './events';
import { cleanText, committeeKey, kommuneName, normaliseName, normaliseSagsnummer, storedCommitteeKey, type SagId } from './identity';
import { asCorrection, howToCorrect, revise } from './correction';
import { evolve, findRecord, findWithdrawal, type SagState } from './state';
import { contentOf, describeTreatment, reconcile } from './treatment';
import { accessOfRecord, refuseClosedWithoutAccess } from './record-access';
import { validateCommand } from './validate';

/**
 * decide(command, state) → the events that record it. Pure: time, ids and
 * provenance travel in metadata, added by the caller. Recording a treatment
 * that is already recorded the same way yields no events.
 */
export function decide(command: SagCommand, state: SagState): SagEvent[] {
  validateCommand(command);
  switch (command.type) {
    case 'ProposeSag':
      return record(state, [proposedEvent(command.data.sag, command.data.treatment, command.data.proposal, command.data)], command);
    case 'RecommendSag':
      return withProposal(state, command, recommendedEvent(command));
    case 'DecideSag':
      return withProposal(state, command, decidedEvent(command));
    case 'GenoptagSag':
      return withOptionalProposal(state, command, genoptagetEvent(command, state));
    default:
      return assertNever(command);
  }
}

function withProposal(state: SagState, command: RecommendSag | DecideSag, outcome: SagEvent): SagEvent[] {
  const { sag, treatment, proposal } = command.data;
  const proposed = proposal ? [proposedEvent(sag, treatment, proposal)] : [];
  const afterProposal = proposed.reduce(evolve, state);
  const d = outcome.data;
  if (!findRecord(afterProposal, 'proposed', d)) {
    throw new NotProposedError(describeTreatment(d.committee, d.meetingDate, d.item, 'proposed'));
  }
  return record(state, [...proposed, outcome], command);
}

function withOptionalProposal(state: SagState, command: GenoptagSag, event: SagEvent): SagEvent[] {
  const { sag, treatment, proposal } = command.data;
  return record(state, [...(proposal ? [proposedEvent(sag, treatment, proposal)] : []), event], command);
}

/** Reconciles each new record with what is already known of that treatment step. */
function record(state: SagState, candidates: SagEvent[], command: SagCommand): SagEvent[] {
  const out: SagEvent[] = [];
  let current = state;
  for (const candidate of candidates) {
    const d = candidate.data;
    const existing = findRecord(current, stepOf(candidate), d);
    if (!existing) {
      // Recorded again after a withdrawal: the new record supersedes the withdrawal (and so gets an id of its own).
      const withdrawal = findWithdrawal(current, d);
      out.push(withdrawal ? supersede(candidate, withdrawal.id) : candidate);
    } else {
      refuseClosedWithoutAccess(command.closedAccess, current, existing);
      const verdict = command.correction ? revise(existing.event, candidate) : reconcile(existing.event, candidate);
      if (verdict === 'correct' && command.correction) {
        out.push(asCorrection(candidate, existing.id, command.correction));
        current = evolve(current, out[out.length - 1] as SagEvent);
        continue;
      }
      if (verdict === 'conflict') {
        const what = describeTreatment(d.committee, d.meetingDate, d.item, stepOf(candidate));
        const access = accessOfRecord(current, existing);
        throw new TreatmentConflictError(what, contentOf(existing.event), contentOf(candidate), access, howToCorrect(d, existing.id));
      }
      if (verdict === 'same') continue;
      out.push(supersede(candidate, existing.id));
    }
    current = evolve(current, out[out.length - 1] as SagEvent);
  }
  return out;
}

function supersede(event: SagEvent, id: string): SagEvent {
  return { ...event, data: { ...event.data, supersedes: id } } as SagEvent;
}

const clean = (text: string): string => cleanText(text).trim();

function treatmentData(sag: SagId, t: TreatmentInput, text: string, noted: Noted = {}): TreatmentData {
  return {
    kommune: kommuneName(sag.kommune),
    sagsnummer: normaliseSagsnummer(sag.sagsnummer),
    committee: normaliseName(t.committee),
    committeeKey: committeeKey(t.committee),
    meetingDate: t.meetingDate,
    item: t.item ?? null,
    text: clean(text),
    evidence: t.evidence ?? 'direct',
    supersedes: null,
    quality: (noted.quality ?? []).map((q) => ({ document: q.document, line: q.line ?? null, message: q.message.trim() })),
  };
}

function outcomeData(o: OutcomeInput): OutcomeData {
  const v = o.votes;
  const names = (list: readonly string[]) => list.map((n) => n.trim()).filter((n) => n.length > 0);
  return {
    votes: v
      ? { for: names(v.for), against: names(v.against), abstained: names(v.abstained), notTakingPart: names(v.notTakingPart) }
      : null,
    absent: names(o.absent ?? []),
  };
}

function proposedEvent(sag: SagId, t: TreatmentInput, p: ProposalInput, noted: Noted = {}): SagProposed {
  return {
    type: EVENT_TYPES.proposed,
    data: {
      ...treatmentData(sag, t, p.proposal, noted),
      title: clean(p.title),
      proposedBy: (p.proposedBy && clean(p.proposedBy)) || null,
      proposal: clean(p.proposal),
      access: p.access ?? 'open',
    },
  };
}

function recommendedEvent(c: RecommendSag): SagEvent {
  const { sag, treatment, text, recommendedTo } = c.data;
  return {
    type: EVENT_TYPES.recommended,
    data: { ...treatmentData(sag, treatment, text, c.data), recommendedTo: normaliseName(recommendedTo), ...outcomeData(c.data) },
  };
}

function decidedEvent(c: DecideSag): SagEvent {
  const { sag, treatment, text, outcome } = c.data;
  return { type: EVENT_TYPES.decided, data: { ...treatmentData(sag, treatment, text, c.data), outcome, ...outcomeData(c.data) } };
}

function genoptagetEvent(c: GenoptagSag, state: SagState): SagEvent {
  const { sag, treatment, reason, resumes } = c.data;
  const data = treatmentData(sag, treatment, reason, c.data);
  const postponed = findPostponed(state, data, resumes ?? null);
  if (!postponed) {
    throw new NothingToResumeError(describeTreatment(data.committee, data.meetingDate, data.item, 'genoptaget'), resumes ?? null);
  }
  const p = postponed.event.data;
  return {
    type: EVENT_TYPES.genoptaget,
    data: { ...data, reason: clean(reason), resumes: { committeeKey: p.committeeKey, meetingDate: p.meetingDate, item: p.item } },
  };
}

/** The latest postponed treatment before this meeting; the same committee's first. */
function findPostponed(state: SagState, at: TreatmentData, resumes: string | null) {
  const postponed = state.records
    .filter((r) => r.event.type === EVENT_TYPES.decided && r.event.data.outcome === 'postponed')
    .filter((r) => r.event.data.meetingDate < at.meetingDate)
    .filter((r) => resumes === null || r.event.data.meetingDate === resumes)
    .sort((a, b) => (a.event.data.meetingDate < b.event.data.meetingDate ? 1 : -1));
  return postponed.find((r) => storedCommitteeKey(r.event.data.committeeKey) === at.committeeKey) ?? postponed[0];
}
